//! The lab's slider moves in the engine alone, natively: what `Lab.setProgram` + `Lab.segment`
//! do for a tier-minimum move (place the results again) and a weight move (score again the
//! criterion that changed), part by part, for synthetic partners of classic-reseller
//! (PROGRAM=multi-track for a program with scoring paths, regions and three tracks).
//! The page's figures (bench/lab-slider.mjs) add the wasm and drawing costs on top.
//!
//! Run with `cargo bench --bench lab` (ROWS=400000 for another size). Prints; asserts nothing.

use partner_scorecard::analysis::segment::{compare_with, segment, why, PartnerBase, SegmentOptions};
use partner_scorecard::analysis::synth::{generate, SynthOptions};
use partner_scorecard::text::value;
use partner_scorecard::{Date, Scorecard};
use std::time::{Duration, Instant};

fn median(mut xs: Vec<Duration>) -> f64 {
    xs.sort();
    xs[xs.len() / 2].as_secs_f64() * 1e3
}

fn main() {
    let rows: usize = std::env::var("ROWS").ok().and_then(|r| r.parse().ok()).unwrap_or(100_000);
    let name = std::env::var("PROGRAM").unwrap_or_else(|_| "classic-reseller".to_string());
    let text = std::fs::read_to_string(format!("www/programs/{name}.json")).expect("run from the repository's root");
    let engine = Scorecard::from_json(&text).expect("the demo program reads");
    let as_of = Date::parse("2026-06-01").expect("a date");
    let synth = SynthOptions { rows, seed: 7, as_of, workbook: false };
    let csv = generate(&engine, &synth).expect("partners");
    let base = PartnerBase::from_csv(&engine, &csv).expect("the generated file reads");
    // As the page asks: partners within reach are checked after the results are drawn.
    let options = SegmentOptions { plan_limit: 0, ..SegmentOptions::on(as_of) };
    let baseline = segment(&engine, &base, &options).expect("segments").scored;
    let mut sums = None;
    // KIND=tier (or weight, target) measures one kind alone, MOVES=n moves of it (for a profiler).
    let only = std::env::var("KIND").ok();
    let moves: usize = std::env::var("MOVES").ok().and_then(|m| m.parse().ok()).unwrap_or(15);
    let t0 = Instant::now();
    let first = segment(&engine, &base, &options).expect("segments");
    println!(
        "{rows} synthetic partners of {name} ({} bytes of CSV, {} results), medians of {moves} moves; a full scoring {:.1} ms",
        csv.len(),
        first.scored.len(),
        t0.elapsed().as_secs_f64() * 1e3
    );

    for (kind, path) in [("tier minimum", "/tiers/1/min_score"), ("weight", "/criteria/0/weight"), ("target", "/criteria/0/rule/target")] {
        if only.as_deref().is_some_and(|k| !kind.starts_with(k)) {
            continue;
        }
        let original = value::parse(&text).expect("parses");
        let mut last = segment(&engine, &base, &options).expect("segments");
        let mut previous = Scorecard::from_json(&text).expect("reads");
        let mut previous_value = original.clone();
        let (mut parse, mut place, mut versus, mut json) = (vec![], vec![], vec![], vec![]);
        let mut placed_again = vec![];
        for i in 0..moves {
            let mut edited: serde_json::Value = serde_json::from_str(&text).expect("json");
            let now = edited.pointer(path).and_then(serde_json::Value::as_f64).unwrap_or(1.0);
            let (parent, key) = path.rsplit_once('/').expect("a path");
            edited.pointer_mut(parent).and_then(serde_json::Value::as_object_mut).expect("the slider's place").insert(
                key.to_string(),
                (now + if i % 2 == 0 { 2.0 } else { -1.0 }
                    * (1 + i % 3) as f64
                    * match kind {
                        "weight" => 0.1,
                        "target" => 10_000.0,
                        _ => 1.0,
                    })
                .into(),
            );
            let edited = edited.to_string();
            let t0 = Instant::now();
            let engine = Scorecard::from_json(&edited).expect("edited program reads");
            base.check_program(&engine).expect("same shape");
            let edited_value = value::parse(&edited).expect("parses");
            let change = why::partial_change(&previous_value, &edited_value, engine.program()).expect("a partial change");
            let t1 = Instant::now();
            let seg = if change == why::PartialChange::Minimums {
                last.retiered(&engine, &base, &options)
            } else {
                last.rescored(previous.program(), engine.program(), &base, &options)
            };
            let mut seg = seg.expect("kept results serve");
            placed_again.extend(seg.results_placed_again());
            let t2 = Instant::now();
            seg.summary.versus_baseline = Some(compare_with(engine.program(), &base, &baseline, &seg.scored, None, &mut sums));
            let t3 = Instant::now();
            let out = partner_scorecard::text::json_write::to_string(&seg.summary).expect("writes");
            let t4 = Instant::now();
            std::hint::black_box(out);
            parse.push(t1 - t0);
            place.push(t2 - t1);
            versus.push(t3 - t2);
            json.push(t4 - t3);
            last = seg;
            previous = engine;
            previous_value = edited_value;
        }
        println!(
            "{kind:<14} program read {:.2} ms, results placed/scored + summary {:.2} ms, versus baseline {:.2} ms, summary JSON {:.2} ms",
            median(parse),
            median(place),
            median(versus),
            median(json)
        );
        if !placed_again.is_empty() {
            placed_again.sort_unstable();
            println!("{:<14} results placed again per move: median {} of {}", "", placed_again[placed_again.len() / 2], last.scored.len());
        }
    }
}
