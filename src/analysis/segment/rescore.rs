//! A change of criteria (the lab's weight and target sliders) scores again only the criteria
//! it changes: each result keeps its criterion points (`Segmentation::points`), the changed
//! criteria are scored from the profile, and the total, category points, shares and
//! score-dependent requirements are summed again from the kept points in the order a full
//! scoring sums them, so that every figure is the same to the last bit (`tests/segment.rs`).
//! Requirements on the partner's data (fields, certifications) do not depend on points and
//! keep their bits (`Scored::data_bits`).

use super::paths::{BestPath, PathResult};
use super::{PartnerBase, SegmentOptions, Segmentation};
use crate::eval::Scores;
use crate::program::profile::FieldValue;
use crate::program::Program;

impl Segmentation {
    /// The segmentation of `new`, a program that differs from `old` (the one this was scored
    /// with) in its criteria's settings and tier minimums only, with the same options; `None`
    /// when that cannot be done here: other options, criteria added or removed, tiers whose
    /// requirements changed, or no criterion points kept. With scoring paths, every path's
    /// changed criteria are scored again and the best path chosen again (`paths.rs`).
    pub fn rescored(mut self, old: &Program, new: &Program, base: &PartnerBase, options: &SegmentOptions) -> Option<Segmentation> {
        let stride = new.max_criteria();
        let path_count = new.paths().len().max(1);
        let kept_results = if path_count > 1 { self.scored.len() * path_count } else { 0 };
        if self.options != *options
            || new.tier_ids().len() > 64
            || stride != old.max_criteria()
            || new.paths().len() != old.paths().len()
            || self.points.len() != self.scored.len() * stride * path_count
            || self.path_results.len() != kept_results
            || old.variants.len() != new.variants.len()
        {
            return None;
        }
        // Per variant: the criteria whose points change (weight, rule, field or category).
        let mut changed: Vec<Vec<usize>> = Vec::with_capacity(new.variants.len());
        for (o, n) in old.variants.iter().zip(&new.variants) {
            // Requirements compared as what they check (their labels do not matter here).
            let same_tiers = o.tiers.len() == n.tiers.len()
                && o.tiers.iter().zip(&n.tiers).all(|(a, b)| {
                    a.requires.len() == b.requires.len() && a.requires.iter().zip(&b.requires).all(|(x, y)| x.requirement == y.requirement)
                });
            if o.criteria.len() != n.criteria.len() || !same_tiers {
                return None;
            }
            let differs = |(a, b): (&crate::program::model::Criterion, &crate::program::model::Criterion)| {
                a.weight != b.weight || a.rule != b.rule || a.field != b.field || a.category != b.category
            };
            changed.push((0..n.criteria.len()).filter(|&i| differs((&o.criteria[i], &n.criteria[i]))).collect());
        }
        let as_of = options.as_of;
        let (x, y, _) = self.axes;
        let mut scored = std::mem::take(&mut self.scored);
        let mut points = std::mem::take(&mut self.points);
        let mut path_results = std::mem::take(&mut self.path_results);
        let mut scores = Scores::default();
        let regions = new.regions().len() + 1;
        // A number field's values from its column, not from each profile (which costs a
        // cache miss per partner): the usual field of a weight or target.
        let columns = base.number_columns(new);
        let column_of = |field: usize| columns.iter().find(|(f, _)| *f == field).map(|(_, c)| c);
        'results: for (r, s) in scored.iter_mut().enumerate() {
            let partner = s.partner as usize;
            let profile = base.profiles.get(partner)?;
            let region = (s.region != u16::MAX).then_some(usize::from(s.region));
            let mut best = BestPath::default();
            for path in 0..path_count {
                let variant = new.variant(usize::from(s.track), region, path);
                let index = (usize::from(s.track) * regions + region.map_or(0, |r| r + 1)) * path_count + path;
                let at = (r * path_count + path) * stride;
                let kept = points.get_mut(at..at + variant.criteria.len())?;
                for &i in changed.get(index)? {
                    let c = &variant.criteria[i];
                    kept[i] = match column_of(c.field).and_then(|column| column.get(partner)) {
                        Some(n) if n.is_nan() => 0.0,
                        Some(&n) => c.weight * crate::eval::raw_points(&c.rule, &FieldValue::Number(n), as_of),
                        None => crate::eval::criterion_points(c, profile, as_of),
                    };
                }
                // Summed as `Scores::fill` sums them: criterion by criterion, in order.
                scores.criteria.clear();
                scores.categories.clear();
                scores.categories.resize(variant.category_max.len(), 0.0);
                scores.total = 0.0;
                for (c, &p) in variant.criteria.iter().zip(kept.iter()) {
                    scores.criteria.push(p);
                    scores.categories[c.category] += p;
                    scores.total += p;
                }
                // Requirements on the partner's data keep their bits; those on points are checked again.
                let data_bits = if path_count > 1 { path_results.get(r * path_count + path)?.data_bits } else { s.data_bits };
                let result = PathResult::of(variant, profile, as_of, &scores, data_bits, (x, y));
                if path_count == 1 {
                    // The one path is the result's: no choice to weigh (most programs; weighing
                    // cost a few milliseconds per move in wasm).
                    s.take_path(new, 0, &result);
                    continue 'results;
                }
                path_results[r * path_count + path] = result;
                best.weigh(path, result, variant);
            }
            s.take_best(new, &best);
        }
        (self.points, self.path_results) = (points, path_results);
        Some(self.summarised_again(new, base, options, scored, false))
    }
}
