//! How to segment a partner base: the two categories of the quadrant view, their thresholds,
//! what counts as within reach and how many of each list to show.

use crate::text::date::Date;
use crate::text::error::Errors;
use crate::text::options::{OptionsReader, Today};

/// What to summarise. Defaults: the first two categories as axes, 50% thresholds, within
/// 10% of the next tier's points with a plan of effort 5 at most, at most 200 partners within reach
/// listed (the first 20 candidates checked at once), certifications expiring within 90 days, at most 200 of them and 200 row errors listed.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentOptions {
    pub as_of: Date,
    pub lang: Option<String>,
    /// Category ids of the two axes.
    pub x: Option<String>,
    pub y: Option<String>,
    /// A partner is "high" on an axis from this share (percent of the category's maximum).
    pub x_threshold: f64,
    pub y_threshold: f64,
    /// The track whose results the two-category view shows (default: the first).
    pub track: Option<String>,
    /// Within reach: the points missing for the next tier are at most this percent of its
    /// minimum score, and its least-effort plan costs at most `reach_effort` (default 5: one
    /// yes/no switch, one new certification and a little more, or half of a number field's
    /// scoring range under the default effort model).
    pub reach_percent: f64,
    pub reach_effort: f64,
    pub reach_limit: usize,
    /// How many candidates `segment` checks for a plan before it returns, closest on points
    /// first (each takes a capped plan search;
    /// [`Segmentation::check_reach`](super::Segmentation::check_reach) checks the rest).
    pub plan_limit: usize,
    pub expiry_days: u32,
    pub expiry_limit: usize,
    pub error_limit: usize,
}

impl SegmentOptions {
    pub fn on(as_of: Date) -> SegmentOptions {
        SegmentOptions {
            as_of,
            lang: None,
            x: None,
            y: None,
            x_threshold: 50.0,
            y_threshold: 50.0,
            track: None,
            reach_percent: 10.0,
            reach_effort: 5.0,
            reach_limit: 200,
            plan_limit: 20,
            expiry_days: 90,
            expiry_limit: 200,
            error_limit: 200,
        }
    }

    /// The keys an options object for `Lab.segment` may have.
    pub const KEYS: &'static [&'static str] = &[
        "as_of",
        "lang",
        "x",
        "y",
        "x_threshold",
        "y_threshold",
        "track",
        "reach_percent",
        "reach_effort",
        "reach_limit",
        "plan_limit",
        "expiry_days",
        "expiry_limit",
        "error_limit",
    ];

    /// Options from JSON text (`null` is none), `as_of` defaulting to `today` and every other
    /// key to [`SegmentOptions::on`]'s value. Every misspelt key and wrong value is reported.
    pub fn from_json(text: &str, today: Today) -> Result<SegmentOptions, Errors> {
        let mut o = OptionsReader::from_json(text, SegmentOptions::KEYS)?;
        let d = SegmentOptions::on(o.date("as_of", today));
        let limit = |n: Option<u32>, default: usize| n.map_or(default, |n| n as usize);
        let options = SegmentOptions {
            lang: o.string("lang"),
            x: o.string("x"),
            y: o.string("y"),
            x_threshold: o.number("x_threshold").unwrap_or(d.x_threshold),
            y_threshold: o.number("y_threshold").unwrap_or(d.y_threshold),
            track: o.string("track"),
            reach_percent: o.number("reach_percent").unwrap_or(d.reach_percent),
            reach_effort: o.number("reach_effort").unwrap_or(d.reach_effort),
            reach_limit: limit(o.count("reach_limit"), d.reach_limit),
            plan_limit: limit(o.count("plan_limit"), d.plan_limit),
            expiry_days: o.count("expiry_days").unwrap_or(d.expiry_days),
            expiry_limit: limit(o.count("expiry_limit"), d.expiry_limit),
            error_limit: limit(o.count("error_limit"), d.error_limit),
            ..d
        };
        o.finish()?;
        Ok(options)
    }
}
