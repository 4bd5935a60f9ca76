//! The prepared (compiled) form of a program: every id resolved to an index, every rule
//! reduced to the numbers it needs, every track/region/path combination merged ahead of
//! time, so that evaluating a profile does no parsing and no lookup by name.

use crate::date::MonthDay;
use crate::json::Text;
use crate::value::Value;
use serde::Serialize;

/// A set of option or certification-kind indexes (at most 64 per field).
pub type IndexSet = u64;

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub id: String,
    pub label: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

/// What a profile field holds, with its constraints.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Number {
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
        integer: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    Boolean,
    Choice {
        options: Vec<Choice>,
    },
    MultiChoice {
        options: Vec<Choice>,
    },
    Date,
    Certifications {
        kinds: Vec<Choice>,
    },
}

/// A profile field as the form shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub id: String,
    pub label: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(flatten)]
    pub kind: FieldKind,
    /// Effort of one unit of change, for least-effort plans (see README).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effort: Option<f64>,
    /// False for facts a partner cannot change (region, years in business).
    pub actionable: bool,
}

impl Field {
    pub fn options(&self) -> &[Choice] {
        match &self.kind {
            FieldKind::Choice { options } | FieldKind::MultiChoice { options } => options,
            FieldKind::Certifications { kinds } => kinds,
            _ => &[],
        }
    }

    /// The options (or certification kinds) in `set`, in the order the program lists them.
    pub fn chosen(&self, set: IndexSet) -> impl Iterator<Item = &Choice> {
        self.options().iter().enumerate().filter(move |(i, _)| set & (1 << i) != 0).map(|(_, o)| o)
    }

    /// The labels of [`Field::chosen`] in `lang`, joined with `separator`.
    pub fn chosen_labels(&self, set: IndexSet, lang: Option<&str>, separator: &str) -> String {
        self.chosen(set).map(|o| o.label.get(lang)).collect::<Vec<_>>().join(separator)
    }

    /// The ids of [`Field::chosen`] as JSON text values.
    pub(crate) fn chosen_ids(&self, set: IndexSet) -> Value {
        Value::Array(self.chosen(set).map(|o| Value::String(o.id.clone())).collect())
    }

    pub fn type_name(&self) -> &'static str {
        match self.kind {
            FieldKind::Number { .. } => "number",
            FieldKind::Boolean => "boolean",
            FieldKind::Choice { .. } => "choice",
            FieldKind::MultiChoice { .. } => "multi_choice",
            FieldKind::Date => "date",
            FieldKind::Certifications { .. } => "certifications",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: String,
    pub label: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
}

/// How a criterion turns its field into raw points (before the weight).
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Full `points` at `target`, proportionally less down to zero at `from`.
    Linear {
        from: f64,
        target: f64,
        points: f64,
    },
    /// `per` points for each unit, at most `cap`.
    PerUnit {
        per: f64,
        cap: f64,
    },
    /// The points of the highest band whose `min` the value reaches; bands sorted by min.
    Bands {
        bands: Vec<(f64, f64)>,
    },
    YesNo {
        points: f64,
    },
    /// Points per option (by option index); a multi-choice field sums its options, at most `cap`.
    Options {
        points: Vec<f64>,
        cap: Option<f64>,
    },
    /// `per` points per certification valid on the evaluation date, of `kinds` (all when
    /// `None`), at most `cap`.
    Certifications {
        kinds: Option<IndexSet>,
        per: f64,
        cap: f64,
    },
    /// Diminishing returns: `points * ln(1 + x/scale) / ln(1 + target/scale)`, full at `target`.
    Log {
        target: f64,
        scale: f64,
        points: f64,
    },
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub label: Text,
    pub help: Option<Text>,
    pub category: usize,
    pub field: usize,
    pub weight: f64,
    pub rule: Rule,
    /// Weighted maximum.
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Number(f64),
    Bool(bool),
    Choice(usize),
    Date(crate::date::Date),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    AtLeast(Scalar),
    AtMost(Scalar),
    Equals(Scalar),
    OneOf(Vec<Scalar>),
    /// A multi-choice field includes all of these options.
    Includes(IndexSet),
}

#[derive(Debug, Clone)]
pub enum Requirement {
    Field {
        field: usize,
        condition: Condition,
    },
    Certifications {
        field: usize,
        kinds: Option<IndexSet>,
        min: u32,
        of_which: Option<(IndexSet, u32)>,
    },
    CategoryPoints {
        category: usize,
        min: f64,
    },
    /// Share of the category's maximum, in percent.
    CategoryShare {
        category: usize,
        min_percent: f64,
    },
    AllCriteriaAboveZero,
}

#[derive(Debug, Clone)]
pub struct TierRequirement {
    pub requirement: Requirement,
    pub label: Option<Text>,
}

#[derive(Debug, Clone)]
pub struct Tier {
    pub id: String,
    pub label: Text,
    pub help: Option<Text>,
    pub benefits: Vec<Text>,
    pub min_score: Option<f64>,
    pub requires: Vec<TierRequirement>,
}

/// A track, region or alternative scoring path, as the page lists them.
#[derive(Debug, Clone, Serialize)]
pub struct VariantInfo {
    pub id: String,
    pub label: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
}

/// Everything evaluation needs for one (track, region, path) combination.
#[derive(Debug, Clone)]
pub struct Variant {
    pub criteria: Vec<Criterion>,
    pub tiers: Vec<Tier>,
    pub category_max: Vec<f64>,
    pub max_total: f64,
}

/// Serialized as in the program file: `{"grace_days": 90}` or `{"until_anniversary": "07-01"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// A partner keeps its tier for this many days after falling short.
    GraceDays(u32),
    /// Demotion only on the program's anniversary; promotion at once.
    UntilAnniversary(MonthDay),
}

impl Serialize for Retention {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Retention::GraceDays(days) => map.serialize_entry("grace_days", days)?,
            Retention::UntilAnniversary(day) => map.serialize_entry("until_anniversary", &day.to_string())?,
        }
        map.end()
    }
}
