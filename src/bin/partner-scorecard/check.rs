//! `check PROGRAM`: every error of a program file with its JSON path, line and column, for a
//! vendor's CI. The engine finds the errors and names their paths; `text::locate` finds where
//! each path is in the file's text.

use crate::args::CheckArgs;
use crate::{Failure, Outcome, Run};
use partner_scorecard::text::locate::locate;
use partner_scorecard::{Issue, Scorecard};

/// One problem, placed in the file.
pub struct Located<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub message: std::borrow::Cow<'a, str>,
}

/// Where each issue of `text` is: a text that is not JSON at the place the parser stopped
/// (the message then without the place, which comes first), any other issue at its path (or
/// the nearest part of it the file has).
pub fn place<'a>(text: &str, issues: &'a [Issue]) -> Vec<Located<'a>> {
    let not_json = partner_scorecard::text::value::parse(text).err();
    issues
        .iter()
        .map(|issue| match (&not_json, locate(text, &issue.path)) {
            (Some(e), _) if issue.path.is_empty() => {
                let message = format!("not valid JSON: {}", e.message).into();
                Located { path: &issue.path, line: e.line, column: e.column, message }
            }
            (_, found) => {
                let (line, column) = found.map_or((1, 1), |p| (p.line, p.column));
                Located { path: &issue.path, line, column, message: issue.message.as_str().into() }
            }
        })
        .collect()
}

/// `FILE:LINE:COLUMN: PATH: MESSAGE` for each issue.
pub fn located(file: &str, text: &str, issues: &[Issue]) -> Vec<String> {
    place(text, issues).iter().map(|l| format_line(file, l, "")).collect()
}

fn format_line(file: &str, l: &Located, severity: &str) -> String {
    let path = if l.path.is_empty() { String::new() } else { format!("{}: ", l.path) };
    format!("{file}:{}:{}: {severity}{path}{}", l.line, l.column, l.message)
}

pub fn run(a: &CheckArgs) -> Run {
    let text = crate::read_text(&a.program)?;
    let (errors, warnings) = match Scorecard::from_json(&text) {
        Ok(scorecard) => (Vec::new(), scorecard.warnings().to_vec()),
        Err(errors) => (errors.issues, Vec::new()),
    };
    let errors_placed = place(&text, &errors);
    let warnings_placed = place(&text, &warnings);
    if a.json {
        #[derive(serde::Serialize)]
        struct Problem<'a> {
            severity: &'a str,
            path: &'a str,
            line: usize,
            column: usize,
            message: &'a str,
        }
        let all: Vec<Problem> = [("error", &errors_placed), ("warning", &warnings_placed)]
            .into_iter()
            .flat_map(|(severity, list)| {
                list.iter().map(move |l| Problem { severity, path: l.path, line: l.line, column: l.column, message: &l.message })
            })
            .collect();
        let json = partner_scorecard::text::json_write::to_string(&all).map_err(Failure::from)?;
        println!("{json}");
    } else {
        for l in &errors_placed {
            println!("{}", format_line(&a.program, l, ""));
        }
        for l in &warnings_placed {
            println!("{}", format_line(&a.program, l, "warning: "));
        }
        if errors.is_empty() {
            eprintln!("{}: valid program{}", a.program, warning_count(warnings.len()));
        } else {
            eprintln!(
                "{}: invalid program: {} {}{}",
                a.program,
                errors.len(),
                crate::plural(errors.len(), "error"),
                warning_count(warnings.len())
            );
        }
    }
    Ok(if errors.is_empty() { Outcome::Ok } else { Outcome::Skipped })
}

fn warning_count(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(" ({n} {})", crate::plural(n, "warning"))
    }
}
