//! The program lab's JavaScript API: a partner base kept in wasm memory and re-segmented
//! after each program edit, and the synthetic partner generator. Thin, like the parent module:
//! every decision is made by `crate::analysis::segment` and `crate::analysis::synth`.

use super::{csv_error, csv_file_error, engine_error, json_text, options_text, to_js, today, ProgramInput};
use crate::analysis::batch::CsvOptions;
use crate::analysis::segment::why::PartialChange;
use crate::analysis::segment::{export_csv, segment, PartnerBase, SegmentOptions, Segmentation};
use crate::analysis::synth::{generate, SynthOptions};
use crate::limits::MAX_BASE_BYTES;
use crate::scorecard::Scorecard as Engine;
use crate::text::csv_format::Encoding;
use crate::text::error::{ErrorKind, Errors};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const LAB_TYPES: &str = include_str!("lab.d.ts");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "SegmentOptions")]
    pub type SegmentOptionsInput;
    #[wasm_bindgen(typescript_type = "SynthOptions")]
    pub type SynthOptionsInput;
    #[wasm_bindgen(typescript_type = "string | Uint8Array")]
    pub type CsvInput;
    #[wasm_bindgen(typescript_type = "CsvReadOptions")]
    pub type CsvReadOptionsInput;
}

/// A partner file's text: CSV as given or decoded, or a workbook's sheet as CSV text.
struct FileText {
    text: String,
    encoding: Encoding,
    bom: bool,
    workbook: Option<WorkbookRead>,
}

/// The sheet a partner base was read from, and where its records are in it.
struct WorkbookRead {
    info: WorkbookInfo,
    /// Sheet row (0-based) of each record of `text`, the header first; column of the first cell.
    rows: Vec<u32>,
    first_col: u32,
}

/// Which sheet of a workbook was read, and the sheets there are to choose from.
#[derive(serde::Serialize, Clone)]
pub struct WorkbookInfo {
    pub sheet: String,
    /// Visible sheets in workbook order, then hidden ones.
    pub sheets: Vec<String>,
    /// The first cell of the sheet's used range ("B3"): where the header is.
    pub first_cell: String,
}

/// CSV text from a string or a file's bytes, decoded as `encoding` or the one detected
/// (UTF-8 with or without a byte order mark, else Windows-1252), or the sheet `sheet` of an
/// Excel workbook (.xlsx) as CSV text. Bytes are copied as they are; a string is re-encoded
/// by wasm-bindgen, which reserves three bytes per character once it meets a non-ASCII one
/// (90 MB for a 30 MB file), so large files should come as bytes.
fn csv_text(csv: &CsvInput, encoding: Option<Encoding>, sheet: Option<&str>) -> Result<FileText, JsValue> {
    if let Some(string) = csv.dyn_ref::<js_sys::JsString>() {
        let units = string.length() as usize;
        if units <= MAX_BASE_BYTES {
            reserve_for_file(units);
        }
    }
    if let Some(text) = super::bounded_csv(csv) {
        return text.map(|text| FileText { text, encoding: Encoding::Utf8, bom: false, workbook: None });
    }
    let Some(bytes) = csv.dyn_ref::<js_sys::Uint8Array>() else {
        return Err(csv_file_error(format!("expected CSV text or its UTF-8 bytes (a Uint8Array), found {}", super::js_type(csv))));
    };
    // Checked and reserved before the copy into wasm memory, where running out is a trap.
    let len = bytes.length() as usize;
    if len > MAX_BASE_BYTES {
        return Err(super::csv_too_large(len));
    }
    reserve_for_file(len);
    let mut buffer = Vec::new();
    if buffer.try_reserve_exact(len).is_err() {
        return Err(no_memory(len >> 20));
    }
    buffer.resize(len, 0);
    bytes.copy_to(&mut buffer);
    match crate::text::csv_format::not_text(&buffer) {
        // A zip archive (.xlsx) or the older compound file (.xls, or a password-protected
        // .xlsx): the workbook reader says which it is.
        Some("workbook" | "old_workbook") => read_sheet(&buffer, sheet),
        Some(_) => Err(csv_error(vec![crate::analysis::batch::RowError::whole_file(
            "this file is not text (a picture or another binary file?): open the partners as CSV or an Excel workbook (.xlsx)".into(),
            Some(crate::text::message::Message::new("csv.binary")),
        )])),
        None => {
            let (text, encoding, bom) = crate::text::csv_format::decode(buffer, encoding);
            Ok(FileText { text, encoding, bom, workbook: None })
        }
    }
}

/// One sheet of a workbook as CSV text, with where its records are.
fn read_sheet(bytes: &[u8], sheet: Option<&str>) -> Result<FileText, JsValue> {
    use crate::text::xlsx::{cell_address, Workbook, WorkbookError};
    let fail = |e: WorkbookError| {
        let mut error = crate::analysis::batch::RowError::whole_file(e.message.clone(), Some(e.i18n()));
        error.cell = e.cell.map(String::into_boxed_str);
        csv_error(vec![error])
    };
    let book = Workbook::open(bytes).map_err(fail)?;
    let found = book.sheet(sheet).map_err(fail)?;
    let (text, rows) = found.to_csv();
    if rows.is_empty() {
        let message = format!("the sheet \"{}\" is empty: the partners need a header row and a row each", found.name);
        let i18n = crate::text::message::Message::new("xlsx.empty_sheet").text("sheet", found.name.as_str());
        return Err(csv_error(vec![crate::analysis::batch::RowError::whole_file(message, Some(i18n))]));
    }
    let info = WorkbookInfo { sheet: found.name.clone(), sheets: book.sheet_names(), first_cell: cell_address(rows[0], found.first_col) };
    Ok(FileText { text, encoding: Encoding::Utf8, bom: false, workbook: Some(WorkbookRead { info, rows, first_col: found.first_col }) })
}

/// CSV read options from JS: separator, decimal mark, encoding and column mapping.
fn csv_options(options: Option<&JsValue>) -> Result<(CsvOptions, Option<Encoding>), JsValue> {
    let text = match options {
        Some(o) if !o.is_undefined() && !o.is_null() => json_text(o, ErrorKind::Options, "CSV read options")?,
        _ => String::new(),
    };
    CsvOptions::from_json(&text).map_err(engine_error)
}

/// How a file would be read: its format (encoding, byte order mark, separator, decimal mark;
/// each detected unless given) and how each header matches the program's fields (by id, by a
/// label in any of the program's languages, by the mapping given, or not, with a suggestion).
/// For a page to show and let the reader correct before `new Lab(...)`.
///
/// ```js
/// const { format, columns } = inspectCsv(program, bytes);
/// // format: { encoding: "windows-1252", bom: false, separator: ";", decimal: "," }
/// // columns[1]: { header: "Zertifizierte Techniker", target: "engineers", how: "label" }
/// ```
#[wasm_bindgen(js_name = inspectCsv, unchecked_return_type = "CsvInspection")]
pub fn inspect_csv(program: ProgramInput, csv: CsvInput, options: Option<CsvReadOptionsInput>) -> Result<JsValue, JsValue> {
    let file = PartnerFile::open(&program, &csv, options)?;
    let (_, mut columns) = crate::analysis::batch::match_headers(file.engine.program(), &file.csv, &file.options);
    // A first row of numbers and dates is data, not headers: said at once, not as N unknown columns.
    if columns.iter().all(|c| c.how == "unknown") {
        let headers: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
        if let Some(mut error) = crate::analysis::batch::no_header(&headers, file.options.decimal.unwrap_or('.'), 1) {
            if let Some(w) = &file.workbook {
                crate::analysis::segment::locate_error(&mut error, &w.rows, w.first_col);
            }
            return Err(csv_error(vec![error]));
        }
    }
    let workbook = file.workbook.as_ref().map(|w| w.info.clone());
    if let Some(w) = &file.workbook {
        // Headers by their cell, where the manager looks for them.
        for (i, column) in columns.iter_mut().enumerate() {
            column.cell = Some(crate::text::xlsx::cell_address(w.rows[0], w.first_col.saturating_add(i as u32)));
        }
    }
    to_js(&Inspection { format: file.format, columns, workbook })
}

/// A program and a partner file as `inspectCsv` and `new Lab` take them: the program read, the
/// file decoded, and its format (encoding, byte order mark, separator, decimal mark), given or
/// detected once and fixed in `options` for the reading that follows.
struct PartnerFile {
    program_text: String,
    engine: Engine,
    csv: String,
    options: CsvOptions,
    format: crate::text::csv_format::CsvFormat,
    workbook: Option<WorkbookRead>,
}

impl PartnerFile {
    fn open(program: &ProgramInput, csv: &CsvInput, options: Option<CsvReadOptionsInput>) -> Result<PartnerFile, JsValue> {
        let program_text = json_text(program, ErrorKind::Program, "a program")?;
        let engine = Engine::from_json(&program_text).map_err(engine_error)?;
        let (mut options, encoding) = csv_options(options.as_deref())?;
        let FileText { text: csv, encoding, bom, workbook } = csv_text(csv, encoding, options.sheet.as_deref())?;
        if workbook.is_some() {
            // A sheet's cells are written as CSV text with commas and decimal points.
            (options.separator, options.decimal) = (Some(','), Some('.'));
        }
        let format = crate::text::csv_format::CsvFormat { encoding, bom, ..options.format_of(&csv) };
        (options.separator, options.decimal) = (Some(format.separator), Some(format.decimal));
        Ok(PartnerFile { program_text, engine, csv, options, format, workbook })
    }
}

#[derive(serde::Serialize)]
struct Inspection {
    format: crate::text::csv_format::CsvFormat,
    columns: Vec<crate::analysis::batch::ColumnMatch>,
    #[serde(skip_serializing_if = "Option::is_none")]
    workbook: Option<WorkbookInfo>,
}

/// Grows wasm memory once to what reading a file of `len` bytes takes (its copy, its text and
/// the partners: about three times its size, measured on the shipped programs), and gives
/// the room back to the allocator. The allocator alone grows memory by what each allocation
/// lacks, one small step at a time: reading 100,000 partners took 1.6 s the first time and
/// 0.5 s after. Only a hint: where the memory is not there, reading grows it as it goes.
fn reserve_for_file(len: usize) {
    let mut room: Vec<u8> = Vec::new();
    let _ = room.try_reserve_exact(len.saturating_mul(3));
}

/// Too little memory left to copy a CSV of `mb` MB in.
fn no_memory(mb: usize) -> JsValue {
    let message = format!("there is not enough memory to read a CSV of {mb} MB");
    let i18n = crate::text::message::Message::new("csv.no_memory_mb").num("mb", mb as f64);
    super::csv_error(vec![crate::analysis::batch::RowError::whole_file(message, Some(i18n))])
}

fn no_segmentation() -> JsValue {
    engine_error(Errors::single(ErrorKind::Options, "", "nothing segmented yet: call segment() first"))
}

/// A whole partner base in wasm memory, for a program that may change: read the CSV once, then
/// `segment()` after every edit of the program (`setProgram`) scores only. Throws a
/// `ScorecardError` of kind `"program"` for a bad program, `"csv"` when the CSV header is
/// unusable; bad rows do not throw: they are listed in the summary's `errors` and skipped.
///
/// ```js
/// const lab = new Lab(program, csvText);
/// const summary = lab.segment({ as_of: "2026-06-01", x: "capability", y: "performance" });
/// console.log(summary.counts, summary.tracks[0].tiers, summary.within_reach.shown[0]?.plan);
/// while (!lab.checkReach(500).complete);  // every candidate within reach checked
/// program.tiers[2].min_score = 55;
/// lab.setProgram(program);          // validated; the previous program stays on error
/// const after = lab.segment({ as_of: "2026-06-01" });
/// lab.free();                       // releases the partners' memory
/// ```
#[wasm_bindgen(js_name = Lab)]
pub struct JsLab {
    engine: Engine,
    /// The program the lab was opened with, and its results for the last options scored.
    baseline: Engine,
    /// With the number fields summed per tier for them (`compare_with`), once compared.
    baseline_scored: Option<(BaselineKey, Vec<crate::analysis::segment::Scored>, BaselineSums)>,
    base: PartnerBase,
    last: Option<Segmentation>,
    format: crate::text::csv_format::CsvFormat,
    /// The program files as opened and as tuned now, read once each: the edits between them
    /// (`whyMoved`, and what a `setProgram` changed).
    baseline_value: crate::text::value::Value,
    program_value: crate::text::value::Value,
    /// The last segmentation and the program it was scored with, kept while the program
    /// changed only in what a partial scoring serves (tier minimums, texts, criteria: see
    /// `PartialChange`), and what the edits since then need.
    retier_from: Option<(Segmentation, Engine, PartialChange)>,
}

/// The baseline's number fields summed per tier (`compare_with`), once compared.
type BaselineSums = Option<Vec<Vec<f64>>>;

/// What the baseline's results depend on besides the program: the date, language and track.
type BaselineKey = (crate::text::date::Date, Option<String>, Option<String>);

#[wasm_bindgen(js_class = Lab)]
impl JsLab {
    /// Reads the program and every row of the CSV (header of field ids and `@` meta columns),
    /// given as text or as UTF-8 bytes (`new Uint8Array(await file.arrayBuffer())`: for large
    /// files, bytes take less memory).
    /// `options` say how to read the file where detection would not do: `{separator, decimal,
    /// encoding, columns: {header: field id | "@meta" | null}}` (see `inspectCsv`).
    #[wasm_bindgen(constructor)]
    pub fn new(program: ProgramInput, csv: CsvInput, options: Option<CsvReadOptionsInput>) -> Result<JsLab, JsValue> {
        let PartnerFile { program_text, engine, csv, options, format, workbook } = PartnerFile::open(&program, &csv, options)?;
        let mut base = match PartnerBase::from_csv_with(&engine, &csv, &options) {
            Ok(base) => base,
            Err(mut errors) => {
                if let Some(w) = &workbook {
                    errors.iter_mut().for_each(|e| crate::analysis::segment::locate_error(e, &w.rows, w.first_col));
                }
                return Err(csv_error(errors));
            }
        };
        if let Some(w) = &workbook {
            base.locate_in_sheet(&w.rows, w.first_col);
        }
        // The program as opened: every later edit is compared with it.
        let baseline = Engine::from_json(&program_text).map_err(engine_error)?;
        // The engine read this text already: it parses.
        let program_value = crate::text::value::parse(&program_text).unwrap_or_default();
        let baseline_value = program_value.clone();
        Ok(JsLab { engine, baseline, baseline_scored: None, base, last: None, format, baseline_value, program_value, retier_from: None })
    }

    /// One partner's profile, as the self-assessment page takes it (`<partner-scorecard>`'s
    /// `profile`), by data row (`row` of the summary's listings); `null` for a skipped row.
    ///
    /// ```js
    /// card.profile = lab.profile(summary.within_reach.shown[0].row);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Profile | null")]
    pub fn profile(&self, row: usize) -> Result<JsValue, JsValue> {
        match self.base.profile_of_row(row) {
            Some(p) => to_js(&self.engine.program().profile_value(p)),
            None => Ok(JsValue::NULL),
        }
    }

    /// How the file was read: encoding, byte order mark, separator and decimal mark.
    #[wasm_bindgen(unchecked_return_type = "CsvFormat")]
    pub fn format(&self) -> Result<JsValue, JsValue> {
        to_js(&self.format)
    }

    /// Replaces the program (an edited copy of the one the CSV was read with). Throws a
    /// `ScorecardError` of kind `"program"` listing its mistakes, or when its fields, options,
    /// tracks, regions or tier ids differ; the previous program then stays in use.
    ///
    /// ```js
    /// program.criteria[0].weight = 1.5;
    /// try { lab.setProgram(program); } catch (e) { console.log(e.issues); }
    /// ```
    #[wasm_bindgen(js_name = setProgram)]
    pub fn set_program(&mut self, program: ProgramInput) -> Result<(), JsValue> {
        let text = json_text(&program, ErrorKind::Program, "a program")?;
        let engine = Engine::from_json(&text).map_err(engine_error)?;
        self.base.check_program(&engine).map_err(engine_error)?;
        let value = crate::text::value::parse(&text).unwrap_or_default();
        let change = crate::analysis::segment::why::partial_change(&self.program_value, &value, engine.program());
        let previous = std::mem::replace(&mut self.engine, engine);
        // Edits since the last segment() add up: the kept segmentation serves their sum.
        self.retier_from = match (change, self.last.take(), self.retier_from.take()) {
            (None, _, _) => None,
            (Some(change), Some(last), _) => Some((last, previous, change)),
            (Some(change), None, Some((kept, program, kept_change))) => Some((kept, program, change.max(kept_change))),
            (Some(_), None, None) => None,
        };
        self.program_value = value;
        Ok(())
    }

    /// Why the partners listed as moved in the last `segment()` (`versus_baseline.moved.shown`)
    /// moved: the edits between the program as opened and the one in use (`tiers[1].min_score`:
    /// 70 → 65), and for each partner the edits that move it on their own, else `together`.
    /// Costs a program build per edit (the first 30) and an evaluation per listed partner.
    ///
    /// ```js
    /// const why = lab.whyMoved();
    /// why.moved[0].because.map((i) => why.edits[i].path);   // ["tiers[1].min_score"]
    /// ```
    #[wasm_bindgen(js_name = whyMoved, unchecked_return_type = "MoveReasons")]
    pub fn why_moved(&self) -> Result<JsValue, JsValue> {
        let seg = self.last.as_ref().ok_or_else(no_segmentation)?;
        let moved = seg.summary.versus_baseline.as_ref().map_or(&[][..], |v| &v.moved.shown[..]);
        let lang = seg.summary_lang();
        to_js(&self.base.why_moved(&self.baseline_value, &self.program_value, self.engine.program(), moved, seg.summary.as_of, lang))
    }

    /// Rows read, valid (evaluated) and skipped.
    ///
    /// ```js
    /// const { rows, evaluated, skipped } = lab.counts();
    /// ```
    #[wasm_bindgen(unchecked_return_type = "BaseCounts")]
    pub fn counts(&self) -> Result<JsValue, JsValue> {
        to_js(&self.base.base_counts())
    }

    /// Scores every partner and summarises: tiers per track and region, movement against the
    /// tiers held today, quadrant counts for two categories, partners within reach of their
    /// next tier (the closest with plans), expiring certifications and row errors.
    ///
    /// ```js
    /// const s = lab.segment({ as_of: "2026-06-01", reach_percent: 5, x: "capability", y: "engagement" });
    /// const [track] = s.tracks;
    /// console.log(track.tiers, track.unranked, track.movement.promoted, s.segments.high_high);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "SegmentSummary")]
    pub fn segment(&mut self, options: Option<SegmentOptionsInput>) -> Result<JsValue, JsValue> {
        let options = SegmentOptions::from_json(&options_text(options.as_deref())?, &today).map_err(engine_error)?;
        let retiered = self.retier_from.take().and_then(|(prev, old, change)| match change {
            PartialChange::Minimums => prev.retiered(self.engine.program(), &self.base, &options),
            PartialChange::Texts => prev.relabelled(self.engine.program(), &self.base, &options),
            PartialChange::Criteria => prev.rescored(old.program(), self.engine.program(), &self.base, &options),
        });
        let mut seg = match retiered {
            Some(seg) => seg,
            None => segment(&self.engine, &self.base, &options).map_err(engine_error)?,
        };
        // The baseline's results, scored again only when the options change (a slider move
        // scores the tuned program alone); without plans, which the comparison does not need.
        let key = (options.as_of, options.lang.clone(), options.track.clone());
        if self.baseline_scored.as_ref().is_none_or(|(k, _, _)| *k != key) {
            let quick = SegmentOptions { plan_limit: 0, reach_limit: 0, expiry_limit: 0, error_limit: 0, ..options.clone() };
            let scored = segment(&self.baseline, &self.base, &quick).map_err(engine_error)?.scored;
            self.baseline_scored = Some((key, scored, None));
        }
        if let Some((_, before, sums)) = &mut self.baseline_scored {
            let lang = options.lang.as_deref();
            seg.summary.versus_baseline =
                Some(crate::analysis::segment::compare_with(self.engine.program(), &self.base, before, &seg.scored, lang, sums));
        }
        let out = to_js(&seg.summary);
        self.last = Some(seg);
        out
    }

    /// The two-category view of the last `segment()`: x share, y share (percent of each
    /// category's maximum) and tier rank (0 unranked, 1 the lowest tier) per partner, one
    /// triple after another.
    ///
    /// ```js
    /// const p = lab.points();
    /// for (let i = 0; i < p.length; i += 3) plot(p[i], p[i + 1], p[i + 2]);
    /// ```
    pub fn points(&self) -> Result<js_sys::Float32Array, JsValue> {
        let seg = self.last.as_ref().ok_or_else(no_segmentation)?;
        Ok(js_sys::Float32Array::from(&seg.points(&self.engine)[..]))
    }

    /// The last `segment()`'s two-category view as density: a 100 × 100 grid (cell
    /// `x * 100 + y`, one per percent of each axis), `tiers + 1` counts per cell (partners
    /// unranked, then of each tier). What the lab plots for a large base.
    ///
    /// ```js
    /// const ranks = summary.tiers.length + 1, d = lab.density();
    /// const goldAt50x50 = d[(50 * 100 + 50) * ranks + 2];
    /// ```
    pub fn density(&self) -> Result<js_sys::Uint32Array, JsValue> {
        let seg = self.last.as_ref().ok_or_else(no_segmentation)?;
        Ok(js_sys::Uint32Array::from(&seg.density(&self.engine)[..]))
    }

    /// The data row of the partner nearest to (`x`, `y`) in the last `segment()`'s
    /// two-category view (shares in percent), within `within` points; `undefined` if none.
    ///
    /// ```js
    /// const row = lab.nearest(62.5, 40, 2);   // the partner under a click on the plot
    /// if (row !== undefined) card.profile = lab.profile(row);
    /// ```
    pub fn nearest(&self, x: f32, y: f32, within: f32) -> Result<Option<usize>, JsValue> {
        let seg = self.last.as_ref().ok_or_else(no_segmentation)?;
        Ok(seg.nearest(&self.engine, &self.base, x, y, within))
    }

    /// Checks the next `count` partners close on points for a plan within the reach effort
    /// (each a capped plan search) and returns the within-reach listing so far; `complete`
    /// once all were checked. `segment()` checks the first `plan_limit` (default 20); a page
    /// checks the rest a batch at a time between frames.
    ///
    /// ```js
    /// let reach = summary.within_reach;
    /// while (!reach.complete) reach = lab.checkReach(500);
    /// console.log(reach.total, reach.shown[0]?.plan, reach.shown[0]?.open);
    /// ```
    #[wasm_bindgen(js_name = checkReach, unchecked_return_type = "ReachListing")]
    pub fn check_reach(&mut self, count: usize) -> Result<JsValue, JsValue> {
        let seg = self.last.as_mut().ok_or_else(no_segmentation)?;
        seg.check_reach(&self.engine, &self.base, count);
        to_js(&seg.summary.within_reach)
    }

    /// The last `segment()`'s results as CSV text (`partner,region,track,score,tier,
    /// earned_tier,next_tier,deficit,plan`), with plans for the partners listed within reach
    /// (as far as checked).
    /// The column names and ids stay the same in every language, for the programs that read
    /// the file; `planTexts` are the plan cells as the page writes them (`plans(0, n)`'s
    /// entries with the catalogs), else the engine's English.
    ///
    /// ```js
    /// const { shown } = lab.checkReach(0);
    /// const csv = lab.exportCsv(shown.map((e) => t.message(e.plan_i18n, e.plan)));
    /// ```
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self, plan_texts: Option<Vec<String>>) -> Result<String, JsValue> {
        let seg = self.last.as_ref().ok_or_else(no_segmentation)?;
        Ok(export_csv(&self.engine, &self.base, seg, plan_texts.as_deref().unwrap_or_default()))
    }
}

/// Synthetic partners for a program, as the UTF-8 bytes of CSV text that `Lab` and
/// `evaluateBatch` read, or with `format: "xlsx"` an Excel workbook (sheet "Partners") that
/// `Lab` reads: any number of rows (default 1,000), the same text for the same seed
/// (default 1) and date. Bytes, not a string: a lab takes them without another copy, a `Blob`
/// saves them as a file, and `new TextDecoder().decode(bytes)` gives the text.
///
/// ```js
/// const csv = generatePartners(program, { rows: 100000, seed: 7, as_of: "2026-06-01" });
/// const lab = new Lab(program, csv);
/// ```
#[wasm_bindgen(js_name = generatePartners)]
pub fn generate_partners(program: ProgramInput, options: Option<SynthOptionsInput>) -> Result<Vec<u8>, JsValue> {
    let text = json_text(&program, ErrorKind::Program, "a program")?;
    let engine = Engine::from_json(&text).map_err(engine_error)?;
    let options = SynthOptions::from_json(&options_text(options.as_deref())?, &today).map_err(engine_error)?;
    match generate(&engine, &options) {
        Ok(text) if options.workbook => Ok(crate::text::xlsx::write_workbook("Partners", &crate::analysis::synth::csv_rows(&text))),
        Ok(text) => Ok(text.into_bytes()),
        Err(message) => Err(engine_error(Errors::single(ErrorKind::Options, "rows", message))),
    }
}
