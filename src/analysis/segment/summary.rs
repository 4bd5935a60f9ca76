//! What a segmentation reports: the summary the lab shows, and its listings of partners within
//! reach and of expiring certifications (serialized for the JavaScript API; their TypeScript
//! declarations are generated from them).

use crate::analysis::batch::{BatchCounts, RowError};
use crate::text::date::Date;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct SegmentSummary {
    pub as_of: Date,
    pub counts: BatchCounts,
    /// Tier ids and labels, lowest first; the counts below follow this order.
    pub tiers: Vec<Label>,
    pub tracks: Vec<TrackSummary>,
    pub segments: Segments,
    pub within_reach: ReachListing,
    pub expiring: Listing<ExpiringEntry>,
    pub errors: Listing<RowError>,
    /// The program now against the program as opened (set by the lab, `Lab.segment()`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub versus_baseline: Option<Comparison>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Label {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Listing<T> {
    /// How many there are in all; `shown` holds the first of them.
    pub total: usize,
    pub shown: Vec<T>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TierCounts {
    /// Partners per tier held, in the order of `SegmentSummary::tiers`.
    pub tiers: Vec<usize>,
    pub unranked: usize,
    pub partners: usize,
}

impl TierCounts {
    pub(super) fn new(tiers: usize) -> TierCounts {
        TierCounts { tiers: vec![0; tiers], unranked: 0, partners: 0 }
    }

    pub(super) fn add(&mut self, tier: Option<u16>) {
        self.partners += 1;
        *self.of(tier) += 1;
    }

    /// The count of partners holding `tier` (`None`: unranked).
    pub(super) fn of(&mut self, tier: Option<u16>) -> &mut usize {
        match tier {
            Some(t) => &mut self.tiers[t as usize],
            None => &mut self.unranked,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct RegionCounts {
    /// `None` for partners without a region.
    pub region: Option<String>,
    pub label: String,
    #[serde(flatten)]
    pub counts: TierCounts,
}

/// Tier held now against the tier held before (the CSV's `@tier`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Movement {
    pub promoted: usize,
    pub demoted: usize,
    pub unchanged: usize,
    /// Kept a tier it no longer earns, by the grace period.
    pub held_grace: usize,
    /// Kept a tier it no longer earns, until the program's anniversary.
    pub held_anniversary: usize,
    /// Ranked now, no tier before.
    pub new: usize,
    /// No tier before and none now.
    pub unranked: usize,
}

impl Movement {
    /// The count a result falls in: how its tier compares with the one held today, or that
    /// retention (`anniversary`: until the program's anniversary, else a grace period) keeps
    /// the one held.
    pub(super) fn of(&mut self, s: &crate::analysis::segment::scored::Scored, anniversary: bool) -> &mut usize {
        use std::cmp::Ordering;
        let before = (s.held != u16::MAX).then_some(s.held);
        match (before, s.tier) {
            _ if s.retained && anniversary => &mut self.held_anniversary,
            _ if s.retained => &mut self.held_grace,
            (None, None) => &mut self.unranked,
            (None, Some(_)) => &mut self.new,
            (Some(b), now) => match now.map_or(Ordering::Less, |n| n.cmp(&b)) {
                Ordering::Greater => &mut self.promoted,
                Ordering::Less => &mut self.demoted,
                Ordering::Equal => &mut self.unchanged,
            },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TrackSummary {
    pub track: Option<String>,
    pub label: Option<String>,
    #[serde(flatten)]
    pub counts: TierCounts,
    pub regions: Vec<RegionCounts>,
    pub movement: Movement,
    pub average_score: f64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Axis {
    pub category: String,
    pub label: String,
    pub threshold: f64,
}

/// Two categories as axes: how many partners are high (at or above the threshold) on each.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Segments {
    pub track: Option<String>,
    pub x: Axis,
    pub y: Axis,
    pub high_high: usize,
    /// High on x, low on y.
    pub high_low: usize,
    pub low_high: usize,
    pub low_low: usize,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ReachEntry {
    pub partner: Option<String>,
    pub row: usize,
    pub line: usize,
    pub track: Option<String>,
    pub region: Option<String>,
    pub total: f64,
    /// The tier held, after retention rules.
    pub tier: Option<String>,
    /// The tier the profile earns on its own; differs from `tier` while one is retained.
    pub earned_tier: Option<String>,
    /// The next tier above the earned one.
    pub next_tier: String,
    pub next_min_score: f64,
    pub deficit: f64,
    /// The next tier's requirements that do not hold yet: what blocks the partner besides points.
    pub open: Vec<crate::eval::RequirementCheck>,
    /// The least-effort plan's one-line summary; `None` when no plan reaches the tier.
    pub plan: Option<String>,
    /// `plan` as a message for the page's catalogs.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub plan_i18n: Option<crate::text::message::Message>,
    pub effort: Option<f64>,
    /// Why no plan reaches the tier.
    pub blocked: Option<String>,
    /// `blocked` as a message for the page's catalogs.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub blocked_i18n: Option<crate::text::message::Message>,
}

/// The partners within reach of their next tier: close on points (at most `percent` of its
/// minimum score missing) and with a least-effort plan to it of at most `effort`. Candidates
/// close on points are checked a batch at a time (`Lab.checkReach`), closest first; `total`
/// counts those found so far, final when `complete`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ReachListing {
    pub total: usize,
    /// Cheapest plan first, then closest on points, then file order; each with its plan.
    pub shown: Vec<ReachEntry>,
    /// Results close on points, and how many of them have been checked for a plan.
    pub candidates: usize,
    pub checked: usize,
    pub complete: bool,
    pub effort: f64,
    pub percent: f64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ExpiringEntry {
    pub partner: Option<String>,
    pub row: usize,
    pub line: usize,
    pub field: String,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub holder: Option<String>,
    pub expires: Date,
    pub days_left: i64,
}

// ---- the tuned program against the program as opened (`compare`)

/// How many moved partners are listed.
pub const MOVED_LISTED: usize = 200;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Comparison {
    /// Per track: partners per tier held (in the order of `SegmentSummary::tiers`, unranked
    /// last) with the baseline and now.
    pub tracks: Vec<TrackComparison>,
    /// Results whose tier held is higher now, or lower, than with the baseline.
    pub promoted: usize,
    pub demoted: usize,
    /// The results whose tier changed, in file order (the first 200).
    #[cfg_attr(feature = "typescript", ts(type = "{ total: number, shown: Array<Moved> }"))]
    pub moved: Listing<Moved>,
    /// Each number field summed over the partners of each tier of the first track (unranked
    /// last), with the baseline and now: the revenue each tier stands for.
    pub sums: Vec<FieldSums>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TrackComparison {
    pub track: Option<String>,
    pub label: Option<String>,
    pub before: Vec<usize>,
    pub after: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Moved {
    pub partner: Option<String>,
    /// Data row (`Lab.profile(row)`) and file line.
    pub row: usize,
    pub line: usize,
    pub track: Option<String>,
    /// Tier labels held with the baseline and now; `None` for unranked.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Index into the base's profiles, and the tier rank now (0 unranked), for `why_moved`.
    #[serde(skip)]
    #[cfg_attr(feature = "typescript", ts(skip))]
    pub(crate) partner_index: usize,
    #[serde(skip)]
    #[cfg_attr(feature = "typescript", ts(skip))]
    pub(crate) to_rank: usize,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct FieldSums {
    pub field: String,
    pub label: String,
    pub before: Vec<f64>,
    pub after: Vec<f64>,
}

// ---- why partners moved (`PartnerBase::why_moved`, why.rs)

/// One setting changed between the program as opened and the tuned one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Edit {
    /// Where in the program file, as errors name places: `tiers[1].min_score`.
    pub path: String,
    /// The tier, criterion, field, track or region the setting belongs to (its label in the
    /// language asked for), when the path names one.
    pub subject: Option<String>,
    /// The setting within it: `min_score`, `weight`, `rule.target`; the whole path otherwise.
    pub setting: String,
    #[cfg_attr(feature = "typescript", ts(type = "unknown"))]
    pub before: Option<crate::text::value::Value>,
    #[cfg_attr(feature = "typescript", ts(type = "unknown"))]
    pub after: Option<crate::text::value::Value>,
}

/// Why each listed partner moved, in the order of `versus_baseline.moved.shown`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct MoveReasons {
    pub edits: Vec<Edit>,
    /// How many settings differ in all (`edits` lists the first 200).
    pub edit_count: usize,
    pub moved: Vec<MoveReason>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct MoveReason {
    /// Indexes into `edits` of the edits that move this partner on their own.
    pub because: Vec<usize>,
    /// No single edit moves it: the edits together do (or edits beyond the first 30).
    pub together: bool,
}
