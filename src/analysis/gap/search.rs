//! The least-effort plan search over a [`Problem`]: branch and bound, seeded by a greedy plan.

use super::describe::*;
use super::problem::*;
use super::report::*;
use crate::eval::{TierRef, TOLERANCE};
use crate::program::profile::FieldValue;
use crate::text::format::fmt_num;
use crate::util::{sort_by, sort_indexes};

impl Problem<'_> {
    /// The best plan, then plans that avoid changing some of the fields the earlier plans
    /// change (breadth first, so cheaper detours come first), for alternatives.
    pub(super) fn solve_with_alternatives(&self, alternatives: usize, cutoff: f64) -> Vec<Plan> {
        let Some(best) = self.solve(&[], cutoff, MAX_NODES) else { return Vec::new() };
        let mut plans = vec![best];
        if alternatives == 0 {
            return plans;
        }
        let mut queue: std::collections::VecDeque<(Vec<usize>, usize)> = std::collections::VecDeque::from([(Vec::new(), 0)]);
        let mut tried: Vec<Vec<usize>> = vec![Vec::new()];
        let mut solves = 0;
        while let Some((frozen, plan_index)) = queue.pop_front() {
            let changed: Vec<usize> = plans[plan_index].values.iter().map(|(f, _)| *f).collect();
            for field in changed {
                let mut next = frozen.clone();
                next.push(field);
                sort_indexes(&mut next);
                if tried.contains(&next) || solves >= 4 * alternatives + 4 {
                    continue;
                }
                tried.push(next.clone());
                solves += 1;
                if let Some(plan) = self.solve(&next, f64::INFINITY, ALTERNATIVE_NODES) {
                    plans.push(plan);
                    queue.push_back((next, plans.len() - 1));
                }
            }
        }
        plans
    }

    /// Branch and bound over the items; `frozen` fields may not change. Only plans cheaper
    /// than `cutoff` are of interest.
    pub(super) fn solve(&self, frozen: &[usize], cutoff: f64, node_limit: usize) -> Option<Plan> {
        let mut items: Vec<&Item> = Vec::new();
        let mut owned: Vec<Item> = Vec::new();
        for item in &self.items {
            if frozen.contains(&item.field) {
                let mut stay = item.clone();
                stay.candidates.retain(|c| !c.changed);
                if stay.candidates.is_empty() {
                    return None;
                }
                stay.fill = None;
                stay.ratio = vec![0.0; self.dims.len()];
                stay.fill_slope = vec![0.0; self.dims.len()];
                stay.fill_span = vec![0.0; self.dims.len()];
                stay.hull_points.clear();
                stay.min_cost = 0.0;
                owned.push(stay);
            }
        }
        let mut owned_iter = owned.iter();
        for item in &self.items {
            if frozen.contains(&item.field) {
                items.push(owned_iter.next()?);
            } else {
                items.push(item);
            }
        }
        sort_by(&mut items, |a, b| {
            let key = |it: &Item| it.ratio.iter().copied().fold(0.0, f64::max);
            key(b).total_cmp(&key(a))
        });
        let n = items.len();
        let dims = self.dims.len();
        let mut suffix_min = vec![0.0; n + 1];
        for i in (0..n).rev() {
            suffix_min[i] = suffix_min[i + 1] + items[i].min_cost;
        }
        // Per dimension: each item's cheapest candidate, then the upper convex hull of its
        // (cost, gain) candidates as upgrade segments, all sorted by gain per effort. Covering
        // the residual greedily with the segments of the items still to decide (fractions
        // allowed) is the linear relaxation: a lower bound on the effort still needed.
        // With several dimensions, their sum is one more (implied) constraint: its bound
        // sees trade-offs that each dimension alone misses.
        let bound_dims = if dims >= 2 { dims + 1 } else { dims };
        let mut suffix_start_gain = vec![vec![0.0; bound_dims]; n + 1];
        let mut segments: Vec<Vec<(usize, f64, f64)>> = vec![Vec::new(); bound_dims];
        for (pos, item) in items.iter().enumerate() {
            for d in 0..bound_dims {
                let mut points: Vec<(f64, f64)> = item.candidates.iter().map(|c| (c.cost, project(&c.gains, d))).collect();
                let by_cost = |a: &(f64, f64), b: &(f64, f64)| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1));
                sort_by(&mut points, by_cost);
                let start = points[0];
                points.extend(item.hull_points.iter().filter(|(cost, _)| *cost > start.0).map(|(cost, gains)| (*cost, project(gains, d))));
                sort_by(&mut points, by_cost);
                suffix_start_gain[pos][d] = start.1;
                let mut hull = vec![start];
                for &p in &points[1..] {
                    if p.1 <= hull[hull.len() - 1].1 + EPS || p.0 <= start.0 {
                        continue;
                    }
                    while hull.len() >= 2 {
                        let (a, b) = (hull[hull.len() - 2], hull[hull.len() - 1]);
                        if (b.1 - a.1) * (p.0 - b.0) <= (p.1 - b.1) * (b.0 - a.0) {
                            hull.pop();
                        } else {
                            break;
                        }
                    }
                    hull.push(p);
                }
                for w in hull.windows(2) {
                    segments[d].push((pos, w[1].0 - w[0].0, w[1].1 - w[0].1));
                }
            }
        }
        for i in (0..n).rev() {
            let (head, tail) = suffix_start_gain.split_at_mut(i + 1);
            for (slot, later) in head[i].iter_mut().zip(&tail[0]) {
                *slot += later;
            }
        }
        for list in &mut segments {
            sort_by(list, |a, b| (b.2 / b.1).total_cmp(&(a.2 / a.1)));
        }
        // One fill, of at most one piece, may add gain at no better than the steepest slope.
        let fill: Vec<(f64, f64)> = (0..bound_dims)
            .map(|d| {
                let slope = items.iter().map(|it| project(&it.fill_slope, d)).fold(0.0, f64::max);
                let span = items.iter().map(|it| project(&it.fill_span, d)).fold(0.0, f64::max);
                (slope, span)
            })
            .collect();
        let mut search = Search {
            problem: self,
            items: &items,
            suffix_min,
            suffix_start_gain,
            segments,
            fill,
            best_cost: cutoff,
            best: None,
            choice: vec![0; n],
            nodes: 0,
            node_limit,
            cut_short: false,
        };
        // A quick greedy plan first: a good incumbent lets the bound prune most branches.
        if let Some((choice, cost)) = greedy(&items, &self.residual, self.budget) {
            if cost < search.best_cost {
                search.best_cost = cost + EPS;
                search.best = Some((choice, None));
            }
        }
        let mut residual = self.residual.clone();
        search.dfs(0, 0.0, &mut residual);
        // Proven least-effort only where the search is exact: it fills one field to an exact
        // value, so at most one dimension (the total, or one category's minimum) may still be
        // short, and no field it may change is scored on a curve (`log`), whose cheapest
        // point can lie between candidates. Otherwise the plan is the best found, marked not
        // optimal: an independent exhaustive search found such plans 0.5-1.3 % dearer than
        // the optimum (tests/plan_oracle.rs).
        let short_dimensions = self.residual.iter().filter(|r| **r > EPS).count();
        let on_a_curve = items.iter().any(|item| {
            self.criteria_of(item.field).iter().any(|&c| matches!(self.variant.criteria[c].rule, crate::program::model::Rule::Log { .. }))
        });
        let optimal = !search.cut_short && !self.approximate.get() && short_dimensions <= 1 && !on_a_curve;
        let (choice, fill) = search.best?;
        Some(self.plan(&items, &choice, fill, optimal))
    }

    pub(super) fn plan(&self, items: &[&Item], choice: &[usize], fill: Option<(usize, f64)>, optimal: bool) -> Plan {
        let mut changes = Vec::new();
        let mut values = Vec::new();
        let mut effort = 0.0;
        for (i, item) in items.iter().enumerate() {
            let cand = &item.candidates[choice[i]];
            let f = &self.scorecard.fields[item.field];
            let filled = fill.filter(|(fi, _)| *fi == i).map(|(_, v)| v);
            let certification_message = if filled.is_some() { None } else { cand.what_i18n.as_ref() };
            let (value, cost, what) = match (filled, &item.fill) {
                (Some(v), Some(fl)) => {
                    let base = fl.base;
                    let from = match self.profile.value(item.field) {
                        FieldValue::Number(n) => fmt_num(*n),
                        _ => "not given".into(),
                    };
                    (FieldValue::Number(v), fl.per_unit * (v - base).abs(), format!("{} {from} → {}", f.label.get(self.lang), fmt_num(v)))
                }
                _ if !cand.changed => continue,
                _ => (cand.value.clone(), cand.cost, cand.what.clone()),
            };
            effort += cost;
            let (add_certifications, renew_certifications) = certification_changes(f, self.profile.value(item.field), &value, self.as_of);
            changes.push(Change {
                field: f.id.clone(),
                label: f.label.get(self.lang).to_string(),
                from: json_of(f, self.profile.value(item.field), self.as_of),
                to: json_of(f, &value, self.as_of),
                effort: cost,
                description: what,
                description_i18n: change_message(
                    self.scorecard,
                    f,
                    self.profile.value(item.field),
                    &value,
                    certification_message,
                    self.lang,
                ),
                points: 0.0,
                meets: 0,
                add_certifications,
                renew_certifications,
            });
            values.push((item.field, value));
        }
        let order: Vec<usize> = self.scorecard.fields.iter().enumerate().map(|(i, _)| i).collect();
        let mut paired: Vec<(Change, (usize, FieldValue))> = changes.into_iter().zip(values).collect();
        sort_by(&mut paired, |a, b| order[(a.1).0].cmp(&order[(b.1).0]));
        let (changes, values): (Vec<Change>, Vec<(usize, FieldValue)>) = paired.into_iter().unzip();
        let (summary, summary_i18n) = summarize(&changes);
        Plan {
            effort,
            changes,
            path: None,
            total_after: 0.0,
            tier_after: TierRef { id: self.variant.tiers[self.goal].id.clone(), label: String::new(), rank: self.goal + 1 },
            summary,
            summary_i18n,
            optimal,
            values,
        }
    }

    /// The smallest value of a number item, between its chosen candidate and the next
    /// breakpoint, that closes every positive residual; with its extra cost.
    pub(super) fn fill_value(&self, item: &Item, cand: &Candidate, residual: &[f64]) -> Option<(f64, f64)> {
        let fill = item.fill.as_ref()?;
        let start = cand.number.unwrap_or_else(|| match self.profile.value(item.field) {
            FieldValue::Number(n) => *n,
            _ => fill.breakpoints.first().copied().unwrap_or(0.0),
        });
        let next = fill.breakpoints.iter().copied().find(|b| *b > start + EPS).unwrap_or(fill.upper).min(fill.upper);
        if next <= start {
            return None;
        }
        let base_gains = &cand.gains;
        let covers = |v: f64| -> bool {
            let g = self.gains(&fill.criteria, &FieldValue::Number(v));
            residual.iter().enumerate().all(|(d, r)| *r <= TOLERANCE || g[d] - base_gains[d] + TOLERANCE >= *r)
        };
        if !covers(next) {
            return None;
        }
        let (mut lo, mut hi) = (start, next);
        for _ in 0..60 {
            let mid = (lo + hi) / 2.0;
            if covers(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        // Rounded up to what a person would enter, but not past the next breakpoint (a value
        // the program itself names) of a decimal field.
        let up = fill.rounding.up(hi);
        let mut v = if fill.integer { up } else { up.min(next) };
        if !covers(v) {
            v = next;
        }
        let value = FieldValue::Number(v);
        if !self.field_ok(item.field, &fill.criteria, &value) {
            return None;
        }
        Some((v, fill.per_unit * (v - fill.base).abs() - cand.cost))
    }
}

impl Item {
    pub(super) fn max_gain(&self, d: usize) -> f64 {
        let mut best = self.candidates.iter().map(|c| c.gains[d]).fold(f64::NEG_INFINITY, f64::max);
        if self.fill.is_some() {
            best = best.max(0.0);
        }
        best.max(f64::NEG_INFINITY)
    }
}

/// One candidate index per item, and the item filled to a value, if any.
pub(super) type Selection = (Vec<usize>, Option<(usize, f64)>);

pub(super) struct Search<'p, 'a> {
    pub(super) problem: &'p Problem<'a>,
    pub(super) items: &'p [&'p Item],
    pub(super) suffix_min: Vec<f64>,
    /// Per position and dimension: total gain of the cheapest candidates from here on.
    pub(super) suffix_start_gain: Vec<Vec<f64>>,
    /// Per dimension: (item position, extra effort, extra gain), best ratio first.
    pub(super) segments: Vec<Vec<(usize, f64, f64)>>,
    /// Per dimension: (steepest slope, largest gain) of a single fill.
    pub(super) fill: Vec<(f64, f64)>,
    pub(super) best_cost: f64,
    pub(super) best: Option<Selection>,
    pub(super) choice: Vec<usize>,
    pub(super) nodes: usize,
    pub(super) node_limit: usize,
    /// Whether the node limit or the report's work budget ended the search early.
    pub(super) cut_short: bool,
}

impl Search<'_, '_> {
    /// A lower bound on the effort still needed from position `i` on.
    pub(super) fn bound(&self, i: usize, residual: &[f64]) -> f64 {
        // At most: the decided items' fills and every segment, per dimension.
        self.problem.budget.spend(self.segments.iter().map(|s| i + s.len()).sum());
        let mut bound = self.suffix_min[i];
        for d in 0..self.segments.len() {
            let mut need = project(residual, d) - self.suffix_start_gain[i][d];
            if need <= TOLERANCE {
                continue;
            }
            let mut cost = self.suffix_min[i];
            // A fill on an item already decided adds at most its piece's gain at its slope;
            // on an item still open, the hull covers it up to the concave bulge allowance.
            let (mut fill_slope, mut fill_left) = self.fill[d];
            for k in 0..i {
                let up = &self.items[k].candidates[self.choice[k]].fill_up;
                if !up.is_empty() {
                    let (slope, span) = if d < up.len() { up[d] } else { up.iter().fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1)) };
                    fill_slope = fill_slope.max(slope);
                    fill_left = fill_left.max(span);
                }
            }
            if fill_slope <= 0.0 {
                fill_left = 0.0;
            }
            let mut segments = self.segments[d].iter().filter(|s| s.0 >= i).peekable();
            while need > TOLERANCE {
                let next_ratio = segments.peek().map(|s| s.2 / s.1);
                if fill_left > 0.0 && next_ratio.is_none_or(|r| fill_slope >= r) {
                    let take = fill_left.min(need);
                    cost += take / fill_slope;
                    need -= take;
                    fill_left = 0.0;
                    continue;
                }
                match segments.next() {
                    Some(&(_, dc, dg)) => {
                        let take = dg.min(need);
                        cost += dc * take / dg;
                        need -= take;
                    }
                    None => return f64::INFINITY,
                }
            }
            bound = bound.max(cost);
        }
        bound
    }

    pub(super) fn dfs(&mut self, i: usize, cost: f64, residual: &mut Vec<f64>) {
        self.nodes += 1;
        let budget = self.problem.budget;
        budget.spend(1 + i);
        if (self.nodes > self.node_limit && self.best.is_some()) || budget.exhausted() {
            self.cut_short = true;
            return;
        }
        if cost + self.bound(i, residual) >= self.best_cost - EPS {
            return;
        }
        if i == self.items.len() {
            if residual.iter().all(|r| *r <= TOLERANCE) {
                self.best_cost = cost;
                self.best = Some((self.choice.clone(), None));
                return;
            }
            for (k, item) in self.items.iter().enumerate() {
                let cand = &item.candidates[self.choice[k]];
                // Skip the search for a fill value when this piece cannot add enough, or not
                // cheaply enough: most leaves end here.
                let hopeless = cand.fill_up.is_empty()
                    || residual.iter().zip(&cand.fill_up).any(|(r, (slope, span))| {
                        *r > TOLERANCE && (*span + TOLERANCE < *r || *slope <= 0.0 || cost + r / slope >= self.best_cost - EPS)
                    });
                if hopeless {
                    continue;
                }
                if let Some((v, extra)) = self.problem.fill_value(item, cand, residual) {
                    if cost + extra < self.best_cost - EPS {
                        self.best_cost = cost + extra;
                        self.best = Some((self.choice.clone(), Some((k, v))));
                    }
                }
            }
            return;
        }
        let item = self.items[i];
        for (j, cand) in item.candidates.iter().enumerate() {
            if cost + cand.cost >= self.best_cost - EPS {
                break;
            }
            self.choice[i] = j;
            for (r, g) in residual.iter_mut().zip(&cand.gains) {
                *r -= g;
            }
            self.dfs(i + 1, cost + cand.cost, residual);
            for (r, g) in residual.iter_mut().zip(&cand.gains) {
                *r += g;
            }
        }
    }
}

/// A dimension's value, or for the extra index past the last dimension, their sum.
pub(super) fn project(values: &[f64], d: usize) -> f64 {
    if d < values.len() {
        values[d]
    } else {
        values.iter().sum()
    }
}

/// Repeatedly takes the upgrade that covers the most of what is missing per unit of effort.
pub(super) fn greedy(items: &[&Item], residual: &[f64], budget: &Budget) -> Option<(Vec<usize>, f64)> {
    let mut choice = vec![0usize; items.len()];
    let mut left: Vec<f64> = residual.to_vec();
    for (item, &c) in items.iter().zip(&choice) {
        for (r, g) in left.iter_mut().zip(&item.candidates[c].gains) {
            *r -= g;
        }
    }
    let limit: usize = items.iter().map(|it| it.candidates.len()).sum();
    for _ in 0..=limit {
        budget.spend(limit * (1 + left.len()));
        if budget.exhausted() {
            return None;
        }
        if left.iter().all(|r| *r <= TOLERANCE) {
            let cost = items.iter().zip(&choice).map(|(it, &c)| it.candidates[c].cost).sum();
            return Some((choice, cost));
        }
        let mut best: Option<(f64, usize, usize)> = None;
        for (i, item) in items.iter().enumerate() {
            let now = &item.candidates[choice[i]];
            for (j, cand) in item.candidates.iter().enumerate() {
                let extra = cand.cost - now.cost;
                if extra <= 0.0 {
                    continue;
                }
                let covered: f64 = left
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| **r > TOLERANCE)
                    .map(|(d, r)| (cand.gains[d] - now.gains[d]).clamp(0.0, *r))
                    .sum();
                let score = covered / extra;
                if covered > 0.0 && best.is_none_or(|b| score > b.0) {
                    best = Some((score, i, j));
                }
            }
        }
        let (_, i, j) = best?;
        let (old, new) = (&items[i].candidates[choice[i]], &items[i].candidates[j]);
        for (d, r) in left.iter_mut().enumerate() {
            *r -= new.gains[d] - old.gains[d];
        }
        choice[i] = j;
    }
    None
}

/// A plan's one-line summary, in English and for the catalogs.
pub(super) fn summarize(changes: &[Change]) -> (String, crate::text::message::Message) {
    if changes.is_empty() {
        return ("no change needed".into(), crate::text::message::Message::new("plan.no_change"));
    }
    let summary = changes.iter().map(|c| c.description.clone()).collect::<Vec<_>>().join(", ");
    let i18n =
        crate::text::message::Message::new("plan.summary").messages("steps", changes.iter().map(|c| c.description_i18n.clone()).collect());
    (summary, i18n)
}
