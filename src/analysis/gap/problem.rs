//! One plan search's problem: the fields that can change, their candidate values with what
//! each gains per dimension (total score, category points) and costs, and the work budget.

pub(super) use super::budget::Budget;
use super::describe::*;
use super::report::*;
pub(super) use super::rounding::Rounding;
use crate::eval::{condition_holds, raw_points, valid_certs, Scores, TOLERANCE};
use crate::program::model::*;
use crate::program::profile::{Certification, FieldValue, Profile};
use crate::program::Program;
use crate::text::date::Date;
use crate::text::format::{fmt_num, or_list};
use crate::text::message::Message;
use crate::util::{sort_by, sort_numbers};

/// Integer fields with at most this many whole-number steps across their scoring range
/// get every step as a candidate, which makes plans exact for them.
pub const MAX_INTEGER_STEPS: usize = 24;
/// Search effort limit; beyond it the best plan found so far is returned, marked not optimal.
pub(super) const MAX_NODES: usize = 400_000;
/// Alternatives are extra: their searches stop sooner, keeping the best found (marked not
/// optimal) so that a report stays fast on programs where proofs take long.
pub(super) const ALTERNATIVE_NODES: usize = 5_000;
pub(super) const EPS: f64 = 1e-9;
/// Most candidate values of one number field; more are thinned evenly.
pub(super) const MAX_VALUES: usize = 1_000;

/// How much work one rule is to score, in units of one comparison (options are at most 64).
pub(super) fn rule_size(rule: &Rule) -> usize {
    match rule {
        Rule::Bands { bands } => bands.len(),
        _ => 1,
    }
}

/// One candidate value of one field.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) cost: f64,
    pub(super) gains: Vec<f64>,
    pub(super) value: FieldValue,
    /// Plain number for number fields (fill starts from here).
    pub(super) number: Option<f64>,
    pub(super) what: String,
    /// `what` as a message, for certifications (the other kinds' messages follow from the
    /// field's value before and after, when a plan is written out).
    pub(super) what_i18n: Option<Message>,
    pub(super) changed: bool,
    /// Per dimension: (steepest gain per effort, largest gain) of a fill from this value
    /// to the next breakpoint, for the bound. Zero where no fill is possible.
    pub(super) fill_up: Vec<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) field: usize,
    pub(super) candidates: Vec<Candidate>,
    /// For number fields: effort per unit, sorted breakpoints, upper limit, integer.
    pub(super) fill: Option<Fill>,
    /// Highest gain per unit of effort, per dimension (for ordering).
    pub(super) ratio: Vec<f64>,
    /// Steepest gain per unit of effort of any fill piece, and the most one piece can add,
    /// per dimension (for the bound).
    pub(super) fill_slope: Vec<f64>,
    pub(super) fill_span: Vec<f64>,
    /// Points on concave fill pieces (effort, gains): for the bound's hull only.
    pub(super) hull_points: Vec<(f64, Vec<f64>)>,
    pub(super) min_cost: f64,
}

#[derive(Debug, Clone)]
pub(super) struct Fill {
    /// The value costs are measured from (the current value, or the field's floor when empty).
    pub(super) base: f64,
    pub(super) per_unit: f64,
    pub(super) breakpoints: Vec<f64>,
    pub(super) upper: f64,
    pub(super) integer: bool,
    /// How a planned value is rounded: to what a person would enter.
    pub(super) rounding: Rounding,
    /// The values' validity against per-field requirements is checked at each fill.
    pub(super) criteria: Vec<usize>,
}

/// A dimension to cover: the total score or one category's points.
#[derive(Debug, Clone, Copy)]
pub(super) enum Dim {
    Total,
    Category(usize),
}

pub(super) struct Problem<'a> {
    pub(super) scorecard: &'a Program,
    pub(super) variant: &'a Variant,
    pub(super) profile: &'a Profile,
    /// The date the plan is for (its horizon): validity of certifications, dates.
    pub(super) as_of: Date,
    /// Today, for the words of a renewal (expired, or expires).
    pub(super) today: Date,
    pub(super) lang: Option<&'a str>,
    pub(super) goal: usize,
    pub(super) dims: Vec<Dim>,
    pub(super) residual: Vec<f64>,
    pub(super) items: Vec<Item>,
    /// Per-field requirements of the goal tier, to check fill values against.
    pub(super) field_requirements: Vec<(usize, &'a Requirement)>,
    pub(super) all_above_zero: bool,
    pub(super) current_points: Vec<f64>,
    /// Set when a field's candidates are not all there: too many breakpoints to try each, or
    /// set-up stopped at half the budget. Plans are then not claimed optimal.
    pub(super) approximate: std::cell::Cell<bool>,
    pub(super) budget: &'a Budget,
}

impl<'a> Problem<'a> {
    // The plan's date and today's differ by the horizon; both are plain dates.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        scorecard: &'a Program,
        variant: &'a Variant,
        profile: &'a Profile,
        as_of: Date,
        today: Date,
        goal: usize,
        lang: Option<&'a str>,
        budget: &'a Budget,
    ) -> Result<Problem<'a>, Box<Blocked>> {
        let tier = &variant.tiers[goal];
        let mut scores = Scores::default();
        scores.fill(variant, profile, as_of);
        let mut dims = Vec::new();
        let mut residual = Vec::new();
        if let Some(min) = tier.min_score {
            dims.push(Dim::Total);
            residual.push(min - scores.total);
        }
        let mut field_requirements = Vec::new();
        let mut all_above_zero = false;
        for req in &tier.requires {
            match &req.requirement {
                Requirement::CategoryPoints { category, min } => {
                    dims.push(Dim::Category(*category));
                    residual.push(min - scores.categories[*category]);
                }
                Requirement::CategoryShare { category, min_percent } => {
                    dims.push(Dim::Category(*category));
                    residual.push(min_percent / 100.0 * variant.category_max[*category] - scores.categories[*category]);
                }
                Requirement::Field { field, .. } | Requirement::Certifications { field, .. } => {
                    field_requirements.push((*field, &req.requirement))
                }
                Requirement::AllCriteriaAboveZero => all_above_zero = true,
            }
        }
        let mut problem = Problem {
            scorecard,
            variant,
            profile,
            as_of,
            today,
            lang,
            goal,
            dims,
            residual,
            items: Vec::new(),
            field_requirements,
            all_above_zero,
            current_points: scores.criteria.clone(),
            approximate: std::cell::Cell::new(false),
            budget,
        };
        for field in 0..scorecard.fields.len() {
            if let Some(item) = problem.item(field)? {
                problem.items.push(item);
            }
        }
        // Nothing can cover a dimension whose best case falls short.
        for (d, dim) in problem.dims.iter().enumerate() {
            let best: f64 = problem.items.iter().map(|it| it.max_gain(d)).sum();
            if best + TOLERANCE < problem.residual[d] {
                let reachable = problem.residual[d] - best;
                let (requirement, reason, requirement_i18n, reason_i18n) = match dim {
                    Dim::Total => (
                        "Minimum score".to_string(),
                        format!(
                            "at most {} of the {} points needed can be reached with changes the partner can make",
                            fmt_num(tier.min_score.unwrap_or(0.0) - reachable),
                            fmt_num(tier.min_score.unwrap_or(0.0))
                        ),
                        Message::new("blocked.min_score"),
                        Message::new("blocked.score_out_of_reach")
                            .num("reachable", tier.min_score.unwrap_or(0.0) - reachable)
                            .num("needed", tier.min_score.unwrap_or(0.0)),
                    ),
                    Dim::Category(c) => (
                        format!("{} points", scorecard.categories[*c].label.get(lang)),
                        format!("{} more points are needed but at most {} can be gained", fmt_num(problem.residual[d]), fmt_num(best)),
                        Message::new("blocked.category_points").text("category", scorecard.categories[*c].label.get(lang)),
                        Message::new("blocked.category_out_of_reach").num("needed", problem.residual[d]).num("best", best),
                    ),
                };
                return Err(Box::new(Blocked { requirement, reason, requirement_i18n, reason_i18n }));
            }
        }
        Ok(problem)
    }

    pub(super) fn criteria_of(&self, field: usize) -> Vec<usize> {
        self.variant.criteria.iter().enumerate().filter(|(_, c)| c.field == field).map(|(i, _)| i).collect()
    }

    /// Whether setting up candidates must stop (half the budget is spent, the rest is the
    /// search's); what is left out makes the plans approximate.
    pub(super) fn setup_cut_short(&self) -> bool {
        let stop = self.budget.half_spent();
        if stop {
            self.approximate.set(true);
        }
        stop
    }

    /// Gains per dimension of setting `field` to `value`, relative to now.
    pub(super) fn gains(&self, criteria: &[usize], value: &FieldValue) -> Vec<f64> {
        // A rule costs its bands (certification values cost more per rule, but few are tried:
        // at most a million certifications are copied into candidates).
        let mut work = self.dims.len();
        let mut gains = vec![0.0; self.dims.len()];
        for &ci in criteria {
            let c = &self.variant.criteria[ci];
            work += rule_size(&c.rule);
            let delta = c.weight * raw_points(&c.rule, value, self.as_of) - self.current_points[ci];
            for (d, dim) in self.dims.iter().enumerate() {
                if matches!(dim, Dim::Total) || matches!(dim, Dim::Category(k) if *k == c.category) {
                    gains[d] += delta;
                }
            }
        }
        self.budget.spend(work);
        gains
    }

    /// Whether a value meets every requirement of the goal tier that concerns only this field.
    pub(super) fn field_ok(&self, field: usize, criteria: &[usize], value: &FieldValue) -> bool {
        let reqs_ok = self.field_requirements.iter().filter(|(f, _)| *f == field).all(|(_, req)| match req {
            Requirement::Field { condition, .. } => condition_holds(condition, value),
            Requirement::Certifications { kinds, min, of_which, .. } => {
                valid_certs(value, *kinds, self.as_of) >= *min as usize
                    && of_which.is_none_or(|(sub, m)| valid_certs(value, Some(sub), self.as_of) >= m as usize)
            }
            _ => true,
        });
        reqs_ok
            && (!self.all_above_zero
                || criteria.iter().all(|&ci| {
                    let c = &self.variant.criteria[ci];
                    c.weight * raw_points(&c.rule, value, self.as_of) > 0.0
                }))
    }

    pub(super) fn requirement_text(&self, field: usize) -> (String, Message) {
        let tier = &self.variant.tiers[self.goal];
        let mut scores = Scores::default();
        scores.fill(self.variant, self.profile, self.as_of);
        tier.requires
            .iter()
            .find(|r| match &r.requirement {
                Requirement::Field { field: f, .. } | Requirement::Certifications { field: f, .. } => *f == field,
                Requirement::AllCriteriaAboveZero => true,
                _ => false,
            })
            .map(|r| {
                let check = crate::eval::explain_requirement(self.scorecard, r, self.variant, self.profile, self.as_of, &scores, self.lang);
                (check.description, check.description_i18n)
            })
            .unwrap_or_else(|| ("Every criterion above zero".into(), Message::new("requirement.all_above_zero")))
    }

    /// The candidates for one field, or None when the field plays no part.
    pub(super) fn item(&self, field: usize) -> Result<Option<Item>, Box<Blocked>> {
        let f = &self.scorecard.fields[field];
        let criteria = self.criteria_of(field);
        let has_requirement = self.field_requirements.iter().any(|(x, _)| *x == field);
        if criteria.is_empty() && !has_requirement {
            return Ok(None);
        }
        let current = self.profile.value(field).clone();
        let actionable = f.actionable && !matches!(f.kind, FieldKind::Date);
        let stay_ok = self.field_ok(field, &criteria, &current);
        let stay = Candidate {
            cost: 0.0,
            gains: vec![0.0; self.dims.len()],
            number: match current {
                FieldValue::Number(n) => Some(n),
                _ => None,
            },
            value: current.clone(),
            what: String::new(),
            what_i18n: None,
            changed: false,
            fill_up: Vec::new(),
        };
        if !actionable {
            if !stay_ok {
                let (requirement, requirement_i18n) = self.requirement_text(field);
                return Err(Box::new(Blocked {
                    requirement,
                    reason: format!("\"{}\" is a fact the partner cannot change, and it does not meet this", f.label.get(self.lang)),
                    requirement_i18n,
                    reason_i18n: Message::new("blocked.fact").text("name", f.label.get(self.lang)),
                }));
            }
            return Ok(None);
        }
        let mut candidates = Vec::new();
        if stay_ok {
            candidates.push(stay);
        }
        let mut fill = None;
        match &f.kind {
            FieldKind::Number { min, max, integer, .. } => {
                let (found, fill_info) = self.number_candidates(field, &criteria, *min, *max, *integer);
                candidates.extend(found);
                fill = fill_info;
            }
            FieldKind::Boolean => {
                let flipped = FieldValue::Bool(!matches!(current, FieldValue::Bool(true)));
                self.push_candidate(&mut candidates, field, &criteria, flipped, self.effort_switch(f));
            }
            FieldKind::Choice { options } => {
                for i in 0..options.len() {
                    if current != FieldValue::Choice(i) {
                        self.push_candidate(&mut candidates, field, &criteria, FieldValue::Choice(i), self.effort_switch(f));
                    }
                }
            }
            FieldKind::MultiChoice { options } => {
                let have = current_set(&current);
                let worth = |i: usize| -> f64 {
                    criteria
                        .iter()
                        .map(|&ci| match &self.variant.criteria[ci].rule {
                            Rule::Options { points, .. } => self.variant.criteria[ci].weight * points.get(i).copied().unwrap_or(0.0),
                            _ => 0.0,
                        })
                        .sum()
                };
                // What the requirements force in: every option they list, or for "at least n of
                // these", the n - (already chosen) listed options worth the most points (every
                // option costs the same to add).
                let mut forced: IndexSet = 0;
                for (_, r) in self.field_requirements.iter().filter(|(x, _)| *x == field) {
                    if let Requirement::Field { condition: Condition::Includes(set, min), .. } = r {
                        let mut missing = min.saturating_sub(((have | forced) & set).count_ones());
                        let mut open: Vec<usize> = (0..options.len()).filter(|i| set & !(have | forced) & (1 << i) != 0).collect();
                        sort_by(&mut open, |a, b| worth(*b).total_cmp(&worth(*a)).then(a.cmp(b)));
                        for i in open {
                            if missing == 0 {
                                break;
                            }
                            forced |= 1 << i;
                            missing -= 1;
                        }
                    }
                }
                let mut extra: Vec<usize> = (0..options.len()).filter(|i| (have | forced) & (1 << i) == 0 && worth(*i) > 0.0).collect();
                sort_by(&mut extra, |a, b| worth(*b).total_cmp(&worth(*a)).then(a.cmp(b)));
                let per_option = f.effort.unwrap_or(DEFAULT_OPTION_EFFORT);
                let mut set = have | forced;
                for k in 0..=extra.len() {
                    if k > 0 {
                        set |= 1 << extra[k - 1];
                    }
                    if set != have {
                        let added = (set & !have).count_ones() as f64;
                        self.push_candidate(&mut candidates, field, &criteria, FieldValue::Multi(set), per_option * added);
                    }
                }
            }
            FieldKind::Certifications { .. } => candidates.extend(self.certification_candidates(field, &criteria)),
            FieldKind::Date => {}
        }
        if candidates.is_empty() && fill.is_none() {
            let (requirement, requirement_i18n) = self.requirement_text(field);
            return Err(Box::new(Blocked {
                requirement,
                reason: format!("no value of \"{}\" that the program allows meets it", f.label.get(self.lang)),
                requirement_i18n,
                reason_i18n: Message::new("blocked.no_value").text("name", f.label.get(self.lang)),
            }));
        }
        // Pairwise: number fields have at most MAX_VALUES candidates.
        self.budget.spend(candidates.len() * candidates.len() * (1 + self.dims.len()));
        prune_dominated(&mut candidates);
        sort_by(&mut candidates, |a, b| a.cost.total_cmp(&b.cost));
        if candidates.is_empty() {
            let (requirement, requirement_i18n) = self.requirement_text(field);
            return Err(Box::new(Blocked {
                requirement,
                reason: "no change meets it".into(),
                requirement_i18n,
                reason_i18n: Message::new("blocked.no_change"),
            }));
        }
        let mut ratio = vec![0.0; self.dims.len()];
        for c in &candidates {
            for (d, g) in c.gains.iter().enumerate() {
                if *g > 0.0 {
                    ratio[d] = f64::max(ratio[d], if c.cost > 0.0 { g / c.cost } else { f64::INFINITY });
                }
            }
        }
        let dims = self.dims.len();
        let mut fill_slope = vec![0.0; dims];
        let mut fill_span = vec![0.0; dims];
        let mut hull_points = Vec::new();
        if let Some(fill) = &fill {
            // Along a linear piece a fill stays on the chord between two candidates, which the
            // bound's convex hull already covers. Concave (diminishing) pieces bulge above
            // their chords: sample them into the hull, and allow one fill the largest bulge
            // left between samples, at no better than the steepest slope.
            const SAMPLES: usize = 8;
            for w in fill.breakpoints.windows(2) {
                if self.setup_cut_short() {
                    break;
                }
                let (a, b) = (w[0], w[1].min(fill.upper));
                if b <= a + EPS {
                    continue;
                }
                let at = |x: f64| self.gains(&fill.criteria, &FieldValue::Number(x));
                let (ga, gb, gm) = (at(a), at(b), at((a + b) / 2.0));
                let linear = (0..dims).all(|d| (gm[d] - (ga[d] + gb[d]) / 2.0).abs() <= 1e-9 * gm[d].abs().max(1.0));
                if linear {
                    continue;
                }
                let xs: Vec<f64> = (0..=SAMPLES).map(|k| a + (b - a) * k as f64 / SAMPLES as f64).collect();
                let h = (b - a) * 1e-7;
                for (k, pair) in xs.windows(2).enumerate() {
                    let (x0, x1) = (pair[0], pair[1]);
                    let (g0, g0h, g1, g1h) = (at(x0), at(x0 + h), at(x1), at(x1 - h));
                    for d in 0..dims {
                        let left = (g0h[d] - g0[d]) / h;
                        let right = (g1[d] - g1h[d]) / h;
                        if left > 0.0 {
                            fill_slope[d] = f64::max(fill_slope[d], left / fill.per_unit.max(EPS) * 1.001);
                        }
                        fill_span[d] = f64::max(fill_span[d], (left - right).max(0.0) * (x1 - x0) / 4.0 * 1.05 + 1e-9);
                    }
                    if k > 0 && self.field_ok(field, &fill.criteria, &FieldValue::Number(x0)) {
                        hull_points.push((fill.per_unit * (x0 - fill.base).abs(), g0));
                    }
                }
            }
            for d in 0..dims {
                ratio[d] = f64::max(ratio[d], fill_slope[d]);
            }
        }
        for cand in &mut candidates {
            if self.setup_cut_short() {
                break;
            }
            cand.fill_up = vec![(0.0, 0.0); dims];
            let Some(fill) = &fill else { continue };
            let start = cand.number.unwrap_or(fill.base);
            let next = fill.breakpoints.iter().copied().find(|b| *b > start + EPS).unwrap_or(fill.upper).min(fill.upper);
            if next <= start + EPS {
                continue;
            }
            let at = |x: f64| self.gains(&fill.criteria, &FieldValue::Number(x));
            let (g0, gh, g1) = (at(start), at(start + (next - start) * 1e-7), at(next));
            for (d, slot) in cand.fill_up.iter_mut().enumerate() {
                let chord = (g1[d] - g0[d]) / ((next - start) * fill.per_unit).max(EPS);
                let initial = (gh[d] - g0[d]) / ((next - start) * 1e-7 * fill.per_unit).max(EPS);
                *slot = (chord.max(initial) * 1.001, (g1[d] - g0[d]).max(0.0));
            }
        }
        let min_cost = candidates.iter().map(|c| c.cost).fold(f64::INFINITY, f64::min);
        Ok(Some(Item { field, candidates, fill, ratio, fill_slope, fill_span, hull_points, min_cost }))
    }

    pub(super) fn effort_switch(&self, f: &Field) -> f64 {
        f.effort.unwrap_or(DEFAULT_SWITCH_EFFORT)
    }

    pub(super) fn push_candidate(&self, out: &mut Vec<Candidate>, field: usize, criteria: &[usize], value: FieldValue, cost: f64) {
        if self.field_ok(field, criteria, &value) {
            let f = &self.scorecard.fields[field];
            let from = describe_value(self.scorecard, f, self.profile.value(field), self.lang);
            let what = match &value {
                FieldValue::Multi(set) => {
                    format!(
                        "{}: add {}",
                        f.label.get(self.lang),
                        f.chosen_labels(set & !current_set(self.profile.value(field)), self.lang, ", ")
                    )
                }
                other => format!("{} {from} → {}", f.label.get(self.lang), describe_value(self.scorecard, f, other, self.lang)),
            };
            out.push(Candidate {
                cost,
                gains: self.gains(criteria, &value),
                value,
                number: None,
                what,
                what_i18n: None,
                changed: true,
                fill_up: Vec::new(),
            });
        }
    }

    pub(super) fn number_candidates(
        &self,
        field: usize,
        criteria: &[usize],
        min: Option<f64>,
        max: Option<f64>,
        integer: bool,
    ) -> (Vec<Candidate>, Option<Fill>) {
        let f = &self.scorecard.fields[field];
        let current = match self.profile.value(field) {
            FieldValue::Number(n) => Some(*n),
            _ => None,
        };
        let base = current.unwrap_or_else(|| min.unwrap_or(0.0).max(0.0));
        // The least value above `x` a partner would enter: the next whole number (or whole
        // percent, or unit of money), or the next hundredth for other decimal fields.
        let unit = match &f.kind {
            FieldKind::Number { unit, .. } => unit.as_deref(),
            _ => None,
        };
        let rounding = Rounding::of(integer, unit, self.scorecard.currency.as_deref());
        let just_above = |x: f64| rounding.above(x);
        let mut points: Vec<f64> = vec![base];
        for &ci in criteria {
            // Besides a rule's breakpoints, the least value at which it gives any points: a
            // requirement that every criterion score above zero is met there, not at the cap.
            match &self.variant.criteria[ci].rule {
                Rule::Linear { from, target, .. } => points.extend([*from, *target, just_above(*from)]),
                Rule::PerUnit { per, cap } => points.extend([cap / per, just_above(0.0)]),
                Rule::Bands { bands } => points.extend(bands.iter().map(|b| b.0)),
                Rule::Log { target, .. } => points.extend([*target, just_above(0.0)]),
                _ => {}
            }
        }
        let mut floor_limit = f64::INFINITY;
        for (x, req) in &self.field_requirements {
            if *x != field {
                continue;
            }
            if let Requirement::Field { condition, .. } = req {
                match condition {
                    Condition::AtLeast(Scalar::Number(n)) | Condition::Equals(Scalar::Number(n)) => points.push(*n),
                    Condition::AtMost(Scalar::Number(n)) => {
                        points.push(*n);
                        floor_limit = floor_limit.min(*n);
                    }
                    Condition::OneOf(list) => points.extend(list.iter().filter_map(|s| match s {
                        Scalar::Number(n) => Some(*n),
                        _ => None,
                    })),
                    _ => {}
                }
            }
        }
        let lo = min.unwrap_or(f64::NEG_INFINITY);
        let hi = max.unwrap_or(f64::INFINITY).min(floor_limit);
        let top = points.iter().copied().fold(base, f64::max).min(max.unwrap_or(f64::INFINITY));
        let mut values: Vec<f64> = points
            .iter()
            .map(|&p| {
                if integer {
                    if p > hi {
                        p.floor()
                    } else {
                        p.ceil()
                    }
                } else {
                    p
                }
            })
            .filter(|p| *p >= lo && *p <= max.unwrap_or(f64::INFINITY) && p.is_finite())
            .collect();
        if integer && top - base <= MAX_INTEGER_STEPS as f64 {
            // Counted, not `step += 1.0` until past the top: from 2^53 on, adding 1 to a
            // double changes nothing and that loop never ended.
            let first = base.ceil();
            values.extend((0..=MAX_INTEGER_STEPS).map(|k| first + k as f64).take_while(|v| *v <= top));
        }
        sort_numbers(&mut values);
        values.dedup_by(|a, b| (*a - *b).abs() <= EPS);
        if values.len() > MAX_VALUES {
            // Hundreds of rules with their own breakpoints on one field: MAX_VALUES of them,
            // evenly spread from the lowest to the highest, stay candidates (fills still reach
            // any value between them), and plans are marked not optimal.
            let last = values.len() - 1;
            values = (0..MAX_VALUES).map(|i| values[i * last / (MAX_VALUES - 1)]).collect();
            self.approximate.set(true);
        }
        let span = (top - min.unwrap_or(0.0).min(0.0)).abs().max(if integer { 1.0 } else { EPS });
        let per_unit = f.effort.unwrap_or(DEFAULT_NUMBER_RANGE_EFFORT / span);
        let mut out = Vec::new();
        for &v in &values {
            // Too much work for one field: keep the candidates found so far.
            if self.setup_cut_short() {
                break;
            }
            if current.is_some_and(|c| (c - v).abs() <= EPS) {
                continue;
            }
            let value = FieldValue::Number(v);
            if !self.field_ok(field, criteria, &value) {
                continue;
            }
            let from = current.map_or_else(|| "not given".to_string(), fmt_num);
            out.push(Candidate {
                cost: per_unit * (v - base).abs(),
                gains: self.gains(criteria, &value),
                value,
                number: Some(v),
                what: format!("{} {from} → {}", f.label.get(self.lang), fmt_num(v)),
                what_i18n: None,
                changed: true,
                fill_up: Vec::new(),
            });
        }
        let fill = (!criteria.is_empty() && hi > base).then(|| {
            let mut breakpoints = values.clone();
            breakpoints.push(base);
            sort_numbers(&mut breakpoints);
            breakpoints.dedup();
            Fill { base, per_unit, breakpoints, upper: hi.min(top), integer, rounding, criteria: criteria.to_vec() }
        });
        (out, fill)
    }

    pub(super) fn certification_candidates(&self, field: usize, criteria: &[usize]) -> Vec<Candidate> {
        let f = &self.scorecard.fields[field];
        let kinds = f.options();
        let current = match self.profile.value(field) {
            FieldValue::Certs(c) => c.clone(),
            _ => Vec::new(),
        };
        // Kinds that every rule and requirement treats alike are interchangeable.
        let mut sets: Vec<Option<IndexSet>> = Vec::new();
        let mut wanted = 0usize;
        for &ci in criteria {
            if let Rule::Certifications { kinds, per, cap } = &self.variant.criteria[ci].rule {
                sets.push(*kinds);
                wanted = wanted.max((cap / per).ceil().min(64.0) as usize);
            }
        }
        for (x, req) in &self.field_requirements {
            if let (true, Requirement::Certifications { kinds, min, of_which, .. }) = (*x == field, req) {
                sets.push(*kinds);
                wanted = wanted.max(*min as usize);
                if let Some((sub, m)) = of_which {
                    sets.push(Some(*sub));
                    wanted = wanted.max(*m as usize);
                }
            }
        }
        let kind_count = kinds.len().max(1);
        let signature = |k: usize| -> u64 {
            sets.iter()
                .enumerate()
                .filter(|(_, s)| s.is_none_or(|set| set & (1 << k) != 0))
                .map(|(i, _)| 1u64 << i.min(63))
                .fold(0, |a, b| a | b)
        };
        let mut classes: Vec<(u64, Vec<usize>)> = Vec::new();
        for k in 0..kind_count {
            let sig = signature(k);
            if sig == 0 {
                continue;
            }
            match classes.iter_mut().find(|(s, _)| *s == sig) {
                Some((_, members)) => members.push(k),
                None => classes.push((sig, vec![k])),
            }
        }
        let per_cert = f.effort.unwrap_or(DEFAULT_CERTIFICATION_EFFORT);
        let mut out = Vec::new();
        let wanted = wanted.min(30);
        let mut counts = vec![0usize; classes.len()];
        let mut visited = 0;
        // Each candidate holds a copy of the partner's certifications: at most about a
        // million copied in all, and 5,000 candidates.
        let most_visits = (1_000_000 / (current.len() + 1)).clamp(1, 5000);
        loop {
            let total: usize = counts.iter().sum();
            if total > 0 && total <= wanted {
                let mut certs = current.clone();
                let mut cost = 0.0;
                let mut parts = Vec::new();
                let mut messages = Vec::new();
                for (c, &n) in counts.iter().enumerate() {
                    let members = &classes[c].1;
                    let mut left = n;
                    // Renew expired certifications of these kinds first: cheaper, and named.
                    for cert in certs.iter_mut() {
                        if left == 0 {
                            break;
                        }
                        let in_class = if kinds.is_empty() { true } else { cert.kind.is_some_and(|k| members.contains(&k)) };
                        if in_class && cert.expires.is_some_and(|e| e < self.as_of) {
                            parts.push(format!("renew {}", expired_certification(self.scorecard, cert, self.today, self.lang)));
                            messages.push(renewal_message(self.scorecard, cert, self.today, self.lang));
                            cert.expires = None;
                            cert.earned = Some(self.today);
                            cost += per_cert / 2.0;
                            left -= 1;
                        }
                    }
                    if left > 0 {
                        let kind = if kinds.is_empty() { None } else { Some(members[0]) };
                        for _ in 0..left {
                            certs.push(Certification { kind, name: None, holder: None, earned: Some(self.today), expires: None });
                        }
                        cost += per_cert * left as f64;
                        // (Without declared kinds, `members` holds a class index, not a kind's.)
                        let labels: Vec<String> = if kinds.is_empty() {
                            Vec::new()
                        } else {
                            members.iter().filter_map(|&k| kinds.get(k)).map(|k| k.label.get(self.lang).to_string()).collect()
                        };
                        let names = if kinds.is_empty() { String::new() } else { format!("{} ", or_list(&labels)) };
                        parts.push(format!("add {left} {names}{}", self.scorecard.certification_noun(left, self.lang)));
                        messages.push(
                            self.scorecard
                                .terms_in(Message::new("change.add_certifications"), self.lang)
                                .num("count", left as f64)
                                .part("kinds", (!kinds.is_empty()).then(|| Message::new("change.kinds").list("kinds", labels))),
                        );
                    }
                }
                let value = FieldValue::Certs(certs);
                if self.field_ok(field, criteria, &value) {
                    out.push(Candidate {
                        cost,
                        gains: self.gains(criteria, &value),
                        value,
                        number: None,
                        what: parts.join(", "),
                        what_i18n: Some(Message::new("change.certifications").messages("parts", messages)),
                        changed: true,
                        fill_up: Vec::new(),
                    });
                }
            }
            visited += 1;
            // Next vector of counts (odometer), bounded by `wanted` in total.
            let mut i = 0;
            loop {
                if i == counts.len() {
                    return out;
                }
                counts[i] += 1;
                if counts.iter().sum::<usize>() <= wanted && visited < most_visits && !self.budget.exhausted() {
                    break;
                }
                counts[i] = 0;
                i += 1;
            }
        }
    }
}

/// Drops candidates that cost at least as much as another and gain no more anywhere.
pub(super) fn prune_dominated(candidates: &mut Vec<Candidate>) {
    let n = candidates.len();
    let mut keep = vec![true; n];
    for i in 0..n {
        for j in 0..n {
            if i == j || !keep[j] {
                continue;
            }
            let (a, b) = (&candidates[j], &candidates[i]);
            let dominates = a.cost <= b.cost + EPS
                && a.gains.iter().zip(&b.gains).all(|(x, y)| *x + EPS >= *y)
                && (a.cost < b.cost - EPS || a.gains.iter().zip(&b.gains).any(|(x, y)| *x > *y + EPS) || j < i)
                && b.number.is_none();
            if dominates {
                keep[i] = false;
                break;
            }
        }
    }
    let mut index = 0;
    candidates.retain(|_| {
        let k = keep[index];
        index += 1;
        k
    });
}
