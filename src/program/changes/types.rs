//! What `describe_changes` returns, and its options.

use crate::text::error::Errors;
use crate::text::message::Message;
use crate::text::options::OptionsReader;
use crate::text::value::Value;
use serde::Serialize;

/// The changes from the program as opened to the edited one, in the order of the program file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ProgramChanges {
    /// In the order of the program file: its keys as the file as opened has them (new keys
    /// last), the items of each list in their edited order, what was removed where it was;
    /// at most 500.
    pub changes: Vec<ProgramChange>,
    /// How many changes there are in all: more than `changes` holds when the list was cut.
    pub total: usize,
}

/// One change: an item added, removed or moved, or one setting of an item changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ProgramChange {
    pub kind: ChangeKind,
    /// Where, as errors name places (`tiers[2].min_score`, `regions[0].tiers.gold.min_score`):
    /// in the edited file, or in the file as opened for what was removed.
    pub path: String,
    /// The item changed: a tier, criterion, field, requirement, ... (the program itself for
    /// its own settings).
    pub subject: ChangeSubject,
    /// The items it belongs to, outermost first: the region of a tier's change in a region,
    /// the tier of a requirement, the field of an option.
    pub within: Vec<ChangeSubject>,
    /// The setting changed within the subject (`min_score`, `rule.target`, `label.de`), or
    /// the list an entry was added to or removed from (`benefits`); none when the subject
    /// itself was added, removed or moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub setting: Option<String>,
    /// The value before and after (`null`: none; also when larger than 4,096 values and
    /// characters). For a moved item, its position (from 0) before and after; in a track,
    /// region or path, a setting it now changes is shown against the base program's value.
    #[cfg_attr(feature = "typescript", ts(type = "Json"))]
    pub before: Option<Value>,
    #[cfg_attr(feature = "typescript", ts(type = "Json"))]
    pub after: Option<Value>,
    /// In English, for a program manager: "Tier Gold: minimum score 70 → 75".
    pub text: String,
    /// `text` as a message for the page's catalogs (`changes.*`).
    pub text_i18n: Message,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// An item, or an entry of a list of values (a benefit, a language).
    Added,
    Removed,
    /// A setting of an item.
    Changed,
    /// An item now comes elsewhere in its list (or a list of values was reordered).
    Moved,
}

/// A thing of the program, by kind and label.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ChangeSubject {
    pub kind: ChangeSubjectKind,
    /// Its id; for a requirement without one, the name it is known by (the field, category or
    /// certifications field it checks).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub id: Option<String>,
    /// Its label in the language asked for (a requirement: what it asks for), at most 100
    /// characters; the id when it has none.
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChangeSubjectKind {
    Program,
    Section,
    Field,
    /// An option of a choice or multi-choice field.
    #[serde(rename = "option")]
    FieldOption,
    /// A kind of a certifications field.
    CertificationKind,
    Category,
    Criterion,
    Tier,
    Requirement,
    Track,
    Region,
    Path,
}

/// Options of `describe_changes` from JavaScript (`{"lang": "de"}`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeOptions {
    /// The language of labels (the catalogs give the rest of the sentence).
    pub lang: Option<String>,
}

impl ChangeOptions {
    pub const KEYS: &'static [&'static str] = &["lang"];

    /// Options from JSON text; `null` or an empty text is none.
    pub fn from_json(text: &str) -> Result<ChangeOptions, Errors> {
        let mut o = OptionsReader::from_json(text, ChangeOptions::KEYS)?;
        let lang = o.string("lang");
        o.finish()?;
        Ok(ChangeOptions { lang })
    }
}
