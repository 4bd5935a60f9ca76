//! What the engine accepts, and so how long any call can take.
//!
//! Every loop, sort, recursion and allocation in the engine is bounded by the size of its
//! input, and the input's size by these limits: a program or profile beyond one is refused
//! with an error that names the limit and where it was crossed, never read for minutes or
//! until memory runs out. They are far above what real partner programs use (the shipped
//! ones have at most 16 fields, 15 criteria, 4 tiers, 3 tracks, 2 regions and 2 paths);
//! `benches/limits.rs` times the largest input each one accepts (README, "Limits").

/// Profile fields in a program (each is one level of the plan search's depth-first search).
pub const MAX_FIELDS: usize = 500;
/// Criteria in a program, counting those that tracks, regions and paths add.
pub const MAX_CRITERIA: usize = 500;
/// Tiers in a program.
pub const MAX_TIERS: usize = 50;
/// Requirements of one tier, bands of one rule, values of one `one_of`, and categories.
pub const MAX_LIST: usize = 100;
/// Tracks, regions and alternative scoring paths in a program.
pub const MAX_TRACKS: usize = 50;
pub const MAX_REGIONS: usize = 100;
pub const MAX_PATHS: usize = 20;
/// Track × region × path combinations, each prepared once when the program is read
/// (regions count one more, for "no region").
pub const MAX_VARIANTS: usize = 2_000;
/// Criteria and tiers prepared over all combinations: combinations × (criteria + tiers).
pub const MAX_PREPARED: usize = 100_000;
/// The largest magnitude of any number in a program (points, weights, thresholds, field
/// bounds): with it no score, sum of scores or effort can overflow to infinity.
pub const MAX_MAGNITUDE: f64 = 1e15;
/// Certifications in one field of one profile.
pub const MAX_CERTIFICATIONS: usize = 10_000;
/// Problems listed in one error; the rest are counted in a last line.
pub const MAX_ISSUES: usize = 100;
/// Alternative plans a gap report may ask for.
pub const MAX_ALTERNATIVES: usize = 10;
/// How far ahead (days) a gap report may look for expiring certifications: ten years.
pub const MAX_WINDOW_DAYS: u32 = 3_660;
/// Units of work (search nodes, bound and fill evaluations, each weighted by its cost in
/// items) one gap report may spend on plan searches; past it the best plan found so far is
/// returned with `optimal: false`. About 0.1 s natively on the largest program accepted
/// (benches/limits.rs), half a second in wasm.
pub const MAX_PLAN_WORK: u64 = 200_000_000;
/// Partners one partner base (the lab) holds: about 0.9 GB of wasm memory for the largest
/// shipped program (five times the 183 MB measured for 100,000), within what browsers give
/// one tab.
pub const MAX_BASE_ROWS: usize = 500_000;
/// Results (one per partner and track) of one batch or partner base.
pub const MAX_BATCH_RESULTS: usize = 2_000_000;
/// Bytes of CSV (or JSON array of profiles) one batch or partner base may be read from.
pub const MAX_BASE_BYTES: usize = 256 << 20;
/// Bytes of JSON text of one program, profile or options object.
pub const MAX_JSON_BYTES: usize = 64 << 20;
/// Partners listed within reach of their next tier in the lab (each may get a plan, and the
/// results export works out all their plans), and plans worked out per call.
pub const MAX_LAB_LISTED: usize = 1_000;
/// Criterion points the lab keeps to score again only the criteria an edit changes: 16 million
/// (128 MB; 400,000 partners of a 40-criterion program). A larger base or program is scored in
/// full on every edit instead.
pub const MAX_KEPT_POINTS: usize = 16_000_000;
pub const MAX_LAB_PLANS: usize = 100;
/// Work budget of each plan in the lab: a twentieth of a report's, so that the page of 20
/// plans shown at first takes at most what one gap report may.
pub const LAB_PLAN_WORK: u64 = MAX_PLAN_WORK / 20;
/// Synthetic partners generated at once (as many as a base holds), and the most CSV text
/// they may take.
pub const MAX_SYNTH_ROWS: usize = MAX_BASE_ROWS;
pub const MAX_SYNTH_BYTES: usize = 256 << 20;
/// Certifications one synthetic partner holds at most in one field.
pub const MAX_SYNTH_CERTIFICATIONS: f64 = 60.0;
/// Changes listed by `program::changes::describe_changes` (the rest are counted), and how deep
/// it follows nested settings before it compares what is below as one value.
pub const MAX_LISTED_CHANGES: usize = 500;
pub const MAX_CHANGE_DEPTH: usize = 32;
