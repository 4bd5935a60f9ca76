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

mod common;
mod parts;
mod sheet;
#[cfg(test)]
mod tests;
mod write;
mod zip;

pub use common::*;
pub use write::write_workbook;

use crate::limits::MAX_BASE_BYTES;

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
