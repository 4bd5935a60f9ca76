//! The prepared (compiled) form of a program: every id resolved to an index, every rule
//! reduced to the numbers it needs, every track/region/path combination merged ahead of
//! time, so that evaluating a profile does no parsing and no lookup by name.

use crate::text::date::{Date, MonthDay};
use crate::text::format::Text;
use crate::text::value::Value;
use crate::util::IdMap;
use serde::Serialize;

/// Scores within this distance of a threshold count as reaching it, so that a total that
/// is mathematically 70 but computed as 69.99999999999999 still reaches a 70-point tier.
pub const TOLERANCE: f64 = 1e-9;

/// A set of option or certification-kind indexes (at most 64 per field).
pub type IndexSet = u64;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Section {
    pub id: String,
    pub label: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub help: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

/// What a profile field holds, with its constraints.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Number {
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", ts(optional))]
        min: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", ts(optional))]
        max: Option<f64>,
        integer: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", ts(optional))]
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
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Field {
    pub id: String,
    pub label: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub help: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub section: Option<String>,
    #[serde(flatten)]
    pub kind: FieldKind,
    /// Effort of one unit of change, for least-effort plans (see README).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
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

    /// The labels of [`Field::chosen`], each in `lang`.
    pub fn chosen_label_list(&self, set: IndexSet, lang: Option<&str>) -> Vec<String> {
        self.chosen(set).map(|o| o.label.get(lang).to_string()).collect()
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
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Category {
    pub id: String,
    pub label: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub help: Option<Text>,
    /// The category's weight in a category-weighted index: the total is the weighted mean of
    /// the categories' shares, scaled to `score_scale`. Every category has one or none does.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub weight: Option<f64>,
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
    Date(crate::text::date::Date),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    AtLeast(Scalar),
    AtMost(Scalar),
    Equals(Scalar),
    OneOf(Vec<Scalar>),
    /// A multi-choice field includes at least this many of these options (all of them unless
    /// the requirement says `min`).
    Includes(IndexSet, u32),
}

#[derive(Debug, Clone, PartialEq)]
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
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct VariantInfo {
    pub id: String,
    pub label: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
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

/// Words a program uses instead of the engine's own in generated texts, per language.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    pub certification: Option<Text>,
    pub certifications: Option<Text>,
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

/// The most points a rule can give, before its criterion's weight.
pub(crate) fn rule_max(rule: &Rule) -> f64 {
    match rule {
        Rule::Linear { points, .. } | Rule::YesNo { points } | Rule::Log { points, .. } => *points,
        Rule::PerUnit { cap, .. } | Rule::Certifications { cap, .. } => *cap,
        Rule::Bands { bands } => bands.iter().map(|b| b.1).fold(0.0, f64::max),
        Rule::Options { points, cap } => {
            let best = points.iter().copied().fold(0.0, f64::max);
            match cap {
                // Multi-choice: the sum of all options, at most the cap.
                Some(cap) => points.iter().sum::<f64>().min(*cap),
                None => best,
            }
        }
    }
}

/// A validated, prepared program: create it once, evaluate many profiles against it.
#[derive(Debug, Clone)]
pub struct Program {
    pub(crate) id: String,
    pub(crate) name: Text,
    pub(crate) description: Option<Text>,
    pub(crate) version: Option<String>,
    pub(crate) currency: Option<String>,
    /// What one unit of plan effort is, in the program's words ("hours of work").
    pub(crate) effort_unit: Option<Text>,
    pub(crate) languages: Vec<String>,
    pub(crate) retention: Option<Retention>,
    /// The program's own words in generated texts ("accreditation" for "certification").
    pub(crate) terms: Terms,
    pub(crate) sections: Vec<Section>,
    pub(crate) fields: Vec<Field>,
    pub(crate) categories: Vec<Category>,
    /// Declared tracks; empty when the program has none (one implicit track).
    pub(crate) tracks: Vec<VariantInfo>,
    pub(crate) regions: Vec<VariantInfo>,
    pub(crate) paths: Vec<VariantInfo>,
    /// Tier ids and labels as in the base program (tracks and regions may change a tier's
    /// conditions but not add, remove or rename tiers).
    pub(crate) tier_ids: Vec<String>,
    pub(crate) variants: Vec<Variant>,
    pub(crate) field_index: IdMap<usize>,
    /// What the program allows but probably does not mean, such as a track that replaces a
    /// tier's requirements whole and so drops some.
    pub(crate) warnings: Vec<crate::text::error::Issue>,
}

impl Program {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn name(&self) -> &Text {
        &self.name
    }
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }
    pub fn tracks(&self) -> &[VariantInfo] {
        &self.tracks
    }
    pub fn regions(&self) -> &[VariantInfo] {
        &self.regions
    }
    pub fn paths(&self) -> &[VariantInfo] {
        &self.paths
    }
    pub fn tier_ids(&self) -> &[String] {
        &self.tier_ids
    }
    /// "certification", "certifications", or the program's own words for them (`terms`).
    pub fn certification_noun(&self, count: usize, lang: Option<&str>) -> &str {
        let (term, default) =
            if count == 1 { (&self.terms.certification, "certification") } else { (&self.terms.certifications, "certifications") };
        term.as_ref().map_or(default, |t| t.get(lang))
    }

    /// What the program allows but probably does not mean (a track replacing a tier's
    /// requirements whole and dropping some), each with its path: for program managers.
    pub fn warnings(&self) -> &[crate::text::error::Issue] {
        &self.warnings
    }

    /// `message` with the program's own words for certifications (`noun_one`, `noun_other`),
    /// when it has them; catalogs use their own words otherwise.
    pub fn terms_in(&self, message: crate::text::message::Message, lang: Option<&str>) -> crate::text::message::Message {
        match (&self.terms.certification, &self.terms.certifications) {
            (None, None) => message,
            _ => message.text("noun_one", self.certification_noun(1, lang)).text("noun_other", self.certification_noun(2, lang)),
        }
    }

    pub fn retention(&self) -> Option<Retention> {
        self.retention
    }
    pub fn field_index(&self, id: &str) -> Option<usize> {
        self.field_index.get(id).copied()
    }

    pub(crate) fn track_count(&self) -> usize {
        self.tracks.len().max(1)
    }

    fn path_count(&self) -> usize {
        self.paths.len().max(1)
    }

    /// The prepared variant for a track (index into tracks, 0 when there are none), a region
    /// (None: no regional variant) and an alternative path (0 when there are none).
    pub(crate) fn variant(&self, track: usize, region: Option<usize>, path: usize) -> &Variant {
        let region_slot = region.map_or(0, |r| r + 1);
        let index = (track * (self.regions.len() + 1) + region_slot) * self.path_count() + path;
        &self.variants[index]
    }

    /// The most criteria any track, region or path has.
    pub fn max_criteria(&self) -> usize {
        self.variants.iter().map(|v| v.criteria.len()).max().unwrap_or(0)
    }

    pub(crate) fn variants_for(&self, track: usize, region: Option<usize>) -> impl Iterator<Item = &Variant> {
        (0..self.path_count()).map(move |p| self.variant(track, region, p))
    }

    /// Maximum possible total for a track in a region (the best path's).
    pub fn max_total(&self, track: usize, region: Option<usize>) -> f64 {
        self.variants_for(track, region).map(|v| v.max_total).fold(0.0, f64::max)
    }
}

#[cfg(feature = "typescript")]
crate::text::typescript::named!(Retention, "{ grace_days: number } | { until_anniversary: string }");

// ---------------------------------------------------------------- profiles

/// A value a partner entered. A missing value is `Empty`, never an error.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum FieldValue {
    #[default]
    Empty,
    Number(f64),
    Bool(bool),
    /// Index of the chosen option.
    Choice(usize),
    /// Indexes of the chosen options.
    Multi(IndexSet),
    Date(Date),
    Certs(Vec<Certification>),
}

/// One certification or accreditation a partner holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Certification {
    /// Index into the field's kinds; `None` when the field declares no kinds.
    pub kind: Option<usize>,
    pub name: Option<String>,
    pub holder: Option<String>,
    pub earned: Option<Date>,
    /// Last day on which the certification is valid.
    pub expires: Option<Date>,
}

impl Certification {
    /// Valid from the day it was earned through its expiry date, inclusive.
    pub fn is_valid_on(&self, day: Date) -> bool {
        self.earned.is_none_or(|e| e <= day) && self.expires.is_none_or(|x| day <= x)
    }
}

/// The tier a partner holds today, as recorded by the vendor.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldTier {
    /// Track index (0 when the program has no tracks).
    pub track: usize,
    /// Tier index.
    pub tier: usize,
    /// When the tier was awarded.
    pub since: Option<Date>,
    /// When the partner first fell short of it, if known: the grace period counts from here.
    pub short_since: Option<Date>,
}

/// A validated partner profile for one program.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Profile {
    pub partner: Option<String>,
    pub region: Option<usize>,
    /// Tracks the partner takes part in; `None` evaluates every track.
    pub tracks: Option<Vec<usize>>,
    pub current_tiers: Vec<HeldTier>,
    pub values: Vec<FieldValue>,
}

impl Profile {
    pub fn value(&self, field: usize) -> &FieldValue {
        static EMPTY: FieldValue = FieldValue::Empty;
        self.values.get(field).unwrap_or(&EMPTY)
    }
}

// ---------------------------------------------------------------- the form description

/// The description of a program that a form generator needs.
#[derive(Debug, serde::Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Form<'a> {
    pub id: &'a str,
    pub name: &'a Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub description: Option<&'a Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub version: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub currency: Option<&'a str>,
    /// What one unit of plan effort is, in the program's words ("hours of work").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub effort_unit: Option<&'a Text>,
    pub languages: &'a [String],
    pub sections: &'a [Section],
    pub fields: &'a [Field],
    pub categories: &'a [Category],
    pub tracks: &'a [VariantInfo],
    pub regions: &'a [VariantInfo],
    pub tiers: Vec<FormTier<'a>>,
    pub max_score: f64,
    /// How long a partner keeps a tier it no longer earns; the form asks for the tier held
    /// today only when this is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub retention: Option<Retention>,
}

#[derive(Debug, serde::Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct FormTier<'a> {
    pub id: &'a str,
    pub label: &'a Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub help: Option<&'a Text>,
    pub benefits: &'a [Text],
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub min_score: Option<f64>,
}
