//! A change of tier minimum scores alone (the lab's tier sliders) changes no partner's scores:
//! each result keeps its total, its category shares and which tiers' requirements it meets
//! (`Scored::requirements`), and only its tiers are placed again. Scoring 100,000 partners
//! took most of a slider move's time; placing them again takes a few milliseconds.

use super::{summarise, Checked, PartnerBase, SegmentOptions, Segmentation};
use crate::program::Program;

impl Segmentation {
    /// The segmentation of `sc`, a program that differs from the one this was scored with in
    /// its tiers' minimum scores only, with the same options; `None` when that cannot be
    /// known here (other options, or scoring paths, whose choice depends on the tiers).
    /// The caller vouches for the program (the lab compares the two program files).
    pub fn retiered(mut self, sc: &Program, base: &PartnerBase, options: &SegmentOptions) -> Option<Segmentation> {
        if self.options != *options || !sc.paths().is_empty() || sc.tier_ids().len() > 64 {
            return None;
        }
        let mut scored = std::mem::take(&mut self.scored);
        for s in &mut scored {
            let region = (s.region != u16::MAX).then_some(usize::from(s.region));
            let variant = sc.variant(usize::from(s.track), region, 0);
            s.place_again(variant);
        }
        let checked = Checked { resolved: self.resolved.clone(), x: self.axes.0, y: self.axes.1, segment_track: self.axes.2 };
        let mut seg = summarise(sc, base, options, scored, checked);
        seg.points = std::mem::take(&mut self.points);
        Some(seg)
    }
}
