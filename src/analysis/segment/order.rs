//! The order the lab's tier sliders need (`retier.rs`): the results by total within each
//! variant, and the tier minimums they were placed with.

use crate::analysis::segment::scored::Scored;
use crate::program::Program;

/// The results' indexes in order of total within each variant (track, then region: the
/// `slot`), and where each slot's run starts. Built on the first tier move and kept while the
/// totals stay (a weight or target move makes a new segmentation, without one).
#[derive(Debug, Clone, Default)]
pub struct TotalOrder {
    order: Vec<u32>,
    starts: Vec<usize>,
}

/// A result's variant among `regions` region slots (no region first, as `Program::variant`).
fn slot(s: &Scored, regions: usize) -> usize {
    let region = if s.region == u16::MAX { 0 } else { usize::from(s.region) + 1 };
    usize::from(s.track) * regions + region
}

/// Every variant's tier minimums, by slot: what a segmentation's results were placed with.
pub fn tier_minimums(sc: &Program) -> Vec<Vec<Option<f64>>> {
    let regions = sc.regions().len() + 1;
    (0..sc.track_count() * regions)
        .map(|slot| {
            let region = (slot % regions).checked_sub(1);
            sc.variant(slot / regions, region, 0).tiers.iter().map(|t| t.min_score).collect()
        })
        .collect()
}

impl TotalOrder {
    pub fn of(scored: &[Scored], regions: usize, slots: usize) -> TotalOrder {
        // A double's bits made to order as the number does (negative ones flipped), so that
        // plain tuples sort: no comparison closure reading the results at random.
        let ordered = |t: f64| {
            let bits = t.to_bits();
            if bits >> 63 == 1 {
                !bits
            } else {
                bits | 1 << 63
            }
        };
        let mut keys: Vec<(u32, u64, u32)> =
            scored.iter().enumerate().map(|(i, s)| (slot(s, regions) as u32, ordered(s.total), i as u32)).collect();
        keys.sort_unstable();
        let mut starts = vec![0; slots + 1];
        for &(slot, _, _) in &keys {
            if let Some(next) = starts.get_mut(slot as usize + 1) {
                *next += 1;
            }
        }
        for s in 1..starts.len() {
            starts[s] += starts[s - 1];
        }
        TotalOrder { order: keys.into_iter().map(|(_, _, i)| i).collect(), starts }
    }

    /// The indexes of the results of one slot, lowest total first.
    pub fn run(&self, slot: usize) -> &[u32] {
        let (Some(&from), Some(&to)) = (self.starts.get(slot), self.starts.get(slot + 1)) else { return &[] };
        self.order.get(from..to).unwrap_or_default()
    }
}
