//! The program lab: a whole partner base read once, then scored and summarised again after
//! every change to the program (a slider in the lab page), without reading the CSV again.
//!
//! [`PartnerBase::from_csv`] reads and validates the rows (bad rows are kept as errors with
//! line and column, never dropped silently). [`segment`] scores every partner in every track
//! it takes part in and returns a [`Segmentation`]: tier distribution per track and region,
//! movement against the tiers partners hold today, two categories as axes with quadrant
//! counts, the partners within reach of their next tier with their least-effort plans, and
//! certifications about to expire. [`export_csv`] writes the results as CSV.
//!
//! Only scores change between two calls of [`segment`] on the same base, so the profiles are
//! kept as parsed; a program whose fields, options, tracks, regions or tier ids differ from
//! the one the base was read with is refused (the rows would mean something else).

use crate::analysis::batch::{BatchCounts, RowError};
use crate::eval::{EvalOptions, Resolved, Scores, TOLERANCE};
use crate::limits::{MAX_LAB_LISTED, MAX_LAB_PLANS, MAX_WINDOW_DAYS};
use crate::program::model::{FieldKind, Retention};
use crate::program::profile::{FieldValue, Profile};
use crate::program::Program;
use crate::text::date::Date;
use crate::text::error::{ErrorKind, Errors, Issue};
use serde::Serialize;
use std::cell::RefCell;
use std::fmt::Write as _;

mod cells;
mod expiring;
mod options;
mod order;
mod paths;
mod places;
mod reach;
mod rescore;
mod retier;
mod scored;
mod summary;
mod tiers;
pub mod why;
use cells::{plain_number, push_cell};
pub use options::SegmentOptions;
use paths::{BestPath, PathResult};
pub use places::locate_error;
pub use scored::Scored;
pub use summary::*;
use tiers::{reach_key, requirement_bits};

/// Partners read from a CSV export, validated against a program, kept for re-scoring.
#[derive(Debug, Clone)]
pub struct PartnerBase {
    profiles: Vec<Profile>,
    /// Data row index and CSV line of each profile.
    places: Vec<(u32, u32)>,
    errors: Vec<RowError>,
    counts: BatchCounts,
    shape: String,
    /// Expiring certifications depend on the date and window, not on the program: kept
    /// between re-scorings, keyed by (as_of, window, limit, lang).
    expiring: RefCell<Option<(ExpiryKey, Listing<ExpiringEntry>)>>,
    /// Each number field's values, partner by partner (NaN where not given), built on first
    /// use: summing a field per tier then reads one array, not every profile.
    number_columns: std::cell::OnceCell<Vec<(usize, Vec<f64>)>>,
}

/// (as_of, window, limit, lang, the certification kinds' labels: a program edit may rename them).
type ExpiryKey = (Date, u32, usize, Option<String>, String);

impl PartnerBase {
    /// Reads every row. `Err` only when the header is unusable; row problems are kept in
    /// [`PartnerBase::errors`] and their rows skipped.
    pub fn from_csv(scorecard: &Program, text: &str) -> Result<PartnerBase, Vec<RowError>> {
        PartnerBase::from_csv_with(scorecard, text, &crate::analysis::batch::CsvOptions::default())
    }

    /// [`PartnerBase::from_csv`] with the file's separator, decimal mark and column mapping.
    pub fn from_csv_with(
        scorecard: &Program,
        text: &str,
        options: &crate::analysis::batch::CsvOptions,
    ) -> Result<PartnerBase, Vec<RowError>> {
        // At most one row per line: counting them first (a few milliseconds) saves growing and
        // copying the largest block of the base, and refuses a base too large to hold before
        // memory runs out (which in wasm is a trap, not an error).
        let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
        crate::analysis::batch::check_batch_size(scorecard, lines.saturating_sub(2))?;
        let mut rows = crate::analysis::batch::csv_profiles_with(scorecard, text, options)?;
        let (mut profiles, mut places) = (Vec::new(), Vec::new());
        if profiles.try_reserve_exact(lines).is_err() || places.try_reserve_exact(lines).is_err() {
            let i18n = crate::text::message::Message::new("csv.no_memory").num("count", lines as f64);
            return Err(vec![RowError::whole_file(format!("there is not enough memory to hold {lines} partners"), Some(i18n))]);
        }
        let mut base = PartnerBase {
            profiles,
            places,
            errors: Vec::new(),
            counts: BatchCounts::default(),
            shape: shape(scorecard),
            expiring: RefCell::new(None),
            number_columns: std::cell::OnceCell::new(),
        };
        let mut profile = scorecard.empty_profile();
        while let Some((row, line, ok)) = rows.next_into(&mut profile, &mut base.errors) {
            base.counts.rows += 1;
            if ok {
                base.counts.evaluated += 1;
                // Moved, not cloned: the reader refills a fresh profile for the next row.
                let mut kept = std::mem::take(&mut profile);
                for value in &mut kept.values {
                    if let FieldValue::Certs(certs) = value {
                        certs.shrink_to_fit();
                    }
                }
                base.profiles.push(kept);
                base.places.push((row as u32, line as u32));
            } else {
                base.counts.skipped += 1;
            }
        }
        base.profiles.shrink_to_fit();
        base.places.shrink_to_fit();
        Ok(base)
    }

    /// Valid partners kept.
    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }

    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The profile read from data row `row` (as results and listings number rows), unless
    /// that row was skipped.
    pub fn profile_of_row(&self, row: usize) -> Option<&Profile> {
        let i = self.places.binary_search_by_key(&(row as u32), |&(r, _)| r).ok()?;
        self.profiles.get(i)
    }

    /// The number fields' values per partner, in field order (see `number_columns`).
    fn number_columns(&self, sc: &Program) -> &[(usize, Vec<f64>)] {
        self.number_columns.get_or_init(|| {
            (0..sc.fields().len())
                .filter(|&f| matches!(sc.fields()[f].kind, FieldKind::Number { .. }))
                .map(|f| {
                    let column = self.profiles.iter().map(|p| if let FieldValue::Number(n) = p.values[f] { n } else { f64::NAN }).collect();
                    (f, column)
                })
                .collect()
        })
    }

    /// Problems with rows, in file order; each skipped row has at least one.
    pub fn errors(&self) -> &[RowError] {
        &self.errors
    }

    /// Places rows and errors in the sheet the CSV text was made from (`Sheet::to_csv`):
    /// `sheet_rows` gives the sheet row (0-based) of each record, the header first, and
    /// `first_col` the sheet column of the first; lines become the sheet's row numbers and
    /// errors get their cell (`"F7"`).
    pub fn locate_in_sheet(&mut self, sheet_rows: &[u32], first_col: u32) {
        for (row, line) in &mut self.places {
            *line = sheet_rows.get(*row as usize + 1).copied().unwrap_or(0).saturating_add(1);
        }
        for e in &mut self.errors {
            locate_error(e, sheet_rows, first_col);
        }
    }

    /// Rows read, evaluated (valid) and skipped; `results` is 0 until scored.
    pub fn counts(&self) -> BatchCounts {
        self.counts
    }

    /// Rows read, evaluated and skipped, as `Lab.counts()` gives them.
    pub fn base_counts(&self) -> BaseCounts {
        BaseCounts { rows: self.counts.rows, evaluated: self.counts.evaluated, skipped: self.counts.skipped }
    }

    /// Whether `scorecard` reads the rows as the program they were read with did.
    pub fn check_program(&self, scorecard: &Program) -> Result<(), Errors> {
        if shape(scorecard) == self.shape {
            Ok(())
        } else {
            Err(Errors::single(
                ErrorKind::Program,
                "",
                "this program has other fields, options, certification kinds, tracks, regions or tier ids than the one the \
                 partners were read with; load the partner CSV again for it",
            ))
        }
    }
}

/// Everything a CSV row's meaning depends on, as one comparable string.
fn shape(sc: &Program) -> String {
    let mut s = String::new();
    for f in sc.fields() {
        let _ = write!(s, "{}:{}", f.id, f.type_name());
        if let FieldKind::Number { integer, min, max, .. } = f.kind {
            // Bits, not formatted floats: float formatting would add kilobytes of wasm.
            let _ = write!(s, ":{integer}:{:?}:{:?}", min.map(f64::to_bits), max.map(f64::to_bits));
        }
        for o in f.options() {
            let _ = write!(s, ",{}", o.id);
        }
        s.push(';');
    }
    for (mark, list) in [("T", sc.tracks()), ("R", sc.regions())] {
        s.push_str(mark);
        for v in list {
            let _ = write!(s, ",{}", v.id);
        }
    }
    s.push('|');
    s.push_str(&sc.tier_ids().join(","));
    s
}

/// The rows of a partner base: read, evaluated (valid) and skipped (with errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct BaseCounts {
    pub rows: usize,
    pub evaluated: usize,
    pub skipped: usize,
}

/// Scores and summary of a partner base under one program.
#[derive(Debug, Clone)]
pub struct Segmentation {
    pub scored: Vec<Scored>,
    pub summary: SegmentSummary,
    /// Indexes into `scored` of the results close on points, closest first: the candidates
    /// for within reach, checked from the first (`reach.rs`).
    reach_candidates: Vec<u32>,
    /// The candidates before they are put in order, with their keys: sorted on the first
    /// check into `reach_candidates`, not in the summary a slider move waits for.
    reach_pending: bool,
    reach_checked: usize,
    /// (effort, candidate rank) of the listed entries, in their order.
    reach_keys: Vec<(f64, usize)>,
    track_ids: Vec<Option<String>>,
    resolved: Resolved,
    options: SegmentOptions,
    /// The x and y categories and the track of the two-category view, as checked.
    axes: (usize, usize, usize),
    /// Each result's criterion points, `Program::max_criteria` per path and result (empty when
    /// there was no room): what `rescore.rs` scores again only in part.
    points: Vec<f64>,
    /// With alternative paths, each result's figures by each path (`paths.rs`); else empty.
    path_results: Vec<PathResult>,
    /// The tier minimums the results were placed with, per variant, and the results in order
    /// of total once a tier slider needed it (`retier.rs`); how many it placed again.
    minimums: Vec<Vec<Option<f64>>>,
    total_order: Option<order::TotalOrder>,
    placed_again: Option<usize>,
}

fn options_error(path: &str, message: String) -> Errors {
    Errors::new(ErrorKind::Options, vec![Issue::new(path, message)])
}

fn category_index(sc: &Program, id: Option<&str>, default: usize, path: &str) -> Result<usize, Errors> {
    match id {
        Some(id) => sc.categories().iter().position(|c| c.id == id).ok_or_else(|| {
            options_error(
                path,
                format!(
                    "unknown category \"{id}\"; use one of {}",
                    crate::program::profile::quoted(sc.categories().iter().map(|c| c.id.as_str()))
                ),
            )
        }),
        None => Ok(default.min(sc.categories().len().saturating_sub(1))),
    }
}

/// Scores every partner of `base` in every track it takes part in, and summarises.
pub fn segment(sc: &Program, base: &PartnerBase, options: &SegmentOptions) -> Result<Segmentation, Errors> {
    base.check_program(sc)?;
    let resolved = crate::eval::resolve(sc, &EvalOptions { as_of: options.as_of, track: None, region: None, lang: options.lang.clone() })?;
    if sc.categories().is_empty() {
        return Err(options_error("x", "this program has no categories to compare".into()));
    }
    let x = category_index(sc, options.x.as_deref(), 0, "x")?;
    let y = category_index(sc, options.y.as_deref(), 1, "y")?;
    // Listed partners each cost a plan search, in the export at least.
    for (path, found, most) in [
        ("reach_limit", options.reach_limit, MAX_LAB_LISTED),
        ("plan_limit", options.plan_limit, MAX_LAB_PLANS),
        ("expiry_days", options.expiry_days as usize, MAX_WINDOW_DAYS as usize),
    ] {
        if found > most {
            return Err(options_error(path, format!("at most {most}, not {found} (README, \"Limits\")")));
        }
    }
    for (path, v) in [("x_threshold", options.x_threshold), ("y_threshold", options.y_threshold), ("reach_percent", options.reach_percent)]
    {
        if !(0.0..=100.0).contains(&v) {
            return Err(options_error(path, format!("must be a percentage between 0 and 100, found {v}")));
        }
    }
    if !(0.0..=1e9).contains(&options.reach_effort) {
        return Err(options_error(
            "reach_effort",
            format!("must be an effort from 0 to 1,000,000,000, found {}", crate::text::format::fmt_num(options.reach_effort)),
        ));
    }
    let segment_track = match &options.track {
        None => 0,
        Some(id) => sc.tracks().iter().position(|t| t.id == *id).ok_or_else(|| {
            options_error(
                "track",
                format!(
                    "unknown track \"{id}\"; use one of {}",
                    crate::program::profile::quoted(sc.tracks().iter().map(|t| t.id.as_str()))
                ),
            )
        })?,
    };

    let as_of = options.as_of;
    let track_count = sc.track_count();
    let mut scored = Vec::with_capacity(base.profiles.len() * track_count.min(2));
    let mut scores = Scores::default();
    // Every path of a track and region is scored (one when the program has none); with
    // alternative paths each one's figures are kept for the partial scorings (`paths.rs`).
    let path_count = sc.paths().len().max(1);
    let stride = sc.max_criteria();
    let mut points: Vec<f64> = Vec::new();
    let mut path_results: Vec<PathResult> = Vec::new();
    // 8 bytes per criterion, path and result (32 per path and result with paths); without the
    // room, scoring goes on and edits score all.
    let wanted = scored.capacity().saturating_mul(path_count);
    let wanted_points = wanted.saturating_mul(stride);
    let mut keep_points = wanted_points <= crate::limits::MAX_KEPT_POINTS && points.try_reserve_exact(wanted_points).is_ok();
    if path_count > 1 {
        keep_points &= wanted.saturating_mul(4) <= crate::limits::MAX_KEPT_POINTS && path_results.try_reserve_exact(wanted).is_ok();
    }
    for (index, profile) in base.profiles.iter().enumerate() {
        let region = crate::eval::selected_region(profile, &resolved);
        let mut push = |track: usize| {
            let mut best = BestPath::default();
            // Never past the room reserved (partners in more than two tracks have more results).
            if keep_points && points.len() + stride * path_count > wanted_points {
                keep_points = false;
                (points, path_results) = (Vec::new(), Vec::new());
            }
            for path in 0..path_count {
                let variant = sc.variant(track, region, path);
                scores.fill(variant, profile, as_of);
                // Every tier's requirements (at most 64 tiers: bits of a u64), then the highest
                // tier whose minimum the total reaches too: what `tier_holds` checks, in two parts.
                let data_bits = requirement_bits(variant, profile, as_of, &scores, false);
                let result = PathResult::of(variant, profile, as_of, &scores, data_bits, (x, y));
                // Each criterion's points, kept for scoring again only the criteria an edit changes.
                if keep_points {
                    points.extend_from_slice(&scores.criteria);
                    points.resize(points.len() + stride - scores.criteria.len().min(stride), 0.0);
                    if path_count > 1 {
                        path_results.push(result);
                    }
                }
                best.weigh(path, result, variant);
            }
            let (path, result, earned) = best.chosen();
            let (tier, retention) = crate::eval::apply_retention(sc, profile, track, earned, as_of);
            let held = profile.current_tiers.iter().find(|h| h.track == track).map(|h| h.tier);
            let keeps = match held {
                Some(h) if earned.is_none_or(|e| e < h) => retention.is_some(),
                Some(_) => crate::eval::apply_retention(sc, profile, track, None, as_of).1.is_some(),
                None => false,
            };
            let next = earned.map_or(0, |e| e + 1);
            scored.push(Scored {
                partner: index as u32,
                track: track as u16,
                total: result.total,
                tier: tier.map(|t| t as u16),
                earned: earned.map(|t| t as u16),
                retained: retention.is_some(),
                next: sc.variant(track, region, path).tiers.get(next).map(|_| next as u16),
                x: result.x,
                y: result.y,
                requirements: result.requirements,
                data_bits: result.data_bits,
                region: region.map_or(u16::MAX, |r| r as u16),
                held: held.map_or(u16::MAX, |h| h as u16),
                path: path as u16,
                keeps,
            });
        };
        match &profile.tracks {
            Some(tracks) if !tracks.is_empty() => tracks.iter().for_each(|&t| push(t)),
            _ => (0..track_count).for_each(&mut push),
        }
    }

    let kept_results = if path_count > 1 { scored.len() * path_count } else { 0 };
    if !keep_points || points.len() != scored.len() * stride * path_count || path_results.len() != kept_results {
        (points, path_results) = (Vec::new(), Vec::new());
    }
    let mut seg = summarise(sc, base, options, scored, Checked { resolved, x, y, segment_track, place_again: false });
    seg.points = points;
    seg.path_results = path_results;
    Ok(seg)
}

/// What `segment` worked out from the options before scoring: the resolved date and
/// language, the two axis categories and the track of the two-category view.
pub(crate) struct Checked {
    pub(crate) resolved: Resolved,
    pub(crate) x: usize,
    pub(crate) y: usize,
    pub(crate) segment_track: usize,
    /// Whether each result is to be placed in its tiers again first (`retier.rs`): in the
    /// summary's pass over the results rather than a pass of its own (each reads megabytes).
    pub(crate) place_again: bool,
}

/// Everything a segmentation says about the scored results: tiers per track and region,
/// movement, quadrants, the candidates within reach (the first `plan_limit` checked),
/// expiring certifications and row errors.
pub(crate) fn summarise(
    sc: &Program,
    base: &PartnerBase,
    options: &SegmentOptions,
    mut scored: Vec<Scored>,
    checked: Checked,
) -> Segmentation {
    let Checked { resolved, x, y, segment_track, place_again } = checked;
    let lang = options.lang.as_deref();
    let as_of = options.as_of;
    let tier_count = sc.tier_ids().len();
    let track_count = sc.track_count();
    // Distribution, movement and averages per track.
    let region_slots = sc.regions().len() + 1;
    let mut tracks: Vec<TrackSummary> = (0..track_count)
        .map(|t| TrackSummary {
            track: sc.tracks().get(t).map(|v| v.id.clone()),
            label: sc.tracks().get(t).map(|v| v.label.get(lang).to_string()),
            counts: TierCounts::new(tier_count),
            regions: (0..region_slots)
                .map(|r| RegionCounts {
                    region: sc.regions().get(r).map(|v| v.id.clone()),
                    label: sc.regions().get(r).map_or_else(|| "No region".to_string(), |v| v.label.get(lang).to_string()),
                    counts: TierCounts::new(tier_count),
                })
                .collect(),
            movement: Movement::default(),
            average_score: 0.0,
        })
        .collect();
    let anniversary = matches!(sc.retention(), Some(Retention::UntilAnniversary(_)));
    let mut quadrants = [0usize; 4];
    // Close on points: counted here; listed and sorted on the first check (reach.rs).
    let mut candidates = 0;
    for s in &mut scored {
        if place_again {
            let region = (s.region != u16::MAX).then_some(usize::from(s.region));
            s.place_again(sc.variant(usize::from(s.track), region, usize::from(s.path)));
        }
        let s = &*s;
        let next_min = s.next_min(sc);
        candidates += usize::from(reach_key(s.deficit_below(next_min), next_min, options.reach_percent).is_some());
        let summary = &mut tracks[s.track as usize];
        summary.counts.add(s.tier);
        let region = if s.region == u16::MAX { sc.regions().len() } else { usize::from(s.region) };
        summary.regions[region].counts.add(s.tier);
        summary.average_score += s.total;
        *summary.movement.of(s, anniversary) += 1;
        if s.track as usize == segment_track {
            let high_x = f64::from(s.x) + TOLERANCE >= options.x_threshold;
            let high_y = f64::from(s.y) + TOLERANCE >= options.y_threshold;
            quadrants[match (high_x, high_y) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => 3,
            }] += 1;
        }
    }
    for t in &mut tracks {
        if t.counts.partners > 0 {
            t.average_score /= t.counts.partners as f64;
        }
        // Partners without a region are listed only when there are some, or when the program has no regions.
        let no_region = t.regions.len() - 1;
        if t.regions[no_region].counts.partners == 0 && no_region > 0 {
            t.regions.pop();
        }
    }
    let category = |c: usize| sc.categories()[c].label.get(lang).to_string();
    let segments = Segments {
        track: sc.tracks().get(segment_track).map(|t| t.id.clone()),
        x: Axis { category: sc.categories()[x].id.clone(), label: category(x), threshold: options.x_threshold },
        y: Axis { category: sc.categories()[y].id.clone(), label: category(y), threshold: options.y_threshold },
        high_high: quadrants[0],
        high_low: quadrants[1],
        low_high: quadrants[2],
        low_low: quadrants[3],
    };

    let mut seg = Segmentation {
        summary: SegmentSummary {
            as_of,
            counts: BatchCounts { results: scored.len(), ..base.counts },
            tiers: sc
                .tier_ids()
                .iter()
                .enumerate()
                .map(|(i, id)| Label { id: id.clone(), label: sc.variants[0].tiers[i].label.get(lang).to_string() })
                .collect(),
            tracks,
            segments,
            within_reach: ReachListing::unchecked(candidates, options),
            expiring: base.expiring_soon(sc, options),
            errors: Listing { total: base.errors.len(), shown: base.errors.iter().take(options.error_limit).cloned().collect() },
            versus_baseline: None,
        },
        scored,
        reach_candidates: Vec::new(),
        reach_pending: candidates > 0,
        reach_checked: 0,
        reach_keys: Vec::new(),
        track_ids: (0..track_count).map(|t| sc.tracks().get(t).map(|v| v.id.clone())).collect(),
        resolved,
        options: options.clone(),
        axes: (x, y, segment_track),
        points: Vec::new(),
        path_results: Vec::new(),
        minimums: order::tier_minimums(sc),
        total_order: None,
        placed_again: None,
    };
    seg.check_reach(sc, base, options.plan_limit);
    seg
}

impl Segmentation {
    /// The language the summary's labels are in.
    pub fn summary_lang(&self) -> Option<&str> {
        self.options.lang.as_deref()
    }

    /// The data row of the partner whose point in the two-category view lies nearest to
    /// (`x`, `y`) (shares in percent), if one lies within `within` points; the first in file
    /// order among equally near ones. For a click on the scatter plot.
    pub fn nearest(&self, sc: &Program, base: &PartnerBase, x: f32, y: f32, within: f32) -> Option<usize> {
        let track = self.summary.segments.track.as_deref().and_then(|id| sc.tracks().iter().position(|t| t.id == id)).unwrap_or(0);
        let mut best: Option<(f32, u32)> = None;
        for s in self.scored.iter().filter(|s| s.track as usize == track) {
            let d = (s.x - x).powi(2) + (s.y - y).powi(2);
            if d <= within * within && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, s.partner));
            }
        }
        best.map(|(_, partner)| base.places[partner as usize].0 as usize)
    }

    /// The two-category view as a 100 × 100 grid, one cell per percent of each axis (x
    /// major: cell `x * 100 + y`), with the number of partners of each tier rank in it
    /// (rank 0 unranked, 1 the lowest tier): `cells × (tiers + 1)` counts. For plotting a
    /// large base as density without sending every point across.
    pub fn density(&self, sc: &Program) -> Vec<u32> {
        let track = self.summary.segments.track.as_deref().and_then(|id| sc.tracks().iter().position(|t| t.id == id)).unwrap_or(0);
        let ranks = sc.tier_ids().len() + 1;
        let mut cells = vec![0u32; 10_000 * ranks];
        let bucket = |share: f32| if share.is_finite() { (share.max(0.0) as usize).min(99) } else { 0 };
        for s in self.scored.iter().filter(|s| s.track as usize == track) {
            let rank = s.tier.map_or(0, |t| usize::from(t) + 1);
            if let Some(count) = cells.get_mut((bucket(s.x) * 100 + bucket(s.y)) * ranks + rank) {
                *count += 1;
            }
        }
        cells
    }

    /// x, y (category shares in percent) and tier rank (0 unranked, 1 the lowest tier) of
    /// every partner in the two-category view's track, one triple after another.
    pub fn points(&self, sc: &Program) -> Vec<f32> {
        let track = self.summary.segments.track.as_deref().and_then(|id| sc.tracks().iter().position(|t| t.id == id)).unwrap_or(0);
        let mut out = Vec::with_capacity(self.scored.len() * 3);
        for s in self.scored.iter().filter(|s| s.track as usize == track) {
            out.extend([s.x, s.y, s.tier.map_or(0.0, |t| f32::from(t) + 1.0)]);
        }
        out
    }
}

/// Results as CSV (partner, region, track, score, tier held, tier earned, next tier, points
/// missing for it, plan): one line per partner and track, in file order, with the least-effort
/// plan of every partner listed within reach of its next tier (the closest
/// [`SegmentOptions::reach_limit`]; a plan for every partner would take minutes for a large base).
/// `plan_texts`, when given, are those plans (or why there is none) as the page writes them in
/// its language, in the order of `within_reach.shown`; the others are the engine's English.
pub fn export_csv(sc: &Program, base: &PartnerBase, seg: &Segmentation, plan_texts: &[String]) -> String {
    let mut plans: Vec<Option<u32>> = vec![None; seg.scored.len()];
    for (listed, &(_, rank)) in seg.reach_keys.iter().enumerate() {
        plans[seg.reach_candidates[rank] as usize] = Some(listed as u32);
    }
    let mut out = String::with_capacity(seg.scored.len() * 48);
    out.push_str("partner,region,track,score,tier,earned_tier,next_tier,deficit,plan\r\n");
    let tier_id = |t: Option<u16>| t.map_or("", |t| sc.tier_ids()[t as usize].as_str());
    for (i, s) in seg.scored.iter().enumerate() {
        let profile = &base.profiles[s.partner as usize];
        let region = crate::eval::selected_region(profile, &seg.resolved).map_or("", |r| sc.regions()[r].id.as_str());
        for cell in [profile.partner.as_deref().unwrap_or(""), region, seg.track_ids[s.track as usize].as_deref().unwrap_or("")] {
            push_cell(&mut out, cell);
            out.push(',');
        }
        let _ = write!(out, "{},", plain_number(s.total));
        for t in [s.tier, s.earned, s.next] {
            push_cell(&mut out, tier_id(t));
            out.push(',');
        }
        if let Some(d) = s.deficit(sc) {
            out.push_str(&plain_number(d));
        }
        out.push(',');
        if let Some(rank) = plans[i] {
            let entry = &seg.summary.within_reach.shown[rank as usize];
            match (&entry.plan, &entry.blocked) {
                _ if plan_texts.len() > rank as usize => push_cell(&mut out, &plan_texts[rank as usize]),
                (Some(plan), _) => push_cell(&mut out, plan),
                (None, Some(blocked)) => push_cell(&mut out, &format!("no plan: {blocked}")),
                _ => {}
            }
        }
        out.push_str("\r\n");
    }
    out
}

/// A tuned program against the program as opened, its baseline (issue 16): tier counts before
/// and after per track, who is promoted and demoted, and every number field summed over the
/// partners of each tier before and after. Both scorings list the same partners and tracks in
/// the same order (`Lab.setProgram` refuses a program of another shape), so they are compared
/// result by result.
///
/// `after` (the program now) against `before` (the baseline), for the same partner base.
pub fn compare(program: &Program, base: &PartnerBase, before: &[Scored], after: &[Scored], lang: Option<&str>) -> Comparison {
    compare_with(program, base, before, after, lang, &mut None)
}

/// [`compare`], with the sums of the number fields per tier of `before` kept in `before_sums`
/// between calls for the same `before` (the lab's baseline): a slider move then adds only the
/// results whose tier changed, not every partner's every number field (5 ms of 100,000).
pub fn compare_with(
    program: &Program,
    base: &PartnerBase,
    before: &[Scored],
    after: &[Scored],
    lang: Option<&str>,
    before_sums: &mut Option<Vec<Vec<f64>>>,
) -> Comparison {
    let tiers = program.tier_ids().len();
    let slot = |tier: Option<u16>| tier.map_or(tiers, usize::from);
    let track_count = program.track_count();
    let mut tracks: Vec<TrackComparison> = (0..track_count)
        .map(|t| TrackComparison {
            track: program.tracks().get(t).map(|x| x.id.clone()),
            label: program.tracks().get(t).map(|x| x.label.get(lang).to_string()),
            before: vec![0; tiers + 1],
            after: vec![0; tiers + 1],
        })
        .collect();
    let tier_label = |tier: Option<u16>| tier.map(|t| program.variant(0, None, 0).tiers[usize::from(t)].label.get(lang).to_string());
    let columns = base.number_columns(program);
    let mut sums: Vec<FieldSums> = columns
        .iter()
        .map(|&(f, _)| FieldSums {
            field: program.fields()[f].id.clone(),
            label: program.fields()[f].label.get(lang).to_string(),
            before: vec![0.0; tiers + 1],
            after: vec![0.0; tiers + 1],
        })
        .collect();
    let (mut promoted, mut demoted) = (0, 0);
    let mut moved = Listing { total: 0, shown: Vec::new() };
    // The first track's results whose tier changed, for the sums below: one pass over the
    // results, not one per number field (each pass reads megabytes).
    let mut changed: Vec<(u32, usize, usize)> = Vec::new();
    for (b, a) in before.iter().zip(after) {
        let track = usize::from(a.track);
        if let Some(t) = tracks.get_mut(track) {
            t.before[slot(b.tier)] += 1;
            t.after[slot(a.tier)] += 1;
        }
        // Unranked counts as below every tier.
        let rank = |t: Option<u16>| t.map_or(0, |t| usize::from(t) + 1);
        if rank(a.tier) != rank(b.tier) {
            if track == 0 {
                changed.push((a.partner, slot(b.tier), slot(a.tier)));
            }
            if rank(a.tier) > rank(b.tier) {
                promoted += 1;
            } else {
                demoted += 1;
            }
            moved.total += 1;
            if moved.shown.len() < MOVED_LISTED {
                let (row, line) = base.places[a.partner as usize];
                moved.shown.push(Moved {
                    partner: base.profiles[a.partner as usize].partner.clone(),
                    row: row as usize,
                    line: line as usize,
                    track: program.tracks().get(track).map(|x| x.id.clone()),
                    from: tier_label(b.tier),
                    to: tier_label(a.tier),
                    partner_index: a.partner as usize,
                    to_rank: rank(a.tier),
                });
            }
        }
    }
    // Field by field over its column, the first track's results: the baseline's sums once,
    // then each sum now is the baseline's moved by the results whose tier changed.
    let kept = before_sums.get_or_insert_with(|| {
        columns
            .iter()
            .map(|(_, column)| {
                let mut per_tier = vec![0.0; tiers + 1];
                for b in before.iter().filter(|b| b.track == 0) {
                    let n = column.get(b.partner as usize).copied().unwrap_or(f64::NAN);
                    if !n.is_nan() {
                        per_tier[slot(b.tier)] += n;
                    }
                }
                per_tier
            })
            .collect()
    });
    for ((sum, (_, column)), baseline) in sums.iter_mut().zip(columns).zip(kept.iter()) {
        sum.before.clone_from(baseline);
        sum.after.clone_from(baseline);
        for &(partner, from, to) in &changed {
            let n = column.get(partner as usize).copied().unwrap_or(f64::NAN);
            if !n.is_nan() {
                sum.after[from] -= n;
                sum.after[to] += n;
            }
        }
    }
    Comparison { tracks, promoted, demoted, moved, sums }
}

// Bases from profiles read elsewhere (the command line's JSON lines). Declared last: a line
// added above would move the panic locations the wasm modules carry, and so their bytes.
mod base;
