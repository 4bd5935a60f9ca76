//! One partner's result in one track, as a segmentation keeps it.

use super::tiers::earned_from;
use crate::eval::TOLERANCE;
use crate::program::model::Variant;
use crate::program::Program;

/// One partner's result in one track.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    /// Index into [`PartnerBase::profiles`].
    pub partner: u32,
    pub track: u16,
    pub total: f64,
    /// Tier held after retention rules.
    pub tier: Option<u16>,
    pub earned: Option<u16>,
    pub retained: bool,
    /// The tier above the earned one (its minimum score: [`Scored::next_min`]).
    pub next: Option<u16>,
    /// Shares of the two axis categories, in percent.
    pub x: f32,
    pub y: f32,
    /// Bit `i` set when tier `i`'s requirements hold (its minimum score aside): what a
    /// change of tier minimums alone needs to place the partner again (`retier.rs`).
    pub requirements: u64,
    /// The bits of `requirements` for requirements on the partner's data alone (fields and
    /// certifications): unchanged by a weight or target (`rescore.rs`).
    pub data_bits: u64,
    /// The partner's region (`u16::MAX`: none) and the tier it holds today in this track
    /// (`u16::MAX`: none), kept so that summaries and `retier.rs` need not read the profile.
    pub region: u16,
    pub held: u16,
    /// The scoring path the result was scored by (0 when the program has none).
    pub path: u16,
    /// Whether the retention rule would keep the tier held today for a partner that earns
    /// less (it depends on the dates, not on the scores).
    pub keeps: bool,
}

impl Scored {
    /// The next tier's minimum score in `sc`, the program the result was placed with; `None`
    /// when there is no next tier or it has no minimum. Looked up, not kept: a tier slider
    /// changes it for every partner below that tier, and places again only those near it
    /// (`retier.rs`).
    pub fn next_min(&self, sc: &Program) -> Option<f64> {
        let region = (self.region != u16::MAX).then_some(usize::from(self.region));
        let variant = sc.variant(usize::from(self.track), region, usize::from(self.path));
        self.next.and_then(|n| variant.tiers.get(usize::from(n))).and_then(|t| t.min_score)
    }

    /// Points missing for the next tier's minimum (0 when it has none or only requirements are missing).
    pub fn deficit(&self, sc: &Program) -> Option<f64> {
        self.deficit_below(self.next_min(sc))
    }

    /// [`Scored::deficit`] with the next tier's minimum given.
    pub(super) fn deficit_below(&self, next_min: Option<f64>) -> Option<f64> {
        self.next.map(|_| next_min.map_or(0.0, |m| m - self.total)).map(|d| if d <= TOLERANCE { 0.0 } else { d })
    }
}

impl Scored {
    /// Places the result in `variant`'s tiers again from what it kept: its total, which
    /// tiers' requirements hold, the tier held today and whether retention keeps it. What a
    /// full scoring decides with the profile in hand, without reading it (`retier.rs`,
    /// `rescore.rs`).
    pub(super) fn place_again(&mut self, variant: &Variant) {
        let earned = earned_from(variant, self.total, self.requirements);
        // Retention only matters below the tier held today, and whether it keeps that tier
        // depends on dates only (`keeps`).
        let below = self.held != u16::MAX && earned.is_none_or(|e| e < usize::from(self.held));
        let (tier, retained) = if below && self.keeps { (Some(usize::from(self.held)), true) } else { (earned, false) };
        let next = earned.map_or(0, |e| e + 1);
        self.tier = tier.map(|t| t as u16);
        self.earned = earned.map(|t| t as u16);
        self.retained = retained;
        self.next = variant.tiers.get(next).map(|_| next as u16);
    }
}
