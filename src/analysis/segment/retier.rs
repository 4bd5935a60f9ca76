//! A change of tier minimum scores alone (the lab's tier sliders) changes no partner's scores:
//! each result keeps its total, its category shares and which tiers' requirements it meets
//! (`Scored::requirements`), and only its tiers are placed again. Scoring 100,000 partners
//! took most of a slider move's time; placing them all again took 3.8 ms of a 13 ms move in
//! the page.
//!
//! A slider changes one minimum by a little, and only the results whose total lies near it
//! can be placed differently: with the results in order of total per variant (track and
//! region), those in a band around the old and new minimum are placed again and the summary's
//! counts are moved for the ones that changed, not summed again over every result.

use super::order::{tier_minimums, TotalOrder};
use super::paths::BestPath;
use super::tiers::reach_key;
use super::{summarise, Checked, PartnerBase, ReachListing, SegmentOptions, Segmentation};
use crate::eval::TOLERANCE;
use crate::program::model::Retention;
use crate::program::Program;

impl Segmentation {
    /// The segmentation of `sc`, a program that differs from the one this was scored with in
    /// its tiers' minimum scores only, with the same options; `None` when that cannot be
    /// known here (other options, or scoring paths without their figures kept).
    /// The caller vouches for the program (the lab compares the two program files).
    pub fn retiered(self, sc: &Program, base: &PartnerBase, options: &SegmentOptions) -> Option<Segmentation> {
        self.placed_again_in(sc, base, options, true)
    }

    /// [`Segmentation::retiered`] for a program that differs in its texts too (labels, help,
    /// benefits; `why::PartialChange::Texts`): every result is placed again and the summary
    /// written anew, in the new words.
    pub fn relabelled(self, sc: &Program, base: &PartnerBase, options: &SegmentOptions) -> Option<Segmentation> {
        self.placed_again_in(sc, base, options, false)
    }

    fn placed_again_in(mut self, sc: &Program, base: &PartnerBase, options: &SegmentOptions, bands: bool) -> Option<Segmentation> {
        if self.options != *options || sc.tier_ids().len() > 64 {
            return None;
        }
        if sc.paths().len() > 1 {
            return self.paths_chosen_again(sc, base, options);
        }
        if bands && self.retier_in_bands(sc, base) {
            return Some(self);
        }
        let scored = std::mem::take(&mut self.scored);
        Some(self.summarised_again(sc, base, options, scored, true))
    }

    /// A new segmentation of `scored` (placed again first when `place_again`), with the same
    /// axes and this one's kept points and path figures: how every partial scoring ends.
    pub(super) fn summarised_again(
        mut self,
        sc: &Program,
        base: &PartnerBase,
        options: &SegmentOptions,
        scored: Vec<super::Scored>,
        place_again: bool,
    ) -> Segmentation {
        let (x, y, segment_track) = self.axes;
        let checked = Checked { resolved: self.resolved.clone(), x, y, segment_track, place_again };
        let mut seg = summarise(sc, base, options, scored, checked);
        seg.points = std::mem::take(&mut self.points);
        seg.path_results = std::mem::take(&mut self.path_results);
        seg
    }

    /// [`Segmentation::retiered`] with scoring paths: a minimum decides which path earns the
    /// most, so each result's best path is chosen again from its paths' kept figures, and every
    /// result placed again (a pass without scoring: the totals stay).
    fn paths_chosen_again(mut self, sc: &Program, base: &PartnerBase, options: &SegmentOptions) -> Option<Segmentation> {
        let path_count = sc.paths().len();
        if self.path_results.len() != self.scored.len() * path_count {
            return None;
        }
        let mut scored = std::mem::take(&mut self.scored);
        for (s, results) in scored.iter_mut().zip(self.path_results.chunks_exact(path_count)) {
            let region = (s.region != u16::MAX).then_some(usize::from(s.region));
            let mut best = BestPath::default();
            for (path, result) in results.iter().enumerate() {
                best.weigh(path, *result, sc.variant(usize::from(s.track), region, path));
            }
            s.take_best(sc, &best);
        }
        Some(self.summarised_again(sc, base, options, scored, false))
    }

    /// How many results the last [`Segmentation::retiered`] placed again, when it placed only
    /// those near the minimums that moved; `None` after a scoring or a placing of every result.
    pub fn results_placed_again(&self) -> Option<usize> {
        self.placed_again
    }

    /// Places again the results whose total lies near a tier minimum that changed (every
    /// other keeps its tier, next tier and closeness to it) and moves the summary's counts for
    /// those whose place changed. `false`, with nothing changed, when a minimum appears,
    /// disappears or is not above zero (a next tier without a positive minimum makes every
    /// partner below it a candidate within reach, whatever its total): then every result is
    /// placed again.
    fn retier_in_bands(&mut self, sc: &Program, base: &PartnerBase) -> bool {
        let regions = sc.regions().len() + 1;
        let minimums = tier_minimums(sc);
        if minimums.len() != self.minimums.len() {
            return false;
        }
        // Within reach on points: at most `reach_percent` of the next minimum missing.
        let reach = self.options.reach_percent.max(0.0) / 100.0;
        let mut bands = Vec::new();
        for (slot, (before, now)) in self.minimums.iter().zip(&minimums).enumerate() {
            if before.len() != now.len() {
                return false;
            }
            for (b, n) in before.iter().zip(now) {
                match (*b, *n) {
                    (None, None) => {}
                    (Some(b), Some(n)) if b.to_bits() == n.to_bits() => {}
                    (Some(b), Some(n)) if b > 0.0 && n > 0.0 && b.is_finite() && n.is_finite() => {
                        // Wide by several tolerances (and rounding at the scale of the
                        // minimum) beyond where a placing or a closeness could change.
                        let margin = 4.0 * TOLERANCE + 1e-12 * b.max(n);
                        bands.push((slot, b.min(n) * (1.0 - reach) - margin, b.max(n) + margin));
                    }
                    _ => return false,
                }
            }
        }
        // Each result once: overlapping bands of a variant (two minimums moved) merged.
        bands.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        bands.dedup_by(|next, kept| {
            let overlaps = next.0 == kept.0 && next.1 <= kept.2;
            if overlaps {
                kept.2 = kept.2.max(next.2);
            }
            overlaps
        });
        let order = match self.total_order.take() {
            Some(order) => order,
            None => TotalOrder::of(&self.scored, regions, minimums.len()),
        };
        let anniversary = matches!(sc.retention(), Some(Retention::UntilAnniversary(_)));
        let percent = self.options.reach_percent;
        let mut candidates = self.summary.within_reach.candidates;
        let mut looked_at = 0;
        for (slot, low, high) in bands {
            let run = order.run(slot);
            let first = run.partition_point(|&i| self.scored[i as usize].total < low);
            for &i in &run[first..] {
                let s = &mut self.scored[i as usize];
                // A total that is not a number ends the run (it sorts last), and places the same anywhere.
                if s.total.is_nan() || s.total > high {
                    break;
                }
                looked_at += 1;
                let before = *s;
                let region = (s.region != u16::MAX).then_some(usize::from(s.region));
                s.place_again(sc.variant(usize::from(s.track), region, 0));
                let now = *s;
                // Close on points or not: the next minimum may have moved under an unmoved result.
                let min_before = before.next.and_then(|n| self.minimums[slot].get(usize::from(n)).copied().flatten());
                let min_now = now.next_min(sc);
                candidates -= usize::from(reach_key(before.deficit_below(min_before), min_before, percent).is_some());
                candidates += usize::from(reach_key(now.deficit_below(min_now), min_now, percent).is_some());
                if now == before {
                    continue;
                }
                let track = &mut self.summary.tracks[usize::from(now.track)];
                *track.counts.of(before.tier) -= 1;
                *track.counts.of(now.tier) += 1;
                let region = region.unwrap_or(regions - 1);
                if let Some(r) = track.regions.get_mut(region) {
                    *r.counts.of(before.tier) -= 1;
                    *r.counts.of(now.tier) += 1;
                }
                *track.movement.of(&before, anniversary) -= 1;
                *track.movement.of(&now, anniversary) += 1;
            }
        }
        self.total_order = Some(order);
        self.minimums = minimums;
        self.placed_again = Some(looked_at);
        // The within-reach listing starts again from the candidates (checked after drawing).
        self.summary.within_reach = ReachListing::unchecked(candidates, &self.options);
        self.reach_candidates.clear();
        self.reach_pending = candidates > 0;
        self.reach_checked = 0;
        self.reach_keys.clear();
        let limit = self.options.plan_limit;
        self.check_reach(sc, base, limit);
        true
    }
}
