//! The TypeScript declarations of every value the JavaScript API returns, written from the
//! Rust types themselves (ts-rs reads their serde attributes and doc comments), so that the
//! two cannot drift: tests/typescript.rs compares them with src/wasm/types.d.ts, which the
//! module's .d.ts includes. Only with the `typescript` feature; nothing here is in the module.

use crate::analysis::batch::{BatchCounts, BatchResult, ColumnMatch, CompactResult, RowError};
use crate::analysis::gap::*;
use crate::analysis::segment::*;
use crate::analysis::segment::{Comparison, FieldSums, Moved, TrackComparison};
use crate::eval::*;
use crate::program::changes::{ChangeKind, ChangeSubject, ChangeSubjectKind, ProgramChange, ProgramChanges};
use crate::program::model::{Category, Choice, Field, FieldKind, Section, VariantInfo};
use crate::program::{Form, FormTier};
use crate::text::csv_format::{CsvFormat, Encoding};
use crate::text::error::{ErrorKind, Issue};
use crate::text::message::Message;
use ts_rs::{Config, TS};

/// Types written by hand because they serialize by hand (src/text/typescript.rs).
const HAND_WRITTEN: &str = r#"/** A program text: one string, or one per language tag (`{"en": "Gold", "de": "Gold-Partner"}`). */
export type Text = string | { [lang: string]: string };

/** Any JSON value (a field's value as given, a requirement's threshold). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A message argument: a number, a text, a list of texts, `null` for "not given", a nested message (dates are `value.date` messages), or a list of messages. */
export type MessageArg = number | string | string[] | null | Message | Message[];
"#;

fn declare<T: TS + ?Sized>(cfg: &Config, out: &mut String) {
    out.push('\n');
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&one_field_a_line(&T::decl(cfg)));
    out.push('\n');
}

/// ts-rs writes an object type on one line, doc comments inside; this puts each field of the
/// outermost objects on a line of its own, indented (nested types stay as they are).
fn one_field_a_line(decl: &str) -> String {
    let mut out = String::with_capacity(decl.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut in_comment) = (false, false);
    let mut chars = decl.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        while out.ends_with(' ') {
            out.pop();
        }
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_comment {
            if c == '\n' {
                newline(&mut out, depth);
                continue;
            }
            out.push(c);
            if c == '*' && chars.peek() == Some(&'/') {
                out.push(chars.next().unwrap_or('/'));
                in_comment = false;
                if depth == 1 {
                    newline(&mut out, depth);
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
            }
            continue;
        }
        if in_string {
            out.push(c);
            in_string = c != '"';
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'*') => {
                in_comment = true;
                out.push(c);
            }
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '<' | '(' | '[' => {
                depth += 1;
                out.push(c);
                if c == '{' && depth == 1 {
                    newline(&mut out, depth);
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
            }
            '}' | '>' | ')' | ']' => {
                if c == '}' && depth == 1 {
                    newline(&mut out, 0);
                }
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            ',' if depth == 1 => {
                out.push(',');
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if chars.peek() != Some(&'}') {
                    newline(&mut out, depth);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The declarations, in the order of the API: errors, evaluation, batches, forms, gaps, lab,
/// program changes.
pub fn declarations() -> String {
    // Counts and indexes are JavaScript numbers (JSON numbers), not bigints.
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test --features typescript --test typescript`\n\
         // (UPDATE_TYPES=1 rewrites it); do not edit by hand: change the Rust type instead.\n\n",
    );
    out.push_str(HAND_WRITTEN);
    macro_rules! all {
        ($($ty:ty),* $(,)?) => { $( declare::<$ty>(&cfg, &mut out); )* };
    }
    all!(
        Issue,
        ErrorKind,
        Message,
        // evaluate()
        Evaluation,
        BestTier,
        TrackResult,
        TierRef,
        PathTotal,
        RetentionResult,
        Retained,
        CategoryResult,
        CriterionResult,
        TierCheck,
        RequirementCheck,
        NextTier,
        // score(), evaluateBatch()
        CompactResult,
        BatchResult,
        RowError,
        BatchCounts,
        // form()
        Form,
        FormTier,
        Section,
        Field,
        FieldKind,
        Choice,
        Category,
        VariantInfo,
        // gaps()
        GapReport,
        TrackGaps,
        GapStatus,
        UnmetRequirement,
        Plan,
        Change,
        Blocked,
        TopMargin,
        Outlook,
        Expiring,
        TierDrop,
        // Lab
        BaseCounts,
        SegmentSummary,
        Label,
        Listing<ts_rs::Dummy>,
        TierCounts,
        RegionCounts,
        Movement,
        TrackSummary,
        Axis,
        Segments,
        ReachEntry,
        ReachListing,
        Edit,
        MoveReasons,
        MoveReason,
        ExpiringEntry,
        Comparison,
        TrackComparison,
        Moved,
        FieldSums,
        // Lab files: inspectCsv(), Lab.format()
        CsvFormat,
        Encoding,
        ColumnMatch,
        // describeChanges()
        ProgramChanges,
        ProgramChange,
        ChangeKind,
        ChangeSubject,
        ChangeSubjectKind,
    );
    out
}
