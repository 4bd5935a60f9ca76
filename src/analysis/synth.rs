//! Synthetic partner bases for demos, tests and benchmarks: CSV text in the batch format
//! (see `batch`) for any program, of any size, the same text for the same seed.
//!
//! Each partner gets a hidden "maturity" between 0 and 1; every field is drawn around it with
//! its own noise, so fields correlate the way they do in a real channel (big partners have more
//! engineers, more certifications and more revenue) and the partners spread over the tiers.
//! Ranges come from the program itself: number fields around the targets, caps, band
//! minimums and requirement thresholds that score them; choices ordered by the points they
//! earn; certifications of the program's kinds, earned over the last three years and valid
//! for two, so some have expired and some expire soon. The tier each partner holds today
//! (`@tier`) is the tier it earns, moved one step up or down for about a third of them, with
//! `@short_since` dates, so that promotions, demotions and retention all occur.

use crate::analysis::batch::push_csv_cell;
use crate::eval::{EvalOptions, TrackScore};
use crate::limits::{MAX_SYNTH_BYTES, MAX_SYNTH_CERTIFICATIONS, MAX_SYNTH_ROWS};
use crate::program::model::{Condition, FieldKind, Requirement, Rule, Scalar};
use crate::program::profile::{Certification, FieldValue, HeldTier, Profile};
use crate::program::Program;
use crate::text::date::Date;
use crate::text::error::Errors;
use crate::text::options::{OptionsReader, Today};
use std::fmt::Write as _;

#[derive(Debug, Clone, PartialEq)]
pub struct SynthOptions {
    pub rows: usize,
    pub seed: u64,
    /// The day the base describes: certification and tier dates fall around it.
    pub as_of: Date,
    /// Written as an Excel workbook (.xlsx, one sheet "Partners") rather than CSV text.
    pub workbook: bool,
}

impl SynthOptions {
    /// The keys an options object for `generatePartners` may have.
    pub const KEYS: &'static [&'static str] = &["rows", "seed", "as_of", "format"];

    /// Options from JSON text (`null` is none): 1,000 rows, seed 1 and `today` by default.
    pub fn from_json(text: &str, today: Today) -> Result<SynthOptions, Errors> {
        let mut o = OptionsReader::from_json(text, SynthOptions::KEYS)?;
        let options = SynthOptions {
            rows: o.count("rows").map_or(1000, |n| n as usize),
            seed: o.count("seed").map_or(1, u64::from),
            as_of: o.date("as_of", today),
            workbook: false,
        };
        let mut options = options;
        if let Some(format) = o.string("format") {
            match format.as_str() {
                "csv" => {}
                "xlsx" => options.workbook = true,
                _ => o.error_i18n(
                    "format",
                    format!("\"{format}\" is not a format of partner files; use \"csv\" or \"xlsx\""),
                    crate::text::message::Message::new("synth.bad_format").text("text", format.as_str()),
                ),
            }
        }
        o.finish()?;
        Ok(options)
    }
}

/// CSV text (as [`generate`] writes it) as the rows of cells of a workbook's sheet.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = crate::text::csv::CsvReader::new(text);
    let mut rows = Vec::new();
    while let Some((_, record)) = reader.next() {
        if record.is_ok() {
            rows.push((0..reader.cells()).map(|i| reader.cell(i).to_string()).collect());
        }
    }
    rows
}

/// SplitMix64: small, fast and good enough for synthetic data; no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.unit() * n as f64) as usize % n
        }
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Roughly normal noise with mean 0 and standard deviation about `sd`.
    fn noise(&mut self, sd: f64) -> f64 {
        (self.unit() + self.unit() + self.unit() - 1.5) * 2.0 * sd
    }
}

/// How to draw one field, read from the rules and requirements that use it.
#[derive(Debug, Clone)]
enum Draw {
    Number {
        low: f64,
        high: f64,
        min: Option<f64>,
        max: Option<f64>,
        integer: bool,
    },
    Boolean {
        base: f64,
        spread: f64,
    },
    /// Option indexes from the fewest points to the most.
    Choice {
        order: Vec<usize>,
    },
    Multi {
        options: usize,
    },
    Date,
    Certs {
        kinds: Vec<String>,
        most: f64,
    },
}

const PREFIXES: &[&str] = &[
    "Alder", "Bright", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iron", "Juniper", "Kestrel", "Lumen", "Meridian",
    "North", "Orbit", "Pioneer", "Quartz", "River", "Summit", "Tidal", "Union", "Vertex", "Willow", "Zenith",
];
const SUFFIXES: &[&str] =
    &["Systems", "Networks", "Data", "Cloud", "Solutions", "IT", "Digital", "Consulting", "Technologies", "Partners", "Labs", "Group"];
const HOLDERS: &[&str] = &["A. Jones", "B. Okafor", "C. Müller", "D. Rossi", "E. Tanaka", "F. Silva", "G. Novak", "H. Kim", "I. Dubois"];

fn plans(sc: &Program) -> Vec<Draw> {
    let n = sc.fields.len();
    // Highest meaningful value per number field, and the start of linear scales.
    let mut high = vec![0.0f64; n];
    let mut low: Vec<Option<f64>> = vec![None; n];
    let mut must_be_true = vec![false; n];
    let mut option_points: Vec<Vec<f64>> = sc.fields.iter().map(|f| vec![0.0; f.options().len()]).collect();
    let mut certs_needed = vec![0.0f64; n];
    // Thresholds of requirements on fields no criterion scores (years in business): typical
    // values lie well past them.
    let mut required = vec![0.0f64; n];
    for variant in &sc.variants {
        for c in &variant.criteria {
            let f = c.field;
            match &c.rule {
                Rule::Linear { from, target, .. } => {
                    high[f] = high[f].max(*target);
                    low[f] = Some(low[f].map_or(*from, |l: f64| l.min(*from)));
                }
                Rule::PerUnit { per, cap } if *per > 0.0 => high[f] = high[f].max(cap / per),
                Rule::Bands { bands } => high[f] = high[f].max(bands.last().map_or(0.0, |b| b.0)),
                Rule::Log { target, .. } => high[f] = high[f].max(*target),
                Rule::Options { points, .. } => {
                    for (slot, p) in option_points[f].iter_mut().zip(points) {
                        *slot += p;
                    }
                }
                Rule::Certifications { per, cap, .. } if *per > 0.0 => certs_needed[f] = certs_needed[f].max(cap / per),
                _ => {}
            }
        }
        for tier in &variant.tiers {
            for r in &tier.requires {
                match &r.requirement {
                    Requirement::Field { field, condition: Condition::AtLeast(Scalar::Number(x)) } => {
                        required[*field] = required[*field].max(*x)
                    }
                    Requirement::Field { field, condition: Condition::Equals(Scalar::Bool(true)) } => must_be_true[*field] = true,
                    Requirement::Certifications { field, min, .. } => certs_needed[*field] = certs_needed[*field].max(f64::from(*min)),
                    _ => {}
                }
            }
        }
    }
    sc.fields
        .iter()
        .enumerate()
        .map(|(i, field)| match &field.kind {
            FieldKind::Number { min, max, integer, .. } => {
                let mut hi = if high[i] > 0.0 {
                    high[i].max(required[i])
                } else if required[i] > 0.0 {
                    required[i] * 3.0
                } else {
                    max.unwrap_or(100.0).min(100.0)
                };
                if let Some(m) = max {
                    hi = hi.min(*m);
                }
                // Linear scales start at `from`; fields that may go negative (growth) dip below zero.
                let lo = match (low[i], min) {
                    (Some(from), _) => from - (hi - from) * 0.4,
                    (None, Some(m)) if *m < 0.0 => -0.4 * hi,
                    _ => 0.0,
                };
                Draw::Number { low: lo, high: hi, min: *min, max: *max, integer: *integer }
            }
            FieldKind::Boolean if must_be_true[i] => Draw::Boolean { base: 0.8, spread: 0.2 },
            FieldKind::Boolean => Draw::Boolean { base: 0.15, spread: 0.75 },
            FieldKind::Choice { options } => {
                let mut order: Vec<usize> = (0..options.len()).collect();
                crate::util::sort_by(&mut order, |a, b| option_points[i][*a].total_cmp(&option_points[i][*b]));
                Draw::Choice { order }
            }
            FieldKind::MultiChoice { options } => Draw::Multi { options: options.len() },
            FieldKind::Date => Draw::Date,
            FieldKind::Certifications { kinds } => Draw::Certs {
                kinds: kinds.iter().map(|k| k.label.get(None).replace([';', '|'], " ")).collect(),
                // A program may ask for millions (`per` 1e-9): synthetic partners hold few.
                most: if certs_needed[i] > 0.0 { certs_needed[i].min(MAX_SYNTH_CERTIFICATIONS) } else { 4.0 },
            },
        })
        .collect()
}

/// Writes a number the way the CSV reader takes it back: integers without decimals, others
/// rounded to two.
fn number(out: &mut String, n: f64, integer: bool) {
    if integer || n.fract() == 0.0 {
        let _ = write!(out, "{}", n.round() as i64);
    } else {
        // Hundredths as integers: core's float formatting would add kilobytes of wasm.
        let cents = (n * 100.0).round() as i64;
        let sign = if cents < 0 { "-" } else { "" };
        let (whole, part) = (cents.abs() / 100, cents.abs() % 100);
        if part % 10 == 0 {
            let _ = write!(out, "{sign}{whole}.{}", part / 10);
        } else {
            let _ = write!(out, "{sign}{whole}.{part:02}");
        }
    }
}

/// Synthetic partners as CSV text with a header row; see the module documentation.
///
/// Refuses more than [`MAX_SYNTH_ROWS`] rows, or a text the first rows show would exceed
/// [`MAX_SYNTH_BYTES`]: the error (about the number of rows) says why, instead of memory
/// running out.
pub fn generate(sc: &Program, options: &SynthOptions) -> Result<String, String> {
    if options.rows > MAX_SYNTH_ROWS {
        return Err(format!("at most {MAX_SYNTH_ROWS} partners can be generated at once, not {}", options.rows));
    }
    let mut synth = Synth::new(sc, options);
    let mut out = String::new();
    synth.header(&mut out);
    // The first rows tell how long a row is; reserving for all of them then keeps the text in
    // one block instead of doubling (and copying) it as it grows.
    let first = options.rows.min(200);
    synth.rows(&mut out, first);
    if let Some(per_row) = out.len().checked_div(first) {
        let expected = (per_row + 4).saturating_mul(options.rows);
        if expected > MAX_SYNTH_BYTES {
            return Err(format!(
                "{} partners of this program would take about {} MB of CSV, more than the {} MB generated at once; ask for at most {}",
                options.rows,
                expected >> 20,
                MAX_SYNTH_BYTES >> 20,
                MAX_SYNTH_BYTES / (per_row + 4)
            ));
        }
        out.reserve((per_row + 4) * (options.rows - first) * 21 / 20);
    }
    synth.rows(&mut out, options.rows - first);
    Ok(out)
}

/// The generator, row by row: [`generate`] in pieces, so that a large base can be handed on
/// in chunks instead of one buffer as big as the whole text.
pub struct Synth<'a> {
    sc: &'a Program,
    rng: Rng,
    draws: Vec<Draw>,
    as_of: Date,
    resolved: Option<crate::eval::Resolved>,
    profile: Profile,
    results: Vec<TrackScore>,
    row: usize,
}

impl<'a> Synth<'a> {
    pub fn new(sc: &'a Program, options: &SynthOptions) -> Synth<'a> {
        Synth {
            sc,
            rng: Rng::new(options.seed),
            draws: plans(sc),
            as_of: options.as_of,
            // Resolving default options cannot fail: no track or region is named.
            resolved: crate::eval::resolve(sc, &EvalOptions::on(options.as_of)).ok(),
            profile: sc.empty_profile(),
            results: Vec::new(),
            row: 0,
        }
    }

    /// The header line.
    pub fn header(&self, out: &mut String) {
        let sc = self.sc;
        out.push_str("@partner");
        if !sc.regions.is_empty() {
            out.push_str(",@region");
        }
        if !sc.tracks.is_empty() {
            out.push_str(",@tracks");
        }
        out.push_str(",@tier,@tier_since,@short_since");
        for f in &sc.fields {
            let _ = write!(out, ",{}", f.id);
        }
        out.push('\n');
    }

    /// Appends the next `count` rows.
    pub fn rows(&mut self, out: &mut String, count: usize) {
        let (sc, as_of) = (self.sc, self.as_of);
        let (rng, profile, results) = (&mut self.rng, &mut self.profile, &mut self.results);
        for _ in 0..count {
            // Maturity: most partners in the middle, fewer at the extremes.
            let q = (rng.unit() + rng.unit() + rng.unit()) / 3.0;
            profile.current_tiers.clear();
            profile.region = (!sc.regions.is_empty()).then(|| rng.below(sc.regions.len()));
            profile.tracks = (!sc.tracks.is_empty()).then(|| {
                let first = rng.below(sc.tracks.len());
                (0..sc.tracks.len()).filter(|&t| t == first || rng.chance(0.3)).collect()
            });
            for (slot, draw) in profile.values.iter_mut().zip(&self.draws) {
                *slot = value(rng, draw, q, as_of);
            }

            // The tier held today: usually the one earned, sometimes a step off.
            results.clear();
            if let Some(resolved) = &self.resolved {
                crate::eval::score_into(sc, profile, resolved, results);
            }
            let tiers = sc.tier_ids.len();
            for r in results.iter() {
                let held = match (r.earned_tier, rng.unit()) {
                    (e, u) if u < 0.65 => e,
                    (Some(e), u) if u < 0.85 => (e + 1 < tiers).then_some(e + 1).or(Some(e)),
                    (None, u) if u < 0.85 => Some(0),
                    (e, _) => e.and_then(|e| e.checked_sub(1)),
                };
                if let Some(tier) = held {
                    let short = r.earned_tier.is_none_or(|e| e < tier) && rng.chance(0.6);
                    profile.current_tiers.push(HeldTier {
                        track: r.track,
                        tier,
                        since: Some(as_of.add_days(-(60 + rng.below(700) as i64))),
                        short_since: short.then(|| as_of.add_days(-(10 + rng.below(500) as i64))),
                    });
                }
            }

            write_row(out, sc, rng, self.row, profile);
            self.row += 1;
        }
    }
}

fn value(rng: &mut Rng, draw: &Draw, q: f64, as_of: Date) -> FieldValue {
    let level = (q + rng.noise(0.18)).clamp(0.0, 1.0);
    match draw {
        Draw::Number { .. } | Draw::Choice { .. } | Draw::Multi { .. } | Draw::Date if rng.chance(0.02) => FieldValue::Empty,
        Draw::Number { low, high, min, max, integer } => {
            // Skewed: many small partners, a long tail of big ones past the top of the scale.
            let mut n = low + (high * 1.25 - low) * level.powf(1.4);
            if let Some(m) = min {
                n = n.max(*m);
            }
            if let Some(m) = max {
                n = n.min(*m);
            }
            FieldValue::Number(if *integer { n.round() } else { n })
        }
        Draw::Boolean { base, spread } => FieldValue::Bool(rng.chance(base + spread * level)),
        Draw::Choice { order } if order.is_empty() => FieldValue::Empty,
        Draw::Choice { order } => FieldValue::Choice(order[((level * order.len() as f64) as usize).min(order.len() - 1)]),
        Draw::Multi { options } => {
            FieldValue::Multi((0..*options).filter(|_| rng.chance(0.1 + 0.45 * level)).fold(0, |set, i| set | (1u64 << i)))
        }
        Draw::Date => FieldValue::Date(as_of.add_days(-(rng.below(15 * 365) as i64))),
        Draw::Certs { kinds, most } => {
            let count = (level * (most + 1.5)).round() as usize;
            FieldValue::Certs(
                (0..count)
                    .map(|i| {
                        let kind = (!kinds.is_empty()).then(|| rng.below(kinds.len()));
                        // Earned within the last three years and valid for two: about a third
                        // have lapsed, and a few expire within the next quarter.
                        let earned = as_of.add_days(-(rng.below(1000) as i64));
                        let expires = (!rng.chance(0.1)).then(|| earned.add_days(730));
                        Certification {
                            kind,
                            name: Some(format!("{} {}", kind.map_or("Certification", |k| kinds[k].as_str()), ["I", "II", "III"][i % 3])),
                            holder: Some(HOLDERS[rng.below(HOLDERS.len())].to_string()),
                            earned: Some(earned),
                            expires,
                        }
                    })
                    .collect(),
            )
        }
    }
}

fn write_row(out: &mut String, sc: &Program, rng: &mut Rng, row: usize, profile: &Profile) {
    let name = format!(
        "{}{} {} {}",
        PREFIXES[rng.below(PREFIXES.len())],
        ["", "line", "stone", "wave"][rng.below(4)],
        SUFFIXES[rng.below(SUFFIXES.len())],
        row + 1
    );
    // Some names carry a comma, as real company names do, so readers must handle quoting.
    if rng.chance(0.05) {
        push_csv_cell(out, "", &format!("{name}, Inc."));
    } else {
        push_csv_cell(out, "", &name);
    }
    if let Some(r) = profile.region {
        let _ = write!(out, ",{}", sc.regions[r].id);
    }
    if let Some(tracks) = &profile.tracks {
        out.push(',');
        let ids: Vec<&str> = tracks.iter().map(|&t| sc.tracks[t].id.as_str()).collect();
        out.push_str(&ids.join(";"));
    }
    // @tier, @tier_since, @short_since: per track (track:value) when the program has tracks.
    let held = &profile.current_tiers;
    let cell = |f: &dyn Fn(&HeldTier) -> Option<String>| -> String {
        let parts: Vec<String> = held
            .iter()
            .filter_map(|h| f(h).map(|v| if sc.tracks.is_empty() { v } else { format!("{}:{v}", sc.tracks[h.track].id) }))
            .collect();
        parts.join(";")
    };
    let _ = write!(
        out,
        ",{},{},{}",
        cell(&|h| Some(sc.tier_ids[h.tier].clone())),
        cell(&|h| h.since.map(|d| d.to_string())),
        cell(&|h| h.short_since.map(|d| d.to_string()))
    );
    for (field, value) in sc.fields.iter().zip(&profile.values) {
        out.push(',');
        match value {
            FieldValue::Empty => {}
            FieldValue::Number(n) => number(out, *n, matches!(field.kind, FieldKind::Number { integer: true, .. })),
            FieldValue::Bool(b) => out.push_str(if *b { "yes" } else { "no" }),
            FieldValue::Choice(i) => out.push_str(&field.options()[*i].id),
            FieldValue::Multi(set) => {
                let ids: Vec<&str> = field.chosen(*set).map(|o| o.id.as_str()).collect();
                out.push_str(&ids.join(";"));
            }
            FieldValue::Date(d) => {
                let _ = write!(out, "{d}");
            }
            FieldValue::Certs(certs) => {
                // Names come from the program's kind labels, which may hold commas or quotes.
                let mut cell = String::new();
                for (i, c) in certs.iter().enumerate() {
                    if i > 0 {
                        cell.push(';');
                    }
                    let kind = c.kind.map_or("", |k| field.options()[k].id.as_str());
                    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
                    let _ = write!(
                        cell,
                        "{kind}|{}|{}|{}|{}",
                        c.name.as_deref().unwrap_or(""),
                        c.holder.as_deref().unwrap_or(""),
                        date(c.earned),
                        date(c.expires)
                    );
                }
                push_csv_cell(out, "", &cell);
            }
        }
    }
    out.push('\n');
}
