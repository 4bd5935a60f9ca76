//! `score PROGRAM PARTNERS`: every partner's tier, score and points per category per track,
//! with `--plans` its least-effort plan, streamed through the pipeline (`pipeline.rs`) in
//! input order. Results are those of `Scorecard.evaluateBatch` (and `evaluate`, `gaps`) in
//! JavaScript: the same engine functions, called the same way.

use crate::args::{EvalArgs, OutputFormat, ScoreArgs};
use crate::input::{Kind, Part, PartnerInput, SheetPlaces};
use crate::output::{push_error, push_number, push_text};
use crate::progress::{grouped, Progress};
use crate::{Failure, Outcome, Run};
use partner_scorecard::analysis::batch::{batch_results_with_categories_into, csv_profiles_with, CsvOptions, RowError};
use partner_scorecard::analysis::gap::{GapOptions, GapStatus, TrackGaps};
use partner_scorecard::eval::Resolved;
use partner_scorecard::{CompactResult, EvalOptions, Issue, Profile, Program};
use std::io::Write;

/// Bytes of input per part: large enough that a part's set-up (the header matched again) is
/// lost in its rows, small enough that a few per thread in flight take a few megabytes.
pub const PART_BYTES: usize = 512 * 1024;

/// Bad rows printed on standard error; the rest are counted (and all go to `--errors`).
const ERRORS_SHOWN: usize = 100;

pub fn eval_options(a: &EvalArgs) -> EvalOptions {
    EvalOptions { as_of: a.as_of.unwrap_or_else(crate::today), track: a.track.clone(), region: a.region.clone(), lang: a.lang.clone() }
}

/// What every worker needs to score a part.
pub struct Context<'a> {
    pub program: &'a Program,
    pub resolved: Resolved,
    pub options: CsvOptions,
    pub kind: Kind,
    pub data_line: usize,
    pub sheet: Option<&'a SheetPlaces>,
    pub plans: Option<GapOptions>,
    pub jsonl: bool,
}

/// What scoring a part gave: its results as output text, its bad rows, and counts.
#[derive(Default)]
pub struct Scored {
    pub text: String,
    pub errors: Vec<RowError>,
    pub rows: usize,
    pub evaluated: usize,
    pub skipped: usize,
    pub results: usize,
    pub end: u64,
}

pub fn run(a: &ScoreArgs) -> Run {
    let (_, scorecard) = crate::read_program(&a.program)?;
    let options = eval_options(&a.eval);
    let resolved = scorecard.resolve(&options).map_err(|e| Failure(e.to_string()))?;
    let mut input = PartnerInput::open(&scorecard, &a.input)?;
    let jsonl = match a.format {
        Some(f) => f == OutputFormat::Jsonl,
        None => a.output.as_deref().is_some_and(|o| o.ends_with(".jsonl") || o.ends_with(".ndjson")),
    };
    let errors_jsonl = a.errors.as_deref().is_some_and(|o| o.ends_with(".jsonl") || o.ends_with(".ndjson"));
    let plans = a.plans.then(|| GapOptions {
        // No expiry outlook: only the plan is written.
        window_days: 0,
        horizon_days: a.horizon_days,
        alternatives: 0,
        ..GapOptions::on(options.as_of)
    });
    let plans = plans.map(|p| GapOptions { eval: options.clone(), ..p });
    if let Some(p) = &plans {
        // Checked once here rather than failing on every partner.
        if let Err(e) = scorecard.gaps(&scorecard.empty_profile(), p) {
            return Err(Failure(e.to_string()));
        }
    }
    let mut out = crate::output::open_output(a.output.as_deref())?;
    let mut errors_out = a.errors.as_deref().map(|p| crate::output::open_output(Some(p))).transpose()?;
    if !jsonl {
        out.write_all(csv_header(scorecard.program(), a.plans).as_bytes())?;
    }
    if let (Some(e), false) = (&mut errors_out, errors_jsonl) {
        e.write_all(crate::output::ERRORS_CSV_HEADER.as_bytes())?;
    }
    let context = Context {
        program: scorecard.program(),
        resolved,
        options: input.options.clone(),
        kind: input.kind,
        data_line: input.data_line,
        sheet: None,
        plans,
        jsonl,
    };
    let sheet = input.sheet.take();
    let context = Context { sheet: sheet.as_ref(), ..context };
    let name = input.name.clone();
    let jobs = crate::pipeline::jobs(a.input.jobs);
    let mut progress = Progress::new(a.input.quiet, input.size);
    let mut totals = Scored::default();
    let started = std::time::Instant::now();
    crate::pipeline::run(
        jobs,
        2 * jobs + 2,
        || input.next_part(a.input.part_bytes.unwrap_or(PART_BYTES)),
        |part| score_part(&context, part),
        |scored| {
            out.write_all(scored.text.as_bytes()).map_err(|e| Failure(format!("writing the results: {e}")))?;
            report_errors(&name, &scored.errors, totals.skipped, &mut progress);
            if let Some(errors_out) = &mut errors_out {
                let mut text = String::new();
                for e in &scored.errors {
                    push_error(&mut text, e, errors_jsonl);
                }
                errors_out.write_all(text.as_bytes()).map_err(|e| Failure(format!("writing the errors: {e}")))?;
            }
            totals.rows += scored.rows;
            totals.evaluated += scored.evaluated;
            totals.skipped += scored.skipped;
            totals.results += scored.results;
            progress.update(totals.rows, scored.end);
            Ok(())
        },
    )?;
    progress.finish();
    out.flush().map_err(|e| Failure(format!("writing the results: {e}")))?;
    if let Some(e) = &mut errors_out {
        e.flush().map_err(|e| Failure(format!("writing the errors: {e}")))?;
    }
    if totals.skipped > ERRORS_SHOWN {
        let more = totals.skipped - ERRORS_SHOWN;
        let whereto = if a.errors.is_some() { "the errors file has them all" } else { "--errors FILE lists them all" };
        eprintln!("partner-scorecard: {name}: {} more bad rows not shown here ({whereto})", grouped(more as u64));
    }
    if !a.input.quiet {
        eprintln!(
            "partner-scorecard: {name}: {} partners read, {} scored ({} results), {} skipped, in {:.1} s on {jobs} {}",
            grouped(totals.rows as u64),
            grouped(totals.evaluated as u64),
            grouped(totals.results as u64),
            grouped(totals.skipped as u64),
            started.elapsed().as_secs_f64(),
            crate::plural(jobs, "thread"),
        );
    }
    Ok(if totals.skipped > 0 { Outcome::Skipped } else { Outcome::Ok })
}

/// The first bad rows on standard error, as FILE:LINE:COLUMN lines (`skipped_before`: bad
/// rows already seen; each bad row has at least one error).
fn report_errors(name: &str, errors: &[RowError], skipped_before: usize, progress: &mut Progress) {
    let mut rows_seen = skipped_before;
    let mut last_row = None;
    for e in errors {
        if e.row != last_row {
            rows_seen += 1;
            last_row = e.row;
        }
        if rows_seen > ERRORS_SHOWN {
            break;
        }
        progress.finish();
        eprintln!("{}", crate::output::error_line(name, e));
    }
}

/// The CSV header: the lab's export columns first (partner to deficit, and `plan`), then
/// what the command line adds.
pub fn csv_header(program: &Program, plans: bool) -> String {
    let mut header = String::from("partner,region,track,score,tier,earned_tier,next_tier,deficit,held_by_retention,row,line");
    for c in program.categories() {
        header.push(',');
        push_text(&mut header, &format!("points_{}", c.id));
    }
    if plans {
        header.push_str(",plan,plan_status,plan_target,plan_effort");
    }
    header.push('\n');
    header
}

/// Scores one part: reads its rows (CSV records or JSON lines), scores the valid ones and
/// writes their results; row and line numbers are the whole file's.
pub fn score_part(cx: &Context, part: Part) -> Scored {
    let mut scored = Scored { end: part.end, ..Scored::default() };
    if let Some(error) = part.too_long {
        scored.rows = 1;
        scored.skipped = 1;
        scored.errors.push(error);
        return scored;
    }
    let mut profile = cx.program.empty_profile();
    let mut results: Vec<CompactResult> = Vec::new();
    let mut categories = Vec::new();
    let mut each_valid = |scored: &mut Scored, profile: &Profile, row: usize, line: usize| {
        results.clear();
        categories.clear();
        batch_results_with_categories_into(cx.program, profile, &cx.resolved, row, Some(line), &mut results, &mut categories);
        let plans = cx.plans.as_ref().and_then(|options| partner_scorecard::analysis::gap::gaps(cx.program, profile, options).ok());
        let per_result = cx.program.categories().len();
        for (i, result) in results.iter().enumerate() {
            let plan = plans.as_ref().and_then(|report| report.tracks.get(i));
            let points = &categories[i * per_result..(i + 1) * per_result];
            write_result(cx, &mut scored.text, result, points, plan);
        }
        scored.results += results.len();
    };
    match cx.kind {
        Kind::Csv => {
            let Ok(mut rows) = csv_profiles_with(cx.program, &part.text, &cx.options) else {
                // The header was checked when the file was opened; it reads the same in every part.
                return scored;
            };
            let mut errors = Vec::new();
            while let Some((row, line, ok)) = rows.next_into(&mut profile, &mut errors) {
                let row = part.first_row + row;
                let line = match cx.sheet {
                    Some(sheet) => sheet.rows.get(row + 1).map_or(0, |r| *r as usize + 1),
                    None => line - cx.data_line + part.first_line,
                };
                scored.rows += 1;
                if ok {
                    scored.evaluated += 1;
                    each_valid(&mut scored, &profile, row, line);
                } else {
                    scored.skipped += 1;
                }
            }
            for mut e in errors {
                e.row = e.row.map(|r| r + part.first_row);
                match cx.sheet {
                    Some(sheet) => partner_scorecard::analysis::segment::locate_error(&mut e, &sheet.rows, sheet.first_col),
                    None => e.line = e.line.map(|l| l - cx.data_line + part.first_line),
                }
                scored.errors.push(e);
            }
        }
        Kind::JsonLines => {
            let (mut row, mut line) = (part.first_row, part.first_line);
            for text in part.text.split('\n') {
                let text = text.strip_suffix('\r').unwrap_or(text);
                if text.bytes().all(|b| b.is_ascii_whitespace()) {
                    line += 1;
                    continue;
                }
                scored.rows += 1;
                match cx.program.profile_from_json(text) {
                    Ok(profile) => {
                        scored.evaluated += 1;
                        each_valid(&mut scored, &profile, row, line);
                    }
                    Err(errors) => {
                        scored.skipped += 1;
                        scored.errors.extend(errors.issues.into_iter().map(|issue| line_error(text, row, line, issue)));
                    }
                }
                row += 1;
                line += 1;
            }
        }
    }
    scored
}

/// A problem of one JSON line as a bad row: its column found from its path (or where the
/// text stops being JSON).
pub fn line_error(text: &str, row: usize, line: usize, issue: Issue) -> RowError {
    let (column, message) = match partner_scorecard::text::value::parse(text) {
        // The line's own place is said before the message: not "at line 1, column 49" again.
        Err(e) if issue.path.is_empty() => (Some(e.column), format!("not valid JSON: {}", e.message)),
        _ => (partner_scorecard::text::locate::locate(text, &issue.path).map(|p| p.column), issue.message),
    };
    RowError {
        row: Some(row),
        line: Some(line),
        column,
        path: issue.path,
        message,
        cell: None,
        message_i18n: issue.message_i18n.map(Box::new),
    }
}

/// One result as a CSV or JSON line.
fn write_result(cx: &Context, out: &mut String, r: &CompactResult, points: &[Option<f64>], plan: Option<&TrackGaps>) {
    let plan_text = plan.map(|p| match (&p.plan, &p.blocked) {
        (Some(plan), _) => plan.summary.clone(),
        (None, Some(b)) => format!("no plan: {}: {}", b.requirement, b.reason),
        _ => String::new(),
    });
    let status = |s: GapStatus| match s {
        GapStatus::Plan => "plan",
        GapStatus::Top => "top",
        GapStatus::Reached => "reached",
        GapStatus::Blocked => "blocked",
    };
    if cx.jsonl {
        #[derive(serde::Serialize)]
        struct PlanLine<'a> {
            status: &'static str,
            target: Option<&'a str>,
            effort: Option<f64>,
            summary: &'a str,
        }
        #[derive(serde::Serialize)]
        struct Line<'a> {
            #[serde(flatten)]
            result: &'a CompactResult<'a>,
            categories: partner_scorecard::text::value::Value,
            #[serde(skip_serializing_if = "Option::is_none")]
            plan: Option<PlanLine<'a>>,
        }
        let categories: partner_scorecard::text::value::Object = cx
            .program
            .categories()
            .iter()
            .zip(points)
            .map(|(c, p)| {
                (c.id.clone(), p.map_or(partner_scorecard::text::value::Value::Null, partner_scorecard::text::value::Value::from))
            })
            .collect();
        let plan = plan.map(|p| PlanLine {
            status: status(p.status),
            target: p.target.as_ref().map(|t| t.id.as_str()),
            effort: p.plan.as_ref().map(|plan| plan.effort),
            summary: plan_text.as_deref().unwrap_or(""),
        });
        let line = Line { result: r, categories: partner_scorecard::text::value::Value::Object(categories), plan };
        out.push_str(&partner_scorecard::text::json_write::to_string(&line).unwrap_or_default());
        out.push('\n');
        return;
    }
    for text in [r.partner.as_deref().unwrap_or(""), r.region.unwrap_or(""), r.track.unwrap_or("")] {
        push_text(out, text);
        out.push(',');
    }
    push_number(out, r.total);
    out.push(',');
    for text in [r.tier, r.earned_tier, r.next_tier] {
        push_text(out, text.unwrap_or(""));
        out.push(',');
    }
    if let Some(d) = r.point_deficit {
        push_number(out, d);
    }
    out.push_str(if r.held_by_retention { ",true," } else { ",false," });
    out.push_str(&r.row.to_string());
    out.push(',');
    out.push_str(&r.line.map(|l| l.to_string()).unwrap_or_default());
    for p in points {
        out.push(',');
        if let Some(p) = p {
            push_number(out, *p);
        }
    }
    if let Some(p) = plan {
        out.push(',');
        push_text(out, plan_text.as_deref().unwrap_or(""));
        out.push(',');
        out.push_str(status(p.status));
        out.push(',');
        push_text(out, p.target.as_ref().map_or("", |t| t.id.as_str()));
        out.push(',');
        if let Some(plan) = &p.plan {
            push_number(out, plan.effort);
        }
    }
    out.push('\n');
}
