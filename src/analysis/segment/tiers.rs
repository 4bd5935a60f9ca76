//! Which tiers a scored result meets: its requirements as bits, one per tier, and the
//! highest tier whose minimum its total reaches too. Shared by a full scoring and by the
//! partial ones (`retier.rs`, `rescore.rs`).

use crate::eval::{Scores, TOLERANCE};
use crate::program::profile::Profile;
use crate::text::date::Date;

/// Bit `i` set when tier `i`'s requirements of one kind hold: those on the partner's data
/// (`points: false`: fields and certifications, which no weight or target changes) or those on
/// its points (`points: true`: category points and shares, every criterion above zero).
pub(super) fn requirement_bits(
    variant: &crate::program::model::Variant,
    profile: &Profile,
    as_of: Date,
    scores: &Scores,
    points: bool,
) -> u64 {
    let mut bits = 0u64;
    for (i, tier) in variant.tiers.iter().enumerate().take(64) {
        let holds = tier
            .requires
            .iter()
            .filter(|r| r.requirement.needs_points() == points)
            .all(|r| crate::eval::requirement_holds(&r.requirement, variant, profile, as_of, scores));
        if holds {
            bits |= 1 << i;
        }
    }
    bits
}

/// The highest tier whose requirements hold (`requirements`' bits) and whose minimum score
/// `total` reaches, as `tier_holds` decides.
pub(super) fn earned_from(variant: &crate::program::model::Variant, total: f64, requirements: u64) -> Option<usize> {
    (0..variant.tiers.len().min(64))
        .rev()
        .find(|&i| requirements & (1 << i) != 0 && variant.tiers[i].min_score.is_none_or(|m| total + TOLERANCE >= m))
}

/// A result's key among the candidates (the share of the next tier's minimum it misses, as
/// the bits of a non-negative double, which order as the number does: pairs with the index sort
/// as integers with the standard library's quicksort, 3 ms for 58,000 where the crate's small
/// heap sort took 17 ms), or `None` when it is not close on points. From `Scored::deficit` and `next_min`.
pub(super) fn reach_key(deficit: Option<f64>, next_min: Option<f64>, reach_percent: f64) -> Option<u64> {
    let deficit = deficit?;
    match next_min.filter(|m| *m > 0.0) {
        Some(min) => (deficit <= min * reach_percent / 100.0 + TOLERANCE).then_some((deficit / min).max(0.0).to_bits()),
        // A next tier without a minimum score is reached by its requirements alone.
        None => Some(0),
    }
}

/// A category's points as a share of its maximum in the variant, in percent (0 for a
/// category that can give nothing): the two axes of the lab's plot.
pub(super) fn category_share(variant: &crate::program::model::Variant, categories: &[f64], c: usize) -> f32 {
    let max = variant.category_max.get(c).copied().unwrap_or(0.0);
    if max > 0.0 {
        (categories.get(c).copied().unwrap_or(0.0) / max * 100.0) as f32
    } else {
        0.0
    }
}
