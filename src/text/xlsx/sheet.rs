//! A worksheet's cells as texts in the rectangle of its used range.

use super::common::{cell_address, WorkbookError, MAX_GRID_CELLS, MAX_ROWS};
use super::parts::{append_text, attr, decode_escapes, into_text, t_text, xml_error};
use crate::text::date::Date;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::borrow::Cow;

/// Excel's last column (XFD) and row, 1-based.
const EXCEL_COLUMNS: u32 = 16_384;
const EXCEL_ROWS: u32 = 1_048_576;

pub(super) struct Context<'a> {
    pub(super) sheet: &'a str,
    pub(super) part: &'a str,
    pub(super) strings: &'a [String],
    pub(super) date_styles: &'a [bool],
    pub(super) date1904: bool,
}

/// The non-empty cells of a sheet in document order: positions and where each one's text
/// ends in `texts` (one buffer rather than a String per cell, so that the list costs 12
/// bytes a cell besides the text while the grid is built).
#[derive(Default)]
struct Cells {
    at: Vec<(u32, u32, usize)>,
    texts: String,
}

/// A cell's type (its `t` attribute).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `n`, or no type.
    Number,
    /// `s`: an index into the shared strings.
    Shared,
    /// `inlineStr`: the text in `<is>`.
    Inline,
    /// `b`.
    Bool,
    /// `e`: `#N/A` and the like.
    Error,
    /// `d`: an ISO 8601 date.
    IsoDate,
    /// `str` (a formula's text result) and types no writer uses: the value as written.
    Text,
}

/// A cell being read, from its `<c>` to its `</c>`.
struct Cell {
    row: u32,
    col: u32,
    kind: Kind,
    style: usize,
    value: String,
    inline: Option<String>,
}

/// The sheet's first row and column and its rows (see `Sheet`).
pub(super) fn read_cells(xml: Vec<u8>, cx: &Context<'_>) -> Result<(u32, u32, Vec<Vec<String>>), WorkbookError> {
    let cells = {
        let text = into_text(xml);
        parse(&text, cx)?
        // The XML is dropped here, before the grid takes its memory.
    };
    let Some(&(first_row, first_col, _)) = cells.at.first() else {
        return Ok((0, 0, Vec::new()));
    };
    let (mut top, mut bottom, mut left, mut right) = (first_row, first_row, first_col, first_col);
    for &(row, col, _) in &cells.at {
        (top, bottom) = (top.min(row), bottom.max(row));
        (left, right) = (left.min(col), right.max(col));
    }
    let rows = (bottom - top) as usize + 1;
    let cols = (right - left) as usize + 1;
    if rows > MAX_ROWS {
        return Err(WorkbookError::new(
            "xlsx.too_large",
            format!(
                "the sheet \"{}\" has {rows} rows (from {} to {}); at most {MAX_ROWS} can be \
                 read: a header and {} partners",
                cx.sheet,
                top + 1,
                bottom + 1,
                MAX_ROWS - 1
            ),
        ));
    }
    if rows.saturating_mul(cols) > MAX_GRID_CELLS {
        return Err(too_many_cells(cx, format!("{rows} rows × {cols} columns")));
    }
    let mut grid = vec![vec![String::new(); cols]; rows];
    let mut start = 0;
    for &(row, col, end) in &cells.at {
        let text = cells.texts.get(start..end).unwrap_or_default();
        start = end;
        let slot = grid.get_mut((row - top) as usize).and_then(|r| r.get_mut((col - left) as usize));
        if let Some(slot) = slot {
            text.clone_into(slot);
        }
    }
    Ok((top, left, grid))
}

fn too_many_cells(cx: &Context<'_>, size: String) -> WorkbookError {
    WorkbookError::new(
        "xlsx.too_large",
        format!("the sheet \"{}\" is too large ({size}); at most {MAX_GRID_CELLS} cells can be read", cx.sheet),
    )
}

fn bad_reference(cx: &Context<'_>, what: &str, reference: &str) -> WorkbookError {
    let mut error = WorkbookError::corrupt(format!("the part {} is damaged: {what} \"{reference}\" is outside Excel's sheet", cx.part));
    error.cell = Some(reference.to_string());
    error
}

/// "B7" -> (6, 1), 0-based; `None` unless within Excel's columns and rows.
fn parse_reference(reference: &str) -> Option<(u32, u32)> {
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'@'));
    let row: u32 = digits.parse().ok()?;
    ((1..=EXCEL_COLUMNS).contains(&col) && (1..=EXCEL_ROWS).contains(&row)).then(|| (row - 1, col - 1))
}

fn parse(text: &str, cx: &Context<'_>) -> Result<Cells, WorkbookError> {
    let mut reader = Reader::from_str(text);
    let mut cells = Cells::default();
    // The row of cells without a reference, and the column of the next such cell.
    let (mut row, mut next_row, mut next_col) = (0u32, 0u32, 0u32);
    let mut cell: Option<Cell> = None;
    let mut raw = String::new();
    let (mut in_v, mut in_t, mut preserve, mut phonetic) = (false, false, false, 0u32);
    loop {
        let event = reader.read_event().map_err(|e| xml_error(cx.part, e))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "row" => {
                        row = match attr(e, "r") {
                            Some(r) => match r.trim().parse::<u32>() {
                                Ok(n @ 1..=EXCEL_ROWS) => n - 1,
                                _ => return Err(bad_reference(cx, "the row number", &r)),
                            },
                            None => next_row,
                        };
                        next_row = row.saturating_add(1);
                        next_col = 0;
                    }
                    "c" => {
                        let started = start_cell(e, cx, row, next_col)?;
                        next_col = started.col.saturating_add(1);
                        if !empty {
                            cell = Some(started);
                        }
                    }
                    "v" if !empty && cell.is_some() => {
                        in_v = true;
                        raw.clear();
                    }
                    "rPh" if !empty => phonetic = phonetic.saturating_add(1),
                    "t" if !empty && phonetic == 0 && cell.is_some() => {
                        in_t = true;
                        preserve = attr(e, "space").is_some_and(|s| s == "preserve");
                        raw.clear();
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "v" if in_v => {
                    in_v = false;
                    if let Some(cell) = &mut cell {
                        std::mem::swap(&mut cell.value, &mut raw);
                    }
                }
                "t" if in_t => {
                    in_t = false;
                    if let Some(cell) = &mut cell {
                        cell.inline.get_or_insert_default().push_str(&t_text(&raw, preserve));
                    }
                }
                "rPh" => phonetic = phonetic.saturating_sub(1),
                "c" => {
                    if let Some(done) = cell.take() {
                        let text = cell_text(&done, cx)?;
                        if !text.is_empty() {
                            if cells.at.len() >= MAX_GRID_CELLS {
                                return Err(too_many_cells(cx, "too many cells".to_string()));
                            }
                            cells.texts.push_str(&text);
                            cells.at.push((done.row, done.col, cells.texts.len()));
                        }
                    }
                    (in_v, in_t) = (false, false);
                }
                _ => {}
            },
            Event::Eof => return Ok(cells),
            _ if in_v || in_t => append_text(&event, &mut raw).map_err(|e| xml_error(cx.part, e))?,
            _ => {}
        }
    }
}

/// A `<c>` element's position (its `r`, else after the previous cell), type and style, in
/// one pass over its attributes (this runs for every cell).
fn start_cell(e: &BytesStart<'_>, cx: &Context<'_>, row: u32, next_col: u32) -> Result<Cell, WorkbookError> {
    let (mut reference, mut kind, mut style) = (None, Kind::Number, 0);
    for a in e.attributes().flatten() {
        let value = || a.normalized_value(XmlVersion::Implicit1_0).ok();
        match a.key.local_name().as_ref() {
            "r" => reference = value(),
            "s" => style = value().and_then(|s| s.trim().parse().ok()).unwrap_or(0),
            "t" => {
                kind = match value().as_deref() {
                    Some("n") => Kind::Number,
                    Some("s") => Kind::Shared,
                    Some("inlineStr") => Kind::Inline,
                    Some("b") => Kind::Bool,
                    Some("e") => Kind::Error,
                    Some("d") => Kind::IsoDate,
                    _ => Kind::Text,
                }
            }
            _ => {}
        }
    }
    let (row, col) = match reference {
        Some(r) => parse_reference(r.trim()).ok_or_else(|| bad_reference(cx, "the cell", &r))?,
        None if next_col < EXCEL_COLUMNS => (row, next_col),
        None => return Err(bad_reference(cx, "the cell", &cell_address(row, next_col))),
    };
    Ok(Cell { row, col, kind, style, value: String::new(), inline: None })
}

/// The text of a finished cell (see the module's documentation).
fn cell_text<'c>(cell: &'c Cell, cx: &'c Context<'_>) -> Result<Cow<'c, str>, WorkbookError> {
    let value = cell.value.as_str();
    let trimmed = value.trim();
    Ok(match cell.kind {
        Kind::Shared => {
            let Ok(index) = trimmed.parse::<usize>() else { return Ok(Cow::Borrowed(trimmed)) };
            let Some(text) = cx.strings.get(index) else {
                let address = cell_address(cell.row, cell.col);
                return Err(WorkbookError {
                    message: format!(
                        "the part {} is damaged: the cell {address} refers to shared string \
                         {index}, which does not exist",
                        cx.part
                    ),
                    id: "xlsx.corrupt",
                    cell: Some(address),
                });
            };
            Cow::Borrowed(text)
        }
        Kind::Inline => match &cell.inline {
            Some(text) => Cow::Borrowed(text),
            None => decode_escapes(value),
        },
        Kind::Bool => Cow::Borrowed(match trimmed {
            "1" | "true" => "true",
            "0" | "false" => "false",
            other => other,
        }),
        Kind::IsoDate => match trimmed.get(..10).and_then(Date::parse) {
            Some(date) => Cow::Owned(date.to_string()),
            None => Cow::Borrowed(trimmed),
        },
        Kind::Error => Cow::Borrowed(trimmed),
        Kind::Number if value.is_empty() => match &cell.inline {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Borrowed(""),
        },
        Kind::Number => match trimmed.parse::<f64>() {
            Ok(number) if number.is_finite() => {
                let date = cx.date_styles.get(cell.style).copied().unwrap_or(false);
                let date = if date { serial_to_date(number, cx.date1904) } else { None };
                Cow::Owned(date.unwrap_or_else(|| number_text(number)))
            }
            _ => Cow::Borrowed(trimmed),
        },
        Kind::Text => decode_escapes(value),
    })
}

/// The shortest text that reads back as `number`, without exponent (Rust's `{}`): "12",
/// "-3.5", "0.1"; `-0` is "0".
pub(super) fn number_text(number: f64) -> String {
    if number == 0.0 || !number.is_finite() {
        return "0".to_string();
    }
    // The shortest round-trip digits (zmij, as the JSON writer uses; core's float formatting
    // would add kilobytes to the module), written out without an exponent as Rust's `{}` does.
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(number);
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = whole.chars().chain(fraction.chars()).collect();
    let lead = digits.len() - digits.trim_start_matches('0').len();
    let digits = &digits[lead..];
    let fraction_digits = &digits.trim_end_matches('0');
    // Where the decimal point falls in `digits`.
    let point = whole.len() as i64 - lead as i64 + i64::from(exponent);
    let mut out = String::from(sign);
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.push_str(fraction_digits);
    } else if point as usize >= fraction_digits.len() {
        out.push_str(fraction_digits);
        out.extend(std::iter::repeat_n('0', point as usize - fraction_digits.len()));
    } else {
        out.push_str(&fraction_digits[..point as usize]);
        out.push('.');
        out.push_str(&fraction_digits[point as usize..]);
    }
    out
}

/// The date (`YYYY-MM-DD`) of an Excel serial number, its time of day dropped; `None`
/// outside Excel's dates (before 1900-01-01 or 1904-01-01, after 9999-12-31). The serial
/// is rounded to the millisecond first, as Excel shows it: 45292.9999999999 is 2024-01-02.
pub(super) fn serial_to_date(serial: f64, date1904: bool) -> Option<String> {
    const DAY_MS: f64 = 86_400_000.0;
    let days = ((serial * DAY_MS).round() / DAY_MS).floor();
    let (first, last) = if date1904 { (0.0, 2_957_003.0) } else { (1.0, 2_958_465.0) };
    if !(first..=last).contains(&days) {
        return None;
    }
    let days = days as i64;
    let (epoch, days) = match (date1904, days) {
        (true, _) => ((1904, 1, 1), days),
        // Excel counts 1900-02-29, which did not exist (Lotus 1-2-3's bug kept for
        // compatibility): serial 60 is that day, and later serials are one day ahead.
        (false, 60) => return Some("1900-02-29".to_string()),
        (false, 1..=59) => ((1899, 12, 31), days),
        (false, _) => ((1899, 12, 30), days),
    };
    let (y, m, d) = epoch;
    Date::from_ymd(y, m, d).map(|epoch| epoch.add_days(days).to_string())
}
