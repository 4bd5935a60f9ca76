//! The front door, above every engine layer: `Scorecard`, one type with every operation, over the
//! layers below. A prepared [`Program`] is data; reading profiles is the program layer's
//! (`program::profile`, `program::direct`), evaluating is `eval`'s, plans are
//! `analysis::gap`'s, batches `analysis::batch`'s. This type only delegates, so that no lower
//! layer has to know the higher ones (tests/architecture.rs; cargo-modules shows no circle).

use crate::analysis::batch::{self, BatchResult, CompactResult, CsvProfiles, RowError};
use crate::analysis::gap::{self, GapOptions, GapReport, Plan};
use crate::eval::{self, EvalOptions, Evaluation, Resolved, TrackScore};
use crate::program::model::{Profile, Program};
use crate::text::error::Errors;
use crate::text::value::Value;

/// A validated, prepared program: create it once, then read, evaluate, score and plan any
/// number of profiles against it.
#[derive(Debug, Clone)]
pub struct Scorecard {
    program: Program,
}

/// Reading the program itself (its fields, tiers and form, its profiles: `fields()`,
/// `form()`, `profile_from_json()`, ...) is the program layer's, reached through `Deref`;
/// this type adds what the layers above do with it.
impl std::ops::Deref for Scorecard {
    type Target = Program;
    fn deref(&self) -> &Program {
        &self.program
    }
}

impl From<Program> for Scorecard {
    fn from(program: Program) -> Scorecard {
        Scorecard { program }
    }
}

impl Scorecard {
    /// Reads a program from JSON text, reporting every problem at once.
    pub fn from_json(text: &str) -> Result<Scorecard, Errors> {
        Program::from_json(text).map(Scorecard::from)
    }

    /// Reads a program from any serializable value (a `serde_json::Value`, your own structs),
    /// as if it were written out as JSON text.
    pub fn from_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<Scorecard, Errors> {
        Program::from_value(value).map(Scorecard::from)
    }

    /// Reads a parsed program.
    pub fn from_parsed(value: &Value) -> Result<Scorecard, Errors> {
        Program::from_parsed(value).map(Scorecard::from)
    }

    /// The prepared program, for the layers' own functions (`eval::evaluate`, ...).
    pub fn program(&self) -> &Program {
        &self.program
    }

    // ------------------------------------------------------------------ evaluation

    /// Options with ids resolved, ready for many evaluations.
    pub fn resolve(&self, options: &EvalOptions) -> Result<Resolved, Errors> {
        eval::resolve(&self.program, options)
    }

    /// Evaluates one profile, explaining every point.
    pub fn evaluate(&self, profile: &Profile, options: &EvalOptions) -> Result<Evaluation<'_>, Errors> {
        eval::evaluate(&self.program, profile, options)
    }

    pub fn evaluate_resolved(&self, profile: &Profile, resolved: &Resolved) -> Evaluation<'_> {
        eval::evaluate_resolved(&self.program, profile, resolved)
    }

    /// Score and tier per track, without explanations.
    pub fn score(&self, profile: &Profile, options: &EvalOptions) -> Result<Vec<TrackScore>, Errors> {
        eval::score(&self.program, profile, options)
    }

    pub fn score_into(&self, profile: &Profile, resolved: &Resolved, out: &mut Vec<TrackScore>) {
        eval::score_into(&self.program, profile, resolved, out)
    }

    // ------------------------------------------------------------------ plans

    /// What the partner lacks for the next tier (or a target) per track, the least-effort
    /// plan, and certifications about to expire.
    pub fn gaps(&self, profile: &Profile, options: &GapOptions) -> Result<GapReport, Errors> {
        gap::gaps(&self.program, profile, options)
    }

    /// The profile as written (JSON) after a plan as `gaps` returned it (JSON), on `as_of`:
    /// see [`gap::apply_plan_json`].
    pub fn apply_plan_json(&self, profile: &Value, plan: &Value, as_of: crate::text::date::Date) -> Result<Value, Errors> {
        gap::apply_plan_json(&self.program, profile, plan, as_of)
    }

    /// The profile with a plan's changes made.
    pub fn apply_plan(&self, profile: &Profile, plan: &Plan) -> Profile {
        gap::apply_plan(profile, plan)
    }

    // ------------------------------------------------------------------ batches

    /// Profiles from CSV text, one row at a time.
    pub fn csv_profiles<'s, 't>(&'s self, text: &'t str) -> Result<CsvProfiles<'s, 't>, Vec<RowError>> {
        batch::csv_profiles(&self.program, text)
    }

    /// Score and tier per track of one profile, with ids, as batches report them.
    pub fn batch_results_into<'a>(
        &'a self,
        profile: &Profile,
        resolved: &Resolved,
        row: usize,
        line: Option<usize>,
        out: &mut Vec<CompactResult<'a>>,
    ) {
        batch::batch_results_into(&self.program, profile, resolved, row, line, out)
    }

    /// Evaluates every row of a partner CSV; bad rows are reported and skipped.
    pub fn evaluate_csv(&self, text: &str, resolved: &Resolved) -> Result<BatchResult<'_>, Vec<RowError>> {
        batch::evaluate_csv(&self.program, text, resolved)
    }

    /// Evaluates parsed profiles, as `evaluate_csv` does rows.
    pub fn evaluate_values(&self, profiles: &[Value], resolved: &Resolved) -> Result<BatchResult<'_>, Vec<RowError>> {
        batch::evaluate_values(&self.program, profiles, resolved)
    }
}
