//! `partner-scorecard`: the engine on the command line, for data teams that score a whole
//! partner base in a pipeline (README, "Command line"). Native only: its dependencies (clap)
//! never reach the wasm module.
//!
//! Every subcommand reads its program with the engine and decides nothing the engine decides:
//! results are those of the JavaScript package for the same inputs (tests/cli.mjs compares
//! them field by field). What is here is reading files as streams, the parallel pipeline,
//! and writing results and errors for people and for other programs.

// Native only: on wasm32 (`cargo clippy --target wasm32-unknown-unknown --all-targets`) the
// binary is an empty program, and clap is not a dependency there.
#![cfg_attr(target_arch = "wasm32", allow(unused))]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
include!("native.rs");
