//! Within reach (issue 16): a partner is within reach of its next tier when it is close on
//! points **and** its least-effort plan to that tier is cheap: the points it misses are at
//! most `reach_percent` of the tier's minimum score, and the least-effort plan (the gap
//! analysis's exact search, for today) costs at most `reach_effort`. Points alone counted
//! partners that lacked only a requirement as if they were close (51,464 of 100,000), however
//! dear the requirement was.
//!
//! The points test is a pass over every result; the plan search costs a fraction of a
//! millisecond per partner, so a large base cannot have all its candidates checked within a
//! slider move. [`Segmentation::check_reach`] checks them a batch at a time (the page in the
//! background, between frames), closest on points first; the listing says how many were
//! checked and is complete when all were. The search is capped at the effort that counts:
//! dearer branches are pruned, which makes a check several times faster than a full plan.

use super::tiers::reach_key;
use super::{ReachEntry, ReachListing, Scored, Segmentation};
use crate::analysis::gap::{GapOptions, GapStatus};
use crate::eval::{requirement_holds, EvalOptions, Scores, TOLERANCE};
use crate::limits::LAB_PLAN_WORK;
use crate::program::Program;
use crate::text::message::Message;

use super::PartnerBase;

/// A listed partner's plan, or why there is none, in English and as messages.
#[derive(Default)]
pub(super) struct PlanOutcome {
    pub(super) plan: Option<String>,
    pub(super) plan_i18n: Option<Message>,
    pub(super) effort: Option<f64>,
    pub(super) blocked: Option<String>,
    pub(super) blocked_i18n: Option<Message>,
}

impl ReachListing {
    /// A listing of `candidates` close on points, none checked yet.
    pub(super) fn unchecked(candidates: usize, options: &super::SegmentOptions) -> ReachListing {
        ReachListing {
            total: 0,
            shown: Vec::new(),
            candidates,
            checked: 0,
            complete: candidates == 0,
            effort: options.reach_effort,
            percent: options.reach_percent,
        }
    }
}

impl Segmentation {
    /// The results close on points (indexes into `scored`), closest share of the next tier's
    /// minimum first, ties in file order.
    pub(super) fn reach_candidates_of(sc: &Program, scored: &[Scored], reach_percent: f64) -> Vec<(u64, u32)> {
        let key = |s: &Scored| {
            let next_min = s.next_min(sc);
            reach_key(s.deficit_below(next_min), next_min, reach_percent)
        };
        scored.iter().enumerate().filter_map(|(i, s)| key(s).map(|k| (k, i as u32))).collect()
    }

    /// The candidates in order, closest first (once, on the first check: a slider move's
    /// summary only counts them).
    fn sort_candidates(&mut self, sc: &Program) {
        if self.reach_pending {
            self.reach_pending = false;
            let mut close = Segmentation::reach_candidates_of(sc, &self.scored, self.options.reach_percent);
            close.sort_unstable();
            self.reach_candidates = close.into_iter().map(|(_, i)| i).collect();
        }
    }

    /// The least-effort plan of one result to its next tier, for today; with `cap`, only a
    /// plan costing at most that is looked for.
    pub(super) fn plan(&self, sc: &Program, base: &PartnerBase, s: &Scored, cap: f64) -> PlanOutcome {
        let options = GapOptions {
            eval: EvalOptions {
                as_of: self.options.as_of,
                track: self.track_ids[s.track as usize].clone(),
                region: None,
                lang: self.options.lang.clone(),
            },
            target: None,
            targets: Vec::new(),
            window_days: self.options.expiry_days,
            // The lab plans for today: its within-reach list ranks partners as they stand.
            horizon_days: 0,
            alternatives: 0,
            work_limit: LAB_PLAN_WORK,
            effort_cap: cap,
        };
        let Ok(report) = crate::analysis::gap::gaps(sc, &base.profiles[s.partner as usize], &options) else {
            return PlanOutcome::default();
        };
        let Some(track) = report.tracks.into_iter().next() else { return PlanOutcome::default() };
        match (track.status, track.plan, track.blocked) {
            (GapStatus::Plan, Some(plan), _) => PlanOutcome {
                plan: Some(plan.summary),
                plan_i18n: Some(plan.summary_i18n),
                effort: Some(plan.effort),
                ..Default::default()
            },
            (_, _, Some(b)) => PlanOutcome {
                blocked: Some(format!("{}: {}", b.requirement, b.reason)),
                blocked_i18n: Some(
                    Message::new("plan.blocked").part("requirement", Some(b.requirement_i18n)).part("reason", Some(b.reason_i18n)),
                ),
                ..Default::default()
            },
            _ => PlanOutcome::default(),
        }
    }

    /// Checks the next `count` candidates (at most) for a plan within `reach_effort`, adds
    /// those within reach to the listing (cheapest plan first, then closest on points, then
    /// file order; at most `reach_limit` listed with their plans) and returns whether every
    /// candidate has been checked.
    pub fn check_reach(&mut self, sc: &Program, base: &PartnerBase, count: usize) -> bool {
        if count > 0 {
            self.sort_candidates(sc);
        }
        let cap = self.options.reach_effort;
        let end = self.reach_checked.saturating_add(count).min(self.reach_candidates.len());
        for rank in self.reach_checked..end {
            let s = self.scored[self.reach_candidates[rank] as usize];
            let outcome = self.plan(sc, base, &s, cap);
            let Some(effort) = outcome.effort.filter(|e| *e <= cap + TOLERANCE) else { continue };
            let listing = &mut self.summary.within_reach;
            listing.total += 1;
            let key = (effort, rank);
            let at = self.reach_keys.partition_point(|k| k.0 < key.0 || (k.0 == key.0 && k.1 < key.1));
            if at >= self.options.reach_limit {
                continue;
            }
            let entry = self.reach_entry(sc, base, &s, outcome);
            let listing = &mut self.summary.within_reach;
            self.reach_keys.insert(at, key);
            listing.shown.insert(at, entry);
            self.reach_keys.truncate(self.options.reach_limit);
            listing.shown.truncate(self.options.reach_limit);
        }
        self.reach_checked = end;
        let listing = &mut self.summary.within_reach;
        listing.checked = end;
        listing.complete = !self.reach_pending && end == self.reach_candidates.len();
        listing.complete
    }

    pub(super) fn reach_entry(&self, sc: &Program, base: &PartnerBase, s: &Scored, outcome: PlanOutcome) -> ReachEntry {
        let profile = &base.profiles[s.partner as usize];
        let (row, line) = base.places[s.partner as usize];
        let region = crate::eval::selected_region(profile, &self.resolved);
        let as_of = self.options.as_of;
        // What blocks the partner: the next tier's requirements that do not hold.
        let (variant, _, _) = crate::eval::best_path(sc, profile, s.track as usize, region, as_of);
        let mut scores = Scores::default();
        scores.fill(variant, profile, as_of);
        let lang = self.options.lang.as_deref();
        let open = s
            .next
            .and_then(|n| variant.tiers.get(n as usize))
            .map(|tier| {
                tier.requires
                    .iter()
                    .filter(|r| !requirement_holds(&r.requirement, variant, profile, as_of, &scores))
                    .map(|r| crate::eval::explain_requirement(sc, r, variant, profile, as_of, &scores, lang))
                    .collect()
            })
            .unwrap_or_default();
        ReachEntry {
            partner: profile.partner.clone(),
            row: row as usize,
            line: line as usize,
            track: self.track_ids[s.track as usize].clone(),
            region: region.map(|r| sc.regions()[r].id.clone()),
            total: s.total,
            tier: s.tier.map(|t| sc.tier_ids()[t as usize].clone()),
            earned_tier: s.earned.map(|t| sc.tier_ids()[t as usize].clone()),
            next_tier: s.next.map(|t| sc.tier_ids()[t as usize].clone()).unwrap_or_default(),
            next_min_score: s.next_min(sc).unwrap_or(0.0),
            deficit: s.deficit(sc).unwrap_or(0.0),
            open,
            plan: outcome.plan,
            plan_i18n: outcome.plan_i18n,
            effort: outcome.effort,
            blocked: outcome.blocked,
            blocked_i18n: outcome.blocked_i18n,
        }
    }
}
