//! `summary PROGRAM PARTNERS`: the lab's summary of a partner base (`analysis::segment`):
//! tiers per track and region, movement against the tiers held, the two-category view, the
//! partners within reach of their next tier (every candidate checked) and expiring
//! certifications.
//!
//! A base of any size: it is read in parts, each part segmented on its own on every core
//! (`segment`, then `check_reach` until complete), and the parts' summaries merged in input
//! order into the one the lab gives for the whole file: counts are added; the average score
//! is the running sum of the totals in the order the lab adds them; the listings (within reach,
//! expiring, bad rows) are each part's first ones, merged by the order the lab lists them in
//! (cheapest plan, then closest on points, then file order; soonest, then file order; file
//! order), which is exact because every part lists at least the first of its own.

use crate::args::SummaryArgs;
use crate::input::{Kind, Part, PartnerInput};
use crate::progress::Progress;
use crate::{Failure, Outcome, Run};
use partner_scorecard::analysis::batch::{BatchCounts, RowError};
use partner_scorecard::analysis::segment::{segment, ExpiringEntry, PartnerBase, ReachEntry, RegionCounts, SegmentOptions, SegmentSummary};
use partner_scorecard::Program;
use std::io::Write;

/// Input bytes per part: about 25,000 partners of the shipped programs, far below the lab's
/// limits for one base, and few enough parts that merging them costs nothing.
const PART_BYTES: usize = 8 << 20;

/// Candidates checked for a plan per call (all are checked).
const CHECK_STEP: usize = 1000;

/// One part's summary, with what merging needs beyond it.
struct PartSummary {
    summary: SegmentSummary,
    /// Each result's track and total, in the order the lab adds them up for the average (a
    /// part's sum added to the others' would round differently).
    totals: Vec<(u16, f64)>,
    /// Each listed partner within reach with its place in the part's results (the lab's
    /// order among equally close candidates).
    reach_order: Vec<usize>,
    end: u64,
}

pub fn options_of(a: &SummaryArgs) -> SegmentOptions {
    let mut o = SegmentOptions::on(a.as_of.unwrap_or_else(crate::today));
    o.lang = a.lang.clone();
    (o.x, o.y, o.track) = (a.x.clone(), a.y.clone(), a.view_track.clone());
    (o.reach_percent, o.reach_effort, o.expiry_days) = (a.reach_percent, a.reach_effort, a.expiry_days);
    (o.reach_limit, o.expiry_limit, o.error_limit) = (a.limit, a.limit, a.limit);
    o
}

pub fn run(a: &SummaryArgs) -> Run {
    let (_, scorecard) = crate::read_program(&a.program)?;
    let program = scorecard.program();
    let options = options_of(a);
    // The options are checked once, on an empty base, before anything is read.
    let empty = PartnerBase::from_profiles(program, Vec::new(), Vec::new(), BatchCounts::default());
    segment(program, &empty, &options).map_err(|e| Failure(e.to_string()))?;
    let mut input = PartnerInput::open(&scorecard, &a.input)?;
    let context = Context {
        program,
        options: &options,
        csv: input.options.clone(),
        kind: input.kind,
        data_line: input.data_line,
        sheet: input.sheet.take(),
    };
    let jobs = crate::pipeline::jobs(a.input.jobs);
    let mut progress = Progress::new(a.input.quiet, input.size);
    let mut merged = Merged::default();
    crate::pipeline::run(
        jobs,
        jobs + 1,
        || input.next_part(a.input.part_bytes.unwrap_or(PART_BYTES)),
        |part| summarise_part(&context, part),
        |part| {
            let part = part?;
            progress.update(merged.rows() + part.summary.counts.rows, part.end);
            merged.add(program, &options, part);
            Ok(())
        },
    )?;
    progress.finish();
    let summary = merged.finish(program, &options, &empty)?;
    let text = if a.json {
        partner_scorecard::text::json_write::to_string(&summary)? + "\n"
    } else {
        crate::summary_text::text(program, &summary)
    };
    let mut out = crate::output::open_output(a.output.as_deref())?;
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(|e| Failure(format!("writing the summary: {e}")))?;
    Ok(if summary.counts.skipped > 0 { Outcome::Skipped } else { Outcome::Ok })
}

struct Context<'a> {
    program: &'a Program,
    options: &'a SegmentOptions,
    csv: partner_scorecard::analysis::batch::CsvOptions,
    kind: Kind,
    data_line: usize,
    sheet: Option<crate::input::SheetPlaces>,
}

/// Reads one part into a base, segments it with every candidate within reach checked, and
/// numbers its rows and lines as the whole file's.
fn summarise_part(cx: &Context, part: Part) -> Result<PartSummary, Failure> {
    let program = cx.program;
    let base = match (&part.too_long, cx.kind) {
        (Some(error), _) => {
            let counts = BatchCounts { rows: 1, evaluated: 0, skipped: 1, results: 0 };
            PartnerBase::from_profiles(program, Vec::new(), vec![error.clone()], counts)
        }
        (None, Kind::Csv) => {
            let mut base = PartnerBase::from_csv_with(program, &part.text, &cx.csv).map_err(|e| Failure(RowError::summary(&e)))?;
            if let Some(sheet) = &cx.sheet {
                // The part's records in the sheet: the header, then its own rows.
                let mut rows = vec![sheet.rows[0]];
                rows.extend(sheet.rows.iter().skip(part.first_row + 1).take(base.counts().rows));
                base.locate_in_sheet(&rows, sheet.first_col);
            }
            base
        }
        (None, Kind::JsonLines) => json_lines_base(program, &part),
    };
    let mut seg = segment(program, &base, cx.options).map_err(|e| Failure(e.to_string()))?;
    while !seg.check_reach(program, &base, CHECK_STEP) {}
    let totals = seg.scored.iter().map(|s| (s.track, s.total)).collect();
    // Where each listed partner is among the part's results: (row, track) -> index.
    let track_index = |id: &Option<String>| program.tracks().iter().position(|t| Some(&t.id) == id.as_ref()).unwrap_or(0);
    let reach_order = seg
        .summary
        .within_reach
        .shown
        .iter()
        .map(|e| {
            let track = track_index(&e.track);
            seg.scored
                .iter()
                .position(|s| usize::from(s.track) == track && base.place(s.partner as usize).map(|p| p.0) == Some(e.row))
                .unwrap_or(0)
        })
        .collect();
    let mut summary = seg.summary;
    // Rows and lines of the whole file (a sheet's lines are its row numbers already).
    let data_line = if cx.kind == Kind::JsonLines { 1 } else { cx.data_line };
    let line_of = |line: usize| if cx.sheet.is_some() || part.too_long.is_some() { line } else { line - data_line + part.first_line };
    let first_row = if part.too_long.is_some() { 0 } else { part.first_row };
    for e in &mut summary.within_reach.shown {
        (e.row, e.line) = (e.row + first_row, line_of(e.line));
    }
    for e in &mut summary.expiring.shown {
        (e.row, e.line) = (e.row + first_row, line_of(e.line));
    }
    for e in &mut summary.errors.shown {
        e.row = e.row.map(|r| r + first_row);
        if e.cell.is_none() {
            e.line = e.line.map(line_of);
        }
    }
    Ok(PartSummary { summary, totals, reach_order, end: part.end })
}

/// A part of JSON lines as a base: each line's profile, or its problems as a bad row.
fn json_lines_base(program: &Program, part: &Part) -> PartnerBase {
    let (mut rows, mut errors, mut counts) = (Vec::new(), Vec::new(), BatchCounts::default());
    // Rows and lines of the part (from 1, as a part's CSV text numbers its data lines from
    // `data_line`, 1 here): the caller numbers them as the file's.
    let (mut row, mut line) = (0, 1);
    for text in part.text.split('\n') {
        let text = text.strip_suffix('\r').unwrap_or(text);
        if !text.bytes().all(|b| b.is_ascii_whitespace()) {
            counts.rows += 1;
            match program.profile_from_json(text) {
                Ok(profile) => {
                    counts.evaluated += 1;
                    rows.push((row, line, profile));
                }
                Err(e) => {
                    counts.skipped += 1;
                    errors.extend(e.issues.into_iter().map(|issue| crate::score::line_error(text, row, line, issue)));
                }
            }
            row += 1;
        }
        line += 1;
    }
    PartnerBase::from_profiles(program, rows, errors, counts)
}

/// The summary so far, part by part.
#[derive(Default)]
struct Merged {
    summary: Option<SegmentSummary>,
    sums: Vec<f64>,
    /// Within reach: each listed entry with its key in the lab's order (effort, closeness,
    /// part, place in the part's results).
    reach: Vec<((f64, u64, usize, usize), ReachEntry)>,
    expiring: Vec<ExpiringEntry>,
    parts: usize,
}

impl Merged {
    fn rows(&self) -> usize {
        self.summary.as_ref().map_or(0, |s| s.counts.rows)
    }

    fn add(&mut self, program: &Program, options: &SegmentOptions, part: PartSummary) {
        let PartSummary { summary: mut s, totals, reach_order, .. } = part;
        let index = self.parts;
        self.parts += 1;
        for (entry, order) in std::mem::take(&mut s.within_reach.shown).into_iter().zip(reach_order) {
            let closeness = if entry.next_min_score > 0.0 { (entry.deficit / entry.next_min_score).max(0.0).to_bits() } else { 0 };
            self.reach.push(((entry.effort.unwrap_or(f64::INFINITY), closeness, index, order), entry));
        }
        self.reach.sort_by(|a, b| a.0 .0.total_cmp(&b.0 .0).then(a.0 .1.cmp(&b.0 .1)).then(a.0 .2.cmp(&b.0 .2)).then(a.0 .3.cmp(&b.0 .3)));
        self.reach.truncate(options.reach_limit);
        // Stable: the soonest first, and among equally soon ones the earlier part's first.
        self.expiring.append(&mut s.expiring.shown);
        self.expiring.sort_by_key(|e| e.days_left);
        self.expiring.truncate(options.expiry_limit);
        if self.sums.is_empty() {
            self.sums = vec![0.0; program.tracks().len().max(1)];
        }
        for (track, total) in totals {
            self.sums[usize::from(track)] += total;
        }
        let Some(m) = &mut self.summary else {
            self.summary = Some(with_every_region(program, s));
            return;
        };
        let c = &mut m.counts;
        (c.rows, c.evaluated, c.skipped, c.results) =
            (c.rows + s.counts.rows, c.evaluated + s.counts.evaluated, c.skipped + s.counts.skipped, c.results + s.counts.results);
        for (mt, pt) in m.tracks.iter_mut().zip(&s.tracks) {
            add_counts(&mut mt.counts, &pt.counts);
            for pr in &pt.regions {
                if let Some(mr) = mt.regions.iter_mut().find(|r| r.region == pr.region) {
                    add_counts(&mut mr.counts, &pr.counts);
                }
            }
            let (a, b) = (&mut mt.movement, &pt.movement);
            a.promoted += b.promoted;
            a.demoted += b.demoted;
            a.unchanged += b.unchanged;
            a.held_grace += b.held_grace;
            a.held_anniversary += b.held_anniversary;
            a.new += b.new;
            a.unranked += b.unranked;
        }
        let (a, b) = (&mut m.segments, &s.segments);
        (a.high_high, a.high_low, a.low_high, a.low_low) =
            (a.high_high + b.high_high, a.high_low + b.high_low, a.low_high + b.low_high, a.low_low + b.low_low);
        let (a, b) = (&mut m.within_reach, &s.within_reach);
        (a.total, a.candidates, a.checked, a.complete) =
            (a.total + b.total, a.candidates + b.candidates, a.checked + b.checked, a.complete && b.complete);
        m.expiring.total += s.expiring.total;
        m.errors.total += s.errors.total;
        let room = options.error_limit.saturating_sub(m.errors.shown.len());
        m.errors.shown.extend(s.errors.shown.into_iter().take(room));
    }

    /// The merged summary; for an input without rows, the summary of an empty base.
    fn finish(self, program: &Program, options: &SegmentOptions, empty: &PartnerBase) -> Result<SegmentSummary, Failure> {
        let Some(mut m) = self.summary else {
            return Ok(segment(program, empty, options).map_err(|e| Failure(e.to_string()))?.summary);
        };
        for (t, sum) in m.tracks.iter_mut().zip(&self.sums) {
            t.average_score = if t.counts.partners > 0 { sum / t.counts.partners as f64 } else { 0.0 };
            // Partners without a region are listed only when there are some, or when the
            // program has no regions (as the lab lists them).
            if t.regions.len() > 1 && t.regions.last().is_some_and(|r| r.region.is_none() && r.counts.partners == 0) {
                t.regions.pop();
            }
        }
        m.within_reach.shown = self.reach.into_iter().map(|(_, e)| e).collect();
        m.expiring.shown = self.expiring;
        Ok(m)
    }
}

/// A part's summary as the start of the merged one: every region listed, with partners
/// without a region last (a part without any has no such entry; a later part may).
fn with_every_region(program: &Program, mut s: SegmentSummary) -> SegmentSummary {
    for t in &mut s.tracks {
        if t.regions.last().is_none_or(|r| r.region.is_some()) {
            let tiers = program.tier_ids().len();
            let counts = partner_scorecard::analysis::segment::TierCounts { tiers: vec![0; tiers], unranked: 0, partners: 0 };
            t.regions.push(RegionCounts { region: None, label: "No region".into(), counts });
        }
    }
    s
}

fn add_counts(a: &mut partner_scorecard::analysis::segment::TierCounts, b: &partner_scorecard::analysis::segment::TierCounts) {
    for (x, y) in a.tiers.iter_mut().zip(&b.tiers) {
        *x += y;
    }
    a.unranked += b.unranked;
    a.partners += b.partners;
}
