//! Reading, validating and preparing a program file.

mod build;
pub mod changes;
mod direct;
pub mod model;
mod parse;
pub mod profile;
mod requires;
mod rules;
mod settings;

use crate::text::error::{ErrorKind, Errors, Issue};
use crate::text::value::Value;
use crate::util::SmallSet;

pub use model::{Form, FormTier, Program};
pub use parse::{FORMAT_VERSION, MAX_OPTIONS};

impl Program {
    /// Reads a program from JSON text.
    pub fn from_json(text: &str) -> Result<Program, Errors> {
        let value = crate::text::value::parse(text).map_err(|e| Errors::new(ErrorKind::Program, vec![e.into()]))?;
        Program::from_parsed(&value)
    }

    /// Reads a program from any serializable value (a `serde_json::Value`, your own
    /// structs), as if it were written out as JSON text.
    pub fn from_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<Program, Errors> {
        let text = crate::text::json_write::to_string(value).map_err(|e| Errors::single(ErrorKind::Program, "", e.to_string()))?;
        Program::from_json(&text)
    }

    /// Reads a parsed program, reporting every problem at once.
    pub fn from_parsed(value: &Value) -> Result<Program, Errors> {
        let mut builder = Builder::default();
        let scorecard = builder.build(value);
        // At most MAX_ISSUES + 1 issues: the de-duplication stays cheap.
        let warnings = std::mem::take(&mut builder.warnings);
        let mut issues = builder.reader.into_issues();
        let mut seen = SmallSet::new();
        issues.retain(|issue| seen.insert(issue.clone()));
        match scorecard {
            Some(mut scorecard) if issues.is_empty() => {
                scorecard.warnings = warnings;
                Ok(scorecard)
            }
            _ => {
                if issues.is_empty() {
                    issues.push(Issue::new("", "the program could not be read"));
                }
                Err(Errors::new(ErrorKind::Program, issues))
            }
        }
    }
}

use build::Builder;

impl Program {
    /// Sections, fields (with labels in `lang` where the program has them) and the
    /// program's tracks and regions: what a form needs.
    pub fn form(&self) -> Form<'_> {
        Form {
            id: &self.id,
            name: &self.name,
            description: self.description.as_ref(),
            version: self.version.as_deref(),
            currency: self.currency.as_deref(),
            effort_unit: self.effort_unit.as_ref(),
            languages: &self.languages,
            sections: &self.sections,
            fields: &self.fields,
            categories: &self.categories,
            tracks: &self.tracks,
            regions: &self.regions,
            tiers: self.variants[0]
                .tiers
                .iter()
                .map(|t| FormTier { id: &t.id, label: &t.label, help: t.help.as_ref(), benefits: &t.benefits, min_score: t.min_score })
                .collect(),
            max_score: self.max_total(0, None),
            retention: self.retention,
        }
    }
}
