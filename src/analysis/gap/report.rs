//! What a gap report says: its options, and the plans, blocks and outlooks per track.

use crate::eval::{EvalOptions, TierRef};
use crate::limits::MAX_PLAN_WORK;
use crate::program::profile::FieldValue;
use crate::text::date::Date;
use crate::text::error::Errors;
use crate::text::options::{OptionsReader, Today};
use crate::text::value::Value;
use serde::Serialize;

/// Default effort model (README "Effort model"): moving a number field across its whole
/// scoring range (0 to its highest target or threshold) costs this much...
pub const DEFAULT_NUMBER_RANGE_EFFORT: f64 = 10.0;
/// ...switching a yes/no or a single choice costs this much...
pub const DEFAULT_SWITCH_EFFORT: f64 = 5.0;
/// ...each option added to a multi-choice field this much...
pub const DEFAULT_OPTION_EFFORT: f64 = 3.0;
/// ...each new certification this much, and a renewal of an expired one half of it.
pub const DEFAULT_CERTIFICATION_EFFORT: f64 = 4.0;

#[derive(Debug, Clone, PartialEq)]
pub struct GapOptions {
    pub eval: EvalOptions,
    /// Target tier id; default: the tier above the earned one, per track.
    pub target: Option<String>,
    /// Target tier per track (track id, tier id), before `target`: a partner in several tracks
    /// aims at a different tier in each.
    pub targets: Vec<(String, String)>,
    /// Days ahead to look for expiring certifications.
    pub window_days: u32,
    /// Days a plan is for: certifications that expire before then do not count in it, and
    /// are renewed where the plan needs them (0: plans for today).
    pub horizon_days: u32,
    /// How many alternative plans to add (at most).
    pub alternatives: usize,
    /// Units of work the plan searches may spend ([`MAX_PLAN_WORK`] by default).
    pub work_limit: u64,
    /// Only plans costing at most this much effort are of interest (the lab's "within
    /// reach"): the search prunes dearer branches, and a partner with none is blocked.
    /// Infinite by default.
    pub effort_cap: f64,
}

impl GapOptions {
    pub fn on(as_of: Date) -> GapOptions {
        GapOptions {
            eval: EvalOptions::on(as_of),
            target: None,
            targets: Vec::new(),
            window_days: 90,
            horizon_days: 90,
            alternatives: 3,
            work_limit: MAX_PLAN_WORK,
            effort_cap: f64::INFINITY,
        }
    }

    /// The keys an options object for `gaps` may have: [`EvalOptions::KEYS`] and five more.
    pub const KEYS: &'static [&'static str] =
        &["as_of", "track", "region", "lang", "target", "targets", "window_days", "horizon_days", "alternatives"];

    /// Options from JSON text (`null` is none), `as_of` defaulting to `today` and the rest to
    /// [`GapOptions::on`]'s values. Every misspelt key and wrong value is reported; the
    /// ranges of `window_days` and `alternatives` are checked by [`Program::gaps`].
    ///
    /// [`Program::gaps`]: crate::Scorecard::gaps
    pub fn from_json(text: &str, today: Today) -> Result<GapOptions, Errors> {
        let mut o = OptionsReader::from_json(text, GapOptions::KEYS)?;
        let eval = EvalOptions::read(&mut o, today);
        let defaults = GapOptions::on(eval.as_of);
        let options = GapOptions {
            target: o.string("target"),
            targets: o.texts("targets"),
            window_days: o.count("window_days").unwrap_or(defaults.window_days),
            horizon_days: o.count("horizon_days").unwrap_or(defaults.horizon_days),
            alternatives: o.count("alternatives").map_or(defaults.alternatives, |n| n as usize),
            work_limit: defaults.work_limit,
            effort_cap: defaults.effort_cap,
            eval,
        };
        o.finish()?;
        Ok(options)
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct GapReport {
    pub as_of: Date,
    pub tracks: Vec<TrackGaps>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GapStatus {
    /// A plan reaches the target.
    Plan,
    /// The partner holds the top tier.
    Top,
    /// The requested target is already reached.
    Reached,
    /// No change a partner can make reaches the target; see `blocked`.
    Blocked,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TrackGaps {
    pub track: Option<String>,
    pub label: Option<String>,
    pub total: f64,
    pub tier: Option<TierRef>,
    pub earned_tier: Option<TierRef>,
    pub target: Option<TierRef>,
    pub status: GapStatus,
    /// Points missing for the target's minimum score (0 when it has none or it is met).
    pub point_deficit: f64,
    /// The target's requirements that do not hold yet, with the change each needs.
    pub unmet: Vec<UnmetRequirement>,
    pub plan: Option<Plan>,
    /// Cheaper-first plans that change a different set of fields.
    pub alternatives: Vec<Plan>,
    pub blocked: Option<Blocked>,
    pub at_top: Option<TopMargin>,
    pub outlook: Outlook,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct UnmetRequirement {
    pub description: String,
    /// `description` as a message for the page's catalogs (www/locales/).
    pub description_i18n: crate::text::message::Message,
    pub actual: Value,
    pub needed: Value,
    /// The smallest change that meets this requirement on its own.
    pub change: String,
    /// `change` as a message for the page's catalogs.
    pub change_i18n: crate::text::message::Message,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Plan {
    pub effort: f64,
    pub changes: Vec<Change>,
    /// The alternative scoring path the plan relies on, when the program has paths.
    pub path: Option<String>,
    pub total_after: f64,
    pub tier_after: TierRef,
    pub summary: String,
    /// `summary` as a message for the page's catalogs (the changes' messages as a list).
    pub summary_i18n: crate::text::message::Message,
    /// False only when the search hit its effort limit (very large programs).
    pub optimal: bool,
    #[serde(skip)]
    pub(crate) values: Vec<(usize, FieldValue)>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Change {
    pub field: String,
    pub label: String,
    pub from: Value,
    pub to: Value,
    pub effort: f64,
    pub description: String,
    /// `description` as a message for the page's catalogs (www/locales/).
    pub description_i18n: crate::text::message::Message,
    /// Points this change alone adds to the total (0 for a change that only meets a
    /// requirement).
    pub points: f64,
    /// How many of the target tier's open requirements this change alone meets.
    pub meets: u32,
    /// For a certifications field: one entry per certification to add, its kind's id (`null`
    /// where the field declares no kinds). Empty for other fields.
    pub add_certifications: Vec<Option<String>>,
    /// For a certifications field: the expired certifications to renew, by name as in the
    /// profile (`null` for an unnamed one). Empty for other fields.
    pub renew_certifications: Vec<Option<String>>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Blocked {
    /// The requirement (or "Minimum score") that no plan can meet.
    pub requirement: String,
    pub reason: String,
    /// `requirement` and `reason` as messages for the page's catalogs (www/locales/).
    pub requirement_i18n: crate::text::message::Message,
    pub reason_i18n: crate::text::message::Message,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TopMargin {
    pub tier: TierRef,
    /// Points above the top tier's minimum score: how far the total may slip.
    pub margin: Option<f64>,
    pub message: String,
    /// `message` as a message for the page's catalogs.
    pub message_i18n: crate::text::message::Message,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Outlook {
    pub window_days: u32,
    pub expiring: Vec<Expiring>,
    /// The first expiry within the window that would lower the earned tier.
    pub tier_drop: Option<TierDrop>,
    /// Last day of a tier held by grace or until the anniversary.
    pub retention_ends: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Expiring {
    pub field: String,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub holder: Option<String>,
    pub expires: Date,
    pub days_left: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TierDrop {
    /// First day on which the tier is lower.
    pub date: Date,
    pub tier: Option<TierRef>,
    pub message: String,
    /// `message` as a message for the page's catalogs.
    pub message_i18n: crate::text::message::Message,
}
