//! A mutation fuzzer for programs, profiles, options and CSVs: starting from the shipped
//! programs, synthetic partners and the adversarial shapes of tests/support, it changes
//! values, sizes, types and bytes at random, and checks on every input that the engine
//!
//! - never panics (every call is made under `catch_unwind`),
//! - ends each call within [`SLOW`] (bounded work: src/limits.rs),
//! - returns only finite numbers (totals, points, efforts), and
//! - reads every number text as the nearest double (the standard library's reading).
//!
//! It also describes what changed from each shipped program to its mutation
//! (`program::changes::describe_changes`): bounded, nothing for a program left as it was, and
//! something for every program that differs.
//!
//! It runs for `FUZZ_SECONDS` (default 20; scripts/test.sh runs it in release mode) and prints
//! how many inputs it tried. Each run takes a new sequence, whose seed it prints first;
//! `FUZZ_SEED=N` replays one. A failure prints the input too.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/large_inputs.rs"]
mod large_inputs;
#[path = "support/number_texts.rs"]
mod number_texts;

use partner_scorecard::analysis::gap::GapOptions;
use partner_scorecard::analysis::synth::{generate, Rng, SynthOptions};
use partner_scorecard::{Date, EvalOptions, Scorecard};
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// Longest a single call may take in a release build before it counts as unbounded work.
const SLOW: Duration = Duration::from_secs(5);

fn seeds() -> Vec<Value> {
    let mut out: Vec<Value> = fixtures::SHIPPED.iter().map(|n| fixtures::program_json(n)).collect();
    out.push(large_inputs::many_fields(40));
    out.push(large_inputs::many_variants(4, 6, 3));
    out.push(large_inputs::certifications_program());
    out.push(large_inputs::integer_from(999_999_999_999_000.0));
    // 1,200 breakpoints: past the 1,000 the search thins to, small enough to fuzz quickly.
    out.push(large_inputs::many_bands(60, 20));
    // Issue 13's format features: category weights on a 0-10 index, and a region and a path
    // that change requirements one by one (the shipped multi-track program has track changes).
    let mut weighted = fixtures::program_json("classic-reseller");
    if let Some(categories) = weighted["categories"].as_array_mut() {
        for (i, category) in categories.iter_mut().enumerate() {
            category["weight"] = json!(1 + i);
        }
    }
    weighted["score_scale"] = json!(10);
    if let Some(tiers) = weighted["tiers"].as_array_mut() {
        for tier in tiers.iter_mut() {
            if let Some(min) = tier["min_score"].as_f64() {
                tier["min_score"] = json!(min / 10.0);
            }
            // Category points are on the index's scale now: ask for a share instead.
            for requirement in tier["requires"].as_array_mut().into_iter().flatten() {
                if let Some(object) = requirement.as_object_mut().filter(|r| r.contains_key("min_points")) {
                    object.remove("min_points");
                    object.insert("min_share".into(), json!(50));
                }
            }
        }
    }
    out.push(weighted);
    let mut edited = fixtures::program_json("multi-track");
    edited["paths"][0]["tiers"] =
        json!({"premier": {"requires": {"remove": ["certifications"], "add": [{"category": "performance", "min_share": 50}]}}});
    out.push(edited);
    out
}

/// A number a person, a spreadsheet or an attacker might write.
fn wild_number(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => json!(1e15),
        1 => json!(-1e15),
        2 => json!(1e308),
        3 => json!(4_294_967_295u64),
        4 => json!(9_007_199_254_740_993u64),
        5 => json!(1e-9),
        6 => json!(rng.below(200) as f64 - 50.0),
        _ => serde_json::from_str(&number_texts::number_text(rng)).unwrap_or(json!(0)),
    }
}

fn wild_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 2 { 5 } else { 8 }) {
        0 => Value::Null,
        1 => json!(rng.chance(0.5)),
        2 => wild_number(rng),
        3 => json!(["", "x", "gold", "2026-02-30", "2026-11-25", "__proto__", "A,B", "=1+1"][rng.below(8)]),
        4 => json!(rng.below(3)),
        5 => Value::Array((0..rng.below(4)).map(|_| wild_value(rng, depth + 1)).collect()),
        _ => {
            let keys = ["id", "type", "min", "max", "points", "cap", "per", "weight", "rule", "label", "kinds", "bands", "requires"];
            Value::Object((0..rng.below(4)).map(|_| (keys[rng.below(keys.len())].to_string(), wild_value(rng, depth + 1))).collect())
        }
    }
}

/// Every place in a JSON value, as a path of keys and indexes.
fn places(value: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(path.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                path.push(k.clone());
                places(v, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(i.to_string());
                places(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at<'v>(value: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |v, key| match v {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// One random change: a new value, a removed key, a list grown many times over (sizes up to
/// and past the limits), or a number pushed to an extreme.
fn mutate(rng: &mut Rng, value: &mut Value) {
    let mut all = Vec::new();
    places(value, &mut Vec::new(), &mut all);
    let path = all[rng.below(all.len())].clone();
    let Some(target) = at(value, &path) else { return };
    match rng.below(6) {
        0 | 1 => *target = wild_value(rng, 0),
        2 => {
            if let Value::Array(items) = target {
                if let Some(first) = items.first().cloned() {
                    let copies = [2, 10, 60, 600][rng.below(4)];
                    items.extend(std::iter::repeat_n(first, copies));
                }
            } else if let Value::Object(map) = target {
                let key = map.keys().nth(rng.below(map.len().max(1))).cloned();
                if let Some(key) = key {
                    map.remove(&key);
                }
            }
        }
        3 => {
            if target.is_number() {
                *target = wild_number(rng);
            }
        }
        _ => *target = wild_value(rng, 0),
    }
}

/// Byte-level damage to a text, on character boundaries.
fn damage(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 => chars.insert(at, ['"', ',', '\n', ';', '|', '{', '0', 'é', '\u{0}', '='][rng.below(10)]),
            2 => chars.truncate(at),
            _ => {
                let piece: Vec<char> = chars[at.min(chars.len())..].iter().take(40).copied().collect();
                chars.splice(at..at, piece);
            }
        }
    }
    chars.into_iter().collect()
}

fn random_profile(rng: &mut Rng, sc: &Scorecard, as_of: Date) -> Value {
    let mut values = serde_json::Map::new();
    for f in sc.fields() {
        let options: Vec<&str> = f.options().iter().map(|o| o.id.as_str()).collect();
        let value = match f.type_name() {
            "number" => json!(rng.below(1000) as f64 * [0.01, 1.0, 1000.0][rng.below(3)]),
            "boolean" => json!(rng.chance(0.5)),
            "choice" if !options.is_empty() => json!(options[rng.below(options.len())]),
            "multi_choice" => json!(options.iter().filter(|_| rng.chance(0.4)).collect::<Vec<_>>()),
            "date" => json!(as_of.add_days(-(rng.below(4000) as i64)).to_string()),
            "certifications" => Value::Array(
                (0..rng.below(8))
                    .map(|_| {
                        let earned = as_of.add_days(-(rng.below(900) as i64));
                        let mut cert = json!({"earned": earned.to_string(), "expires": earned.add_days(730).to_string()});
                        if !options.is_empty() {
                            cert["kind"] = json!(options[rng.below(options.len())]);
                        }
                        cert
                    })
                    .collect(),
            ),
            _ => continue,
        };
        values.insert(f.id.clone(), value);
    }
    json!({"values": values})
}

fn check_finite(report: &str, what: &str) {
    // Every number in the output is finite: a non-finite one would be written as null by
    // the JSON writer, and "∞" or "NaN" would appear in texts.
    assert!(!report.contains('∞') && !report.contains("NaN"), "{what}: a non-finite number in {report}");
}

fn timed<T>(what: &str, input: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| panic!("{what} panicked on input:\n{input}"));
    let took = start.elapsed();
    assert!(took < SLOW, "{what} took {took:?} (more than {SLOW:?}) on input:\n{}", &input[..input.len().min(4000)]);
    out
}

/// One input: a mutated program, then profiles, options and a CSV for it.
fn one(rng: &mut Rng, seeds: &[Value]) {
    let seed = &seeds[rng.below(seeds.len())];
    let mut program = seed.clone();
    for _ in 0..rng.below(4) {
        mutate(rng, &mut program);
    }
    let mut text = program.to_string();
    if rng.chance(0.1) {
        text = damage(rng, &text);
    }
    describe_the_changes(&seed.to_string(), &text);
    let Ok(sc) = timed("Scorecard::from_json", &text, || Scorecard::from_json(&text)) else { return };
    let as_of = Date::from_days_since_epoch(20_000 + rng.below(1000) as i32);
    let base = timed("generate", &text, || generate(&sc, &SynthOptions { rows: 20, seed: rng.next_u64(), as_of, workbook: false }));
    let Ok(csv) = base else { return };
    let csv = if rng.chance(0.5) { damage(rng, &csv) } else { csv };
    let resolved = sc.resolve(&EvalOptions::on(as_of)).unwrap();
    let outcome =
        timed("evaluate_csv", &csv, || sc.evaluate_csv(&csv, &resolved).map(|o| partner_scorecard::text::json_write::to_string(&o)));
    if let Ok(Ok(json)) = &outcome {
        check_finite(json, "evaluate_csv");
    }
    // A few profiles of plausible values for the program's fields, then mutated.
    for _ in 0..3 {
        let mut profile = random_profile(rng, &sc, as_of);
        for _ in 0..rng.below(3) {
            mutate(rng, &mut profile);
        }
        let profile_text = profile.to_string();
        // The direct reader never accepts what the full reader (the oracle) reads otherwise.
        if let Some(direct) = sc.read_profile_direct(&profile_text) {
            let full = partner_scorecard::text::value::parse(&profile_text).map(|v| sc.profile_from_parsed(&v));
            assert!(matches!(&full, Ok(Ok(p)) if *p == direct), "direct and full readers differ on {profile_text}");
        }
        let Ok(p) = sc.profile_from_json(&profile_text) else { continue };
        let mut options = GapOptions::on(as_of);
        options.alternatives = rng.below(12);
        options.window_days = [0, 30, 90, 3660, 5000][rng.below(5)];
        let input = format!("{text}\n{profile_text}");
        if let Ok(ev) = timed("evaluate", &input, || sc.evaluate(&p, &options.eval)) {
            check_finite(&partner_scorecard::text::json_write::to_string(&ev).unwrap(), "evaluate");
        }
        if let Ok(report) = timed("gaps", &input, || sc.gaps(&p, &options)) {
            let json = partner_scorecard::text::json_write::to_string(&report).unwrap();
            check_finite(&json, "gaps");
            assert!(!json.contains("\"effort\":null") && !json.contains("\"total\":null"), "gaps: null number in {json}");
        }
    }
}

/// What changed from the seed to its mutation (issue 17), valid or not: bounded, and nothing
/// for a program left as it was.
fn describe_the_changes(seed: &str, text: &str) {
    use partner_scorecard::program::changes::describe_changes;
    use partner_scorecard::text::value::parse;
    let (Ok(before), Ok(after)) = (parse(seed), parse(text)) else { return };
    let input = format!("{seed}\n{text}");
    let changes = timed("describe_changes", &input, || {
        let (b, a) = (partner_scorecard::Program::from_parsed(&before).ok(), partner_scorecard::Program::from_parsed(&after).ok());
        describe_changes(&before, &after, b.as_ref(), a.as_ref(), Some("de"))
    });
    assert!(changes.changes.len() <= 500 && changes.total >= changes.changes.len(), "describe_changes: {input}");
    if before == after {
        assert_eq!(changes.total, 0, "describe_changes found changes in the same program: {text}");
    } else {
        assert!(changes.total > 0, "describe_changes found no change: {input}");
    }
    check_finite(&partner_scorecard::text::json_write::to_string(&changes).unwrap(), "describe_changes");
}

#[test]
fn fuzz_programs_profiles_options_and_csvs() {
    if cfg!(debug_assertions) {
        // Time limits per call are for optimized code; scripts/test.sh runs this in release.
        eprintln!("fuzz: skipped in a debug build; run `cargo test --release --test fuzz`");
        return;
    }
    let seconds: u64 = std::env::var("FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    // A new sequence every run (the seed is printed first, so that a failure can be replayed
    // with FUZZ_SEED), unless FUZZ_SEED picks one.
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_secs()));
    eprintln!("fuzz: seed {seed} (replay with FUZZ_SEED={seed})");
    let seeds = seeds();
    let start = Instant::now();
    let mut rng = Rng::new(seed);
    let (mut inputs, mut numbers) = (0u64, 0u64);
    while start.elapsed() < Duration::from_secs(seconds) {
        one(&mut rng, &seeds);
        inputs += 1;
        // Number texts: the nearest double, as the standard library reads them.
        for _ in 0..50 {
            let text = number_texts::number_text(&mut rng);
            let ours = partner_scorecard::text::decimal::parse_decimal(&text).map(f64::to_bits);
            assert_eq!(ours, text.parse::<f64>().ok().map(f64::to_bits), "{text}");
            numbers += 1;
        }
    }
    eprintln!("fuzz: {inputs} programs with their profiles, options and CSVs, and {numbers} number texts in {seconds} s (seed {seed}); no panic, no call over {SLOW:?}, no non-finite number");
}

/// Every seed is a valid program, so that mutations start from the features it shows.
#[test]
fn every_seed_is_a_valid_program() {
    for (i, seed) in seeds().iter().enumerate() {
        let sc = Scorecard::from_value(seed).unwrap_or_else(|e| panic!("seed {i}: {e}"));
        assert!(sc.warnings().is_empty(), "seed {i}: {:?}", sc.warnings());
    }
}
