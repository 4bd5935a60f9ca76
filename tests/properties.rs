//! No input may panic the engine (a panic kills the wasm module), and scores keep their
//! invariants on any valid profile.

#![cfg(not(target_arch = "wasm32"))]

use partner_scorecard::{Date, EvalOptions, Scorecard};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Map, Value};

/// A program using every feature: all field types and rules, every requirement kind,
/// tracks with patches and added criteria, a region, alternative paths and retention.
fn program_json() -> Value {
    json!({
        "format": 1, "id": "props", "name": {"en": "Properties", "de": "Eigenschaften"}, "currency": "EUR",
        "retention": {"grace_days": 60},
        "sections": [{"id": "business", "label": "Business"}],
        "fields": [
            {"id": "revenue", "label": "Revenue", "type": "number", "min": 0, "section": "business"},
            {"id": "nps", "label": "NPS", "type": "number", "min": -100, "max": 100},
            {"id": "engineers", "label": "Engineers", "type": "number", "integer": true, "min": 0, "max": 1000},
            {"id": "msp", "label": "MSP", "type": "boolean"},
            {"id": "fit", "label": "Fit", "type": "choice", "options": [{"id": "low", "label": "Low"}, {"id": "high", "label": "High"}]},
            {"id": "industries", "label": "Industries", "type": "multi_choice",
             "options": [{"id": "health", "label": "Health"}, {"id": "retail", "label": "Retail"}, {"id": "finance", "label": "Finance"}]},
            {"id": "joined", "label": "Joined", "type": "date"},
            {"id": "certs", "label": "Certifications", "type": "certifications",
             "kinds": [{"id": "sales", "label": "Sales"}, {"id": "tech", "label": "Tech"}]}
        ],
        "categories": [{"id": "performance", "label": "Performance"}, {"id": "capability", "label": "Capability"},
                       {"id": "fit", "label": "Fit"}],
        "criteria": [
            {"id": "revenue", "label": "Revenue", "category": "performance", "field": "revenue",
             "rule": {"type": "log", "target": 1000000, "points": 30}},
            {"id": "nps", "label": "NPS", "category": "performance", "field": "nps", "weight": 1.5,
             "rule": {"type": "linear", "from": -20, "target": 60, "points": 10}},
            {"id": "engineers", "label": "Engineers", "category": "capability", "field": "engineers",
             "rule": {"type": "per_unit", "per": 4, "cap": 20}},
            {"id": "band", "label": "Engineer band", "category": "capability", "field": "engineers",
             "rule": {"type": "bands", "bands": [{"min": 2, "points": 2}, {"min": 10, "points": 5}]}},
            {"id": "certs", "label": "Certs", "category": "capability", "field": "certs",
             "rule": {"type": "certifications", "kinds": ["tech"], "per": 5, "cap": 15}},
            {"id": "msp", "label": "MSP", "category": "fit", "field": "msp", "rule": {"type": "yes_no", "points": 5}},
            {"id": "fit", "label": "Fit", "category": "fit", "field": "fit", "rule": {"type": "options", "points": {"low": 1, "high": 6}}},
            {"id": "industries", "label": "Industries", "category": "fit", "field": "industries",
             "rule": {"type": "options", "points": {"health": 3, "retail": 2, "finance": 4}, "cap": 6}}
        ],
        "tiers": [
            {"id": "registered", "label": "Registered", "requires": [{"field": "msp", "op": "=", "value": true}]},
            {"id": "silver", "label": "Silver", "min_score": 30, "requires": [{"category": "capability", "min_share": 20}]},
            {"id": "gold", "label": "Gold", "min_score": 55, "requires": [
                {"certifications": "certs", "min": 2, "of_which": {"kinds": ["tech"], "min": 1}},
                {"field": "fit", "op": "one_of", "value": ["high"]},
                {"field": "joined", "op": "<=", "value": "2025-12-31"}]},
            {"id": "platinum", "label": "Platinum", "min_score": 80, "requires": [
                {"all_criteria_above_zero": true}, {"category": "fit", "min_points": 10},
                {"field": "industries", "op": "includes", "value": ["health"]}]}
        ],
        "tracks": [
            {"id": "reseller", "label": "Reseller"},
            {"id": "msp", "label": "MSP", "criteria": {"revenue": {"weight": 0.5}, "band": null},
             "add_criteria": [{"id": "mrr", "label": "MRR", "category": "performance", "field": "revenue",
                               "rule": {"type": "linear", "target": 50000, "points": 15}}],
             "tiers": {"gold": {"min_score": 50}}}
        ],
        "regions": [{"id": "growth", "label": "Growth", "criteria": {"revenue": {"rule": {"target": 250000}}},
                     "tiers": {"silver": {"min_score": 25}}}],
        "paths": [{"id": "standard", "label": "Standard"},
                  {"id": "capability", "label": "Capability first", "criteria": {"engineers": {"rule": {"per": 6, "cap": 30}}}}]
    })
}

fn scorecard() -> Scorecard {
    Scorecard::from_value(&program_json()).unwrap()
}

fn config() -> ProptestConfig {
    // 256 cases by default; PROPTEST_CASES=10000 for a deeper search.
    ProptestConfig { failure_persistence: None, ..ProptestConfig::default() }
}

fn arb_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_]{0,12}",
        Just(String::new()),
        "\\PC{0,20}",
        Just("2026-02-29".to_string()),
        Just("9999-12-31".to_string()),
        Just("0000-01-01".to_string()),
        Just("07-01".to_string()),
        Just("ü🦀\u{202e}\u{0}".to_string()),
        Just("x".repeat(5000)),
        Just(">=".to_string()),
        Just("one_of".to_string()),
    ]
}

fn arb_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON numbers are finite", |f| f.is_finite()).prop_map(Value::from),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(0.5)),
        Just(json!(1e308)),
        Just(json!(-1e308)),
        Just(json!(5e-324)),
        Just(json!(u64::MAX)),
        Just(json!(i64::MIN)),
        (-200i32..2000).prop_map(Value::from),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![Just(Value::Null), any::<bool>().prop_map(Value::Bool), arb_number(), arb_string().prop_map(Value::String),];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((arb_key(), inner), 0..6).prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// The engine's value is serde_json's, numbers compared as the `f64` JavaScript would read.
fn same_json(ours: &partner_scorecard::text::value::Value, theirs: &Value) -> bool {
    use partner_scorecard::text::value::Value as V;
    match (ours, theirs) {
        (V::Null, Value::Null) => true,
        (V::Bool(x), Value::Bool(y)) => x == y,
        (V::Number(x), Value::Number(y)) => y.as_f64().is_some_and(|y| {
            // Exact where `decimal` promises it (serde_json writes at most 17 significant
            // digits, so every number from 1e-3 to 1e19); further out, close (read twice in
            // the round trip below, hence twice `decimal`'s bound).
            *x == y || (!(1e-3..1e19).contains(&y.abs()) && (x - y).abs() <= (y.abs() * 4e-15).max(1e-300))
        }),
        (V::String(x), Value::String(y)) => x == y,
        (V::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b)),
        (V::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w))),
        _ => false,
    }
}

/// Keys the engine knows, so random objects reach deep into the reader.
fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "format", "id", "name", "label", "fields", "type", "criteria", "tiers", "rule", "field", "category", "categories",
            "min_score", "requires", "points", "target", "from", "per", "cap", "bands", "min", "max", "options", "kinds", "op",
            "value", "certifications", "of_which", "min_points", "min_share", "all_criteria_above_zero", "tracks", "regions",
            "paths", "add_criteria", "retention", "grace_days", "until_anniversary", "weight", "scale", "integer",
        ])
        .prop_map(str::to_string),
        1 => arb_string(),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete,
    Replace(Value),
    Null,
    WrapInList,
    Negate,
    Scale(f64),
    Fraction,
    DuplicateFirstItem,
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Delete),
        arb_json().prop_map(Mutation::Replace),
        Just(Mutation::Null),
        Just(Mutation::WrapInList),
        Just(Mutation::Negate),
        prop::sample::select(vec![0.0, 1e-9, 1e9, 1e300, -1e300, 3.5]).prop_map(Mutation::Scale),
        Just(Mutation::Fraction),
        Just(Mutation::DuplicateFirstItem),
    ]
}

/// JSON pointers of every node below the root.
fn pointers(value: &Value, prefix: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{prefix}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let p = format!("{prefix}/{i}");
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        _ => {}
    }
}

fn mutate(program: &mut Value, pointer: &str, mutation: &Mutation) {
    let (parent_ptr, key) = pointer.rsplit_once('/').unwrap();
    let key = key.replace("~1", "/").replace("~0", "~");
    if let Mutation::Delete = mutation {
        match program.pointer_mut(parent_ptr) {
            Some(Value::Object(map)) => {
                map.remove(&key);
            }
            Some(Value::Array(items)) => {
                let i: usize = key.parse().unwrap();
                items.remove(i);
            }
            _ => {}
        }
        return;
    }
    let Some(target) = program.pointer_mut(pointer) else { return };
    let replacement = match mutation {
        Mutation::Delete => unreachable!(),
        Mutation::Replace(v) => v.clone(),
        Mutation::Null => Value::Null,
        Mutation::WrapInList => Value::Array(vec![target.clone()]),
        Mutation::Negate => match target.as_f64() {
            Some(n) => json!(-n),
            None => json!(-1),
        },
        Mutation::Scale(f) => match target.as_f64().map(|n| n * f).filter(|n| n.is_finite()) {
            Some(n) => json!(n),
            None => json!(f),
        },
        Mutation::Fraction => match target.as_f64() {
            Some(n) => json!(n + 0.25),
            None => json!(0.25),
        },
        Mutation::DuplicateFirstItem => match &*target {
            Value::Array(items) if !items.is_empty() => {
                let mut items = items.clone();
                items.push(items[0].clone());
                Value::Array(items)
            }
            other => other.clone(),
        },
    };
    *target = replacement;
}

fn arb_date() -> impl Strategy<Value = Date> {
    // 0001-01-01 ..= 9999-12-31
    let lo = Date::parse("0001-01-01").unwrap().days_since_epoch();
    let hi = Date::parse("9999-12-31").unwrap().days_since_epoch();
    prop_oneof![
        (lo..=hi).prop_map(Date::from_days_since_epoch),
        Just(Date::parse("0001-01-01").unwrap()),
        Just(Date::parse("9999-12-31").unwrap()),
        (Date::parse("2024-01-01").unwrap().days_since_epoch()..=Date::parse("2028-12-31").unwrap().days_since_epoch())
            .prop_map(Date::from_days_since_epoch),
    ]
}

fn arb_date_text() -> impl Strategy<Value = Value> {
    prop_oneof![arb_date().prop_map(|d| json!(d.to_string())), arb_json()]
}

/// Mostly valid values for each field, sometimes garbage.
fn arb_values() -> impl Strategy<Value = Value> {
    let cert = (
        prop::option::of(prop_oneof![Just(json!("sales")), Just(json!("tech")), arb_json()]),
        prop::option::of(arb_date_text()),
        prop::option::of(arb_date_text()),
    )
        .prop_map(|(kind, earned, expires)| {
            let mut c = Map::new();
            c.insert("kind".into(), kind.unwrap_or(json!("tech")));
            if let Some(e) = earned {
                c.insert("earned".into(), e);
            }
            if let Some(x) = expires {
                c.insert("expires".into(), x);
            }
            Value::Object(c)
        });
    (
        prop::option::of(prop_oneof![4 => (0.0..5e6f64).prop_map(|n| json!(n)), 1 => arb_json()]),
        prop::option::of(prop_oneof![4 => (-100i32..=100).prop_map(|n| json!(n)), 1 => arb_json()]),
        prop::option::of(prop_oneof![4 => (0u32..40).prop_map(|n| json!(n)), 1 => arb_json()]),
        prop::option::of(prop_oneof![4 => any::<bool>().prop_map(Value::Bool), 1 => arb_json()]),
        prop::option::of(prop_oneof![4 => prop::sample::select(vec!["low", "high"]).prop_map(|s| json!(s)), 1 => arb_json()]),
        prop::option::of(prop_oneof![
            4 => prop::sample::subsequence(vec!["health", "retail", "finance"], 0..=3).prop_map(|s| json!(s)),
            1 => arb_json()
        ]),
        prop::option::of(arb_date_text()),
        prop::option::of(prop_oneof![4 => prop::collection::vec(cert, 0..6).prop_map(Value::Array), 1 => arb_json()]),
    )
        .prop_map(|(revenue, nps, engineers, msp, fit, industries, joined, certs)| {
            let mut values = Map::new();
            for (key, v) in [
                ("revenue", revenue),
                ("nps", nps),
                ("engineers", engineers),
                ("msp", msp),
                ("fit", fit),
                ("industries", industries),
                ("joined", joined),
                ("certs", certs),
            ] {
                if let Some(v) = v {
                    values.insert(key.into(), v);
                }
            }
            Value::Object(values)
        })
}

fn arb_profile() -> impl Strategy<Value = Value> {
    let held = (prop::sample::select(vec!["reseller", "msp", "other"]), prop::sample::select(vec!["silver", "gold", "platinum"]))
        .prop_flat_map(|(track, tier)| {
            (prop::option::of(arb_date_text()), prop::option::of(arb_date_text())).prop_map(move |(since, short)| {
                let mut h = json!({"track": track, "tier": tier});
                if let Some(s) = since {
                    h["since"] = s;
                }
                if let Some(s) = short {
                    h["short_since"] = s;
                }
                h
            })
        });
    prop_oneof![
        6 => (
            arb_values(),
            prop::option::of(prop_oneof![Just(json!("growth")), arb_json()]),
            prop::option::of(prop::sample::subsequence(vec!["reseller", "msp"], 0..=2)),
            prop::collection::vec(held, 0..2),
        )
            .prop_map(|(values, region, tracks, held)| {
                let mut p = json!({"values": values, "current_tiers": held});
                if let Some(r) = region {
                    p["region"] = r;
                }
                if let Some(t) = tracks {
                    p["tracks"] = json!(t);
                }
                p
            }),
        1 => arb_json(),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// The engine's JSON reader reads what serde_json writes (to the bit where `decimal`
    /// promises it), and what the engine writes reads back as the same value.
    #[test]
    fn the_json_reader_agrees_with_serde_json(value in arb_json(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&value).unwrap() } else { value.to_string() };
        let ours = partner_scorecard::text::value::parse(&text).unwrap();
        prop_assert!(same_json(&ours, &value), "{} was read as {:?}", value, ours);
        let again = partner_scorecard::text::value::parse(&partner_scorecard::text::json_write::to_string(&ours).unwrap()).unwrap();
        prop_assert!(same_json(&again, &value), "{} was written and read back as {:?}", value, again);
    }

    /// Up to 19 significant digits with an exponent within ±19 (relative to those digits),
    /// however the point is placed: exactly what the standard library reads.
    #[test]
    fn decimals_are_read_exactly_where_promised(mantissa in 0u64..=9_999_999_999_999_999_999, exponent in -19i64..=19, point in any::<Index>()) {
        let digits = mantissa.to_string();
        let at = point.index(digits.len() + 1);
        // Moving the point left by k digits is the same number with exponent + k.
        let text = format!("{}.{}e{}", &digits[..at], &digits[at..], exponent + (digits.len() - at) as i64);
        let ours = partner_scorecard::text::decimal::parse_decimal(&text).map(f64::to_bits);
        prop_assert_eq!(ours, text.parse::<f64>().ok().map(f64::to_bits), "{}", text);
    }

    /// Any text at all (cut JSON, stray bytes) is a value or an error with a place, never a panic.
    #[test]
    fn any_text_is_read_or_refused_with_its_line(value in arb_json(), cut in any::<Index>(), junk in "\\PC{0,3}") {
        let text = value.to_string();
        let at = cut.index(text.len() + 1);
        let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let broken = format!("{}{}{}", &text[..at], junk, &text[at..]);
        if let Err(e) = partner_scorecard::text::value::parse(&broken) {
            prop_assert!(e.line >= 1 && e.column >= 1 && e.column <= broken.chars().count() + 1, "{e}");
        }
    }

    #[test]
    fn random_json_is_never_a_panic_as_a_program(value in arb_json()) {
        let _ = Scorecard::from_value(&value);
        let _ = Scorecard::from_json(&value.to_string());
    }

    #[test]
    fn mutated_programs_are_accepted_or_rejected_with_errors(
        mutations in prop::collection::vec((any::<Index>(), arb_mutation()), 1..4),
        date in arb_date(),
    ) {
        let mut program = program_json();
        for (index, mutation) in &mutations {
            let mut all = Vec::new();
            pointers(&program, String::new(), &mut all);
            if all.is_empty() {
                break;
            }
            let pointer = index.get(&all).clone();
            mutate(&mut program, &pointer, mutation);
        }
        match Scorecard::from_value(&program) {
            Err(errors) => {
                prop_assert!(!errors.issues.is_empty());
                for issue in &errors.issues {
                    prop_assert!(!issue.message.is_empty());
                }
            }
            Ok(scorecard) => {
                // Whatever was accepted must evaluate without panicking.
                let empty = scorecard.empty_profile();
                let _ = scorecard.evaluate(&empty, &EvalOptions::on(date));
                let _ = scorecard.score(&empty, &EvalOptions::on(date));
                let _ = serde_json::to_string(&scorecard.form());
            }
        }
    }

    #[test]
    fn random_profiles_never_panic_and_keep_score_invariants(profile in arb_profile(), date in arb_date()) {
        let scorecard = scorecard();
        let _ = scorecard.profile_from_json(&profile.to_string());
        let Ok(p) = scorecard.profile_from_value(&profile) else { return Ok(()) };
        let options = EvalOptions::on(date);
        let full = scorecard.evaluate(&p, &options).unwrap();
        let compact = scorecard.score(&p, &options).unwrap();
        prop_assert_eq!(full.tracks.len(), compact.len());
        serde_json::to_string(&full).unwrap();
        for (t, c) in full.tracks.iter().zip(&compact) {
            let tol = 1e-9 * t.max.max(1.0);
            prop_assert!(t.total >= 0.0 && t.total <= t.max + tol, "total {} of {}", t.total, t.max);
            let category_sum: f64 = t.categories.iter().map(|c| c.points).sum();
            prop_assert!((category_sum - t.total).abs() <= tol, "categories {} vs total {}", category_sum, t.total);
            for criterion in &t.criteria {
                prop_assert!(criterion.points >= 0.0 && criterion.points <= criterion.max + tol, "{:?}", criterion);
            }
            for category in &t.categories {
                prop_assert!(category.points <= category.max + tol);
                prop_assert!((0.0..=100.0 + 1e-6).contains(&category.share));
            }
            // The earned tier is the highest whose checks are all met.
            let highest_met = t.tiers.iter().rposition(|x| x.met);
            prop_assert_eq!(t.earned_tier.as_ref().map(|x| x.rank - 1), highest_met);
            if p.current_tiers.is_empty() {
                prop_assert_eq!(&t.tier, &t.earned_tier);
                prop_assert!(t.retention.is_none());
            }
            // A met tier's score condition and requirements really hold.
            for check in &t.tiers {
                let score_ok = check.min_score.is_none_or(|m| t.total + 1e-9 >= m);
                prop_assert_eq!(check.met, score_ok && check.requirements.iter().all(|r| r.met));
            }
            // The compact result agrees with the explained one.
            prop_assert_eq!(t.total, c.total);
            prop_assert_eq!(t.tier.as_ref().map(|x| x.rank - 1), c.tier);
            prop_assert_eq!(t.earned_tier.as_ref().map(|x| x.rank - 1), c.earned_tier);
            prop_assert_eq!(t.retention.is_some(), c.held_by_retention);
            if let Some(next) = &t.next_tier {
                prop_assert!(next.point_deficit >= 0.0);
                prop_assert_eq!(Some(next.rank - 1), highest_met.map_or(Some(0), |e| Some(e + 1)));
            }
        }
    }

    #[test]
    fn random_profiles_against_mutated_but_valid_programs_never_panic(
        mutation in (any::<Index>(), arb_mutation()),
        profile in arb_profile(),
        date in arb_date(),
    ) {
        let mut program = program_json();
        let mut all = Vec::new();
        pointers(&program, String::new(), &mut all);
        let pointer = mutation.0.get(&all).clone();
        mutate(&mut program, &pointer, &mutation.1);
        if let Ok(scorecard) = Scorecard::from_value(&program) {
            if let Ok(p) = scorecard.profile_from_value(&profile) {
                let options = EvalOptions::on(date);
                let full = scorecard.evaluate(&p, &options).unwrap();
                let compact = scorecard.score(&p, &options).unwrap();
                for (t, c) in full.tracks.iter().zip(&compact) {
                    prop_assert_eq!(t.total, c.total);
                    prop_assert_eq!(t.tier.as_ref().map(|x| x.rank - 1), c.tier);
                }
            }
        }
    }
}

#[test]
fn the_property_program_is_valid_and_uses_every_variant() {
    let s = scorecard();
    assert_eq!((s.tracks().len(), s.regions().len(), s.paths().len()), (2, 1, 2));
}
