// The command line itself (see main.rs): included only in native builds.

mod args;
mod check;
mod gaps;
mod input;
mod messages;
mod output;
mod pipeline;
mod progress;
mod score;
mod split;
mod summary;
mod summary_text;

use args::{Cli, Command};
use clap::Parser;
use partner_scorecard::{Date, Scorecard};
use std::process::ExitCode;

/// How a run ended, as its exit code says (README, "Command line"; `--help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 0: everything read was scored (`check`: the program is valid).
    Ok,
    /// 1: some rows were bad, reported and skipped; the others were scored (`check`: the
    /// program has errors).
    Skipped,
}

/// A run that could not be done at all (exit code 2): a usage mistake, a program that is not
/// valid, an input that cannot be read (a file, its header), or output that cannot be written.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

pub type Run = Result<Outcome, Failure>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => check::run(&a),
        Command::Score(a) => score::run(&a),
        Command::Summary(a) => summary::run(&a),
        Command::Gaps(a) => gaps::run(&a),
        Command::Synth(a) => synth(&a),
        Command::Schema => schema(),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Skipped) => ExitCode::from(1),
        Err(Failure(message)) => {
            eprintln!("partner-scorecard: {message}");
            ExitCode::from(2)
        }
    }
}

/// The program file's text and the program read from it; its errors as one failure, each with
/// its line and column (as `check` prints them).
pub fn read_program(path: &str) -> Result<(String, Scorecard), Failure> {
    let text = read_text(path)?;
    match Scorecard::from_json(&text) {
        Ok(scorecard) => Ok((text, scorecard)),
        Err(errors) => {
            let lines: Vec<String> = check::located(path, &text, &errors.issues).iter().map(|l| format!("\n  {l}")).collect();
            Err(Failure(format!(
                "{path}: invalid program ({} {}):{}",
                errors.issues.len(),
                plural(errors.issues.len(), "error"),
                lines.concat()
            )))
        }
    }
}

/// A whole text file (`-`: standard input), at most the engine's limit for one JSON document.
pub fn read_text(path: &str) -> Result<String, Failure> {
    use std::io::Read;
    let limit = partner_scorecard::limits::MAX_JSON_BYTES as u64;
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().lock().take(limit + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| Failure(format!("{path}: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(Failure(format!("{path}: larger than {} MB, the most a program or profile may be", limit >> 20)));
    }
    String::from_utf8(bytes).map_err(|e| Failure(format!("{path}: not UTF-8 text (byte {})", e.utf8_error().valid_up_to())))
}

/// Today's date in UTC: the default of `--as-of`, as the JavaScript API defaults to the
/// browser's date. The engine has no clock; a nightly job should say its date.
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch((seconds / 86_400) as i32)
}

/// A date argument written YYYY-MM-DD.
pub fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("\"{text}\" is not a date written YYYY-MM-DD"))
}

pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        noun.to_string()
    } else {
        format!("{noun}s")
    }
}

/// `synth`: the synthetic partner generator (`analysis::synth`), streamed: the same bytes as
/// `generate` and `generatePartners` for the same program, seed and date, for any number of
/// rows in constant memory.
fn synth(a: &args::SynthArgs) -> Run {
    use partner_scorecard::analysis::synth::{Synth, SynthOptions};
    use std::io::Write;
    let path = a.program.as_deref().or(a.program_flag.as_deref()).ok_or_else(|| Failure("synth: the program file is required".into()))?;
    let (_, scorecard) = read_program(path)?;
    let options = SynthOptions { rows: a.rows, seed: a.seed, as_of: a.as_of, workbook: false };
    let mut generator = Synth::new(scorecard.program(), &options);
    let mut out = output::open_output(a.output.as_deref())?;
    let mut text = String::new();
    generator.header(&mut text);
    let mut left = a.rows;
    // Rows are written a thousand at a time: one buffer, reused.
    while left > 0 || !text.is_empty() {
        let count = left.min(1000);
        generator.rows(&mut text, count);
        left -= count;
        out.write_all(text.as_bytes())?;
        text.clear();
    }
    out.flush()?;
    Ok(Outcome::Ok)
}

/// `schema`: the program format's JSON Schema, as shipped in the package.
fn schema() -> Run {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(SCHEMA.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Ok)
}

/// schema/program.schema.json, built into the binary.
pub const SCHEMA: &str = include_str!("../../../schema/program.schema.json");
