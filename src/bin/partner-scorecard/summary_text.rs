//! The lab's summary as text tables for a terminal or a job's log.

use crate::progress::grouped;
use partner_scorecard::analysis::segment::{SegmentSummary, TierCounts};
use partner_scorecard::text::format::fmt_num;
use partner_scorecard::Program;

/// Entries listed of each listing (the JSON has them all, up to `--limit`).
const LISTED: usize = 20;

pub fn text(program: &Program, s: &SegmentSummary) -> String {
    let mut out = String::new();
    let c = &s.counts;
    out.push_str(&format!(
        "{}: {} partners read, {} scored, {} skipped; as of {}\n",
        program.name().get(None),
        n(c.rows),
        n(c.evaluated),
        n(c.skipped),
        s.as_of
    ));
    let tiers: Vec<&str> = s.tiers.iter().map(|t| t.label.as_str()).collect();
    for t in &s.tracks {
        out.push('\n');
        let name = t.label.as_deref().map(|l| format!("Track {l}: ")).unwrap_or_default();
        out.push_str(&format!("{name}{} partners, average score {}\n", n(t.counts.partners), fmt_num(round2(t.average_score))));
        // One column per tier and unranked; one row for all, then one per region.
        let mut rows = vec![("all".to_string(), &t.counts)];
        if t.regions.len() > 1 || t.regions.first().is_some_and(|r| r.region.is_some()) {
            rows.extend(t.regions.iter().map(|r| (r.label.clone(), &r.counts)));
        }
        out.push_str(&table(&tiers, &rows));
        let m = &t.movement;
        out.push_str(&format!(
            "  against the tier held: {} promoted, {} demoted, {} unchanged, {} held by grace, {} held until the anniversary, {} new, {} still unranked\n",
            n(m.promoted),
            n(m.demoted),
            n(m.unchanged),
            n(m.held_grace),
            n(m.held_anniversary),
            n(m.new),
            n(m.unranked)
        ));
    }
    let g = &s.segments;
    out.push_str(&format!(
        "\nTwo categories{}: {} × {} (high from {} % and {} %): {} high on both, {} high on {} only, {} high on {} only, {} low on both\n",
        g.track.as_deref().map(|t| format!(" (track {t})")).unwrap_or_default(),
        g.x.label,
        g.y.label,
        fmt_num(g.x.threshold),
        fmt_num(g.y.threshold),
        n(g.high_high),
        n(g.high_low),
        g.x.label,
        n(g.low_high),
        g.y.label,
        n(g.low_low)
    ));
    let r = &s.within_reach;
    out.push_str(&format!(
        "\nWithin reach of the next tier (at most {} % of its minimum missing, a plan of effort {} at most): {} of {} close on points\n",
        fmt_num(r.percent),
        fmt_num(r.effort),
        n(r.total),
        n(r.candidates)
    ));
    for e in r.shown.iter().take(LISTED) {
        let track = e.track.as_deref().map(|t| format!(" [{t}]")).unwrap_or_default();
        out.push_str(&format!(
            "  line {}: {}{track}: {} → {}, {} points missing, effort {}: {}\n",
            e.line,
            e.partner.as_deref().unwrap_or("(no name)"),
            e.tier.as_deref().unwrap_or("unranked"),
            e.next_tier,
            fmt_num(round2(e.deficit)),
            e.effort.map_or("-".into(), |x| fmt_num(round2(x))),
            e.plan.as_deref().unwrap_or("")
        ));
    }
    more(&mut out, r.total, r.shown.len().min(LISTED));
    let x = &s.expiring;
    out.push_str(&format!("\nValid certifications expiring soon: {}\n", n(x.total)));
    for e in x.shown.iter().take(LISTED) {
        let what = [e.name.as_deref(), e.kind.as_deref()].into_iter().flatten().next().unwrap_or("a certification");
        let holder = e.holder.as_deref().map(|h| format!(" of {h}")).unwrap_or_default();
        out.push_str(&format!(
            "  line {}: {}: {what}{holder} ({}) expires {} ({} days)\n",
            e.line,
            e.partner.as_deref().unwrap_or("(no name)"),
            e.field,
            e.expires,
            e.days_left
        ));
    }
    more(&mut out, x.total, x.shown.len().min(LISTED));
    if s.errors.total > 0 {
        out.push_str(&format!("\nProblems in skipped rows: {}\n", n(s.errors.total)));
        for e in s.errors.shown.iter().take(LISTED) {
            out.push_str(&format!("  {}\n", crate::output::error_line("line", e).trim_start_matches("line:")));
        }
        more(&mut out, s.errors.total, s.errors.shown.len().min(LISTED));
    }
    out
}

fn more(out: &mut String, total: usize, shown: usize) {
    if total > shown {
        out.push_str(&format!("  ... and {} more (--json lists up to --limit)\n", n(total - shown)));
    }
}

fn n(x: usize) -> String {
    grouped(x as u64)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Rows of counts per tier, with shares, aligned.
fn table(tiers: &[&str], rows: &[(String, &TierCounts)]) -> String {
    let mut header: Vec<String> = vec![String::new()];
    header.extend(tiers.iter().map(|t| t.to_string()));
    header.push("unranked".into());
    header.push("partners".into());
    let mut cells: Vec<Vec<String>> = vec![header];
    for (label, counts) in rows {
        let share = |k: usize| {
            if counts.partners > 0 {
                format!("{} ({:.1} %)", n(k), k as f64 * 100.0 / counts.partners as f64)
            } else {
                n(k)
            }
        };
        let mut row = vec![label.clone()];
        row.extend(counts.tiers.iter().map(|&k| share(k)));
        row.push(share(counts.unranked));
        row.push(n(counts.partners));
        cells.push(row);
    }
    let columns = cells[0].len();
    let widths: Vec<usize> =
        (0..columns).map(|i| cells.iter().map(|r| r.get(i).map_or(0, |c| c.chars().count())).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in &cells {
        out.push_str("  ");
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            if i == 0 {
                out.push_str(cell);
                out.push_str(&" ".repeat(pad));
            } else {
                out.push_str("  ");
                out.push_str(&" ".repeat(pad));
                out.push_str(cell);
            }
        }
        out.push('\n');
    }
    out
}
