//! `gaps PROGRAM PROFILE.json`: one partner's gap report (`Scorecard::gaps`) as text for
//! people, in `--lang` as the scorecard page writes it (its catalogs and the engine's
//! messages, `messages.rs`), or with `--json` exactly as the JavaScript API returns it.

use crate::args::GapsArgs;
use crate::messages::Messages;
use crate::{Failure, Outcome, Run};
use partner_scorecard::analysis::gap::{GapOptions, GapReport, GapStatus, Plan, TrackGaps};
use partner_scorecard::text::value::Value;

pub fn run(a: &GapsArgs) -> Run {
    let (_, scorecard) = crate::read_program(&a.program)?;
    let text = crate::read_text(&a.profile)?;
    let profile = scorecard.profile_from_json(&text).map_err(|errors| {
        let lines: Vec<String> = crate::check::located(&a.profile, &text, &errors.issues).iter().map(|l| format!("\n  {l}")).collect();
        Failure(format!("{}: invalid profile ({} {}):{}", a.profile, errors.issues.len(), crate::plural(errors.issues.len(), "error"), lines.concat()))
    })?;
    let eval = crate::score::eval_options(&a.eval);
    let options = GapOptions {
        target: a.target.clone(),
        window_days: a.window_days,
        horizon_days: a.horizon_days,
        alternatives: a.alternatives,
        ..GapOptions::on(eval.as_of)
    };
    let options = GapOptions { eval, ..options };
    let report = scorecard.gaps(&profile, &options).map_err(|e| Failure(e.to_string()))?;
    if a.json {
        println!("{}", partner_scorecard::text::json_write::to_string(&report)?);
    } else {
        // Each track's maximum, for "32.4 of 100 points": from the evaluation, as the page has it.
        let evaluation = scorecard.evaluate(&profile, &options.eval).map_err(|e| Failure(e.to_string()))?;
        let maxima: Vec<(f64, bool)> = evaluation.tracks.iter().map(|t| (t.max, t.scored)).collect();
        let t = Messages::new(options.eval.lang.as_deref());
        print!("{}", report_text(&t, &report, &maxima, scorecard.program().tracks().is_empty()));
    }
    Ok(Outcome::Ok)
}

/// The report as text: per track where the partner stands, what the target still needs, the
/// plan (each step with what it earns) and its alternatives, what blocks it, the risks and
/// what expires, in the words of the scorecard page.
pub fn report_text(t: &Messages, report: &GapReport, maxima: &[(f64, bool)], no_tracks: bool) -> String {
    let mut out = String::new();
    let mut line = |indent: usize, text: &str| {
        out.push_str(&"  ".repeat(indent));
        out.push_str(text);
        out.push('\n');
    };
    line(0, &t.text("asOf", &[("date", Value::String(report.as_of.to_string()))]).replace(&report.as_of.to_string(), &t.date(&report.as_of.to_string())));
    for (i, track) in report.tracks.iter().enumerate() {
        line(0, "");
        if let (Some(label), false) = (&track.label, no_tracks) {
            line(0, &format!("{label}:"));
        }
        track_text(t, track, maxima.get(i).copied().unwrap_or((0.0, false)), &mut line);
    }
    out
}

fn num(n: f64) -> Value {
    Value::Number(n)
}

fn txt(s: &str) -> Value {
    Value::String(s.to_string())
}

fn track_text(t: &Messages, g: &TrackGaps, (max, scored): (f64, bool), line: &mut impl FnMut(usize, &str)) {
    let held = g.tier.as_ref().map_or_else(|| t.text("notRanked", &[]), |r| r.label.clone());
    let score = if scored {
        t.text("points", &[("total", txt(&t.number(g.total))), ("max", txt(&t.number(max)))])
    } else {
        t.text("noScore", &[])
    };
    line(1, &format!("{}: {held} · {score}", t.text("tier", &[])));
    if let (Some(h), earned) = (&g.tier, &g.earned_tier) {
        if earned.as_ref().map(|e| &e.id) != Some(&h.id) {
            line(1, &match earned {
                Some(e) => t.text("earnsTier", &[("held", txt(&h.label)), ("earned", txt(&e.label))]),
                None => t.text("earnsNone", &[("held", txt(&h.label))]),
            });
        }
    }
    if let (Some(target), false) = (&g.target, g.status == GapStatus::Top) {
        if g.status == GapStatus::Reached {
            line(1, &t.text("targetTier", &[("tier", txt(&target.label))]));
        } else {
            line(1, &t.text("nextTier", &[("tier", txt(&target.label))]));
        }
        if g.point_deficit > 0.0 {
            line(2, &t.text("toNext", &[("points", txt(&t.number(g.point_deficit))), ("tier", txt(&target.label))]));
        }
        if !g.unmet.is_empty() {
            line(2, &t.text("toNextReqs", &[("n", num(g.unmet.len() as f64)), ("tier", txt(&target.label))]));
            for u in &g.unmet {
                let have = t.text("actual", &[("actual", txt(&value_text(t, &u.actual)))]);
                let need = t.text("needed", &[("needed", txt(&value_text(t, &u.needed)))]);
                line(3, &format!("- {} ({have}, {need}): {}", t.message(&u.description_i18n), t.message(&u.change_i18n)));
            }
        }
    }
    let target = g.target.as_ref().map_or("", |r| r.label.as_str());
    match (g.status, &g.plan, &g.blocked, &g.at_top) {
        (GapStatus::Plan, Some(plan), _, _) => {
            line(1, &t.text("plan", &[("tier", txt(target))]));
            plan_text(t, plan, line);
        }
        (GapStatus::Blocked, _, Some(b), _) => {
            line(1, &t.text("noPlan", &[("tier", txt(target))]));
            line(2, &format!("{}: {}", t.message(&b.requirement_i18n), t.message(&b.reason_i18n)));
        }
        (GapStatus::Top, _, _, Some(top)) => line(1, &t.message(&top.message_i18n)),
        _ => {}
    }
    if !g.alternatives.is_empty() {
        line(1, &format!("{} ({})", t.text("alternatives", &[]), t.number(g.alternatives.len() as f64)));
        for plan in &g.alternatives {
            line(2, &format!("- {}: {}", plan_outcome(t, plan), t.message(&plan.summary_i18n)));
        }
    }
    let o = &g.outlook;
    if o.tier_drop.is_some() || o.retention_ends.is_some() {
        line(1, &t.text("risks", &[]));
        if let Some(drop) = &o.tier_drop {
            line(2, &t.message(&drop.message_i18n));
        }
        if let Some(end) = o.retention_ends {
            line(2, &t.text("retentionEnds", &[("date", txt(&t.date(&end.to_string())))]));
        }
    }
    line(1, &t.text("expiry", &[]));
    if o.expiring.is_empty() {
        line(2, &t.text("noExpiry", &[("days", num(f64::from(o.window_days)))]));
    }
    for x in &o.expiring {
        // As the page names a certification: its name and holder, else its kind, else the field.
        let named = [x.name.clone(), x.holder.as_ref().map(|h| format!("({h})"))].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let what = if named.is_empty() { x.kind.clone().unwrap_or_else(|| x.field.clone()) } else { named };
        let date = txt(&t.date(&x.expires.to_string()));
        line(2, &if x.days_left < 0 {
            t.text("expired", &[("what", txt(&what)), ("date", date)])
        } else {
            t.text("expiresOn", &[("what", txt(&what)), ("date", date), ("days", num(x.days_left as f64))])
        });
    }
}

/// A plan's steps, each with what it earns on its own, then where it leads and its effort.
fn plan_text(t: &Messages, plan: &Plan, line: &mut impl FnMut(usize, &str)) {
    for c in &plan.changes {
        let mut parts = Vec::new();
        if c.points > 0.0 {
            parts.push(txt(&t.text("stepPoints", &[("points", txt(&t.number(c.points)))])));
        }
        if c.meets > 0 {
            parts.push(txt(&t.text("stepMeets", &[("n", num(f64::from(c.meets)))])));
        }
        let earns = if parts.is_empty() { String::new() } else { t.text("stepEarns", &[("parts", Value::Array(parts))]) };
        line(2, &format!("- {}{earns}", t.message(&c.description_i18n)));
    }
    line(2, &plan_outcome(t, plan));
}

fn plan_outcome(t: &Messages, plan: &Plan) -> String {
    let outcome = t.text("planOutcome", &[("tier", txt(&plan.tier_after.label)), ("total", txt(&t.number(plan.total_after)))]);
    format!("{outcome} · {}", t.text("planEffort", &[("effort", num(plan.effort))]))
}

/// A requirement's actual or needed value: numbers in the language's format, yes and no in
/// its words.
fn value_text(t: &Messages, v: &Value) -> String {
    match v {
        Value::Null => t.text("value.not_given", &[]),
        Value::Number(n) => t.number(*n),
        Value::String(s) => s.clone(),
        Value::Bool(b) => t.text(if *b { "yes" } else { "no" }, &[]),
        Value::Array(items) => items.iter().map(|i| value_text(t, i)).collect::<Vec<_>>().join(", "),
        other => partner_scorecard::text::json_write::to_string(other).unwrap_or_default(),
    }
}
