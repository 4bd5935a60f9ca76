//! Why partners moved (issue 16): the edits that turn the program as opened into the tuned one,
//! and for each partner whose tier changed, the edits that move it on their own.
//!
//! An edit is one setting whose value differs between the two programs (a tier's minimum
//! score, a criterion's weight or target, ...), found by comparing the two program files
//! value by value. A partner moves *because of* an edit when the program as opened with that
//! edit alone gives it the tier it has now; when no edit does that alone, it moves because of
//! the edits together (two lowered minimums, say). Only the listed partners are explained:
//! each edit costs one program build and one evaluation per listed partner.

use super::{Edit, MoveReason, MoveReasons, Moved, PartnerBase};
use crate::eval::Scores;
use crate::program::Program;
use crate::text::value::Value;

/// At most this many edits are listed; only the first [`EXPLAINED_EDITS`] are tried one by one.
pub const LISTED_EDITS: usize = 200;
pub const EXPLAINED_EDITS: usize = 30;

/// The settings that differ between two program files, in file order: objects key by key,
/// lists of equal length item by item; a list whose length changed is one edit.
pub fn edits(before: &Value, after: &Value, program: &Program, lang: Option<&str>) -> (Vec<Edit>, usize) {
    let mut out = Vec::new();
    let mut count = 0;
    diff(before, after, &mut String::new(), &mut |path, b, a| {
        count += 1;
        if out.len() < LISTED_EDITS {
            let (subject, setting) = subject_of(path, program, lang);
            out.push(Edit { path: path.to_string(), subject, setting, before: b.cloned(), after: a.cloned() });
        }
    });
    (out, count)
}

/// Called with each differing setting: its path, the value before and after (`None`: absent).
type Found<'a> = dyn FnMut(&str, Option<&Value>, Option<&Value>) + 'a;

/// What a program edit allows instead of a full scoring, least work first (`Ord`: edits of
/// two kinds need the later one's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PartialChange {
    /// Tier minimum scores alone: the results near a moved minimum are placed again (`retier.rs`).
    Minimums,
    /// Labels, help and other texts, with or without minimums: every result is placed again
    /// and the summary written again with the new texts, no partner scored again.
    Texts,
    /// Criteria, with or without the above: only the criteria that changed are scored again (`rescore.rs`).
    Criteria,
}

/// What the edits from `before` to `after` allow instead of a full scoring; `None` for any
/// other edit (a field, a requirement, a tier added, ...), or more than can be listed. Edits in
/// a track's, region's or path's changes count as the same edits of the base program.
pub fn partial_change(before: &Value, after: &Value, program: &Program) -> Option<PartialChange> {
    let (edits, count) = edits(before, after, program, None);
    if count != edits.len() {
        return None;
    }
    let mut change = PartialChange::Minimums;
    for e in &edits {
        let kind = if is_minimum(&e.path) {
            PartialChange::Minimums
        } else if is_text(&e.path, e.before.as_ref(), e.after.as_ref()) {
            PartialChange::Texts
        } else if is_criterion(&e.path) {
            PartialChange::Criteria
        } else {
            return None;
        };
        change = change.max(kind);
    }
    Some(change)
}

/// `tiers[1].min_score`, or a track's or region's `tracks[0].tiers.gold.min_score`.
fn is_minimum(path: &str) -> bool {
    let (patch, rest) = in_patch(path);
    if patch {
        rest.starts_with("tiers.") && rest.ends_with(".min_score") && rest.matches('.').count() == 2
    } else {
        rest.starts_with("tiers[") && rest.ends_with("].min_score") && rest.matches('.').count() == 1
    }
}

/// A setting of a criterion: `criteria[2].weight`, `paths[1].criteria.sales.rule.target`.
fn is_criterion(path: &str) -> bool {
    let (patch, rest) = in_patch(path);
    if patch {
        rest.starts_with("criteria.") && rest.matches('.').count() >= 2
    } else {
        rest.starts_with("criteria[") && rest.contains("].")
    }
}

/// Whether a path is inside a track's, region's or path's changes (`tracks[0].`), and the rest.
fn in_patch(path: &str) -> (bool, &str) {
    for list in ["tracks[", "regions[", "paths["] {
        if let Some(rest) = path.strip_prefix(list) {
            if let Some((_, rest)) = rest.split_once("].") {
                return (true, rest);
            }
        }
    }
    (false, path)
}

/// Settings that only say something to people; no partner's score or tier depends on them.
const TEXT_KEYS: &[&str] = &["label", "help", "description", "name", "benefits", "effort_unit", "unit", "version", "$schema"];

/// An edit of a text: its setting is one of [`TEXT_KEYS`] (`tiers[1].label`), or a language
/// of one (`tiers[1].label.de`, `tiers[0].benefits[2]`), and both values are texts. The values
/// are checked too, so that a criterion whose id happens to be "label" is not taken for one.
fn is_text(path: &str, before: Option<&Value>, after: Option<&Value>) -> bool {
    let setting = |segment: &str| TEXT_KEYS.contains(&segment.split('[').next().unwrap_or(segment));
    let mut segments = path.rsplit('.');
    let last = segments.next().unwrap_or("");
    let named = setting(last) || (is_language(last) && segments.next().is_some_and(setting));
    named && [before, after].into_iter().flatten().all(|v| is_text_value(v, 0))
}

/// A language tag as texts are keyed: `de`, `fr-CA`, `zh-Hant`.
fn is_language(key: &str) -> bool {
    let mut parts = key.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A string, a text per language, or a list of them (a tier's benefits), a few levels deep at most.
fn is_text_value(value: &Value, depth: usize) -> bool {
    match value {
        Value::String(_) => true,
        Value::Array(items) if depth < 3 => items.iter().all(|v| is_text_value(v, depth + 1)),
        Value::Object(map) if depth < 3 => map.iter().all(|(k, v)| is_language(k) && matches!(v, Value::String(_))),
        _ => false,
    }
}

fn diff(before: &Value, after: &Value, path: &mut String, found: &mut Found) {
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            let keys = b.keys().chain(a.keys().filter(|k| !b.contains_key(k)));
            for key in keys {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                match (b.get(key), a.get(key)) {
                    (Some(x), Some(y)) => diff(x, y, path, found),
                    (x, y) => found(path, x, y),
                }
                path.truncate(len);
            }
        }
        (Value::Array(b), Value::Array(a)) if b.len() == a.len() => {
            for (i, (x, y)) in b.iter().zip(a).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                diff(x, y, path, found);
                path.truncate(len);
            }
        }
        // Numbers equal as numbers (1 and 1.0) are the same setting.
        (x, y) if x == y => {}
        (x, y) => found(path, Some(x), Some(y)),
    }
}

/// `tiers[1].min_score` -> ("Gold", "min_score"), by the list the path starts in.
fn subject_of(path: &str, program: &Program, lang: Option<&str>) -> (Option<String>, String) {
    let Some((head, rest)) = path.split_once('[') else { return (None, path.to_string()) };
    let Some((index, setting)) = rest.split_once(']') else { return (None, path.to_string()) };
    let setting = setting.strip_prefix('.').unwrap_or(setting);
    let Ok(i) = index.parse::<usize>() else { return (None, path.to_string()) };
    let variant = program.variant(0, None, 0);
    let label = match head {
        "tiers" => variant.tiers.get(i).map(|t| t.label.get(lang).to_string()),
        "criteria" => variant.criteria.get(i).map(|c| c.label.get(lang).to_string()),
        "fields" => program.fields().get(i).map(|f| f.label.get(lang).to_string()),
        "categories" => program.categories().get(i).map(|c| c.label.get(lang).to_string()),
        "tracks" => program.tracks().get(i).map(|t| t.label.get(lang).to_string()),
        "regions" => program.regions().get(i).map(|r| r.label.get(lang).to_string()),
        _ => None,
    };
    match label {
        Some(label) if !setting.is_empty() => (Some(label), setting.to_string()),
        _ => (None, path.to_string()),
    }
}

/// `before` with one edit's new value put in (or its key removed when the edit removes it).
fn with_edit(before: &Value, edit: &Edit) -> Value {
    let mut out = before.clone();
    let mut at = &mut out;
    let mut steps = edit.path.split('.').flat_map(|part| {
        let (key, indexes) = part.split_once('[').map_or((part, ""), |(k, rest)| (k, rest));
        let key = (!key.is_empty()).then(|| Step::Key(key.to_string()));
        key.into_iter().chain(indexes.split('[').filter_map(|i| i.trim_end_matches(']').parse().ok().map(Step::Index)))
    });
    let mut step = steps.next();
    while let Some(current) = step {
        let next = steps.next();
        let last = next.is_none();
        match (current, &mut *at) {
            (Step::Key(key), Value::Object(object)) if last => {
                match &edit.after {
                    Some(v) => object.insert(key, v.clone()),
                    None => {
                        object.remove(&key);
                    }
                }
                return out;
            }
            (Step::Key(key), Value::Object(object)) => at = object.get_or_insert_null(&key),
            (Step::Index(i), Value::Array(items)) if i < items.len() => {
                if last {
                    items[i] = edit.after.clone().unwrap_or_default();
                    return out;
                }
                at = &mut items[i];
            }
            _ => return out,
        }
        step = next;
    }
    out
}

enum Step {
    Key(String),
    Index(usize),
}

/// The tier a partner holds in one track under a program (`None`: unranked).
fn held_tier(program: &Program, base: &PartnerBase, partner: usize, track: usize, as_of: crate::text::date::Date) -> Option<usize> {
    let profile = &base.profiles[partner];
    let resolved = crate::eval::Resolved { as_of, lang: None, track: None, region: None };
    let region = crate::eval::selected_region(profile, &resolved);
    let (variant, _, _) = crate::eval::best_path(program, profile, track, region, as_of);
    let mut scores = Scores::default();
    scores.fill(variant, profile, as_of);
    let earned = (0..variant.tiers.len()).rev().find(|&i| crate::eval::tier_holds(&variant.tiers[i], variant, profile, as_of, &scores));
    crate::eval::apply_retention(program, profile, track, earned, as_of).0
}

impl PartnerBase {
    /// Why each of `moved` (the listed partners whose tier differs between the program as
    /// opened, `before`, and the tuned one, `after`) moved. `program` is the tuned program,
    /// for the labels.
    pub fn why_moved(
        &self,
        before: &Value,
        after: &Value,
        program: &Program,
        moved: &[Moved],
        as_of: crate::text::date::Date,
        lang: Option<&str>,
    ) -> MoveReasons {
        let (edits, edit_count) = edits(before, after, program, lang);
        // Each edit alone, as a program; an edit that makes the program invalid on its own
        // (a minimum above the maximum until a weight changes too) explains nothing alone.
        let alone: Vec<Option<crate::Scorecard>> = edits
            .iter()
            .take(EXPLAINED_EDITS)
            .map(|e| crate::Scorecard::from_value(&with_edit(before, e)).ok().filter(|sc| self.check_program(sc.program()).is_ok()))
            .collect();
        let moved = moved
            .iter()
            .map(|m| {
                let track = m.track.as_deref().and_then(|id| program.tracks().iter().position(|t| t.id == id)).unwrap_or(0);
                let now = m.to_rank;
                let because: Vec<usize> = alone
                    .iter()
                    .enumerate()
                    .filter_map(|(i, sc)| {
                        let sc = sc.as_ref()?;
                        let tier = held_tier(sc.program(), self, m.partner_index, track, as_of);
                        (tier.map_or(0, |t| t + 1) == now).then_some(i)
                    })
                    .collect();
                MoveReason { together: because.is_empty(), because }
            })
            .collect();
        MoveReasons { edits, edit_count, moved }
    }
}
