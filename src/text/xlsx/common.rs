//! What the workbook reader's parts share: its limits, a sheet's cells, its errors and cell
//! addresses.

use crate::limits::MAX_BASE_ROWS;
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

impl Sheet {
    /// The sheet as CSV text (comma-separated, RFC 4180 quoting; numbers as read, with a
    /// decimal point), for the CSV reader, and the sheet row (0-based) of each record: rows
    /// whose every cell is empty are left out, as a person reading the sheet would.
    pub fn to_csv(&self) -> (String, Vec<u32>) {
        let size: usize = self.rows.iter().flatten().map(|c| c.len() + 1).sum();
        let mut text = String::with_capacity(size + self.rows.len() * 2);
        let mut rows = Vec::with_capacity(self.rows.len());
        for (i, row) in self.rows.iter().enumerate() {
            if row.iter().all(|c| c.is_empty()) {
                continue;
            }
            rows.push(self.first_row.saturating_add(i as u32));
            for (j, cell) in row.iter().enumerate() {
                if j > 0 {
                    text.push(',');
                }
                if cell.contains([',', '"', '\n', '\r']) {
                    text.push('"');
                    text.push_str(&cell.replace('"', "\"\""));
                    text.push('"');
                } else {
                    text.push_str(cell);
                }
            }
            text.push('\n');
        }
        (text, rows)
    }
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
    /// The message for the page's catalogs: fixed sentences by their id; the others, which
    /// name parts, sheets and sizes, carry the English sentence as `detail`.
    pub fn i18n(&self) -> crate::text::message::Message {
        let message = crate::text::message::Message::new(self.id);
        match self.id {
            "xlsx.not_zip" | "xlsx.encrypted" | "xlsx.empty" => message,
            _ => message.text("detail", self.message.as_str()),
        }
    }

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
