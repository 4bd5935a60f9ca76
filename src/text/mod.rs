//! Layer 1, text in and out: JSON parsing into a value tree and writing results as JSON,
//! decimal numbers and calendar dates as people and files write them, the issue-collecting
//! reader every input goes through, and the formatting of numbers and texts for people.
//! Nothing here knows what a partner program is.

pub mod csv;
pub mod csv_format;
pub mod date;
pub mod decimal;
pub mod error;
pub mod format;
pub mod json_write;
pub mod locate;
pub mod message;
pub mod options;
pub mod read;
#[cfg(feature = "typescript")]
pub(crate) mod typescript;
pub mod value;
pub mod xlsx;
