//! What an evaluation returns: the result types, serialized as the JavaScript API's JSON
//! (their TypeScript declarations are generated from them).

use crate::text::date::Date;
use crate::text::value::Value;
use serde::Serialize;

/// Why a partner keeps a tier it no longer earns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Retained {
    Grace,
    Anniversary,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Evaluation<'a> {
    pub as_of: Date,
    pub partner: Option<String>,
    pub region: Option<String>,
    pub tracks: Vec<TrackResult<'a>>,
    /// The highest tier across tracks (ties: the higher total).
    pub best: Option<BestTier>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct BestTier {
    pub track: Option<String>,
    pub tier: TierRef,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TierRef {
    pub id: String,
    pub label: String,
    /// 1 for the first (lowest) tier.
    pub rank: usize,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct PathTotal {
    pub path: String,
    pub label: String,
    pub total: f64,
    pub max: f64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TrackResult<'a> {
    /// Track id; null when the program has no tracks.
    pub track: Option<String>,
    pub label: Option<String>,
    /// The alternative scoring path whose total counted, when the program has paths.
    pub path: Option<String>,
    pub path_totals: Vec<PathTotal>,
    pub total: f64,
    pub max: f64,
    /// False when the track's criteria can give no points at all (a checklist program, whose
    /// tiers are reached by their requirements alone): `total` and `max` are then 0 and say
    /// nothing, and a page should say there is no score rather than "0 of 0".
    pub scored: bool,
    pub categories: Vec<CategoryResult<'a>>,
    pub criteria: Vec<CriterionResult<'a>>,
    /// The tier the partner holds, after retention rules; null when unranked.
    pub tier: Option<TierRef>,
    /// The tier the partner's profile earns on its own.
    pub earned_tier: Option<TierRef>,
    pub retention: Option<RetentionResult>,
    pub tiers: Vec<TierCheck<'a>>,
    /// The tier above the earned one, and what is missing for it.
    pub next_tier: Option<NextTier<'a>>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct RetentionResult {
    pub kind: Retained,
    /// Grace: the last day the tier is held without qualifying again. Anniversary: the
    /// review day, on which the earned tier applies (the tier is held through the day before).
    pub until: Date,
    pub message: String,
    /// `message` as a message for the page's catalogs (www/locales/).
    pub message_i18n: crate::text::message::Message,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct CategoryResult<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub points: f64,
    pub max: f64,
    /// Percent of the category's maximum.
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct CriterionResult<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub category: &'a str,
    pub field: &'a str,
    pub points: f64,
    pub max: f64,
    /// The value used (valid certification count for certification rules).
    pub input: Value,
    pub explanation: String,
    /// `explanation` as a message for the page's catalogs (www/locales/).
    pub explanation_i18n: crate::text::message::Message,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TierCheck<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub min_score: Option<f64>,
    pub score_met: Option<bool>,
    pub met: bool,
    pub requirements: Vec<RequirementCheck>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct RequirementCheck {
    pub description: String,
    /// `description` as a message for the page's catalogs (www/locales/).
    pub description_i18n: crate::text::message::Message,
    pub met: bool,
    pub actual: Value,
    pub needed: Value,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct NextTier<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub rank: usize,
    pub min_score: Option<f64>,
    pub point_deficit: f64,
    pub unmet_requirements: usize,
}

/// Score and tier of one track, without explanations.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TrackScore {
    pub track: usize,
    pub total: f64,
    /// Tier index held (after retention), None when unranked.
    pub tier: Option<usize>,
    pub earned_tier: Option<usize>,
    pub held_by_retention: bool,
}
