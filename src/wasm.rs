//! The JavaScript API: a thin layer that converts values at the boundary and turns engine
//! errors into `ScorecardError`s. Every decision is made by the engine.
//!
//! Inputs cross as JSON (`JSON.stringify` on the JS side, then the engine's reader): it is faster
//! than walking a JS object field by field and reads program and profile objects exactly
//! as the same text in a file would be read. Outputs cross as JSON text too and are turned
//! into plain objects by `JSON.parse` (`null` for missing values).

#[cfg(feature = "batch")]
use crate::analysis::batch::{BatchResult, RowError};
#[cfg(feature = "plans")]
use crate::analysis::gap::GapOptions;
use crate::eval::{Resolved, ResolvedOptions};
#[cfg(feature = "batch")]
use crate::limits::MAX_BASE_BYTES;
use crate::limits::MAX_JSON_BYTES;
use crate::scorecard::Scorecard as Engine;
use crate::text::date::Date;
use crate::text::error::{ErrorKind, Errors};
use js_sys::JSON;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The program lab (`Lab`, `generatePartners`).
#[cfg(feature = "lab")]
pub mod lab;

#[wasm_bindgen(inline_js = r#"
/** Thrown for a bad program, profile, options or CSV header; `issues` says where and what. */
export class ScorecardError extends Error {
  constructor(message, kind, issues) {
    super(message);
    this.name = "ScorecardError";
    this.kind = kind;
    this.issues = issues;
  }
}
export function scorecardError(message, kind, issues) {
  return new ScorecardError(message, kind, issues);
}
/**
 * An input as JSON text for the engine, in one call: a string as it is, anything else through
 * JSON.stringify. Returns the text; or, when there is none, why: `{ tooLong: length }` past
 * `maxUnits` UTF-16 units, `{ reason }` when JSON.stringify fails or gives nothing, `{ path }`
 * for NaN or ±Infinity (which JSON.stringify would silently write as null, "not given").
 * `undefined` and `null` come back as they are, for the engine to name.
 */
export function jsonText(value, maxUnits) {
  if (value === undefined || value === null) return value;
  let text = value;
  if (typeof value !== "string") {
    try {
      text = JSON.stringify(value);
    } catch (e) {
      return { reason: String(e && e.message || e) };
    }
    if (typeof text !== "string") return { reason: "" };
    // Only a text with a null can hide a NaN: the common case costs one search of the text.
    if (text.includes("null") && hasNonFinite(value)) return { path: nonFinitePath(value) };
  }
  return text.length > maxUnits ? { tooLong: text.length } : text;
}
// JSON.stringify succeeded, so the values it wrote hold no circle: no set of seen objects,
// and no path strings until one is found (nonFinitePath).
function hasNonFinite(v) {
  if (typeof v === "number") return !Number.isFinite(v);
  if (typeof v !== "object" || v === null || typeof v.toJSON === "function") return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (hasNonFinite(v[i])) return true;
    return false;
  }
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) if (hasNonFinite(v[keys[i]])) return true;
  return false;
}
/** Where the first NaN or ±Infinity is, as a path (`values.revenue`, `[1].values.x`). */
function nonFinitePath(value) {
  const walk = (v, path) => {
    if (typeof v === "number") return Number.isFinite(v) ? null : path;
    if (v === null || typeof v !== "object" || typeof v.toJSON === "function") return null;
    const keys = Array.isArray(v) ? v.keys() : Object.keys(v);
    for (const k of keys) {
      const found = walk(v[k], typeof k === "number" ? `${path}[${k}]` : path ? `${path}.${k}` : k);
      if (found !== null) return found;
    }
    return null;
  };
  return walk(value, "");
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = scorecardError)]
    fn make_error(message: &str, kind: &str, issues: JsValue) -> JsValue;
    #[wasm_bindgen(js_name = jsonText)]
    fn json_text_js(value: &JsValue, max_units: usize) -> JsValue;
}

// Input types by their TypeScript names, so that signatures read `options?: EvalOptions | null`
// (an `Option<JsValue>` with `unchecked_param_type` would lose the `?`).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "Program | string")]
    pub type ProgramInput;
    #[wasm_bindgen(typescript_type = "Profile | string")]
    pub type ProfileInput;
    #[cfg(feature = "batch")]
    #[wasm_bindgen(typescript_type = "string | Profile[]")]
    pub type BatchInput;
    #[wasm_bindgen(typescript_type = "EvalOptions")]
    pub type EvalOptionsInput;
    #[wasm_bindgen(typescript_type = "GapOptions")]
    pub type GapOptionsInput;
    #[wasm_bindgen(typescript_type = "Plan | string")]
    pub type PlanInput;
    #[cfg(feature = "plans")]
    #[wasm_bindgen(typescript_type = "ChangeOptions")]
    pub type ChangeOptionsInput;
}

// Inputs written by hand; results generated from the Rust types (src/typescript.rs).
#[wasm_bindgen(typescript_custom_section)]
const INPUT_TYPES: &str = include_str!("wasm/inputs.d.ts");
#[wasm_bindgen(typescript_custom_section)]
const RESULT_TYPES: &str = include_str!("wasm/types.d.ts");

// The module runs on one thread (no `atomics` target feature), which this allocator assumes.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Results cross as one JSON string that `JSON.parse` turns into plain objects (`null` for
/// `None`): several times faster than building each object field by field across the
/// boundary, and one serializer in the binary instead of two.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = crate::text::json_write::to_string(value).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    JSON::parse(&text)
}

fn engine_error(errors: Errors) -> JsValue {
    let issues = to_js(&errors.issues).unwrap_or(JsValue::NULL);
    make_error(&errors.to_string(), errors.kind.name(), issues)
}

#[cfg(feature = "batch")]
fn csv_error(errors: Vec<RowError>) -> JsValue {
    let issues = to_js(&errors).unwrap_or(JsValue::NULL);
    make_error(&RowError::summary(&errors), ErrorKind::Csv.name(), issues)
}

/// CSV as a JS string, unless it may be longer than [`MAX_BASE_BYTES`] in UTF-8: checked
/// before it is copied into wasm memory, where running out is a trap rather than an error.
/// The error says how large the text is.
#[cfg(feature = "batch")]
pub(crate) fn bounded_csv(value: &JsValue) -> Option<Result<String, JsValue>> {
    let string = value.dyn_ref::<js_sys::JsString>()?;
    // UTF-16 units: at most one per UTF-8 byte.
    let units = string.length() as usize;
    if units > MAX_BASE_BYTES {
        return Some(Err(csv_too_large(units)));
    }
    value.as_string().map(Ok)
}

/// The error for a CSV of `bytes` (or UTF-16 units) over [`MAX_BASE_BYTES`].
#[cfg(feature = "batch")]
pub(crate) fn csv_too_large(bytes: usize) -> JsValue {
    let (found, max) = (bytes >> 20, MAX_BASE_BYTES >> 20);
    let i18n = crate::text::message::Message::new("csv.too_large").num("found", found as f64).num("max", max as f64);
    csv_error(vec![RowError::whole_file(crate::text::read::too_many(found, max, "MB of CSV"), Some(i18n))])
}

/// One problem with a whole CSV, as the `ScorecardError` of kind `"csv"` it is thrown as.
#[cfg(feature = "batch")]
pub(crate) fn csv_file_error(message: String) -> JsValue {
    csv_error(vec![RowError::whole_file(message, None)])
}

/// Program or profile text: strings are taken as JSON text, anything else is stringified.
fn json_text(value: &JsValue, kind: ErrorKind, what: &str) -> Result<String, JsValue> {
    json_text_at_most(value, kind, what, MAX_JSON_BYTES)
}

fn json_text_at_most(value: &JsValue, kind: ErrorKind, what: &str, max_bytes: usize) -> Result<String, JsValue> {
    // A text of more UTF-16 units than `max_bytes` has more UTF-8 bytes too: it is refused
    // before it is copied into wasm memory, where running out is a trap rather than an error.
    let text = json_text_js(value, max_bytes);
    // (Passing UTF-8 bytes from TextEncoder.encode instead measured slower in Chromium: a new
    // ArrayBuffer per call costs more than wasm-bindgen's copy of a string.)
    if let Some(text) = text.as_string() {
        return Ok(text);
    }
    let field = |name: &str| js_sys::Reflect::get(&text, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined());
    let message = if text.is_undefined() || text.is_null() {
        format!("expected {what} (an object or JSON text), found {}", js_type(value))
    } else if let Some(units) = field("tooLong").and_then(|v| v.as_f64()) {
        crate::text::read::too_many(units as usize >> 20, max_bytes >> 20, "MB of JSON text")
    } else if let Some(path) = field("path").and_then(|v| v.as_string()) {
        let message = "NaN or Infinity is not a number JSON can hold: leave the value out, or null, when it is not known";
        return Err(engine_error(Errors::single(kind, path, message)));
    } else {
        let reason = field("reason").and_then(|v| v.as_string()).unwrap_or_default();
        if reason.is_empty() {
            format!("{what} cannot be written as JSON")
        } else {
            format!("{what} cannot be written as JSON: {reason}")
        }
    };
    Err(engine_error(Errors::single(kind, "", message)))
}

fn js_type(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

pub(crate) fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_else(|| Date::from_days_since_epoch(0))
}

/// Options as JSON text for the engine's readers (`EvalOptions::from_json`, ...): `undefined`
/// and `null` are no options.
pub(crate) fn options_text(value: Option<&JsValue>) -> Result<String, JsValue> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => json_text(v, ErrorKind::Options, "options"),
        _ => Ok(String::new()),
    }
}

/// A partner program, validated and prepared: create it once, then evaluate any number of
/// profiles. Throws a `ScorecardError` (kind `"program"`) listing every mistake in the
/// program, each with its path.
///
/// ```js
/// import init, { Scorecard, ScorecardError } from "partner-scorecard";
/// await init();
/// const program = await (await fetch("programs/classic-reseller.json")).json();
/// const scorecard = new Scorecard(program);
/// const result = scorecard.evaluate({ values: { certified_engineers: 3 } }, { as_of: "2026-11-25" });
/// console.log(result.tracks[0].tier?.label, result.tracks[0].total);
/// ```
#[wasm_bindgen(js_name = Scorecard)]
pub struct JsScorecard {
    engine: Engine,
    /// The options of the last call, resolved: a page passes the same ones on every keystroke.
    options: std::cell::Cell<ResolvedOptions>,
}

#[wasm_bindgen(js_class = Scorecard)]
impl JsScorecard {
    /// Reads a program from an object or JSON text.
    ///
    /// ```js
    /// try {
    ///   new Scorecard('{"format": 1}');
    /// } catch (e) {
    ///   if (e instanceof ScorecardError) for (const { path, message } of e.issues) console.log(path, message);
    /// }
    /// ```
    #[wasm_bindgen(constructor)]
    pub fn new(program: ProgramInput) -> Result<JsScorecard, JsValue> {
        let text = json_text(&program, ErrorKind::Program, "a program")?;
        Engine::from_json(&text).map(|engine| JsScorecard { engine, options: Default::default() }).map_err(engine_error)
    }

    /// Evaluates one profile, explaining every point: total and tier per track, points per
    /// category and criterion with a one-line explanation, the check of every tier's
    /// requirements and what the next tier needs. Throws a `ScorecardError` of kind
    /// `"profile"` (paths such as `values.certified_engineers`) or `"options"`.
    ///
    /// ```js
    /// const result = scorecard.evaluate(
    ///   { partner: "Acme", values: { certified_engineers: 3, marketing_plan: true } },
    ///   { as_of: "2026-11-25", lang: "de" },
    /// );
    /// for (const c of result.tracks[0].criteria) console.log(c.label, c.points, c.explanation);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(&self, profile: ProfileInput, options: Option<EvalOptionsInput>) -> Result<JsValue, JsValue> {
        let (profile, resolved) = self.read(&profile, options)?;
        to_js(&self.engine.evaluate_resolved(&profile, &resolved))
    }

    /// Score and tier per track, without explanations: the quick answer.
    ///
    /// ```js
    /// const [first] = scorecard.score({ values: { certified_engineers: 3 } }, { as_of: "2026-11-25" });
    /// console.log(first.total, first.tier, first.next_tier, first.point_deficit);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "CompactResult[]")]
    pub fn score(&self, profile: ProfileInput, options: Option<EvalOptionsInput>) -> Result<JsValue, JsValue> {
        let (profile, resolved) = self.read(&profile, options)?;
        let mut out = Vec::new();
        self.engine.batch_results_into(&profile, &resolved, 0, None, &mut out);
        to_js(&out)
    }

    /// What a form needs: sections, fields (labels, help, units, options, certification
    /// kinds), categories, tracks, regions and tiers. Texts are a string or an object of
    /// language -> text, as in the program.
    ///
    /// ```js
    /// const form = scorecard.form();
    /// for (const field of form.fields) console.log(field.id, field.type, field.label);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Form")]
    pub fn form(&self) -> Result<JsValue, JsValue> {
        to_js(&self.engine.form())
    }

    /// What the program allows but probably does not mean, each with its path and a
    /// sentence: a track, region or path whose `requires` list replaces a tier's
    /// requirements whole and so drops some. Empty for a program without such places.
    ///
    /// ```js
    /// for (const { path, message } of scorecard.warnings()) console.warn(path, message);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Issue[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        to_js(&self.engine.warnings())
    }

    /// What the partner lacks for the next tier (or `target`) in each track: unmet
    /// requirements with actual vs needed, the least-effort plan of field changes and up to
    /// `alternatives` other plans, or why no plan exists; plus certifications expiring within
    /// `window_days` (default 90) and whether that would lower the tier. Throws like `evaluate`.
    ///
    /// ```js
    /// const report = scorecard.gaps({ values: { certified_engineers: 1 } }, { as_of: "2026-11-25", alternatives: 2 });
    /// const track = report.tracks[0];
    /// if (track.plan) console.log(track.plan.summary, track.plan.changes.map((c) => c.description));
    /// for (const x of track.outlook.expiring) console.log(x.name, x.expires, x.days_left);
    /// ```
    #[cfg(feature = "plans")]
    #[wasm_bindgen(unchecked_return_type = "GapReport")]
    pub fn gaps(&self, profile: ProfileInput, options: Option<GapOptionsInput>) -> Result<JsValue, JsValue> {
        let options = GapOptions::from_json(&options_text(options.as_deref())?, &today).map_err(engine_error)?;
        let text = json_text(&profile, ErrorKind::Profile, "a profile")?;
        let profile = self.engine.profile_from_json(&text).map_err(engine_error)?;
        to_js(&self.engine.gaps(&profile, &options).map_err(engine_error)?)
    }

    /// The profile after a plan from `gaps()` (its `plan` or one of its `alternatives`): the
    /// planned fields take their new values, certifications are added (earned on `as_of`)
    /// or renewed (earned again on `as_of`, valid as long as before); everything else in the
    /// profile stays as written. Evaluate the result to see the plan's effect. Throws a
    /// `ScorecardError` of kind `"profile"`, `"options"` or `"plan"` (a plan made for another
    /// program: paths such as `changes[0].field`).
    ///
    /// ```js
    /// const { plan } = scorecard.gaps(profile, { as_of: "2026-11-25" }).tracks[0];
    /// if (plan) {
    ///   const after = scorecard.applyPlan(profile, plan, { as_of: "2026-11-25" });
    ///   console.log(scorecard.evaluate(after, { as_of: "2026-11-25" }).tracks[0].tier?.label);
    /// }
    /// ```
    #[cfg(feature = "plans")]
    #[wasm_bindgen(js_name = applyPlan, unchecked_return_type = "Profile")]
    pub fn apply_plan(&self, profile: ProfileInput, plan: PlanInput, options: Option<EvalOptionsInput>) -> Result<JsValue, JsValue> {
        let options = crate::eval::EvalOptions::from_json(&options_text(options.as_deref())?, &today).map_err(engine_error)?;
        let parse =
            |text: String, kind: ErrorKind| crate::text::value::parse(&text).map_err(|e| engine_error(Errors::new(kind, vec![e.into()])));
        let profile = parse(json_text(&profile, ErrorKind::Profile, "a profile")?, ErrorKind::Profile)?;
        let plan = parse(json_text(&plan, ErrorKind::Plan, "a plan")?, ErrorKind::Plan)?;
        to_js(&self.engine.apply_plan_json(&profile, &plan, options.as_of).map_err(engine_error)?)
    }

    /// Evaluates many partners: CSV text (header row of field ids and `@` meta columns, see
    /// README) or an array of profiles. In the Node, bundler and lab builds (cargo feature
    /// `batch`), not in the browser module a portal embeds. Bad rows are listed in `errors` with line, column and
    /// reason, and skipped; the other rows are still evaluated. Throws a `ScorecardError` of
    /// kind `"csv"` only when the header itself is unusable.
    ///
    /// ```js
    /// const csv = "@partner,certified_engineers,marketing_plan\nAcme,3,yes\nBolt,x,no\n";
    /// const { results, errors, counts } = scorecard.evaluateBatch(csv, { as_of: "2026-11-25" });
    /// // counts: { rows: 2, evaluated: 1, skipped: 1, results: 1 }
    /// // errors[0]: { row: 1, line: 3, column: 2, path: "certified_engineers", message: "..." }
    /// ```
    #[cfg(feature = "batch")]
    #[wasm_bindgen(js_name = evaluateBatch, unchecked_return_type = "BatchResult")]
    pub fn evaluate_batch(&self, input: BatchInput, options: Option<EvalOptionsInput>) -> Result<JsValue, JsValue> {
        let resolved = self.resolve(options)?;
        let outcome: BatchResult = if let Some(csv) = bounded_csv(&input) {
            self.engine.evaluate_csv(&csv?, &resolved).map_err(csv_error)?
        } else if js_sys::Array::is_array(&input) {
            let text = json_text_at_most(&input, ErrorKind::Profile, "the profiles", MAX_BASE_BYTES)?;
            let values = crate::text::value::parse(&text).map_err(|e| engine_error(Errors::new(ErrorKind::Profile, vec![e.into()])))?;
            self.engine.evaluate_values(values.as_array().map_or(&[], Vec::as_slice), &resolved).map_err(csv_error)?
        } else {
            return Err(csv_file_error(format!("expected CSV text or an array of profiles, found {}", js_type(&input))));
        };
        to_js(&outcome)
    }
}

impl JsScorecard {
    fn resolve(&self, options: Option<EvalOptionsInput>) -> Result<Resolved, JsValue> {
        let text = options_text(options.as_deref())?;
        // A Cell, taken and put back, rather than a RefCell: no borrow can fail.
        let mut resolved = self.options.take();
        let result = resolved.resolve(&self.engine, &text, &today).map_err(engine_error);
        self.options.set(resolved);
        result
    }

    fn read(&self, profile: &JsValue, options: Option<EvalOptionsInput>) -> Result<(crate::program::profile::Profile, Resolved), JsValue> {
        let resolved = self.resolve(options)?;
        let text = json_text(profile, ErrorKind::Profile, "a profile")?;
        let profile = self.engine.profile_from_json(&text).map_err(engine_error)?;
        Ok((profile, resolved))
    }
}

/// The engine's version (the package version).
///
/// ```js
/// import { version } from "partner-scorecard";
/// console.log(version()); // "0.1.0"
/// ```
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Why a text is not JSON, in the engine's words: `null` for JSON text, otherwise the issue
/// (line, column, and the message for the catalogs) that reading it as a program or profile
/// would report. For pages that read a file themselves and show what is wrong with it in the
/// partner's language rather than the browser's `JSON.parse` message. Texts over 64 MB are
/// refused like programs and profiles.
///
/// ```js
/// import { jsonProblem } from "partner-scorecard";
/// jsonProblem('{"a": 1,}').message; // "not valid JSON: expected a key in quotes at line 1, column 9"
/// jsonProblem('{"a": 1}');          // null
/// ```
#[wasm_bindgen(js_name = jsonProblem, unchecked_return_type = "Issue | null")]
pub fn json_problem(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsValue> {
    let text = json_text(&text, ErrorKind::Profile, "a text")?;
    match crate::text::value::parse(&text) {
        Ok(_) => Ok(JsValue::NULL),
        Err(e) => to_js(&crate::text::error::Issue::from(e)),
    }
}

/// What changed between the program as opened and the edited one, in words a program manager
/// reads: each tier, criterion, field, requirement, track, region or path added, removed or
/// moved, and each setting changed (`"Tier Gold: minimum score 70 → 75"`), with its path,
/// values and a message for the catalogs (`text_i18n`). Lists with ids are matched by id.
/// Either program may be invalid (a program being edited often is): it is described from its
/// file. Throws a `ScorecardError` of kind `"program"` only for text that is not JSON, and of
/// kind `"options"`. In every build but the lite one.
///
/// ```js
/// const { changes, total } = describeChanges(opened, edited, { lang: "de" });
/// for (const c of changes) console.log(c.kind, c.path, c.text); // "changed" "tiers[2].min_score" "Tier Gold: minimum score 70 → 75"
/// ```
#[cfg(feature = "changes")]
#[wasm_bindgen(js_name = describeChanges, unchecked_return_type = "ProgramChanges")]
pub fn describe_changes(before: ProgramInput, after: ProgramInput, options: Option<ChangeOptionsInput>) -> Result<JsValue, JsValue> {
    use crate::program::changes::{describe_changes, ChangeOptions};
    use crate::program::Program;
    let options = ChangeOptions::from_json(&options_text(options.as_deref())?).map_err(engine_error)?;
    let read = |input: &JsValue, what: &str| {
        let text = json_text(input, ErrorKind::Program, what)?;
        crate::text::value::parse(&text).map_err(|e| engine_error(Errors::new(ErrorKind::Program, vec![e.into()])))
    };
    let before = read(&before, "the program as opened")?;
    let after = read(&after, "the edited program")?;
    let (before_program, after_program) = (Program::from_parsed(&before).ok(), Program::from_parsed(&after).ok());
    to_js(&describe_changes(&before, &after, before_program.as_ref(), after_program.as_ref(), options.lang.as_deref()))
}
