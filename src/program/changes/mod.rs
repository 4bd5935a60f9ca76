//! What changed between two versions of a program file, in words a program manager reads
//! ("Tier Gold: minimum score 70 → 75", "Region Growth markets › Tier Gold: minimum score 70 →
//! 50", "Tier Silver moved before Gold"): for the program studio's "what changed" view
//! (issue 17). Each change carries its path, kind, subject, setting, values, an English
//! sentence and the same as a message for the page's catalogs (`changes.*`).
//!
//! The parts: `walk` compares the files (lists with ids matched by id), `patches` the changes
//! of tracks, regions and paths, `names` names the things changed, `words` puts settings and
//! values in words, `keys` matches keys and ids in O(n log n), `types` is the result.

mod keys;
mod names;
mod patches;
mod types;
mod walk;
mod words;

pub use types::{ChangeKind, ChangeOptions, ChangeSubject, ChangeSubjectKind, ProgramChange, ProgramChanges};
pub use walk::describe_changes;
