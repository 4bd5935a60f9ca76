//! partner-scorecard: score partner profiles against a partner program, find their tier,
//! and explain every point. The engine is plain Rust; `wasm` adds the JavaScript binding.
//!
//! ```
//! use partner_scorecard::{Scorecard, EvalOptions, Date};
//! let program = r#"{
//!   "format": 1, "id": "demo", "name": "Demo program",
//!   "fields": [{"id": "engineers", "label": "Certified engineers", "type": "number", "integer": true, "min": 0}],
//!   "categories": [{"id": "capability", "label": "Capability"}],
//!   "criteria": [{"id": "eng", "label": "Engineers", "category": "capability", "field": "engineers",
//!                 "rule": {"type": "per_unit", "per": 4, "cap": 20}}],
//!   "tiers": [{"id": "silver", "label": "Silver", "min_score": 8}, {"id": "gold", "label": "Gold", "min_score": 16}]
//! }"#;
//! let scorecard = Scorecard::from_json(program).unwrap();
//! let profile = scorecard.profile_from_json(r#"{"values": {"engineers": 3}}"#).unwrap();
//! let result = scorecard.evaluate(&profile, &EvalOptions::on(Date::parse("2026-11-25").unwrap())).unwrap();
//! let track = &result.tracks[0];
//! assert_eq!(track.total, 12.0);
//! assert_eq!(track.tier.as_ref().unwrap().id, "silver");
//! assert_eq!(track.criteria[0].explanation, "3 Certified engineers × 4 = 12 of 20");
//! assert_eq!(track.next_tier.as_ref().unwrap().point_deficit, 4.0);
//! ```

// The layers, from the bottom up (README, "Architecture"): base (`limits`, `util`), `text`,
// `program`, `eval`, `analysis`, `scorecard` (the front door), then the bindings (`wasm`,
// `typescript`). Each uses only the layers below it; tests/architecture.rs checks it. (rustfmt
// sorts the declarations below by name.)
pub mod analysis;
pub mod eval;
pub mod limits;
pub mod program;
pub mod scorecard;
pub mod text;
/// TypeScript declarations of the API's results (feature `typescript`).
#[cfg(feature = "typescript")]
pub mod typescript;
mod util;
/// The JavaScript API (wasm32 only).
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use analysis::batch::{BatchCounts, BatchResult, CompactResult, RowError};
pub use eval::{EvalOptions, Evaluation, Resolved, TrackScore};
pub use program::model::{Certification, FieldValue, Profile, Program};
pub use program::FORMAT_VERSION;
pub use scorecard::Scorecard;
pub use text::date::Date;
pub use text::error::{ErrorKind, Errors, Issue};

/// The engine's version, as in Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
