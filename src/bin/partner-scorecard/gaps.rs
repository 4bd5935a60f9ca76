//! `gaps PROGRAM PROFILE.json`: one partner's gap report (`Scorecard::gaps`) as text for
//! people, or with `--json` exactly as the JavaScript API returns it. The sentences are the
//! engine's (English; the program's own labels in `--lang`).

use crate::args::GapsArgs;
use crate::{Failure, Outcome, Run};
use partner_scorecard::analysis::gap::{GapOptions, GapReport, GapStatus, Plan, TrackGaps};
use partner_scorecard::text::format::fmt_num;
use partner_scorecard::text::value::Value;

pub fn run(a: &GapsArgs) -> Run {
    let (_, scorecard) = crate::read_program(&a.program)?;
    let text = crate::read_text(&a.profile)?;
    let profile = scorecard.profile_from_json(&text).map_err(|errors| {
        let lines: Vec<String> = crate::check::located(&a.profile, &text, &errors.issues).iter().map(|l| format!("\n  {l}")).collect();
        Failure(format!(
            "{}: invalid profile ({} {}):{}",
            a.profile,
            errors.issues.len(),
            crate::plural(errors.issues.len(), "error"),
            lines.concat()
        ))
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
        print!("{}", report_text(&report, scorecard.program().tracks().is_empty()));
    }
    Ok(Outcome::Ok)
}

/// The report as text: per track, where the partner stands, what is missing, the plan and
/// its alternatives, what blocks it, and what expires.
pub fn report_text(report: &GapReport, no_tracks: bool) -> String {
    let mut out = String::new();
    let mut line = |indent: usize, text: &str| {
        out.push_str(&"  ".repeat(indent));
        out.push_str(text);
        out.push('\n');
    };
    line(0, &format!("As of {}", report.as_of));
    for track in &report.tracks {
        track_text(track, no_tracks, &mut line);
    }
    out
}

fn track_text(t: &TrackGaps, no_tracks: bool, line: &mut impl FnMut(usize, &str)) {
    line(0, "");
    let tier = |r: &Option<partner_scorecard::eval::TierRef>| r.as_ref().map_or("no tier".to_string(), |r| r.label.clone());
    let earned = if t.earned_tier.as_ref().map(|r| &r.id) != t.tier.as_ref().map(|r| &r.id) {
        format!(" (earned: {}, held by retention)", tier(&t.earned_tier))
    } else {
        String::new()
    };
    let head = format!("{} points, tier {}{earned}", fmt_num(t.total), tier(&t.tier));
    match (&t.label, no_tracks) {
        (Some(label), false) => line(0, &format!("{label}: {head}")),
        _ => line(0, &head),
    }
    if let Some(top) = &t.at_top {
        line(1, &top.message);
    }
    if let Some(target) = &t.target {
        match t.status {
            GapStatus::Reached => line(1, &format!("Target {}: reached", target.label)),
            _ => {
                let missing = if t.point_deficit > 0.0 { format!(": {} points missing", fmt_num(t.point_deficit)) } else { String::new() };
                line(1, &format!("Target {}{missing}", target.label));
            }
        }
    }
    if !t.unmet.is_empty() {
        line(1, "Requirements not met:");
        for u in &t.unmet {
            line(2, &format!("- {} (have {}, need {}): {}", u.description, value_text(&u.actual), value_text(&u.needed), u.change));
        }
    }
    if let Some(plan) = &t.plan {
        line(1, &format!("Least-effort plan ({}):", plan_head(plan)));
        for change in &plan.changes {
            line(2, &format!("- {} (effort {})", change.description, fmt_num(change.effort)));
        }
    }
    if !t.alternatives.is_empty() {
        line(1, "Alternatives:");
        for (i, plan) in t.alternatives.iter().enumerate() {
            line(2, &format!("{}. {}: {}", i + 1, plan_head(plan), plan.summary));
        }
    }
    if let Some(b) = &t.blocked {
        line(1, &format!("No plan reaches the target: {}: {}", b.requirement, b.reason));
    }
    let o = &t.outlook;
    if !o.expiring.is_empty() {
        line(1, &format!("Expiring within {} days:", o.window_days));
        for e in &o.expiring {
            let name = [e.name.as_deref(), e.kind.as_deref()].into_iter().flatten().next().unwrap_or("a certification");
            let holder = e.holder.as_deref().map(|h| format!(" of {h}")).unwrap_or_default();
            line(2, &format!("- {name}{holder}: {} ({} days)", e.expires, e.days_left));
        }
    }
    if let Some(drop) = &o.tier_drop {
        line(1, &drop.message);
    }
    if let Some(end) = o.retention_ends {
        line(1, &format!("The tier held by retention ends on {end}"));
    }
}

fn plan_head(plan: &Plan) -> String {
    let optimal = if plan.optimal { "" } else { ", the best found" };
    let path = plan.path.as_deref().map(|p| format!(", by the path {p}")).unwrap_or_default();
    format!("effort {}, {} points after, {}{path}{optimal}", fmt_num(plan.effort), fmt_num(plan.total_after), plan.tier_after.label)
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "not given".into(),
        Value::Number(n) => fmt_num(*n),
        Value::String(s) => s.clone(),
        Value::Bool(b) => (if *b { "yes" } else { "no" }).into(),
        other => partner_scorecard::text::json_write::to_string(other).unwrap_or_default(),
    }
}
