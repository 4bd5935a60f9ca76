//! Excel workbooks (.xlsx): the cells of one sheet as texts, the way the CSV reader
//! understands them, and a minimal one-sheet workbook written from rows of texts.
//!
//! # Why our own reader
//! The `calamine` crate costs 287,296 bytes gzipped in a wasm module built for size
//! (opt-level z, LTO, wasm-opt -Oz): it pulls encoding_rs tables, zopfli and zlib-rs, more
//! than the whole lab module (174 KB gzipped). `miniz_oxide` (inflate only) and `quick-xml`
//! measured about 24 KB gzipped. So the zip container is parsed here by hand (its central
//! directory; stored and deflated entries), the XML with quick-xml, and the reader is tested
//! differentially against calamine (tests/xlsx.rs), a native-only dev-dependency.
//!
//! # What a cell becomes
//! - Shared strings (rich text runs concatenated, phonetic runs left out), inline strings and
//!   formula string results: the text. Text in `<t>` without `xml:space="preserve"` loses its
//!   leading and trailing ASCII whitespace, as calamine (and Excel) read it; `_xHHHH_`
//!   escapes are decoded.
//! - Numbers: the shortest text that reads back as the same `f64`, never with an exponent
//!   (Rust's `{}`): `12`, `-3.5`, `0.1`; `1e21` is written out in full. `-0` is `0`.
//! - Booleans: `true` / `false`. Errors: their text (`#N/A`).
//! - Numbers whose style is a date format (built-in ids 14–17 and 22, the East Asian 27–36
//!   and 50–58, or a custom format whose first section has d, y or a month m outside quotes,
//!   brackets and escapes): `YYYY-MM-DD`. The time of day of a date-time is dropped. The
//!   1900 system keeps Excel's Lotus bug (serial 60 is 1900-02-29, 61 is 1900-03-01); the
//!   1904 system counts from 1904-01-01. Serials outside Excel's range (below 1, or 0 in
//!   1904, up to 9999-12-31) stay numbers. Pure time formats (`h:mm`, `mm:ss`, `[h]:mm:ss`,
//!   built-in 18–21 and 45–47) stay numbers: a time alone is no date.
//! - Cells of type `d` (ISO dates, written by some tools): their date part.
//! - Empty cells and missing ones: "".
//!
//! # Limits (untrusted files in the browser)
//! Nothing here panics or allocates more than the input justifies: each part of the zip
//! unpacks to at most [`MAX_INFLATE_RATIO`] times its packed size plus 1 MiB, and the parts
//! read together to at most [`MAX_BASE_BYTES`]; a sheet's used range has at most
//! [`MAX_ROWS`] rows (a header and [`MAX_BASE_ROWS`] partners) and [`MAX_GRID_CELLS`] cells;
//! past any of them the error is `xlsx.too_large`.

mod parts;
mod sheet;
#[cfg(test)]
mod tests;
mod write;
mod zip;

pub use write::write_workbook;

use crate::limits::{MAX_BASE_BYTES, MAX_BASE_ROWS};
use std::fmt;

/// Rows a sheet's used range may have: a header and as many partners as a base holds.
pub const MAX_ROWS: usize = MAX_BASE_ROWS + 1;
/// Cells (rows × columns) of a sheet's used range: 20 million empty texts take 480 MB in
/// wasm memory, about what a base of the most rows takes besides.
pub const MAX_GRID_CELLS: usize = 20_000_000;
/// How many times its packed size a part may unpack to (plus 1 MiB). Sheets deflate 2 to 5
/// times in the fixtures and 12 times for 400,000 styled blank cells (XlsxWriter), while a
/// zip bomb reaches deflate's ceiling, 1032.
pub const MAX_INFLATE_RATIO: usize = 100;

/// One sheet of cells, as texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    /// 0-based row and column of the first cell of `rows` (the used range's top-left; e.g. a
    /// sheet whose data starts at B3 has first_row 2, first_col 1).
    pub first_row: u32,
    pub first_col: u32,
    /// Rectangular from first_row/first_col: every row padded with "" to the same length; the
    /// used range is the smallest rectangle holding every non-empty cell, so no row or column
    /// at its edges is empty.
    pub rows: Vec<Vec<String>>,
}

/// Why a workbook or sheet could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookError {
    /// An English sentence, lower-case start, no trailing period.
    pub message: String,
    /// Stable id for the page's catalogs: `xlsx.not_zip`, `xlsx.encrypted`,
    /// `xlsx.not_workbook`, `xlsx.corrupt`, `xlsx.too_large`, `xlsx.no_sheet`, `xlsx.empty`.
    pub id: &'static str,
    /// The cell at fault ("B7"), when one is.
    pub cell: Option<String>,
}

impl WorkbookError {
    pub(crate) fn new(id: &'static str, message: impl Into<String>) -> WorkbookError {
        WorkbookError { message: message.into(), id, cell: None }
    }

    pub(crate) fn corrupt(message: impl Into<String>) -> WorkbookError {
        WorkbookError::new("xlsx.corrupt", message)
    }
}

impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WorkbookError {}

/// A workbook opened from the bytes of an .xlsx file: its zip index, shared strings, which
/// styles are dates, and its sheets. Sheets are read (unpacked and parsed) one at a time by
/// [`Workbook::sheet`].
pub struct Workbook {
    archive: zip::Archive,
    strings: Vec<String>,
    /// For each cell style (`s` attribute, an index into cellXfs): whether it formats dates.
    date_styles: Vec<bool>,
    date1904: bool,
    /// Worksheets in workbook order; chart and dialog sheets are left out (no cells).
    sheets: Vec<parts::SheetRef>,
}

impl Workbook {
    pub fn open(bytes: &[u8]) -> Result<Workbook, WorkbookError> {
        let archive = zip::Archive::parse(bytes)?;
        let mut budget = MAX_BASE_BYTES;
        let book = parts::read_book(&archive, &mut budget)?;
        Ok(Workbook { archive, strings: book.strings, date_styles: book.date_styles, date1904: book.date1904, sheets: book.sheets })
    }

    /// Sheet names: the visible ones in workbook order, then the hidden ones (also in
    /// order), so that a list shows first what Excel shows while a base kept in a hidden
    /// sheet can still be chosen. Chart sheets are not listed (they hold no cells).
    pub fn sheet_names(&self) -> Vec<String> {
        let visible = self.sheets.iter().filter(|s| !s.hidden);
        let hidden = self.sheets.iter().filter(|s| s.hidden);
        visible.chain(hidden).map(|s| s.name.clone()).collect()
    }

    /// The sheet named `name` (exactly, else ignoring ASCII case as Excel does); `None` = the
    /// first visible sheet (the first sheet when all are hidden).
    pub fn sheet(&self, name: Option<&str>) -> Result<Sheet, WorkbookError> {
        if self.sheets.is_empty() {
            return Err(WorkbookError::new("xlsx.empty", "this workbook has no sheets"));
        }
        let found = match name {
            None => self.sheets.iter().find(|s| !s.hidden).or(self.sheets.first()),
            Some(name) => {
                self.sheets.iter().find(|s| s.name == name).or_else(|| self.sheets.iter().find(|s| s.name.eq_ignore_ascii_case(name)))
            }
        };
        let Some(found) = found else {
            let names: Vec<String> = self.sheet_names().iter().map(|n| format!("\"{n}\"")).collect();
            return Err(WorkbookError::new(
                "xlsx.no_sheet",
                format!("this workbook has no sheet named \"{}\"; its sheets are {}", name.unwrap_or_default(), names.join(", ")),
            ));
        };
        let Some(part) = &found.part else {
            return Err(WorkbookError::corrupt(format!("the sheet \"{}\" has no part in this workbook", found.name)));
        };
        let mut budget = MAX_BASE_BYTES;
        let xml = self.archive.read(part, &mut budget)?.ok_or_else(|| {
            WorkbookError::corrupt(format!("the part {part} of the sheet \"{}\" is missing from this workbook", found.name))
        })?;
        let context =
            sheet::Context { sheet: &found.name, part, strings: &self.strings, date_styles: &self.date_styles, date1904: self.date1904 };
        let (first_row, first_col, rows) = sheet::read_cells(xml, &context)?;
        Ok(Sheet { name: found.name.clone(), first_row, first_col, rows })
    }
}

/// Cell address: column letters + 1-based row, from 0-based indices: (0,0) -> "A1",
/// (6, 27) -> "AB7".
pub fn cell_address(row: u32, col: u32) -> String {
    let mut letters = [0u8; 8];
    let mut len = 0;
    // Bijective base 26: A..Z, AA..ZZ, AAA..; u32 needs at most 7 letters.
    let mut n = u64::from(col) + 1;
    while n > 0 && len < letters.len() {
        n -= 1;
        letters[len] = b'A' + (n % 26) as u8;
        len += 1;
        n /= 26;
    }
    let mut address: String = letters[..len].iter().rev().map(|&b| b as char).collect();
    address.push_str(&(u64::from(row) + 1).to_string());
    address
}
