//! Many partners at once: reading a CSV export of partner profiles and scoring every row.
//!
//! # CSV format
//!
//! RFC 4180: comma-separated, cells with commas, quotes or line breaks in double quotes,
//! `""` for a quote inside a quoted cell, CRLF or LF line ends, an optional UTF-8 byte order
//! mark. Blank lines are ignored. The first record is the header: each column is a field id
//! of the program, or one of these meta columns (field ids cannot start with `@`):
//!
//! | column         | cell                                                                  |
//! |----------------|-----------------------------------------------------------------------|
//! | `@partner`     | the partner's name or id, copied to its results                       |
//! | `@region`      | a region id of the program                                            |
//! | `@tracks`      | track ids separated by `;` (empty: every track)                       |
//! | `@tier`        | the tier held today: `gold`, or per track `reseller:gold;msp:silver`  |
//! | `@tier_since`  | when it was awarded: `2025-07-01`, or per track `reseller:2025-07-01` |
//! | `@short_since` | when the partner first fell short of it (grace counts from here)      |
//!
//! Field cells: numbers as `1234.5` (no thousands separators), booleans as
//! `true`/`false`/`yes`/`no`/`1`/`0`, choices as option ids, multi-choices as option ids
//! separated by `;`, dates as `YYYY-MM-DD`. An empty cell means "not filled in".
//!
//! A certifications cell lists certifications separated by `;`, each written
//! `kind|name|holder|earned|expires` (trailing parts may be left out, any part may be empty):
//! `tech|Cloud Architect|A. Jones|2025-03-01|2027-03-01;sales`. Names and holders cannot
//! contain `;` or `|`.
//!
//! Every problem is reported with its line (where the record starts, counting from 1),
//! column (counting from 1) and the same message a profile in JSON would get; a bad row is
//! skipped and the others are still evaluated. Problems with the header make the whole file
//! unusable and are reported before any row is read.

use crate::eval::{Resolved, TOLERANCE};
use crate::limits::{MAX_BASE_ROWS, MAX_BATCH_RESULTS};
use crate::program::model::{FieldKind, IndexSet};
use crate::program::profile::{quoted, Certification, FieldValue, HeldTier, Profile};
use crate::program::Program;
use crate::text::csv::CsvReader;
use crate::text::date::Date;
use crate::text::error::{join_index, Issue};
use crate::text::message::Message;
use crate::text::read::Reader;
use crate::text::value::{Object, Value};
use serde::Serialize;

mod columns;
use columns::{match_header, Column, META_COLUMNS};
pub use columns::{match_headers, ColumnMatch, CsvOptions};

/// One problem with one row of a batch (or with the header, when `row` is `None`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct RowError {
    /// Index of the data row (0 for the first row after the header); `None` for the header.
    pub row: Option<usize>,
    /// Line of the CSV text where the record starts, counting from 1; `None` for arrays.
    pub line: Option<usize>,
    /// Column, counting from 1; `None` when the problem is with the whole row.
    pub column: Option<usize>,
    /// The column's header (`engineers`, `@region`), or a path inside it (`certs[1].expires`);
    /// for arrays, the path inside the profile (`values.engineers`).
    pub path: String,
    pub message: String,
    /// For a workbook's sheet: the cell at fault (`"F7"`), or the row's first cell when the
    /// problem is with the whole row; `line` is then the sheet's row number.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    /// (Boxed: a result whose error is a row error stays small.)
    pub cell: Option<Box<str>>,
    /// `message` as a message for the page's catalogs, for the mistakes a profile's reader
    /// names that way (numbers out of range, dates, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub message_i18n: Option<Box<crate::text::message::Message>>,
}

/// The error for a first row that holds data rather than column names (every cell given is a
/// number or a date: a sheet or file without its header row), if it does.
pub fn no_header(cells: &[&str], decimal: char, line: usize) -> Option<RowError> {
    let given: Vec<&&str> = cells.iter().filter(|c| !c.is_empty()).collect();
    let data = |c: &str| crate::text::csv_format::parse_cell_number(c, decimal).is_some() || crate::text::date::Date::parse(c).is_some();
    if given.is_empty() || !given.iter().all(|c| data(c)) {
        return None;
    }
    let message =
        "the first row holds data, not column names: the partners need a header row (the program's field ids or labels) above them";
    Some(RowError {
        row: None,
        line: Some(line),
        column: None,
        path: String::new(),
        message: message.into(),
        cell: None,
        message_i18n: Some(Box::new(Message::new("csv.no_header"))),
    })
}

impl RowError {
    /// A problem with the whole file (its size), not with a row or column.
    pub(crate) fn whole_file(message: String, i18n: Option<Message>) -> RowError {
        RowError { row: None, line: None, column: None, path: String::new(), message, cell: None, message_i18n: i18n.map(Box::new) }
    }

    /// The errors that stopped a whole CSV as one message, one line each:
    /// `invalid CSV (2 errors):\n  line 1, column 3 (x): unknown column ...`.
    pub fn summary(errors: &[RowError]) -> String {
        // Pieces pushed, not `format!`ted: fewer formatting calls in the module.
        let mut buf = [0u8; 20];
        let mut message = String::from("invalid CSV (");
        message.push_str(crate::util::digits(errors.len() as u64, &mut buf));
        message.push_str(if errors.len() == 1 { " error):" } else { " errors):" });
        for e in errors {
            message.push_str("\n  ");
            match (&e.cell, e.line) {
                (Some(cell), _) => {
                    message.push_str("cell ");
                    message.push_str(cell);
                }
                (None, Some(line)) => {
                    message.push_str("line ");
                    message.push_str(crate::util::digits(line as u64, &mut buf));
                    if let Some(column) = e.column {
                        message.push_str(", column ");
                        message.push_str(crate::util::digits(column as u64, &mut buf));
                    }
                }
                (None, None) => message.push_str("file"),
            }
            if !e.path.is_empty() {
                message.push_str(" (");
                message.push_str(&e.path);
                message.push(')');
            }
            message.push_str(": ");
            message.push_str(&e.message);
        }
        message
    }
}

/// CSV text from the bytes of a file, which must be UTF-8 (a BOM is skipped when reading);
/// otherwise the error names the line of the first byte that is not.
pub fn csv_from_utf8(bytes: Vec<u8>) -> Result<String, RowError> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let message = "this file is not UTF-8 text; save the CSV as UTF-8 and open it again".to_string();
        let i18n = Some(Box::new(Message::new("csv.not_utf8")));
        RowError { row: None, line: Some(line), column: None, path: String::new(), message, cell: None, message_i18n: i18n }
    })
}

/// One CSV cell as RFC 4180 writes it: in quotes (quotes inside doubled) when it holds a
/// comma, quote or line break, starts or ends with a space (which readers trim), or has a
/// `prefix`, which goes inside the quotes before the text.
pub(crate) fn push_csv_cell(out: &mut String, prefix: &str, cell: &str) {
    if !prefix.is_empty() || cell.contains([',', '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ') {
        out.push('"');
        out.push_str(prefix);
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Score and tier of one partner in one track, with ids resolved for people and exports.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct CompactResult<'a> {
    /// Index of the data row the result belongs to.
    pub row: usize,
    pub line: Option<usize>,
    pub partner: Option<String>,
    pub region: Option<&'a str>,
    /// Track id; `None` when the program has no tracks.
    pub track: Option<&'a str>,
    pub total: f64,
    /// The tier held after retention rules; `None` when unranked.
    pub tier: Option<&'a str>,
    /// The tier the profile earns on its own.
    pub earned_tier: Option<&'a str>,
    pub held_by_retention: bool,
    /// The tier above the earned one.
    pub next_tier: Option<&'a str>,
    /// Points missing for the next tier's minimum score (0 when only requirements are missing).
    pub point_deficit: Option<f64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct BatchCounts {
    /// Data rows read (blank lines not counted).
    pub rows: usize,
    /// Rows evaluated.
    pub evaluated: usize,
    /// Rows skipped because of errors.
    pub skipped: usize,
    /// Results (one per row and track).
    pub results: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct BatchResult<'a> {
    pub results: Vec<CompactResult<'a>>,
    pub errors: Vec<RowError>,
    pub counts: BatchCounts,
}

/// Reads profiles from CSV text one row at a time into a reused profile.
pub struct CsvProfiles<'s, 't> {
    scorecard: &'s Program,
    reader: CsvReader<'t>,
    columns: Vec<Column>,
    headers: Vec<String>,
    row: usize,
    /// The decimal mark of the file's numbers.
    decimal: char,
}

/// Starts reading CSV text: checks the header. Header problems come back as issues whose
/// path is the column header (or empty for the file as a whole).
pub fn csv_profiles<'s, 't>(program: &'s Program, text: &'t str) -> Result<CsvProfiles<'s, 't>, Vec<RowError>> {
    csv_profiles_with(program, text, &CsvOptions::default())
}

/// [`csv_profiles`] with the file's separator, decimal mark and column mapping given (each
/// detected or matched by id and label when not).
pub fn csv_profiles_with<'s, 't>(program: &'s Program, text: &'t str, options: &CsvOptions) -> Result<CsvProfiles<'s, 't>, Vec<RowError>> {
    let crate::text::csv_format::CsvFormat { separator, decimal, .. } = options.format_of(text);
    let mut reader = CsvReader::with_separator(text, separator);
    let header_error = |line: Option<usize>, column: Option<usize>, path: &str, message: String, i18n: Message| RowError {
        row: None,
        line,
        column,
        path: path.to_string(),
        message,
        cell: None,
        message_i18n: Some(Box::new(i18n)),
    };
    let (line, result) = reader.next().ok_or_else(|| {
        let message = "the CSV is empty; its first line must list the columns (field ids such as \"engineers\", and meta columns such as \"@partner\")";
        vec![header_error(None, None, "", message.into(), Message::new("csv.empty"))]
    })?;
    if let Err(e) = result {
        return Err(vec![header_error(Some(line), Some(e.column), "", e.message, e.reason)]);
    }
    let mut errors = Vec::new();
    let header: Vec<&str> = (0..reader.cells()).map(|i| reader.cell(i).trim()).collect();
    if let Some(error) = no_header(&header, decimal, line) {
        return Err(vec![error]);
    }
    let mut columns = Vec::with_capacity(reader.cells());
    let mut headers = Vec::with_capacity(reader.cells());
    for i in 0..reader.cells() {
        let name = reader.cell(i).trim();
        let (column, _, suggestion) = match_header(program, name, options);
        let column = if column.is_some() {
            column
        } else {
            let (message, i18n) = if name.is_empty() {
                let message = "a column has no name; every column needs a field id or a meta column such as \"@partner\"";
                (message.to_string(), Message::new("csv.no_name"))
            } else if name.starts_with('@') {
                let meta = quoted(META_COLUMNS.iter().map(|(id, _)| *id));
                (
                    format!("unknown meta column \"{name}\"; meta columns are {meta}"),
                    Message::new("csv.unknown_meta").text("name", name).text("meta", meta),
                )
            } else if let Some(meant) = suggestion {
                let message = format!("unknown column \"{name}\" (did you mean \"{meant}\"?); map it to a field or leave it out");
                (message, Message::new("csv.unknown_column_meant").text("name", name).text("meant", meant))
            } else {
                let fields = quoted(program.fields.iter().map(|f| f.id.as_str()));
                let message = format!("unknown field \"{name}\"; this program has no such field (fields: {fields})");
                (message, Message::new("csv.unknown_field").text("name", name).text("fields", fields))
            };
            errors.push(header_error(Some(line), Some(i + 1), name, message, i18n));
            None
        };
        if let Some(column) = column {
            if column != Column::Ignored && columns.contains(&column) {
                let i18n = Message::new("csv.twice").text("name", name);
                errors.push(header_error(Some(line), Some(i + 1), name, format!("column \"{name}\" appears twice"), i18n));
            }
            columns.push(column);
        }
        headers.push(name.to_string());
    }
    if errors.is_empty() && !columns.is_empty() && columns.iter().all(|c| *c == Column::Ignored) {
        let message = "no column of this file is read: map at least one to a field of the program";
        errors.push(header_error(Some(line), None, "", message.into(), Message::new("csv.no_columns")));
    }
    if errors.is_empty() {
        Ok(CsvProfiles { scorecard: program, reader, columns, headers, row: 0, decimal })
    } else {
        Err(errors)
    }
}

impl CsvProfiles<'_, '_> {
    /// Reads the next row into `profile`. Returns `None` at the end, else the row index, its
    /// line and whether it is valid; problems are appended to `errors`.
    pub fn next_into(&mut self, profile: &mut Profile, errors: &mut Vec<RowError>) -> Option<(usize, usize, bool)> {
        let (line, record) = self.reader.next()?;
        let row = self.row;
        self.row += 1;
        let error_at = |column: Option<usize>, path: String, message: String, i18n: Option<Message>| RowError {
            row: Some(row),
            line: Some(line),
            column,
            path,
            message,
            cell: None,
            message_i18n: i18n.map(Box::new),
        };
        if let Err(e) = record {
            let path = self.headers.get(e.column - 1).cloned().unwrap_or_default();
            errors.push(error_at(Some(e.column), path, e.message, Some(e.reason)));
            return Some((row, line, false));
        }
        let cells = self.reader.cells();
        if cells != self.columns.len() {
            let columns = self.columns.len();
            let (column, message, id) = if cells < columns {
                (
                    cells + 1,
                    format!("this row has {} but the header has {}", count(cells, "cell"), count(columns, "column")),
                    "csv.few_cells",
                )
            } else {
                let message = format!("this row has {} but the header has only {}", count(cells, "cell"), count(columns, "column"));
                (columns + 1, message, "csv.many_cells")
            };
            let i18n = Message::new(id).num("cells", cells as f64).num("columns", columns as f64);
            errors.push(error_at(Some(column), String::new(), message, Some(i18n)));
            return Some((row, line, false));
        }

        reset(profile, self.scorecard.fields.len());
        let mut r = Reader::default();
        let mut held = HeldCells::default();
        let before = errors.len();
        for (i, column) in self.columns.iter().enumerate() {
            let cell = self.reader.cell(i).trim();
            let header = &self.headers[i];
            match *column {
                Column::Ignored => {}
                Column::Field(field) => {
                    if !cell.is_empty() {
                        if let Some(v) = cell_value(self.scorecard, &mut r, field, cell, header, self.decimal) {
                            profile.values[field] = v;
                        }
                    }
                }
                Column::Partner => profile.partner = (!cell.is_empty()).then(|| cell.to_string()),
                Column::Region => {
                    if !cell.is_empty() {
                        profile.region = self.scorecard.region_named(&mut r, cell, header);
                    }
                }
                Column::Tracks => {
                    if !cell.is_empty() {
                        let mut tracks = Vec::new();
                        for id in cell.split(';').map(str::trim).filter(|id| !id.is_empty()) {
                            if let Some(t) = self.scorecard.track_named(&mut r, id, header) {
                                tracks.push(t);
                            }
                        }
                        crate::util::sort_indexes(&mut tracks);
                        tracks.dedup();
                        profile.tracks = Some(tracks);
                    }
                }
                Column::Tier => held.tier = Some(i),
                Column::TierSince => held.since = Some(i),
                Column::ShortSince => held.short_since = Some(i),
            }
            for issue in r.issues.drain(..) {
                errors.push(error_at(Some(i + 1), issue.path, issue.message, issue.message_i18n));
            }
        }
        if let Some(tier_column) = held.tier {
            self.held_tiers(&mut r, profile, &held, tier_column);
            for issue in r.issues.drain(..) {
                let column = self.headers.iter().position(|h| *h == issue.path).map(|c| c + 1);
                errors.push(error_at(column, issue.path, issue.message, issue.message_i18n));
            }
        } else if let Some(c) = held.since.or(held.short_since).filter(|&c| !self.reader.cell(c).trim().is_empty()) {
            let message = "a date for the held tier needs a \"@tier\" column".into();
            errors.push(error_at(Some(c + 1), self.headers[c].clone(), message, Some(Message::new("csv.date_without_tier_column"))));
        }
        Some((row, line, errors.len() == before))
    }

    /// Fills `current_tiers` from the `@tier`, `@tier_since` and `@short_since` cells.
    fn held_tiers(&self, r: &mut Reader, profile: &mut Profile, held: &HeldCells, tier_column: usize) {
        let sc = self.scorecard;
        let tier_cell = self.reader.cell(tier_column).trim();
        let tier_header = &self.headers[tier_column];
        let date_cells = [held.since, held.short_since].map(|c| c.map(|c| (self.reader.cell(c).trim(), self.headers[c].as_str())));
        if tier_cell.is_empty() {
            for (cell, header) in date_cells.into_iter().flatten() {
                if !cell.is_empty() {
                    r.error_i18n(header, "a date for the held tier, but \"@tier\" is empty", Message::new("csv.date_without_tier"));
                }
            }
            return;
        }
        for entry in tier_cell.split(';').map(str::trim).filter(|e| !e.is_empty()) {
            let (track_id, tier_id) = match entry.split_once(':') {
                Some((t, tier)) => (Some(t.trim()), tier.trim()),
                None => (None, entry),
            };
            let track = match track_id {
                Some(id) => sc.track_named(r, id, tier_header),
                None if sc.tracks.is_empty() => Some(0),
                None => match profile.tracks.as_deref() {
                    Some([only]) => Some(*only),
                    _ => {
                        let tracks = quoted(sc.tracks.iter().map(|t| t.id.as_str()));
                        let example = format!("{}:{tier_id}", sc.tracks[0].id);
                        r.error_i18n(
                            tier_header,
                            format!("this program has tracks ({tracks}); write the tier as track:tier, such as \"{example}\""),
                            Message::new("csv.tier_needs_track").text("tracks", tracks).text("example", example),
                        );
                        None
                    }
                },
            };
            let tier = sc.tier_ids.iter().position(|t| t == tier_id);
            if tier.is_none() {
                let tiers = quoted(sc.tier_ids.iter().map(String::as_str));
                let i18n = Message::new("profile.unknown_tier").text("id", tier_id).text("tiers", tiers.as_str());
                r.error_i18n(tier_header, format!("unknown tier \"{tier_id}\"; use one of {tiers}"), i18n);
            }
            let (Some(track), Some(tier)) = (track, tier) else { continue };
            if profile.current_tiers.iter().any(|h| h.track == track) {
                r.error_i18n(
                    tier_header,
                    "a partner holds one tier per track; this track is listed twice",
                    Message::new("profile.held_twice"),
                );
                continue;
            }
            let track_id = sc.tracks.get(track).map(|t| t.id.as_str());
            let mut dates = [None, None];
            for (slot, cell) in dates.iter_mut().zip(date_cells) {
                if let Some((cell, header)) = cell {
                    *slot = date_for_track(r, cell, header, track_id);
                }
            }
            profile.current_tiers.push(HeldTier { track, tier, since: dates[0], short_since: dates[1] });
        }
    }
}

#[derive(Default)]
struct HeldCells {
    tier: Option<usize>,
    since: Option<usize>,
    short_since: Option<usize>,
}

/// A date cell of the held tier: one date for every track, or `track:date;track:date`.
fn date_for_track(r: &mut Reader, cell: &str, header: &str, track: Option<&str>) -> Option<Date> {
    if cell.is_empty() {
        return None;
    }
    let text = if cell.contains(':') {
        let found = cell.split(';').filter_map(|e| e.split_once(':')).find(|(t, _)| Some(t.trim()) == track);
        found.map(|(_, d)| d.trim())?
    } else {
        cell
    };
    let date = Date::parse(text);
    if date.is_none() {
        r.error_i18n(header, format!("\"{text}\" is not a date written YYYY-MM-DD"), Message::new("profile.date").text("text", text));
    }
    date
}

/// A certifications cell without mistakes, read directly; `None` sends the cell through the
/// JSON validation, which finds and words the mistake.
fn fast_certifications(kinds: &[crate::program::model::Choice], cell: &str) -> Option<Vec<Certification>> {
    // Sized up front: a partner base keeps every list, and growing then shrinking each one
    // costs two reallocations per row.
    let entries = cell.bytes().filter(|&b| b == b';').count() + 1;
    if entries > crate::limits::MAX_CERTIFICATIONS {
        return None;
    }
    let mut certs = Vec::with_capacity(entries);
    for entry in cell.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let mut parts = entry.split('|').map(str::trim);
        let mut next = || parts.next().filter(|p| !p.is_empty());
        let kind = match next() {
            Some(id) => Some(kinds.iter().position(|k| k.id == id)?),
            None if kinds.is_empty() => None,
            None => return None,
        };
        let name = next().map(str::to_string);
        let holder = next().map(str::to_string);
        let earned = match next() {
            Some(d) => Some(Date::parse(d)?),
            None => None,
        };
        let expires = match next() {
            Some(d) => Some(Date::parse(d)?),
            None => None,
        };
        if parts.next().is_some() || matches!((earned, expires), (Some(e), Some(x)) if x < e) {
            return None;
        }
        certs.push(Certification { kind, name, holder, earned, expires });
    }
    Some(certs)
}

fn reset(profile: &mut Profile, fields: usize) {
    profile.partner = None;
    profile.region = None;
    profile.tracks = None;
    profile.current_tiers.clear();
    profile.values.clear();
    profile.values.resize(fields, FieldValue::Empty);
}

/// Accepts 12, -3.5, 1e6; not "inf", "NaN", "0x10", "1,000" or "12 units".
fn parse_bool(text: &str) -> Option<bool> {
    // As spreadsheets in the catalogs' languages export them.
    const TRUE: &[&str] = &["true", "yes", "1", "ja", "wahr", "oui", "vrai", "sí", "si", "verdadero", "x"];
    const FALSE: &[&str] = &["false", "no", "0", "nein", "falsch", "non", "faux", "falso"];
    if TRUE.iter().any(|t| t.eq_ignore_ascii_case(text)) {
        Some(true)
    } else if FALSE.iter().any(|t| t.eq_ignore_ascii_case(text)) {
        Some(false)
    } else {
        None
    }
}

/// One non-empty CSV cell as a field value. Valid cells take the fast path; anything
/// else goes through the JSON profile validation so that messages read the same.
fn cell_value(program: &Program, r: &mut Reader, field: usize, cell: &str, path: &str, decimal: char) -> Option<FieldValue> {
    let at = || path.to_string();
    match &program.fields[field].kind {
        FieldKind::Number { .. } => match crate::text::csv_format::parse_cell_number(cell, decimal) {
            Some(n) => program.field_value(r, field, &Value::from(n), &at),
            None => program.field_value(r, field, &Value::String(cell.to_string()), &at),
        },
        FieldKind::Boolean => match parse_bool(cell) {
            Some(b) => Some(FieldValue::Bool(b)),
            None => program.field_value(r, field, &Value::String(cell.to_string()), &at),
        },
        FieldKind::Choice { options } => match options.iter().position(|o| o.id == cell) {
            Some(i) => Some(FieldValue::Choice(i)),
            None => program.field_value(r, field, &Value::String(cell.to_string()), &at),
        },
        FieldKind::MultiChoice { options } => {
            let mut set: IndexSet = 0;
            for id in cell.split(';').map(str::trim).filter(|id| !id.is_empty()) {
                match options.iter().position(|o| o.id == id) {
                    Some(i) => set |= 1 << i,
                    None => {
                        let all = cell.split(';').map(str::trim).filter(|id| !id.is_empty()).map(|id| Value::String(id.into())).collect();
                        return program.field_value(r, field, &Value::Array(all), &at);
                    }
                }
            }
            Some(FieldValue::Multi(set))
        }
        FieldKind::Date => match Date::parse(cell).or_else(|| day_month_year(cell)) {
            Some(d) => Some(FieldValue::Date(d)),
            None => program.field_value(r, field, &Value::String(cell.to_string()), &at),
        },
        FieldKind::Certifications { kinds } => {
            if let Some(certs) = fast_certifications(kinds, cell) {
                return Some(FieldValue::Certs(certs));
            }
            let mut entries = Vec::new();
            for entry in cell.split(';').map(str::trim).filter(|e| !e.is_empty()) {
                let mut object = Object::new();
                let parts = entry.split('|').map(str::trim);
                for (key, part) in ["kind", "name", "holder", "earned", "expires"].into_iter().zip(parts) {
                    if !part.is_empty() {
                        object.insert(key.to_string(), Value::String(part.to_string()));
                    }
                }
                let extra = entry.split('|').count();
                if extra > 5 {
                    r.error_i18n(
                        &join_index(path, entries.len()),
                        format!("a certification has at most 5 parts (kind|name|holder|earned|expires), found {extra}"),
                        Message::new("csv.cert_parts").num("found", extra as f64),
                    );
                    return None;
                }
                entries.push(Value::Object(object));
            }
            program.field_value(r, field, &Value::Array(entries), &at)
        }
    }
}

/// Appends one result per selected track of a valid profile.
pub fn batch_results_into<'a>(
    program: &'a Program,
    profile: &Profile,
    resolved: &Resolved,
    row: usize,
    line: Option<usize>,
    out: &mut Vec<CompactResult<'a>>,
) {
    let region = crate::eval::selected_region(profile, resolved);
    let mut push = |track: usize| {
        let (variant, total, earned) = crate::eval::best_path(program, profile, track, region, resolved.as_of);
        let (tier, retention) = crate::eval::apply_retention(program, profile, track, earned, resolved.as_of);
        let next = earned.map_or(0, |e| e + 1);
        let next_tier = variant.tiers.get(next);
        out.push(CompactResult {
            row,
            line,
            partner: profile.partner.clone(),
            region: region.map(|r| program.regions[r].id.as_str()),
            track: program.tracks.get(track).map(|t| t.id.as_str()),
            total,
            tier: tier.map(|t| program.tier_ids[t].as_str()),
            earned_tier: earned.map(|t| program.tier_ids[t].as_str()),
            held_by_retention: retention.is_some(),
            next_tier: next_tier.map(|t| t.id.as_str()),
            // A total within the tolerance of the minimum has reached it.
            point_deficit: next_tier.map(|t| t.min_score.map_or(0.0, |m| m - total)).map(|d| if d <= TOLERANCE { 0.0 } else { d }),
        });
    };
    match (resolved.track, &profile.tracks) {
        (Some(t), _) => push(t),
        (None, Some(tracks)) if !tracks.is_empty() => tracks.iter().for_each(|&t| push(t)),
        _ => (0..program.track_count()).for_each(push),
    }
}

/// [`batch_results_into`], and each result's points per category of the program appended to
/// `categories` (as many per result as the program has categories, in its order): those of
/// the scoring path that counts, as `evaluate` gives them, and `None` for a category that
/// path scores nothing in and can score nothing in (which `evaluate` leaves out). Without the
/// explanations a full evaluation writes: a fraction of its time. (The path is chosen again
/// here rather than inside `batch_results_into`, which the wasm modules keep as it is.)
pub fn batch_results_with_categories_into<'a>(
    program: &'a Program,
    profile: &Profile,
    resolved: &Resolved,
    row: usize,
    line: Option<usize>,
    out: &mut Vec<CompactResult<'a>>,
    categories: &mut Vec<Option<f64>>,
) {
    batch_results_into(program, profile, resolved, row, line, out);
    let region = crate::eval::selected_region(profile, resolved);
    let mut scores = crate::eval::Scores::default();
    for track in crate::eval::selected_tracks(program, profile, resolved) {
        let (variant, _, _) = crate::eval::best_path(program, profile, track, region, resolved.as_of);
        scores.fill(variant, profile, resolved.as_of);
        categories.extend((0..program.categories.len()).map(|i| {
            let scored = variant.category_max.get(i).is_some_and(|&max| max > 0.0) || variant.criteria.iter().any(|c| c.category == i);
            scored.then(|| scores.categories.get(i).copied().unwrap_or(0.0))
        }));
    }
}

/// Refuses a batch of more than [`MAX_BASE_ROWS`] partners, or one whose results (one per
/// partner and track) would number more than [`MAX_BATCH_RESULTS`]: reading it would run
/// out of memory, which in wasm is a trap rather than an error.
pub(crate) fn check_batch_size(program: &Program, rows: usize) -> Result<(), Vec<RowError>> {
    let (message, i18n) = if rows > MAX_BASE_ROWS {
        let i18n = Message::new("csv.too_many_partners").num("found", rows as f64).num("max", MAX_BASE_ROWS as f64);
        (crate::text::read::too_many(rows, MAX_BASE_ROWS, "partners in one batch"), i18n)
    } else if rows * program.track_count() > MAX_BATCH_RESULTS {
        // At most 500,000 × 50: no overflow, even in 32 bits.
        let results = rows * program.track_count();
        let i18n = Message::new("csv.too_many_results").num("found", results as f64).num("max", MAX_BATCH_RESULTS as f64);
        (crate::text::read::too_many(results, MAX_BATCH_RESULTS, "results (partners × tracks) in one batch"), i18n)
    } else {
        return Ok(());
    };
    Err(vec![RowError::whole_file(message, Some(i18n))])
}

/// Reads every row of CSV text and scores the valid ones. `Err` only when the header is
/// unusable or the file too large; row problems are in the outcome's `errors`.
pub fn evaluate_csv<'a>(program: &'a Program, text: &str, resolved: &Resolved) -> Result<BatchResult<'a>, Vec<RowError>> {
    let mut rows = csv_profiles(program, text)?;
    // Roughly one result per 60 bytes of CSV; avoids most regrowth on large files.
    let mut outcome = BatchResult { results: Vec::with_capacity(text.len() / 60), errors: Vec::new(), counts: BatchCounts::default() };
    let mut profile = program.empty_profile();
    while let Some((row, line, ok)) = rows.next_into(&mut profile, &mut outcome.errors) {
        outcome.counts.rows += 1;
        // Counted as the rows are read: counting lines in a pass of its own made a
        // 100,000-row batch about 8 % slower in Chromium (bench/wasm.mjs).
        check_batch_size(program, outcome.counts.rows)?;
        if ok {
            outcome.counts.evaluated += 1;
            batch_results_into(program, &profile, resolved, row, Some(line), &mut outcome.results);
        } else {
            outcome.counts.skipped += 1;
        }
    }
    outcome.counts.results = outcome.results.len();
    Ok(outcome)
}

/// Scores parsed profiles (as `profile_from_parsed` reads them). `Err` only when there are
/// too many (see [`MAX_BASE_ROWS`]).
pub fn evaluate_values<'a>(program: &'a Program, profiles: &[Value], resolved: &Resolved) -> Result<BatchResult<'a>, Vec<RowError>> {
    check_batch_size(program, profiles.len())?;
    let mut outcome = BatchResult { results: Vec::with_capacity(profiles.len()), errors: Vec::new(), counts: BatchCounts::default() };
    for (row, value) in profiles.iter().enumerate() {
        outcome.counts.rows += 1;
        match program.profile_from_parsed(value) {
            Ok(profile) => {
                outcome.counts.evaluated += 1;
                batch_results_into(program, &profile, resolved, row, None, &mut outcome.results);
            }
            Err(errors) => {
                outcome.counts.skipped += 1;
                outcome.errors.extend(errors.issues.into_iter().map(|Issue { path, message, message_i18n }| RowError {
                    row: Some(row),
                    line: None,
                    column: None,
                    path,
                    message,
                    cell: None,
                    message_i18n: message_i18n.map(Box::new),
                }));
            }
        }
    }
    outcome.counts.results = outcome.results.len();
    Ok(outcome)
}

#[cfg(test)]
mod tests;

/// "1 cell", "3 cells": a count and its noun in English.
fn count(n: usize, noun: &str) -> String {
    format!("{} {noun}{}", crate::text::format::fmt_num(n as f64), if n == 1 { "" } else { "s" })
}

/// A date as European spreadsheets export it, day first with points: "01.06.2026".
fn day_month_year(cell: &str) -> Option<Date> {
    let mut parts = cell.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || d.is_empty() || d.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    Date::parse(&format!("{y}-{m:0>2}-{d:0>2}"))
}
