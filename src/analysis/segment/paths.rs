//! A partner's result by each scoring path of its track and region, and the choice of the best
//! one. A program with alternative paths (best-of: "the better path counts") places a partner
//! in the best tier any path earns, the higher total breaking a tie, as `eval::best_path`
//! decides for one profile. Each path's total and requirement bits are kept per result, so that
//! a tier-minimum edit chooses the paths again from them (`retier.rs`) and a weight or target
//! edit scores again only the criteria it changes on every path (`rescore.rs`): a program with
//! paths otherwise scores every partner on every path after each edit.

use crate::analysis::segment::scored::Scored;
use crate::analysis::segment::tiers::{category_share, earned_from, requirement_bits};
use crate::eval::{path_is_better, Scores};
use crate::program::model::Variant;
use crate::program::profile::Profile;
use crate::program::Program;
use crate::text::date::Date;

/// One result's figures by one path: what placing it in that path's tiers needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathResult {
    pub total: f64,
    /// Bit `i` set when tier `i`'s requirements hold by this path (`Scored::requirements`).
    pub requirements: u64,
    /// The bits of `requirements` for requirements on the partner's data alone.
    pub data_bits: u64,
    /// Shares of the two axis categories by this path, in percent.
    pub x: f32,
    pub y: f32,
}

impl PathResult {
    /// The figures of `scores`, filled for `variant`, with `data_bits` the requirements on the
    /// partner's data that hold (from `requirement_bits(.., false)` or kept from before).
    pub fn of(variant: &Variant, profile: &Profile, as_of: Date, scores: &Scores, data_bits: u64, axes: (usize, usize)) -> Self {
        PathResult {
            total: scores.total,
            requirements: data_bits & requirement_bits(variant, profile, as_of, scores, true),
            data_bits,
            x: category_share(variant, &scores.categories, axes.0),
            y: category_share(variant, &scores.categories, axes.1),
        }
    }

    /// The tier this path earns in `variant`, before retention.
    pub fn earned(&self, variant: &Variant) -> Option<usize> {
        earned_from(variant, self.total, self.requirements)
    }
}

/// The best of a result's paths so far: its index, figures and earned tier.
#[derive(Debug, Default)]
pub struct BestPath(Option<(usize, PathResult, Option<usize>)>);

impl BestPath {
    /// Weighs path `path` (results come in path order: the first of equals stays).
    pub fn weigh(&mut self, path: usize, result: PathResult, variant: &Variant) {
        let earned = result.earned(variant);
        if self.0.is_none_or(|(_, best, best_earned)| path_is_better(earned, result.total, best_earned, best.total)) {
            self.0 = Some((path, result, earned));
        }
    }

    /// The chosen path's index, figures and earned tier (path 0, nothing earned, when no path was weighed).
    pub fn chosen(&self) -> (usize, PathResult, Option<usize>) {
        self.0.unwrap_or((0, PathResult { total: 0.0, requirements: 0, data_bits: 0, x: 0.0, y: 0.0 }, None))
    }
}

impl Scored {
    /// Takes the figures of path `path` and places the result in that path's tiers of `sc`.
    pub(crate) fn take_path(&mut self, sc: &Program, path: usize, result: &PathResult) {
        self.path = path as u16;
        self.total = result.total;
        self.requirements = result.requirements;
        self.data_bits = result.data_bits;
        self.x = result.x;
        self.y = result.y;
        let region = (self.region != u16::MAX).then_some(usize::from(self.region));
        self.place_again(sc.variant(usize::from(self.track), region, path));
    }

    /// [`Scored::take_path`] with the best of the paths weighed.
    pub(crate) fn take_best(&mut self, sc: &Program, best: &BestPath) {
        let (path, result, _) = best.chosen();
        self.take_path(sc, path, &result);
    }
}
