//! Programs and profiles at and beyond the engine's limits (src/limits.rs), as the probes of
//! issue 11 built them: shared by the native tests (tests/limits.rs), the wasm tests run in
//! Node and Chromium (tests/wasm.rs) and the benchmark of each limit's worst case
//! (benches/limits.rs), so that all three exercise the same inputs.
#![allow(dead_code)]

use serde_json::{json, Value};

/// `fields` integer fields, each scored per unit with slightly different rates and caps, and
/// a tier that needs 60 % of the maximum with every criterion above zero: many near-equal
/// trade-offs, the hardest shape for the plan search.
pub fn many_fields(fields: usize) -> Value {
    let field_list: Vec<Value> = (0..fields)
        .map(|i| json!({"id": format!("f{i}"), "label": format!("Field {i}"), "type": "number", "integer": true, "min": 0, "max": 100}))
        .collect();
    let criteria: Vec<Value> = (0..fields)
        .map(|i| {
            json!({"id": format!("c{i}"), "label": format!("Criterion {i}"), "category": "all", "field": format!("f{i}"),
                   "rule": {"type": "per_unit", "per": 1 + i % 7, "cap": 50 + i % 13}})
        })
        .collect();
    let max: usize = (0..fields).map(|i| 50 + i % 13).sum();
    json!({
        "format": 1, "id": "many-fields", "name": "Many fields",
        "fields": field_list,
        "categories": [{"id": "all", "label": "All"}],
        "criteria": criteria,
        "tiers": [
            {"id": "member", "label": "Member"},
            {"id": "gold", "label": "Gold", "min_score": (max * 6 / 10) as f64, "requires": [{"all_criteria_above_zero": true}]}
        ]
    })
}

/// A profile for [`many_fields`] with every field at a quarter of its cap's units.
pub fn many_fields_profile(fields: usize) -> Value {
    let values: serde_json::Map<String, Value> =
        (0..fields).map(|i| (format!("f{i}"), json!(if i % 3 == 0 { 0 } else { (50 + i % 13) / (1 + i % 7) / 4 }))).collect();
    json!({"values": values})
}

/// `tracks` × `regions` × `paths`, each track and region changing the tier minimums.
pub fn many_variants(tracks: usize, regions: usize, paths: usize) -> Value {
    let variant = |prefix: &str, i: usize| json!({"id": format!("{prefix}{i}"), "label": format!("{prefix} {i}"), "tiers": {"gold": {"min_score": 10 + i % 5}}});
    let path = |i: usize| json!({"id": format!("p{i}"), "label": format!("Path {i}"), "criteria": {"a": {"weight": 1 + i % 3}}});
    json!({
        "format": 1, "id": "many-variants", "name": "Many variants",
        "fields": [{"id": "x", "label": "X", "type": "number", "min": 0}, {"id": "y", "label": "Y", "type": "boolean"}],
        "categories": [{"id": "all", "label": "All"}],
        "criteria": [
            {"id": "a", "label": "A", "category": "all", "field": "x", "rule": {"type": "linear", "points": 20, "target": 100}},
            {"id": "b", "label": "B", "category": "all", "field": "y", "rule": {"type": "yes_no", "points": 5}}
        ],
        "tiers": [{"id": "silver", "label": "Silver", "min_score": 5}, {"id": "gold", "label": "Gold", "min_score": 15}],
        "tracks": (0..tracks).map(|i| variant("t", i)).collect::<Vec<_>>(),
        "regions": (0..regions).map(|i| variant("r", i)).collect::<Vec<_>>(),
        "paths": (0..paths).map(path).collect::<Vec<_>>()
    })
}

/// One certifications field scored per valid certification, Gold needing 20 of them.
pub fn certifications_program() -> Value {
    json!({
        "format": 1, "id": "certs", "name": "Certifications",
        "fields": [{"id": "certs", "label": "Certifications", "type": "certifications",
                    "kinds": [{"id": "sales", "label": "Sales"}, {"id": "tech", "label": "Technical"}]}],
        "categories": [{"id": "all", "label": "All"}],
        "criteria": [{"id": "c", "label": "Certifications", "category": "all", "field": "certs",
                      "rule": {"type": "certifications", "per": 1, "cap": 100000}}],
        "tiers": [{"id": "silver", "label": "Silver", "min_score": 10},
                  {"id": "gold", "label": "Gold", "min_score": 20, "requires": [{"certifications": "certs", "min": 20, "of_which": {"kinds": ["tech"], "min": 5}}]}]
    })
}

/// `count` certifications expiring one a day in descending order from `as_of` + `count` days
/// (`as_of` is 2026-11-25), the order that made the expiry sort quadratic.
pub fn expiring_certifications(count: usize) -> Value {
    let start = partner_scorecard::Date::parse("2026-11-25").unwrap();
    let certs: Vec<Value> = (0..count)
        .map(|i| {
            json!({"kind": if i % 2 == 0 { "sales" } else { "tech" }, "earned": "2025-01-01",
                   "expires": start.add_days((count - i) as i64 % 3000 + 1).to_string()})
        })
        .collect();
    json!({"values": {"certs": certs}})
}

/// A profile object with `keys` unknown keys: each a problem, all found quickly.
pub fn many_keys_profile(keys: usize) -> String {
    let values: Vec<String> = (0..keys).map(|i| format!("\"k{i}\": {i}")).collect();
    format!("{{\"values\": {{{}}}}}", values.join(","))
}

/// A program with one integer field whose minimum is `min`, scored over the ten whole
/// numbers above it; Gold needs half of that.
pub fn integer_from(min: f64) -> Value {
    json!({
        "format": 1, "id": "big-min", "name": "Big minimum",
        "fields": [{"id": "n", "label": "N", "type": "number", "integer": true, "min": min}],
        "categories": [{"id": "all", "label": "All"}],
        "criteria": [{"id": "c", "label": "C", "category": "all", "field": "n", "rule": {"type": "linear", "from": min, "target": min + 10.0, "points": 10}}],
        "tiers": [{"id": "member", "label": "Member"}, {"id": "gold", "label": "Gold", "min_score": 5}]
    })
}

/// One number field scored by `rules` band rules of `bands` bands each; with 500 × 100,
/// 50,000 values where a score changes, so 50,000 candidate values for the plan search (which
/// took 20 s before they were thinned).
pub fn many_bands(rules: usize, bands: usize) -> Value {
    let criteria: Vec<Value> = (0..rules)
        .map(|i| {
            let bands: Vec<Value> = (1..=bands).map(|k| json!({"min": i * bands + k, "points": k})).collect();
            json!({"id": format!("c{i}"), "label": format!("C{i}"), "category": "all", "field": "x", "rule": {"type": "bands", "bands": bands}})
        })
        .collect();
    json!({
        "format": 1, "id": "many-bands", "name": "Many bands",
        "fields": [{"id": "x", "label": "X", "type": "number", "min": 0}],
        "categories": [{"id": "all", "label": "All"}],
        "criteria": criteria,
        "tiers": [{"id": "member", "label": "Member"}, {"id": "gold", "label": "Gold", "min_score": rules * bands / 2}]
    })
}
