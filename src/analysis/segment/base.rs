//! A partner base from profiles read elsewhere (the command line's JSON lines), and where each
//! partner of a base was read: for callers that summarise a large base in parts and put the
//! parts' listings back in the order of the whole.

use super::PartnerBase;
use crate::analysis::batch::{BatchCounts, RowError};
use crate::program::profile::Profile;
use crate::program::Program;

impl PartnerBase {
    /// A base of profiles already read and checked against `program`, each with its data row
    /// and line, and the rows that could not be read (`errors`, counted in `counts`).
    pub fn from_profiles(program: &Program, rows: Vec<(usize, usize, Profile)>, errors: Vec<RowError>, counts: BatchCounts) -> PartnerBase {
        let mut base = PartnerBase {
            profiles: Vec::with_capacity(rows.len()),
            places: Vec::with_capacity(rows.len()),
            errors,
            counts,
            shape: super::shape(program),
            expiring: std::cell::RefCell::new(None),
            number_columns: std::cell::OnceCell::new(),
        };
        for (row, line, profile) in rows {
            base.profiles.push(profile);
            base.places.push((row as u32, line as u32));
        }
        base
    }

    /// The data row and line partner `index` (as `Scored::partner` numbers them) was read from.
    pub fn place(&self, index: usize) -> Option<(usize, usize)> {
        self.places.get(index).map(|&(row, line)| (row as usize, line as usize))
    }
}
