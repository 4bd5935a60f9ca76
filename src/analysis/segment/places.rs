//! Where a row error is in a workbook's sheet, once its CSV text has been read.

use crate::analysis::batch::RowError;

/// A row error of a sheet's CSV text placed in the sheet: `sheet_rows` gives the sheet row
/// (0-based) of each record, the header first, and `first_col` the sheet column of the first
/// (see `PartnerBase::locate_in_sheet`).
pub fn locate_error(e: &mut RowError, sheet_rows: &[u32], first_col: u32) {
    // The header is record 0; data rows follow it.
    let record = match (e.row, e.line) {
        (Some(r), _) => Some(r + 1),
        (None, Some(1)) => Some(0),
        _ => None,
    };
    if let Some(record) = record {
        let row = sheet_rows.get(record).copied().unwrap_or(0);
        let col = first_col.saturating_add(e.column.map_or(0, |c| c.saturating_sub(1) as u32));
        e.line = Some(row as usize + 1);
        e.cell = Some(crate::text::xlsx::cell_address(row, col).into());
    }
}
