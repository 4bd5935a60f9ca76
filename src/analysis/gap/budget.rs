//! The work a gap report may spend, shared by all its plan searches.

/// The work one gap report may spend on its plan searches (`GapOptions::work_limit`), shared by
/// every track, path and tier it looks at, so that no program makes a report run for long.
/// A `Cell`, so that the read-only search structures can charge it.
#[derive(Debug)]
pub(super) struct Budget {
    pub(super) spent: std::cell::Cell<u64>,
    pub(super) limit: u64,
}

impl Budget {
    pub(super) fn spend(&self, units: usize) {
        self.spent.set(self.spent.get().saturating_add(units as u64));
    }

    /// Past the limit every search stops: with the best plan found so far (marked not
    /// optimal; the greedy plan each search starts from is usually one), or none.
    pub(super) fn exhausted(&self) -> bool {
        self.spent.get() >= self.limit
    }

    /// Setting up the candidates of a field stops here, leaving the rest for the search.
    pub(super) fn half_spent(&self) -> bool {
        self.spent.get() >= self.limit / 2
    }
}
