//! The command line's arguments and their help (`--help` on every subcommand, with examples
//! and exit codes).

use clap::{Args, Parser, Subcommand, ValueEnum};
use partner_scorecard::Date;

const EXIT_CODES: &str = "\
Exit codes:
  0  done: every row scored (check: the program is valid)
  1  done, but bad rows were reported and skipped (check: the program has errors)
  2  nothing done: a usage mistake, a program that is not valid, an input that cannot
     be read (a missing file, an unusable header), or output that cannot be written";

#[derive(Parser)]
#[command(
    name = "partner-scorecard",
    version,
    about = "Score partner bases against a partner program, as the JavaScript package and the lab do",
    after_help = EXIT_CODES,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check a program file: every error with its JSON path, line and column
    #[command(after_help = concat!("\
Examples:
  partner-scorecard check programs/reseller.json
  partner-scorecard check --json programs/reseller.json > problems.json

Each problem is printed as FILE:LINE:COLUMN: PATH: MESSAGE, as editors and CI annotations
read them; warnings (what the program allows but probably does not mean) follow as
FILE:LINE:COLUMN: warning: PATH: MESSAGE and do not change the exit code.

Exit codes:
  0  the program is valid
  1  the program has errors (listed)
  2  the file cannot be read"))]
    Check(CheckArgs),

    /// Score every partner of a CSV, JSON lines or Excel file: one line per partner and track
    #[command(after_help = concat!("\
Examples:
  partner-scorecard score program.json partners.csv --as-of 2026-06-01 -o results.csv
  partner-scorecard score program.json partners.xlsx --format jsonl --plans > results.jsonl
  partner-scorecard score program.json export.csv --mapping export-mapping.json --errors bad-rows.csv
  cat partners.jsonl | partner-scorecard score program.json - --format jsonl

Partners are read as CSV (separator, decimal mark and encoding detected as the lab does;
columns matched by field id or label, or as --mapping says), JSON lines (one profile per
line) or .xlsx (the first visible sheet, or the mapping's \"sheet\"), by the file's
extension or else its first bytes. Rows are read, scored and written as a stream, in input
order, on every core; a bad row is reported on standard error (the first 100) and in
--errors FILE, and the run goes on.

", "\
Exit codes:
  0  every row scored
  1  bad rows were reported and skipped; the others were scored
  2  nothing scored: usage, program, unreadable input or header, or output failure"))]
    Score(ScoreArgs),

    /// The lab's summary of a partner base: tiers per track and region, movement, within reach, expiring
    #[command(after_help = "\
Examples:
  partner-scorecard summary program.json partners.csv --as-of 2026-06-01
  partner-scorecard summary program.json partners.csv --json > summary.json

The summary is the lab's (Lab.segment, with every candidate within reach checked): the same
numbers for the same file and options. The base is read in parts of about 8 MB (25,000
partners of the shipped programs), summarised on every core and merged, so its size is not
bounded by memory. Each partner close to its next tier on points gets a plan search: a large
base takes a while (see README, \"Command line\").

Exit codes:
  0  every row read
  1  bad rows were skipped (counted and listed in the summary)
  2  nothing summarised: usage, program, unreadable input or header")]
    Summary(SummaryArgs),

    /// One partner's gap report: what it takes to reach the next tier, the least-effort plan
    #[command(after_help = "\
Examples:
  partner-scorecard gaps program.json profile.json --as-of 2026-06-01
  partner-scorecard gaps program.json profile.json --target gold --lang de
  partner-scorecard gaps program.json profile.json --json | jq '.tracks[0].plan'

The text is the scorecard page's, in --lang (en, de, fr, es, ja; others get English): its
words and the engine's messages, with the language's numbers and dates. --json writes the
report exactly as Scorecard.gaps() returns it in JavaScript.

Exit codes:
  0  the report was written
  2  a usage mistake, or a program, profile or option that is not valid")]
    Gaps(GapsArgs),

    /// Generate synthetic partners for a program as CSV (as the lab's Generate button does)
    #[command(after_help = "\
Examples:
  partner-scorecard synth program.json --rows 100000 --seed 7 > partners.csv
  partner-scorecard synth --program program.json --rows 10000000 -o partners.csv

The same program, seed and date give the same bytes as generatePartners() in JavaScript,
for any number of rows (written as they are made, in constant memory).")]
    Synth(SynthArgs),

    /// Print the program format's JSON Schema (schema/program.schema.json)
    #[command(after_help = "\
Example:
  partner-scorecard schema > program.schema.json")]
    Schema,
}

#[derive(Args)]
pub struct CheckArgs {
    /// The program file (JSON)
    pub program: String,
    /// Print the problems as JSON: [{"severity", "path", "line", "column", "message"}]
    #[arg(long)]
    pub json: bool,
}

/// Options of an evaluation, as the JavaScript API takes them.
#[derive(Args, Clone)]
pub struct EvalArgs {
    /// The evaluation date, YYYY-MM-DD (default: today, in UTC)
    #[arg(long, value_parser = crate::parse_date)]
    pub as_of: Option<Date>,
    /// Only this track (its id)
    #[arg(long)]
    pub track: Option<String>,
    /// This region (its id) for every partner, instead of each partner's own
    #[arg(long)]
    pub region: Option<String>,
    /// Language of labels and texts (de, fr, ...; the program's languages)
    #[arg(long)]
    pub lang: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Csv,
    Jsonl,
    Xlsx,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Csv,
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Encoding {
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "windows-1252")]
    Windows1252,
}

/// How the partner file is read.
#[derive(Args, Clone)]
pub struct InputArgs {
    /// The partner file: .csv, .jsonl or .xlsx (`-`: standard input)
    pub partners: String,
    /// The column mapping the lab exports ({"columns": {"Header": "field_id" | null}, "separator", "decimal", "encoding", "sheet"})
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<String>,
    /// How to read the partner file (default: by its extension, else its first bytes)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// The CSV's text encoding (default: UTF-8 when the whole file is, else Windows-1252)
    #[arg(long, value_enum)]
    pub encoding: Option<Encoding>,
    /// Threads that score (default: every core)
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar (it is only ever shown when standard error is a terminal), and no
    /// closing line with the counts
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Bytes of input per part (tests cut small files into many parts with it)
    #[arg(long, hide = true, value_name = "BYTES")]
    pub part_bytes: Option<usize>,
}

#[derive(Args)]
pub struct ScoreArgs {
    /// The program file (JSON)
    pub program: String,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub eval: EvalArgs,
    /// Output format (default: jsonl for an --output ending in .jsonl or .ndjson, else csv)
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Write the results here instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<String>,
    /// Write every bad row here (CSV; JSON lines for a name ending in .jsonl)
    #[arg(long, value_name = "FILE")]
    pub errors: Option<String>,
    /// Add each partner's least-effort plan to its next tier (a plan search per partner)
    #[arg(long)]
    pub plans: bool,
    /// Days the plans are for (certifications expiring before then are renewed in them)
    #[arg(long, value_name = "DAYS", default_value_t = 90)]
    pub horizon_days: u32,
}

#[derive(Args)]
pub struct SummaryArgs {
    /// The program file (JSON)
    pub program: String,
    #[command(flatten)]
    pub input: InputArgs,
    /// The evaluation date, YYYY-MM-DD (default: today, in UTC)
    #[arg(long, value_parser = crate::parse_date)]
    pub as_of: Option<Date>,
    /// Language of labels (the program's languages)
    #[arg(long)]
    pub lang: Option<String>,
    /// Write the summary as JSON (as Lab.segment() returns it)
    #[arg(long)]
    pub json: bool,
    /// Write the summary here instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<String>,
    /// Within reach: at most this percent of the next tier's minimum missing
    #[arg(long, default_value_t = 10.0, value_name = "PERCENT")]
    pub reach_percent: f64,
    /// Within reach: a least-effort plan costing at most this much
    #[arg(long, default_value_t = 5.0, value_name = "EFFORT")]
    pub reach_effort: f64,
    /// Certifications expiring within this many days are listed
    #[arg(long, default_value_t = 90, value_name = "DAYS")]
    pub expiry_days: u32,
    /// How many partners within reach, expiring certifications and bad rows are listed
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub limit: usize,
    /// The categories of the two-category view (ids; default: the first two)
    #[arg(long, value_name = "CATEGORY")]
    pub x: Option<String>,
    #[arg(long, value_name = "CATEGORY")]
    pub y: Option<String>,
    /// The track of the two-category view (default: the first)
    #[arg(long, value_name = "TRACK")]
    pub view_track: Option<String>,
}

#[derive(Args)]
pub struct GapsArgs {
    /// The program file (JSON)
    pub program: String,
    /// The partner's profile (JSON; `-`: standard input)
    pub profile: String,
    #[command(flatten)]
    pub eval: EvalArgs,
    /// The tier to plan for (default: the next above the one earned, per track)
    #[arg(long, value_name = "TIER")]
    pub target: Option<String>,
    /// Days the plan is for
    #[arg(long, value_name = "DAYS", default_value_t = 90)]
    pub horizon_days: u32,
    /// Days ahead to look for expiring certifications
    #[arg(long, value_name = "DAYS", default_value_t = 90)]
    pub window_days: u32,
    /// Alternative plans to add (at most 10)
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub alternatives: usize,
    /// Write the report as JSON (as Scorecard.gaps() returns it)
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct SynthArgs {
    /// The program file (JSON)
    #[arg(conflicts_with = "program_flag")]
    pub program: Option<String>,
    /// The program file, as the earlier `synth` binary took it
    #[arg(long = "program", value_name = "FILE")]
    pub program_flag: Option<String>,
    /// Partners to generate
    #[arg(long, default_value_t = 1000)]
    pub rows: usize,
    /// The generator's seed: the same seed gives the same partners
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The day the base describes, YYYY-MM-DD
    #[arg(long, value_parser = crate::parse_date, default_value = "2026-06-01")]
    pub as_of: Date,
    /// Write the CSV here instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<String>,
}
