//! Gap analysis: what exactly a partner lacks for a higher tier, and the least-effort plan
//! of field changes that gets it there.
//!
//! The plan search is exact over a finite set of candidate values per field: its current
//! value, every value where a rule or requirement changes (band minimums, targets, caps,
//! requirement thresholds, the least value at which a rule gives any points), every
//! whole-number step for integer fields with at most
//! [`MAX_INTEGER_STEPS`] steps in their scoring range, and for one field at most, the value
//! just high enough to close what is still missing ("fill"). Each criterion depends on one
//! field, so a plan is a choice of one candidate per field that covers the point deficit
//! (and any category minimums) while meeting every per-field requirement: a small
//! multi-dimensional covering problem, solved by branch and bound.

mod apply;
mod budget;
mod describe;
mod problem;
mod report;
mod rounding;
mod search;
mod unmet;

use crate::eval::{requirement_holds, Resolved, Scores, TierRef};
use crate::limits::{MAX_ALTERNATIVES, MAX_WINDOW_DAYS};
use crate::program::model::*;
use crate::program::profile::{FieldValue, Profile};
use crate::program::Program;
use crate::text::date::Date;
use crate::text::error::Errors;
use crate::text::format::fmt_num;
use crate::text::message::Message;
use crate::util::{sort_by, sort_indexes};
pub use apply::apply_plan_json;
pub use problem::MAX_INTEGER_STEPS;
use problem::*;
pub use report::*;

/// Gap analysis for every selected track of the profile.
pub fn gaps(program: &Program, profile: &Profile, options: &GapOptions) -> Result<GapReport, Errors> {
    let resolved = crate::eval::resolve(program, &options.eval)?;
    let limit = |path: &str, message: String| Err(Errors::single(crate::text::error::ErrorKind::Options, path, message));
    if options.alternatives > MAX_ALTERNATIVES {
        return limit(
            "alternatives",
            format!("at most {MAX_ALTERNATIVES} alternative plans can be asked for, not {}", options.alternatives),
        );
    }
    if options.window_days > MAX_WINDOW_DAYS {
        return limit("window_days", format!("look at most {MAX_WINDOW_DAYS} days (ten years) ahead, not {}", options.window_days));
    }
    if options.horizon_days > MAX_WINDOW_DAYS {
        return limit("horizon_days", format!("plan at most {MAX_WINDOW_DAYS} days (ten years) ahead, not {}", options.horizon_days));
    }
    let budget = Budget { spent: std::cell::Cell::new(0), limit: options.work_limit };
    // Tiers and tracks named by id, each checked and reported at its key.
    let mut r = crate::text::read::Reader::default();
    let tier_named = |r: &mut crate::text::read::Reader, id: &str, path: &str| {
        let found = program.tier_ids.iter().position(|t| t == id);
        if found.is_none() {
            let tiers = crate::program::profile::quoted(program.tier_ids.iter().map(String::as_str));
            let i18n = Message::new("profile.unknown_tier").text("id", id).text("tiers", tiers.as_str());
            r.error_i18n(path, format!("unknown tier \"{id}\"; use one of {tiers}"), i18n);
        }
        found
    };
    let target = options.target.as_deref().and_then(|id| tier_named(&mut r, id, "target"));
    let mut targets = vec![target; program.track_count()];
    for (track_id, tier_id) in &options.targets {
        let path = crate::text::error::join_key("targets", track_id);
        let track = program.track_named(&mut r, track_id, &path);
        let tier = tier_named(&mut r, tier_id, &path);
        if let (Some(track), Some(tier)) = (track, tier) {
            targets[track] = Some(tier);
        }
    }
    if !r.issues.is_empty() {
        return Err(Errors::new(crate::text::error::ErrorKind::Options, r.into_issues()));
    }
    let region = crate::eval::selected_region(profile, &resolved);
    let tracks = crate::eval::selected_tracks(program, profile, &resolved)
        .into_iter()
        .map(|track| track_gaps(program, profile, track, region, &resolved, targets.get(track).copied().flatten(), options, &budget))
        .collect();
    Ok(GapReport { as_of: resolved.as_of, tracks })
}

/// The profile with a plan's changes applied (for "what if I do this?").
pub fn apply_plan(profile: &Profile, plan: &Plan) -> Profile {
    let mut out = profile.clone();
    for (field, value) in &plan.values {
        if let Some(slot) = out.values.get_mut(*field) {
            *slot = value.clone();
        }
    }
    out
}

fn tier_ref(variant: &Variant, index: usize, lang: Option<&str>) -> TierRef {
    TierRef { id: variant.tiers[index].id.clone(), label: variant.tiers[index].label.get(lang).to_string(), rank: index + 1 }
}

#[allow(clippy::too_many_arguments)]
fn track_gaps(
    program: &Program,
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
    let (variant, total, earned) = crate::eval::best_path(program, profile, track, region, as_of);
    let (held, retained) = crate::eval::apply_retention(program, profile, track, earned, as_of);
    let outlook = outlook(program, profile, track, region, as_of, options.window_days, earned, retained.map(|r| r.1), lang);
    let top = variant.tiers.len().saturating_sub(1);
    let mut gaps = TrackGaps {
        track: program.tracks.get(track).map(|t| t.id.clone()),
        label: program.tracks.get(track).map(|t| t.label.get(lang).to_string()),
        total,
        tier: held.map(|h| tier_ref(variant, h, lang)),
        earned_tier: earned.map(|e| tier_ref(variant, e, lang)),
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
                tier: tier_ref(variant, top, lang),
                margin,
                message: match margin {
                    Some(m) => format!("{label} is the top tier; the total may fall by {} points before it is lost", fmt_num(m)),
                    None => format!("{label} is the top tier; it is kept while its requirements hold"),
                },
                message_i18n: match margin {
                    Some(m) => Message::new("top.margin").text("tier", label).num("margin", m),
                    None => Message::new("top.requirements").text("tier", label),
                },
            });
            return gaps;
        }
        None => earned.map_or(0, |e| e + 1),
    };
    gaps.target = Some(tier_ref(variant, target, lang));
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
        .map(|r| unmet::unmet(program, r, variant, profile, as_of, &scores, lang))
        .collect();

    // Plans are for the horizon: a certification that expires before it does not count, and
    // is renewed where the plan needs it (`horizon_days`; the outlook warns of the rest).
    let plan_date = as_of.add_days(options.horizon_days as i64);
    // Every path, and every tier at or above the target (tiers need not be cumulative).
    let mut best: Option<Plan> = None;
    let mut others: Vec<Plan> = Vec::new();
    let mut blocked: Option<Blocked> = None;
    let paths: Vec<(Option<usize>, &Variant)> = if program.paths.is_empty() {
        vec![(None, program.variant(track, region, 0))]
    } else {
        (0..program.paths.len()).map(|p| (Some(p), program.variant(track, region, p))).collect()
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
            budget.spend(program.fields.len() * (1 + v.criteria.len()));
            let problem = Problem::new(program, v, profile, plan_date, as_of, goal, lang, budget);
            match problem {
                Err(b) => {
                    if goal == target && blocked.is_none() {
                        blocked = Some(*b);
                    }
                }
                Ok(problem) => {
                    // A higher tier only competes for the best plan (tiers need not be
                    // cumulative); alternatives are ways to the target itself.
                    let wanted = if goal == target { options.alternatives } else { 0 };
                    let cutoff = if goal == target { f64::INFINITY } else { best.as_ref().map_or(f64::INFINITY, |b| b.effort) };
                    // The search keeps plans cheaper than its cutoff by more than EPS: one at the cap
                    // exactly must pass (a cap of 5 and a plan costing 5 is within it).
                    let cutoff = cutoff.min(options.effort_cap + 4.0 * EPS);
                    let mut plans = problem.solve_with_alternatives(wanted, cutoff);
                    for plan in &mut plans {
                        plan.path = path.map(|p| program.paths[p].id.clone());
                    }
                    for plan in plans {
                        let plan = checked(program, plan, profile, track, region, plan_date, target, lang);
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
            // (`cut_short` is only ever set once the budget is exhausted.)
            let (reason, reason_id) = if budget.exhausted() {
                ("the plan search reached its effort limit before it found a plan (README, \"Limits\")", "blocked.limit")
            } else {
                ("no combination of changes the partner can make reaches this tier", "blocked.none")
            };
            gaps.blocked = Some(blocked.unwrap_or_else(|| Blocked {
                requirement: "Minimum score".into(),
                reason: reason.into(),
                requirement_i18n: Message::new("blocked.min_score"),
                reason_i18n: Message::new(reason_id),
            }));
        }
    }
    gaps
}

/// Applies a plan and evaluates again: a plan is only returned when it really reaches
/// the target tier.
#[allow(clippy::too_many_arguments)]
fn checked(
    program: &Program,
    mut plan: Plan,
    profile: &Profile,
    track: usize,
    region: Option<usize>,
    as_of: Date,
    target: usize,
    lang: Option<&str>,
) -> Option<Plan> {
    let reaches = |plan: &Plan| {
        let after = apply_plan(profile, plan);
        let (variant, total, earned) = crate::eval::best_path(program, &after, track, region, as_of);
        earned.filter(|e| *e >= target).map(|e| (variant, total, e))
    };
    let mut reached = reaches(&plan)?;
    // No step that changes nothing: a step the plan reaches its tier without is left out (a
    // field set from "not given" to 0, say), trying each from the last back; effort only falls.
    let mut i = plan.changes.len();
    while i > 0 && plan.changes.len() > 1 {
        i -= 1;
        let mut without = plan.clone();
        let dropped = without.changes.remove(i);
        without.values.remove(i);
        if let Some(r) = reaches(&without) {
            without.effort -= dropped.effort;
            plan = without;
            reached = r;
        }
    }
    let (summary, summary_i18n) = search::summarize(&plan.changes);
    plan.summary = summary;
    plan.summary_i18n = summary_i18n;
    let (variant, total, earned) = reached;
    plan.total_after = total;
    plan.tier_after = tier_ref(variant, earned, lang);
    // What each step earns on its own: points added to today's total, and requirements of
    // the target tier it meets.
    let (before_variant, before_total, _) = crate::eval::best_path(program, profile, track, region, as_of);
    let open = |variant: &Variant, p: &Profile| -> Vec<bool> {
        let mut scores = Scores::default();
        scores.fill(variant, p, as_of);
        variant.tiers[target].requires.iter().map(|r| requirement_holds(&r.requirement, variant, p, as_of, &scores)).collect()
    };
    let held_before = open(before_variant, profile);
    for (change, value) in plan.changes.iter_mut().zip(&plan.values) {
        let mut alone = profile.clone();
        if let Some(slot) = alone.values.get_mut(value.0) {
            *slot = value.1.clone();
        }
        let (variant, total, _) = crate::eval::best_path(program, &alone, track, region, as_of);
        change.points = ((total - before_total) * 100.0).round() / 100.0;
        let held = open(variant, &alone);
        change.meets = held.iter().zip(&held_before).filter(|(now, then)| **now && !**then).count() as u32;
    }
    Some(plan)
}

#[allow(clippy::too_many_arguments)]
fn outlook(
    program: &Program,
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
    for (i, field) in program.fields.iter().enumerate() {
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
        let (variant, _, after) = crate::eval::best_path(program, profile, track, region, day);
        if after < earned {
            let without = after.map_or_else(|| "unranked".to_string(), |a| variant.tiers[a].label.get(lang).to_string());
            let message_i18n = crate::eval::tier_or_unranked(
                program.terms_in(Message::new("outlook.tier_drop"), lang).date("date", day),
                "tier",
                after.map(|a| variant.tiers[a].label.get(lang)),
            );
            tier_drop = Some(TierDrop {
                date: day,
                tier: after.map(|a| tier_ref(variant, a, lang)),
                message: format!(
                    "from {day}, when {} expire, the tier drops to {without} unless they are renewed",
                    program.certification_noun(2, lang)
                ),
                message_i18n,
            });
            break;
        }
    }
    Outlook { window_days, expiring, tier_drop, retention_ends }
}

fn changed_fields(plan: &Plan) -> Vec<usize> {
    let mut fields: Vec<usize> = plan.values.iter().map(|(f, _)| *f).collect();
    sort_indexes(&mut fields);
    fields
}
