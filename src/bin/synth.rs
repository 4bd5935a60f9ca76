//! Writes a synthetic partner CSV for a program to standard output (see `partner_scorecard::analysis::synth`).
//!
//!     cargo run --release --bin synth -- --program www/programs/classic-reseller.json --rows 100000 --seed 7 > partners.csv

use partner_scorecard::analysis::synth::{generate, SynthOptions};
use partner_scorecard::{Date, Scorecard};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: synth --program FILE.json [--rows N (1000)] [--seed N (1)] [--as-of YYYY-MM-DD (2026-06-01)]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("synth: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut program = None;
    let mut options = SynthOptions { rows: 1000, seed: 1, as_of: Date::from_ymd(2026, 6, 1).ok_or("bad default date")?, workbook: false };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--program" => program = Some(value()?),
            "--rows" => options.rows = value()?.parse().map_err(|e| format!("--rows: {e}"))?,
            "--seed" => options.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--as-of" => {
                let text = value()?;
                options.as_of = Date::parse(&text).ok_or(format!("--as-of: \"{text}\" is not a date written YYYY-MM-DD"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument \"{other}\"\n{USAGE}")),
        }
    }
    let path = program.ok_or(format!("--program is required\n{USAGE}"))?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let scorecard = Scorecard::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
    let csv = generate(scorecard.program(), &options).map_err(|e| format!("--rows: {e}"))?;
    std::io::stdout().lock().write_all(csv.as_bytes()).map_err(|e| e.to_string())
}
