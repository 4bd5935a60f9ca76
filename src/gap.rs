//! Gap analysis: what exactly a partner lacks for a higher tier, and the least-effort plan
//! of field changes that gets it there.
//!
//! The plan search is exact over a finite set of candidate values per field: its current
//! value, every value where a rule or requirement changes (band minimums, targets, caps,
//! requirement thresholds), every whole-number step for integer fields with at most
//! [`MAX_INTEGER_STEPS`] steps in their scoring range, and for one field at most, the value
//! just high enough to close what is still missing ("fill"). Each criterion depends on one
//! field, so a plan is a choice of one candidate per field that covers the point deficit
//! (and any category minimums) while meeting every per-field requirement: a small
//! multi-dimensional covering problem, solved by branch and bound.

use crate::date::Date;
use crate::error::Errors;
use crate::eval::{condition_holds, raw_points, requirement_holds, valid_certs, EvalOptions, Resolved, Scores, TierRef, TOLERANCE};
use crate::json::fmt_num;
use crate::limits::{MAX_ALTERNATIVES, MAX_PLAN_WORK, MAX_WINDOW_DAYS};
use crate::model::*;
use crate::profile::{Certification, FieldValue, Profile};
use crate::program::Scorecard;
use crate::util::{sort_by, sort_indexes, sort_numbers};
use crate::value::Value;
use serde::Serialize;

/// Integer fields with at most this many whole-number steps across their scoring range
/// get every step as a candidate, which makes plans exact for them.
pub const MAX_INTEGER_STEPS: usize = 24;
/// Search effort limit; beyond it the best plan found so far is returned, marked not optimal.
const MAX_NODES: usize = 400_000;
/// Alternatives are extra: their searches stop sooner, keeping the best found (marked not
/// optimal) so that a report stays fast on programs where proofs take long.
const ALTERNATIVE_NODES: usize = 5_000;
const EPS: f64 = 1e-9;
/// Most candidate values of one number field; more are thinned evenly.
const MAX_VALUES: usize = 1_000;

/// The work one gap report may spend on its plan searches (`GapOptions::work_limit`), shared by
/// every track, path and tier it looks at, so that no program makes a report run for long.
/// A `Cell`, so that the read-only search structures can charge it.
#[derive(Debug)]
struct Budget {
    spent: std::cell::Cell<u64>,
    limit: u64,
}

impl Budget {
    fn spend(&self, units: usize) {
        self.spent.set(self.spent.get().saturating_add(units as u64));
    }

    /// Past the limit every search stops: with the best plan found so far (marked not
    /// optimal; the greedy plan each search starts from is usually one), or none.
    fn exhausted(&self) -> bool {
        self.spent.get() >= self.limit
    }

    /// Setting up the candidates of a field stops here, leaving the rest for the search.
    fn half_spent(&self) -> bool {
        self.spent.get() >= self.limit / 2
    }
}

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
    /// Days ahead to look for expiring certifications.
    pub window_days: u32,
    /// How many alternative plans to add (at most).
    pub alternatives: usize,
    /// Units of work the plan searches may spend ([`MAX_PLAN_WORK`] by default).
    pub work_limit: u64,
}

impl GapOptions {
    pub fn on(as_of: Date) -> GapOptions {
        GapOptions { eval: EvalOptions::on(as_of), target: None, window_days: 90, alternatives: 3, work_limit: MAX_PLAN_WORK }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GapReport {
    pub as_of: Date,
    pub tracks: Vec<TrackGaps>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
pub struct UnmetRequirement {
    pub description: String,
    pub actual: Value,
    pub needed: Value,
    /// The smallest change that meets this requirement on its own.
    pub change: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub effort: f64,
    pub changes: Vec<Change>,
    /// The alternative scoring path the plan relies on, when the program has paths.
    pub path: Option<String>,
    pub total_after: f64,
    pub tier_after: TierRef,
    pub summary: String,
    /// False only when the search hit its effort limit (very large programs).
    pub optimal: bool,
    #[serde(skip)]
    pub(crate) values: Vec<(usize, FieldValue)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub field: String,
    pub label: String,
    pub from: Value,
    pub to: Value,
    pub effort: f64,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Blocked {
    /// The requirement (or "Minimum score") that no plan can meet.
    pub requirement: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopMargin {
    pub tier: TierRef,
    /// Points above the top tier's minimum score: how far the total may slip.
    pub margin: Option<f64>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outlook {
    pub window_days: u32,
    pub expiring: Vec<Expiring>,
    /// The first expiry within the window that would lower the earned tier.
    pub tier_drop: Option<TierDrop>,
    /// Last day of a tier held by grace or until the anniversary.
    pub retention_ends: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Expiring {
    pub field: String,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub holder: Option<String>,
    pub expires: Date,
    pub days_left: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TierDrop {
    /// First day on which the tier is lower.
    pub date: Date,
    pub tier: Option<TierRef>,
    pub message: String,
}

impl Scorecard {
    /// Gap analysis for every selected track of the profile.
    pub fn gaps(&self, profile: &Profile, options: &GapOptions) -> Result<GapReport, Errors> {
        let resolved = self.resolve(&options.eval)?;
        let limit = |path: &str, message: String| Err(Errors::single(crate::error::ErrorKind::Options, path, message));
        if options.alternatives > MAX_ALTERNATIVES {
            return limit(
                "alternatives",
                format!("at most {MAX_ALTERNATIVES} alternative plans can be asked for, not {}", options.alternatives),
            );
        }
        if options.window_days > MAX_WINDOW_DAYS {
            return limit("window_days", format!("look at most {MAX_WINDOW_DAYS} days (ten years) ahead, not {}", options.window_days));
        }
        let budget = Budget { spent: std::cell::Cell::new(0), limit: options.work_limit };
        let target = match &options.target {
            None => None,
            Some(id) => match self.tier_ids.iter().position(|t| t == id) {
                Some(i) => Some(i),
                None => {
                    return Err(Errors::single(
                        crate::error::ErrorKind::Options,
                        "target",
                        format!("unknown tier \"{id}\"; use one of {}", crate::profile::quoted(self.tier_ids.iter().map(String::as_str))),
                    ))
                }
            },
        };
        let region = self.selected_region(profile, &resolved);
        let tracks = self
            .selected_tracks(profile, &resolved)
            .into_iter()
            .map(|track| self.track_gaps(profile, track, region, &resolved, target, options, &budget))
            .collect();
        Ok(GapReport { as_of: resolved.as_of, tracks })
    }

    /// The profile with a plan's changes applied (for "what if I do this?").
    pub fn apply_plan(&self, profile: &Profile, plan: &Plan) -> Profile {
        let mut out = profile.clone();
        for (field, value) in &plan.values {
            if let Some(slot) = out.values.get_mut(*field) {
                *slot = value.clone();
            }
        }
        out
    }

    fn tier_ref(&self, variant: &Variant, index: usize, lang: Option<&str>) -> TierRef {
        TierRef { id: variant.tiers[index].id.clone(), label: variant.tiers[index].label.get(lang).to_string(), rank: index + 1 }
    }

    #[allow(clippy::too_many_arguments)]
    fn track_gaps(
        &self,
        profile: &Profile,
        track: usize,
        region: Option<usize>,
        resolved: &Resolved,
        target: Option<usize>,
        options: &GapOptions,
        budget: &Budget,
    ) -> TrackGaps {
        let as_of = resolved.as_of;
        let lang = resolved.lang.as_deref();
        let (variant, total) = self.best_path(profile, track, region, as_of);
        let earned = self.earned_tier(variant, profile, as_of, total);
        let (held, retained) = self.apply_retention(profile, track, earned, as_of);
        let outlook = self.outlook(profile, track, region, as_of, options.window_days, earned, retained.map(|r| r.1), lang);
        let top = variant.tiers.len().saturating_sub(1);
        let mut gaps = TrackGaps {
            track: self.tracks.get(track).map(|t| t.id.clone()),
            label: self.tracks.get(track).map(|t| t.label.get(lang).to_string()),
            total,
            tier: held.map(|h| self.tier_ref(variant, h, lang)),
            earned_tier: earned.map(|e| self.tier_ref(variant, e, lang)),
            target: None,
            status: GapStatus::Reached,
            point_deficit: 0.0,
            unmet: Vec::new(),
            plan: None,
            alternatives: Vec::new(),
            blocked: None,
            at_top: None,
            outlook,
        };
        let target = match target {
            Some(t) => t,
            None if earned == Some(top) => {
                let tier = &variant.tiers[top];
                let margin = tier.min_score.map(|m| total - m);
                let label = tier.label.get(lang);
                gaps.status = GapStatus::Top;
                gaps.at_top = Some(TopMargin {
                    tier: self.tier_ref(variant, top, lang),
                    margin,
                    message: match margin {
                        Some(m) => format!("{label} is the top tier; the total may fall by {} points before it is lost", fmt_num(m)),
                        None => format!("{label} is the top tier; it is kept while its requirements hold"),
                    },
                });
                return gaps;
            }
            None => earned.map_or(0, |e| e + 1),
        };
        gaps.target = Some(self.tier_ref(variant, target, lang));
        if earned.is_some_and(|e| e >= target) {
            return gaps;
        }
        let tier = &variant.tiers[target];
        gaps.point_deficit = tier.min_score.map_or(0.0, |m| (m - total).max(0.0));
        let mut scores = Scores::default();
        scores.fill(variant, profile, as_of);
        gaps.unmet = tier
            .requires
            .iter()
            .filter(|r| !requirement_holds(&r.requirement, variant, profile, as_of, &scores))
            .map(|r| self.unmet(r, variant, profile, as_of, &scores, lang))
            .collect();

        // Every path, and every tier at or above the target (tiers need not be cumulative).
        let mut best: Option<Plan> = None;
        let mut others: Vec<Plan> = Vec::new();
        let mut blocked: Option<Blocked> = None;
        let paths: Vec<(Option<usize>, &Variant)> = if self.paths.is_empty() {
            vec![(None, self.variant(track, region, 0))]
        } else {
            (0..self.paths.len()).map(|p| (Some(p), self.variant(track, region, p))).collect()
        };
        // Set when the work budget ran out and some tier or path was not searched.
        let mut cut_short = false;
        for (path, v) in &paths {
            for goal in target..v.tiers.len() {
                // Out of budget: no more searches.
                if budget.exhausted() {
                    cut_short = true;
                    continue;
                }
                // Each field's criteria are looked up by a scan of them all.
                budget.spend(self.fields.len() * (1 + v.criteria.len()));
                let problem = Problem::new(self, v, profile, as_of, goal, lang, budget);
                match problem {
                    Err(b) => {
                        if goal == target && blocked.is_none() {
                            blocked = Some(b);
                        }
                    }
                    Ok(problem) => {
                        // A higher tier only competes for the best plan (tiers need not be
                        // cumulative); alternatives are ways to the target itself.
                        let wanted = if goal == target { options.alternatives } else { 0 };
                        let cutoff = if goal == target { f64::INFINITY } else { best.as_ref().map_or(f64::INFINITY, |b| b.effort) };
                        let mut plans = problem.solve_with_alternatives(wanted, cutoff);
                        for plan in &mut plans {
                            plan.path = path.map(|p| self.paths[p].id.clone());
                        }
                        for plan in plans {
                            let plan = self.checked(plan, profile, track, region, as_of, target, lang);
                            let Some(plan) = plan else { continue };
                            match &best {
                                Some(b) if b.effort <= plan.effort + EPS => {
                                    if goal == target {
                                        others.push(plan);
                                    }
                                }
                                _ => {
                                    if let Some(previous) = best.replace(plan) {
                                        others.push(previous);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        match best {
            Some(mut plan) => {
                plan.optimal &= !cut_short;
                sort_by(&mut others, |a, b| a.effort.total_cmp(&b.effort));
                let mut seen = vec![changed_fields(&plan)];
                for alt in others {
                    let key = changed_fields(&alt);
                    if gaps.alternatives.len() < options.alternatives && !seen.contains(&key) {
                        seen.push(key);
                        gaps.alternatives.push(alt);
                    }
                }
                gaps.status = GapStatus::Plan;
                gaps.plan = Some(plan);
            }
            None => {
                gaps.status = GapStatus::Blocked;
                gaps.blocked = Some(blocked.unwrap_or_else(|| Blocked {
                    requirement: "Minimum score".into(),
                    // (`cut_short` is only ever set once the budget is exhausted.)
                    reason: if budget.exhausted() {
                        "the plan search reached its effort limit before it found a plan (README, \"Limits\")".into()
                    } else {
                        "no combination of changes the partner can make reaches this tier".into()
                    },
                }));
            }
        }
        gaps
    }

    /// Applies a plan and evaluates again: a plan is only returned when it really reaches
    /// the target tier.
    #[allow(clippy::too_many_arguments)]
    fn checked(
        &self,
        mut plan: Plan,
        profile: &Profile,
        track: usize,
        region: Option<usize>,
        as_of: Date,
        target: usize,
        lang: Option<&str>,
    ) -> Option<Plan> {
        let after = self.apply_plan(profile, &plan);
        let (variant, total) = self.best_path(&after, track, region, as_of);
        let earned = self.earned_tier(variant, &after, as_of, total)?;
        if earned < target {
            return None;
        }
        plan.total_after = total;
        plan.tier_after = self.tier_ref(variant, earned, lang);
        Some(plan)
    }

    fn unmet(
        &self,
        req: &TierRequirement,
        variant: &Variant,
        profile: &Profile,
        as_of: Date,
        scores: &Scores,
        lang: Option<&str>,
    ) -> UnmetRequirement {
        let check = self.explain_requirement(req, variant, profile, as_of, scores, lang);
        let change = match &req.requirement {
            Requirement::Field { field, condition } => {
                let f = &self.fields[*field];
                let from = describe_value(f, profile.value(*field), lang);
                let to = match condition {
                    Condition::AtLeast(s) | Condition::AtMost(s) | Condition::Equals(s) => describe_scalar(f, s, lang),
                    Condition::OneOf(list) => list.iter().map(|s| describe_scalar(f, s, lang)).collect::<Vec<_>>().join(" or "),
                    Condition::Includes(set) => format!("add {}", f.chosen_labels(*set & !current_set(profile.value(*field)), lang, ", ")),
                };
                format!("{} {from} → {to}", f.label.get(lang))
            }
            Requirement::Certifications { field, kinds, min, of_which } => {
                let f = &self.fields[*field];
                let value = profile.value(*field);
                let mut parts = Vec::new();
                let count = valid_certs(value, *kinds, as_of);
                let mut sub_added = 0;
                if let Some((sub, sub_min)) = of_which {
                    let have = valid_certs(value, Some(*sub), as_of);
                    if have < *sub_min as usize {
                        sub_added = *sub_min as usize - have;
                        parts.push(format!("add {sub_added} {}", cert_noun(f, Some(*sub), sub_added, lang)));
                    }
                }
                if count + sub_added < *min as usize {
                    let more = *min as usize - count - sub_added;
                    parts.push(format!("add {more} {}", cert_noun(f, *kinds, more, lang)));
                }
                let renewable = renewable(value, *kinds, as_of);
                if !renewable.is_empty() {
                    parts.push(format!("renewing counts: {}", renewable.join(", ")));
                }
                parts.join("; ")
            }
            Requirement::CategoryPoints { category, min } => {
                let have = scores.categories.get(*category).copied().unwrap_or(0.0);
                format!("{} more points in {}", fmt_num(min - have), self.categories[*category].label.get(lang))
            }
            Requirement::CategoryShare { category, min_percent } => {
                let max = variant.category_max[*category];
                let have = scores.categories.get(*category).copied().unwrap_or(0.0);
                format!("{} more points in {}", fmt_num(min_percent / 100.0 * max - have), self.categories[*category].label.get(lang))
            }
            Requirement::AllCriteriaAboveZero => {
                let zero: Vec<&str> =
                    variant.criteria.iter().zip(&scores.criteria).filter(|(_, p)| **p <= 0.0).map(|(c, _)| c.label.get(lang)).collect();
                format!("score above zero in {}", zero.join(", "))
            }
        };
        UnmetRequirement { description: check.description, actual: check.actual, needed: check.needed, change }
    }

    #[allow(clippy::too_many_arguments)]
    fn outlook(
        &self,
        profile: &Profile,
        track: usize,
        region: Option<usize>,
        as_of: Date,
        window_days: u32,
        earned: Option<usize>,
        retention_ends: Option<Date>,
        lang: Option<&str>,
    ) -> Outlook {
        let horizon = as_of.add_days(window_days as i64);
        let mut expiring = Vec::new();
        for (i, field) in self.fields.iter().enumerate() {
            if let FieldValue::Certs(certs) = profile.value(i) {
                for cert in certs {
                    if let Some(expires) = cert.expires.filter(|e| *e >= as_of && *e <= horizon && cert.is_valid_on(as_of)) {
                        expiring.push(Expiring {
                            field: field.id.clone(),
                            kind: cert.kind.and_then(|k| field.options().get(k)).map(|k| k.id.clone()),
                            name: cert.name.clone(),
                            holder: cert.holder.clone(),
                            expires,
                            days_left: as_of.days_until(expires),
                        });
                    }
                }
            }
        }
        sort_by(&mut expiring, |a, b| a.expires.cmp(&b.expires));
        let mut tier_drop = None;
        let mut dates: Vec<Date> = expiring.iter().map(|e| e.expires.add_days(1)).collect();
        dates.dedup();
        for day in dates {
            let (variant, total) = self.best_path(profile, track, region, day);
            let after = self.earned_tier(variant, profile, day, total);
            if after < earned {
                let without = after.map_or_else(|| "unranked".to_string(), |a| variant.tiers[a].label.get(lang).to_string());
                tier_drop = Some(TierDrop {
                    date: day,
                    tier: after.map(|a| self.tier_ref(variant, a, lang)),
                    message: format!("from {day}, when certifications expire, the tier drops to {without} unless they are renewed"),
                });
                break;
            }
        }
        Outlook { window_days, expiring, tier_drop, retention_ends }
    }
}

fn changed_fields(plan: &Plan) -> Vec<usize> {
    let mut fields: Vec<usize> = plan.values.iter().map(|(f, _)| *f).collect();
    sort_indexes(&mut fields);
    fields
}

fn current_set(value: &FieldValue) -> IndexSet {
    match value {
        FieldValue::Multi(set) => *set,
        _ => 0,
    }
}

fn cert_noun(field: &Field, kinds: Option<IndexSet>, count: usize, lang: Option<&str>) -> String {
    let noun = if count == 1 { "certification" } else { "certifications" };
    match kinds {
        Some(set) => format!("{} {noun}", field.chosen_labels(set, lang, " or ")),
        None => noun.to_string(),
    }
}

fn renewable(value: &FieldValue, kinds: Option<IndexSet>, as_of: Date) -> Vec<String> {
    let FieldValue::Certs(certs) = value else { return Vec::new() };
    certs
        .iter()
        .filter(|c| c.expires.is_some_and(|e| e < as_of) && kinds.is_none_or(|k| c.kind.is_some_and(|i| k & (1 << i) != 0)))
        .map(|c| {
            let name = c.name.clone().unwrap_or_else(|| "certification".into());
            let holder = c.holder.as_ref().map(|h| format!(" of {h}")).unwrap_or_default();
            format!("{name}{holder} (expired {})", c.expires.map(|e| e.to_string()).unwrap_or_default())
        })
        .collect()
}

fn describe_scalar(field: &Field, s: &Scalar, lang: Option<&str>) -> String {
    match s {
        Scalar::Number(n) => fmt_num(*n),
        Scalar::Bool(true) => "yes".into(),
        Scalar::Bool(false) => "no".into(),
        Scalar::Choice(i) => field.options()[*i].label.get(lang).to_string(),
        Scalar::Date(d) => d.to_string(),
    }
}

fn describe_value(field: &Field, value: &FieldValue, lang: Option<&str>) -> String {
    match value {
        FieldValue::Empty => "not given".into(),
        FieldValue::Number(n) => fmt_num(*n),
        FieldValue::Bool(b) => if *b { "yes" } else { "no" }.into(),
        FieldValue::Choice(i) => field.options()[*i].label.get(lang).to_string(),
        FieldValue::Multi(set) if *set == 0 => "none".into(),
        FieldValue::Multi(set) => field.chosen_labels(*set, lang, ", "),
        FieldValue::Date(d) => d.to_string(),
        FieldValue::Certs(c) => format!("{} certifications", c.len()),
    }
}

fn json_of(field: &Field, value: &FieldValue, as_of: Date) -> Value {
    match value {
        FieldValue::Empty => Value::Null,
        FieldValue::Number(n) => Value::Number(*n),
        FieldValue::Bool(b) => Value::Bool(*b),
        FieldValue::Choice(i) => Value::String(field.options()[*i].id.clone()),
        FieldValue::Multi(set) => field.chosen_ids(*set),
        FieldValue::Date(d) => Value::String(d.to_string()),
        FieldValue::Certs(_) => Value::from(valid_certs(value, None, as_of)),
    }
}

/// How much work one rule is to score, in units of one comparison (options are at most 64).
fn rule_size(rule: &Rule) -> usize {
    match rule {
        Rule::Bands { bands } => bands.len(),
        _ => 1,
    }
}

/// One candidate value of one field.
#[derive(Debug, Clone)]
struct Candidate {
    cost: f64,
    gains: Vec<f64>,
    value: FieldValue,
    /// Plain number for number fields (fill starts from here).
    number: Option<f64>,
    what: String,
    changed: bool,
    /// Per dimension: (steepest gain per effort, largest gain) of a fill from this value
    /// to the next breakpoint, for the bound. Zero where no fill is possible.
    fill_up: Vec<(f64, f64)>,
}

#[derive(Debug, Clone)]
struct Item {
    field: usize,
    candidates: Vec<Candidate>,
    /// For number fields: effort per unit, sorted breakpoints, upper limit, integer.
    fill: Option<Fill>,
    /// Highest gain per unit of effort, per dimension (for ordering).
    ratio: Vec<f64>,
    /// Steepest gain per unit of effort of any fill piece, and the most one piece can add,
    /// per dimension (for the bound).
    fill_slope: Vec<f64>,
    fill_span: Vec<f64>,
    /// Points on concave fill pieces (effort, gains): for the bound's hull only.
    hull_points: Vec<(f64, Vec<f64>)>,
    min_cost: f64,
}

#[derive(Debug, Clone)]
struct Fill {
    /// The value costs are measured from (the current value, or the field's floor when empty).
    base: f64,
    per_unit: f64,
    breakpoints: Vec<f64>,
    upper: f64,
    integer: bool,
    /// The values' validity against per-field requirements is checked at each fill.
    criteria: Vec<usize>,
}

/// A dimension to cover: the total score or one category's points.
#[derive(Debug, Clone, Copy)]
enum Dim {
    Total,
    Category(usize),
}

struct Problem<'a> {
    scorecard: &'a Scorecard,
    variant: &'a Variant,
    profile: &'a Profile,
    as_of: Date,
    lang: Option<&'a str>,
    goal: usize,
    dims: Vec<Dim>,
    residual: Vec<f64>,
    items: Vec<Item>,
    /// Per-field requirements of the goal tier, to check fill values against.
    field_requirements: Vec<(usize, &'a Requirement)>,
    all_above_zero: bool,
    current_points: Vec<f64>,
    /// Set when a field's candidates are not all there: too many breakpoints to try each, or
    /// set-up stopped at half the budget. Plans are then not claimed optimal.
    approximate: std::cell::Cell<bool>,
    budget: &'a Budget,
}

impl<'a> Problem<'a> {
    fn new(
        scorecard: &'a Scorecard,
        variant: &'a Variant,
        profile: &'a Profile,
        as_of: Date,
        goal: usize,
        lang: Option<&'a str>,
        budget: &'a Budget,
    ) -> Result<Problem<'a>, Blocked> {
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
                let (requirement, reason) = match dim {
                    Dim::Total => (
                        "Minimum score".to_string(),
                        format!(
                            "at most {} of the {} points needed can be reached with changes the partner can make",
                            fmt_num(tier.min_score.unwrap_or(0.0) - reachable),
                            fmt_num(tier.min_score.unwrap_or(0.0))
                        ),
                    ),
                    Dim::Category(c) => (
                        format!("{} points", scorecard.categories[*c].label.get(lang)),
                        format!("{} more points are needed but at most {} can be gained", fmt_num(problem.residual[d]), fmt_num(best)),
                    ),
                };
                return Err(Blocked { requirement, reason });
            }
        }
        Ok(problem)
    }

    fn criteria_of(&self, field: usize) -> Vec<usize> {
        self.variant.criteria.iter().enumerate().filter(|(_, c)| c.field == field).map(|(i, _)| i).collect()
    }

    /// Whether setting up candidates must stop (half the budget is spent, the rest is the
    /// search's); what is left out makes the plans approximate.
    fn setup_cut_short(&self) -> bool {
        let stop = self.budget.half_spent();
        if stop {
            self.approximate.set(true);
        }
        stop
    }

    /// Gains per dimension of setting `field` to `value`, relative to now.
    fn gains(&self, criteria: &[usize], value: &FieldValue) -> Vec<f64> {
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
    fn field_ok(&self, field: usize, criteria: &[usize], value: &FieldValue) -> bool {
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

    fn requirement_text(&self, field: usize) -> String {
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
            .map(|r| self.scorecard.explain_requirement(r, self.variant, self.profile, self.as_of, &scores, self.lang).description)
            .unwrap_or_else(|| "Every criterion above zero".into())
    }

    /// The candidates for one field, or None when the field plays no part.
    fn item(&self, field: usize) -> Result<Option<Item>, Blocked> {
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
            changed: false,
            fill_up: Vec::new(),
        };
        if !actionable {
            if !stay_ok {
                return Err(Blocked {
                    requirement: self.requirement_text(field),
                    reason: format!("\"{}\" is a fact the partner cannot change, and it does not meet this", f.label.get(self.lang)),
                });
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
                let forced: IndexSet = self
                    .field_requirements
                    .iter()
                    .filter(|(x, _)| *x == field)
                    .map(|(_, r)| match r {
                        Requirement::Field { condition: Condition::Includes(set), .. } => *set,
                        _ => 0,
                    })
                    .fold(0, |a, b| a | b);
                let worth = |i: usize| -> f64 {
                    criteria
                        .iter()
                        .map(|&ci| match &self.variant.criteria[ci].rule {
                            Rule::Options { points, .. } => self.variant.criteria[ci].weight * points.get(i).copied().unwrap_or(0.0),
                            _ => 0.0,
                        })
                        .sum()
                };
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
            return Err(Blocked {
                requirement: self.requirement_text(field),
                reason: format!("no value of \"{}\" that the program allows meets it", f.label.get(self.lang)),
            });
        }
        // Pairwise: number fields have at most MAX_VALUES candidates.
        self.budget.spend(candidates.len() * candidates.len() * (1 + self.dims.len()));
        prune_dominated(&mut candidates);
        sort_by(&mut candidates, |a, b| a.cost.total_cmp(&b.cost));
        if candidates.is_empty() {
            return Err(Blocked { requirement: self.requirement_text(field), reason: "no change meets it".into() });
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

    fn effort_switch(&self, f: &Field) -> f64 {
        f.effort.unwrap_or(DEFAULT_SWITCH_EFFORT)
    }

    fn push_candidate(&self, out: &mut Vec<Candidate>, field: usize, criteria: &[usize], value: FieldValue, cost: f64) {
        if self.field_ok(field, criteria, &value) {
            let f = &self.scorecard.fields[field];
            let from = describe_value(f, self.profile.value(field), self.lang);
            let what = match &value {
                FieldValue::Multi(set) => {
                    format!(
                        "{}: add {}",
                        f.label.get(self.lang),
                        f.chosen_labels(set & !current_set(self.profile.value(field)), self.lang, ", ")
                    )
                }
                other => format!("{} {from} → {}", f.label.get(self.lang), describe_value(f, other, self.lang)),
            };
            out.push(Candidate {
                cost,
                gains: self.gains(criteria, &value),
                value,
                number: None,
                what,
                changed: true,
                fill_up: Vec::new(),
            });
        }
    }

    fn number_candidates(
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
        let mut points: Vec<f64> = vec![base];
        for &ci in criteria {
            match &self.variant.criteria[ci].rule {
                Rule::Linear { from, target, .. } => points.extend([*from, *target]),
                Rule::PerUnit { per, cap } => points.push(cap / per),
                Rule::Bands { bands } => points.extend(bands.iter().map(|b| b.0)),
                Rule::Log { target, .. } => points.push(*target),
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
                changed: true,
                fill_up: Vec::new(),
            });
        }
        let fill = (!criteria.is_empty() && hi > base).then(|| {
            let mut breakpoints = values.clone();
            breakpoints.push(base);
            sort_numbers(&mut breakpoints);
            breakpoints.dedup();
            Fill { base, per_unit, breakpoints, upper: hi.min(top), integer, criteria: criteria.to_vec() }
        });
        (out, fill)
    }

    fn certification_candidates(&self, field: usize, criteria: &[usize]) -> Vec<Candidate> {
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
                            let name = cert.name.clone().unwrap_or_else(|| "certification".into());
                            let holder = cert.holder.as_ref().map(|h| format!(" of {h}")).unwrap_or_default();
                            parts.push(format!(
                                "renew {name}{holder} (expired {})",
                                cert.expires.map(|e| e.to_string()).unwrap_or_default()
                            ));
                            cert.expires = None;
                            cert.earned = Some(self.as_of);
                            cost += per_cert / 2.0;
                            left -= 1;
                        }
                    }
                    if left > 0 {
                        let kind = if kinds.is_empty() { None } else { Some(members[0]) };
                        for _ in 0..left {
                            certs.push(Certification { kind, name: None, holder: None, earned: Some(self.as_of), expires: None });
                        }
                        cost += per_cert * left as f64;
                        let names = if kinds.is_empty() {
                            String::new()
                        } else {
                            format!("{} ", members.iter().map(|&k| kinds[k].label.get(self.lang)).collect::<Vec<_>>().join(" or "))
                        };
                        parts.push(format!("add {left} {names}{}", if left == 1 { "certification" } else { "certifications" }));
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

    /// The best plan, then plans that avoid changing some of the fields the earlier plans
    /// change (breadth first, so cheaper detours come first), for alternatives.
    fn solve_with_alternatives(&self, alternatives: usize, cutoff: f64) -> Vec<Plan> {
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
    fn solve(&self, frozen: &[usize], cutoff: f64, node_limit: usize) -> Option<Plan> {
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
        let optimal = !search.cut_short && !self.approximate.get();
        let (choice, fill) = search.best?;
        Some(self.plan(&items, &choice, fill, optimal))
    }

    fn plan(&self, items: &[&Item], choice: &[usize], fill: Option<(usize, f64)>, optimal: bool) -> Plan {
        let mut changes = Vec::new();
        let mut values = Vec::new();
        let mut effort = 0.0;
        for (i, item) in items.iter().enumerate() {
            let cand = &item.candidates[choice[i]];
            let f = &self.scorecard.fields[item.field];
            let filled = fill.filter(|(fi, _)| *fi == i).map(|(_, v)| v);
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
            changes.push(Change {
                field: f.id.clone(),
                label: f.label.get(self.lang).to_string(),
                from: json_of(f, self.profile.value(item.field), self.as_of),
                to: json_of(f, &value, self.as_of),
                effort: cost,
                description: what,
            });
            values.push((item.field, value));
        }
        let order: Vec<usize> = self.scorecard.fields.iter().enumerate().map(|(i, _)| i).collect();
        let mut paired: Vec<(Change, (usize, FieldValue))> = changes.into_iter().zip(values).collect();
        sort_by(&mut paired, |a, b| order[(a.1).0].cmp(&order[(b.1).0]));
        let (changes, values): (Vec<Change>, Vec<(usize, FieldValue)>) = paired.into_iter().unzip();
        let summary = if changes.is_empty() {
            "no change needed".into()
        } else {
            changes.iter().map(|c| c.description.clone()).collect::<Vec<_>>().join(", ")
        };
        Plan {
            effort,
            changes,
            path: None,
            total_after: 0.0,
            tier_after: TierRef { id: self.variant.tiers[self.goal].id.clone(), label: String::new(), rank: self.goal + 1 },
            summary,
            optimal,
            values,
        }
    }

    /// The smallest value of a number item, between its chosen candidate and the next
    /// breakpoint, that closes every positive residual; with its extra cost.
    fn fill_value(&self, item: &Item, cand: &Candidate, residual: &[f64]) -> Option<(f64, f64)> {
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
        let mut v = if fill.integer { hi.ceil() } else { ((hi * 100.0).ceil() / 100.0).min(next) };
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
    fn max_gain(&self, d: usize) -> f64 {
        let mut best = self.candidates.iter().map(|c| c.gains[d]).fold(f64::NEG_INFINITY, f64::max);
        if self.fill.is_some() {
            best = best.max(0.0);
        }
        best.max(f64::NEG_INFINITY)
    }
}

/// One candidate index per item, and the item filled to a value, if any.
type Selection = (Vec<usize>, Option<(usize, f64)>);

struct Search<'p, 'a> {
    problem: &'p Problem<'a>,
    items: &'p [&'p Item],
    suffix_min: Vec<f64>,
    /// Per position and dimension: total gain of the cheapest candidates from here on.
    suffix_start_gain: Vec<Vec<f64>>,
    /// Per dimension: (item position, extra effort, extra gain), best ratio first.
    segments: Vec<Vec<(usize, f64, f64)>>,
    /// Per dimension: (steepest slope, largest gain) of a single fill.
    fill: Vec<(f64, f64)>,
    best_cost: f64,
    best: Option<Selection>,
    choice: Vec<usize>,
    nodes: usize,
    node_limit: usize,
    /// Whether the node limit or the report's work budget ended the search early.
    cut_short: bool,
}

impl Search<'_, '_> {
    /// A lower bound on the effort still needed from position `i` on.
    fn bound(&self, i: usize, residual: &[f64]) -> f64 {
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

    fn dfs(&mut self, i: usize, cost: f64, residual: &mut Vec<f64>) {
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
fn project(values: &[f64], d: usize) -> f64 {
    if d < values.len() {
        values[d]
    } else {
        values.iter().sum()
    }
}

/// Repeatedly takes the upgrade that covers the most of what is missing per unit of effort.
fn greedy(items: &[&Item], residual: &[f64], budget: &Budget) -> Option<(Vec<usize>, f64)> {
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

/// Drops candidates that cost at least as much as another and gain no more anywhere.
fn prune_dominated(candidates: &mut Vec<Candidate>) {
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
