//! schema/program.schema.json against the engine: every shipped program validates, and on
//! small example programs the schema and `Scorecard::from_json` agree on what is well formed.
//! Native only: they read the program files from disk.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/fixtures.rs"]
mod fixtures;

use partner_scorecard::Scorecard;
use serde_json::{json, Value};

struct Schema {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Schema {
    fn load() -> Schema {
        let path = format!("{}/schema/program.schema.json", env!("CARGO_MANIFEST_DIR"));
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        let index = compiler.compile(&path, &mut schemas).unwrap_or_else(|e| panic!("the schema must compile: {e:#}"));
        Schema { schemas, index }
    }

    fn check(&self, program: &Value) -> Result<(), String> {
        self.schemas.validate(program, self.index).map_err(|e| format!("{e}"))
    }
}

fn engine(program: &Value) -> Result<(), String> {
    Scorecard::from_value(program).map(|_| ()).map_err(|e| e.to_string())
}

#[test]
fn every_shipped_program_validates_against_the_schema_and_points_at_it() {
    let schema = Schema::load();
    let dir = format!("{}/www/programs", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        // index.json is the page's list of programs, not a program.
        .filter(|n| n.ends_with(".json") && n != "index.json")
        .collect();
    names.sort();
    for shipped in ["capability-100.json", "classic-reseller.json", "multi-track.json"] {
        assert!(names.iter().any(|n| n == shipped), "{shipped} is missing from www/programs");
    }
    for name in names {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
        let program: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(program["$schema"], "../../schema/program.schema.json", "{name}");
        if let Err(e) = schema.check(&program) {
            panic!("{name} does not match the schema:\n{e}");
        }
        engine(&program).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn the_readme_example_program_validates_against_the_schema() {
    let readme = std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let after = &readme[readme.find("### A small complete program").expect("README example")..];
    let start = after.find("```json\n").unwrap() + 8;
    let program: Value = serde_json::from_str(&after[start..start + after[start..].find("```").unwrap()]).unwrap();
    if let Err(e) = Schema::load().check(&program) {
        panic!("the README example does not match the schema:\n{e}");
    }
    engine(&program).unwrap();
}

#[test]
fn the_schema_rejects_a_broken_copy_of_a_shipped_program() {
    // Guards against a schema that accepts everything.
    let schema = Schema::load();
    let mut program = fixtures::program_json("classic-reseller");
    program["tiers"][2]["requires"][1]["of_which"]["minimum"] = json!(2);
    let error = schema.check(&program).unwrap_err();
    assert!(error.contains("/tiers/2/requires/1"), "{error}");
    assert!(engine(&program).unwrap_err().contains("tiers[2].requires[1].of_which.minimum: unknown key"));
}

/// A small program using a field of every kind, each valid on its own.
fn base() -> Value {
    json!({
        "format": 1,
        "name": "Example",
        "fields": [
            {"id": "revenue", "label": "Revenue", "type": "number", "min": 0, "unit": "EUR"},
            {"id": "engineers", "label": "Engineers", "type": "number", "integer": true, "min": 0},
            {"id": "plan", "label": "Marketing plan", "type": "boolean"},
            {"id": "fit", "label": "Market alignment", "type": "choice", "options": [{"id": "low", "label": "Low"}, {"id": "high", "label": "High"}]},
            {"id": "industries", "label": "Industries", "type": "multi_choice", "options": [{"id": "health", "label": "Health"}, {"id": "retail", "label": "Retail"}]},
            {"id": "joined", "label": "Partner since", "type": "date"},
            {"id": "certs", "label": "Certifications", "type": "certifications", "kinds": [{"id": "sales", "label": "Sales"}, {"id": "tech", "label": "Technical"}]}
        ],
        "categories": [{"id": "perf", "label": "Performance"}, {"id": "cap", "label": "Capability"}],
        "criteria": [
            {"id": "rev", "label": "Revenue", "category": "perf", "field": "revenue", "rule": {"type": "linear", "points": 10, "target": 100}}
        ],
        "tiers": [{"id": "silver", "label": "Silver", "min_score": 2}, {"id": "gold", "label": "Gold", "min_score": 5}]
    })
}

/// `base()` with a change applied.
fn with(change: impl FnOnce(&mut Value)) -> Value {
    let mut program = base();
    change(&mut program);
    program
}

fn criterion(rule: Value, field: &str) -> Value {
    json!({"id": "extra", "label": "Extra", "category": "cap", "field": field, "rule": rule})
}

fn add_criterion(p: &mut Value, rule: Value, field: &str) {
    p["criteria"].as_array_mut().unwrap().push(criterion(rule, field));
}

fn gold_requires(p: &mut Value, requirement: Value) {
    p["tiers"][1]["requires"] = json!([requirement]);
}

/// Well-formed programs: the schema and the engine both accept them.
fn valid_examples() -> Vec<(&'static str, Value)> {
    vec![
        ("the base program", base()),
        (
            "$schema, id, description, version, currency, languages",
            with(|p| {
                p["$schema"] = json!("../../schema/program.schema.json");
                p["id"] = json!("example-1");
                p["description"] = json!("About");
                p["version"] = json!("2026.1");
                p["currency"] = json!("EUR");
                p["languages"] = json!(["en", "de"]);
            }),
        ),
        (
            "localized texts",
            with(|p| {
                p["name"] = json!({"en": "Example", "de": "Beispiel"});
                p["tiers"][1]["label"] = json!({"en": "Gold", "de": "Gold"});
                p["tiers"][1]["benefits"] = json!([{"en": "Discount", "de": "Rabatt"}, "MDF"]);
            }),
        ),
        (
            "sections, help, effort, actionable",
            with(|p| {
                p["sections"] = json!([{"id": "sales", "label": "Sales", "help": "Last 12 months"}]);
                p["fields"][0]["section"] = json!("sales");
                p["fields"][0]["help"] = json!({"en": "Net revenue"});
                p["fields"][0]["effort"] = json!(0.001);
                p["fields"][5]["actionable"] = json!(false);
            }),
        ),
        (
            "a linear rule with from and a weight",
            with(|p| {
                p["criteria"][0]["rule"]["from"] = json!(20);
                p["criteria"][0]["weight"] = json!(1.5);
                p["criteria"][0]["help"] = json!("Counts from 20");
            }),
        ),
        ("per_unit", with(|p| add_criterion(p, json!({"type": "per_unit", "per": 4, "cap": 20}), "engineers"))),
        (
            "bands",
            with(|p| add_criterion(p, json!({"type": "bands", "bands": [{"min": 1, "points": 2}, {"min": 5, "points": 6}]}), "engineers")),
        ),
        ("yes_no", with(|p| add_criterion(p, json!({"type": "yes_no", "points": 3}), "plan"))),
        ("options on a choice", with(|p| add_criterion(p, json!({"type": "options", "points": {"low": 0, "high": 5}}), "fit"))),
        (
            "options on a multi_choice with a cap",
            with(|p| add_criterion(p, json!({"type": "options", "points": {"health": 2, "retail": 2}, "cap": 3}), "industries")),
        ),
        (
            "certifications of some kinds",
            with(|p| add_criterion(p, json!({"type": "certifications", "kinds": ["tech"], "per": 2, "cap": 10}), "certs")),
        ),
        (
            "log with and without scale",
            with(|p| {
                add_criterion(p, json!({"type": "log", "points": 20, "target": 1000000, "scale": 50000}), "revenue");
                p["criteria"].as_array_mut().unwrap().push(json!({"id": "rev2", "label": "R", "category": "perf", "field": "revenue",
                "rule": {"type": "log", "points": 5, "target": 1000}}));
            }),
        ),
        (
            "field requirement >=",
            with(|p| gold_requires(p, json!({"field": "revenue", "op": ">=", "value": 1000, "label": "Revenue 1,000+"}))),
        ),
        ("field requirement <= on a date", with(|p| gold_requires(p, json!({"field": "joined", "op": "<=", "value": "2024-01-01"})))),
        ("field requirement = on a boolean", with(|p| gold_requires(p, json!({"field": "plan", "op": "=", "value": true})))),
        ("field requirement one_of on a choice", with(|p| gold_requires(p, json!({"field": "fit", "op": "one_of", "value": ["high"]})))),
        ("field requirement includes", with(|p| gold_requires(p, json!({"field": "industries", "op": "includes", "value": "health"})))),
        (
            "certifications requirement with of_which",
            with(|p| gold_requires(p, json!({"certifications": "certs", "min": 3, "of_which": {"kinds": ["tech"], "min": 1}}))),
        ),
        (
            "certifications requirement of kinds",
            with(|p| gold_requires(p, json!({"certifications": "certs", "kinds": ["sales"], "min": 1}))),
        ),
        ("category points", with(|p| gold_requires(p, json!({"category": "perf", "min_points": 4})))),
        ("category share", with(|p| gold_requires(p, json!({"category": "perf", "min_share": 50})))),
        ("every criterion above zero", with(|p| gold_requires(p, json!({"all_criteria_above_zero": true})))),
        (
            "a checklist tier without min_score",
            with(|p| {
                p["tiers"][0] = json!({"id": "registered", "label": "Registered", "help": "Signed", "requires": [{"field": "plan", "op": "=", "value": true}]});
            }),
        ),
        ("grace retention", with(|p| p["retention"] = json!({"grace_days": 90}))),
        ("anniversary retention", with(|p| p["retention"] = json!({"until_anniversary": "07-01"}))),
        (
            "a track that patches, drops and adds criteria and patches tiers",
            with(|p| {
                add_criterion(p, json!({"type": "per_unit", "per": 1, "cap": 5}), "engineers");
                p["tracks"] = json!([
                    {"id": "resell", "label": "Reseller"},
                    {"id": "refer", "label": "Referral", "help": "Demand creation",
                     "criteria": {"rev": null, "extra": {"weight": 2, "rule": {"cap": 8}, "help": null}},
                     "add_criteria": [{"id": "fitness", "label": "Fit", "category": "perf", "field": "fit", "rule": {"type": "options", "points": {"high": 4}}}],
                     "tiers": {"gold": {"min_score": 6, "requires": [{"field": "plan", "op": "=", "value": true}]}, "silver": {"label": "Silber"}}}
                ]);
            }),
        ),
        (
            "regions",
            with(|p| {
                p["regions"] = json!([{"id": "growth", "label": "Growth", "criteria": {"rev": {"rule": {"target": 50}}}, "tiers": {"gold": {"min_score": 4}}}]);
            }),
        ),
        (
            "paths",
            with(|p| {
                p["paths"] = json!([{"id": "a", "label": "Revenue"}, {"id": "b", "label": "Engineers",
                "criteria": {"rev": {"field": "engineers", "label": "Engineers", "rule": {"type": "per_unit", "per": 2, "cap": 10, "points": null, "target": null}}}}]);
            }),
        ),
    ]
}

/// Structural mistakes: the schema and the engine both reject them.
fn invalid_examples() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        // unknown keys
        ("unknown top-level key", "tier", with(|p| p["tier"] = json!([]))),
        ("unknown key in a field", "fields[0].lable", with(|p| p["fields"][0]["lable"] = json!("x"))),
        ("unknown key in a criterion", "criteria[0].points", with(|p| p["criteria"][0]["points"] = json!(3))),
        ("unknown key in a rule", "criteria[0].rule.cap", with(|p| p["criteria"][0]["rule"]["cap"] = json!(3))),
        ("unknown key in a tier", "tiers[0].minimum", with(|p| p["tiers"][0]["minimum"] = json!(3))),
        (
            "min without includes",
            "tiers[1].requires[0].min",
            with(|p| gold_requires(p, json!({"field": "revenue", "op": ">=", "value": 1, "min": 2}))),
        ),
        (
            "unknown key in a requirement",
            "tiers[1].requires[0].minimum",
            with(|p| gold_requires(p, json!({"field": "revenue", "op": ">=", "value": 1, "minimum": 2}))),
        ),
        (
            "unknown key in of_which",
            "tiers[1].requires[0].of_which.count",
            with(|p| gold_requires(p, json!({"certifications": "certs", "min": 2, "of_which": {"kinds": ["tech"], "count": 1}}))),
        ),
        ("unknown key in an option", "fields[3].options[0].points", with(|p| p["fields"][3]["options"][0]["points"] = json!(1))),
        (
            "unknown key in a band",
            "criteria[1].rule.bands[0].max",
            with(|p| add_criterion(p, json!({"type": "bands", "bands": [{"min": 1, "points": 2, "max": 4}]}), "engineers")),
        ),
        ("unknown key in a track", "tracks[0].weights", with(|p| p["tracks"] = json!([{"id": "t", "label": "T", "weights": {}}]))),
        ("unknown key in a path", "paths[0].weights", with(|p| p["paths"] = json!([{"id": "a", "label": "A", "weights": {}}]))),
        (
            "unknown key in a criterion patch",
            "tracks[0].criteria.rev.wieght",
            with(|p| p["tracks"] = json!([{"id": "t", "label": "T", "criteria": {"rev": {"wieght": 2}}}])),
        ),
        (
            "a criterion patch that renames",
            "tracks[0].criteria.rev.id",
            with(|p| p["tracks"] = json!([{"id": "t", "label": "T", "criteria": {"rev": {"id": "other"}}}])),
        ),
        (
            "unknown key in a tier patch",
            "regions[0].tiers.gold.min",
            with(|p| p["regions"] = json!([{"id": "g", "label": "G", "tiers": {"gold": {"min": 3}}}])),
        ),
        ("unknown key in retention", "retention.grace", with(|p| p["retention"] = json!({"grace_days": 30, "grace": 1}))),
        // wrong types
        ("format as text", "format", with(|p| p["format"] = json!("1"))),
        ("name as a number", "name", with(|p| p["name"] = json!(3))),
        ("empty localized text", "name", with(|p| p["name"] = json!({}))),
        ("localized text with a number", "name.en", with(|p| p["name"] = json!({"en": 3}))),
        ("fields as an object", "fields", with(|p| p["fields"] = json!({"revenue": {}}))),
        ("min_score as text", "tiers[0].min_score", with(|p| p["tiers"][0]["min_score"] = json!("2"))),
        ("weight as text", "criteria[0].weight", with(|p| p["criteria"][0]["weight"] = json!("2"))),
        ("integer as text", "fields[1].integer", with(|p| p["fields"][1]["integer"] = json!("yes"))),
        ("a rule as text", "criteria[0].rule", with(|p| p["criteria"][0]["rule"] = json!("linear"))),
        (
            "option points as text",
            "criteria[1].rule.points.low",
            with(|p| add_criterion(p, json!({"type": "options", "points": {"low": "1"}}), "fit")),
        ),
        (
            "certification min as a fraction",
            "tiers[1].requires[0].min",
            with(|p| gold_requires(p, json!({"certifications": "certs", "min": 1.5}))),
        ),
        (
            "a track criteria patch as a list",
            "tracks[0].criteria",
            with(|p| p["tracks"] = json!([{"id": "t", "label": "T", "criteria": []}])),
        ),
        (
            "a tier patch as null",
            "tracks[0].tiers.gold",
            with(|p| p["tracks"] = json!([{"id": "t", "label": "T", "tiers": {"gold": null}}])),
        ),
        (
            "all_criteria_above_zero false",
            "tiers[1].requires[0].all_criteria_above_zero",
            with(|p| gold_requires(p, json!({"all_criteria_above_zero": false}))),
        ),
        // bad enums and formats
        ("unknown field type", "fields[0].type", with(|p| p["fields"][0]["type"] = json!("text"))),
        ("unknown rule type", "criteria[0].rule.type", with(|p| p["criteria"][0]["rule"]["type"] = json!("steps"))),
        ("unknown comparison", "tiers[1].requires[0].op", with(|p| gold_requires(p, json!({"field": "revenue", "op": "=>", "value": 1})))),
        ("format 2", "format", with(|p| p["format"] = json!(2))),
        ("an id with a space", "tiers[0].id", with(|p| p["tiers"][0]["id"] = json!("top tier"))),
        ("a lower-case currency", "currency", with(|p| p["currency"] = json!("eur"))),
        (
            "an anniversary without leading zeros",
            "retention.until_anniversary",
            with(|p| p["retention"] = json!({"until_anniversary": "7-1"})),
        ),
        ("a negative weight", "criteria[0].weight", with(|p| p["criteria"][0]["weight"] = json!(-1))),
        (
            "per_unit of zero per unit",
            "criteria[1].rule.per",
            with(|p| add_criterion(p, json!({"type": "per_unit", "per": 0, "cap": 5}), "engineers")),
        ),
        ("a negative min_score", "tiers[0].min_score", with(|p| p["tiers"][0]["min_score"] = json!(-1))),
        (
            "one_of with an empty list",
            "tiers[1].requires[0].value",
            with(|p| gold_requires(p, json!({"field": "fit", "op": "one_of", "value": []}))),
        ),
        ("options on a number field", "fields[0].options", with(|p| p["fields"][0]["options"] = json!([{"id": "a", "label": "A"}]))),
        ("unit on a boolean field", "fields[2].unit", with(|p| p["fields"][2]["unit"] = json!("x"))),
        ("kinds on a choice field", "fields[3].kinds", with(|p| p["fields"][3]["kinds"] = json!([]))),
        // missing required keys
        ("no format", "format", with(|p| drop(p.as_object_mut().unwrap().remove("format")))),
        ("no name", "name", with(|p| drop(p.as_object_mut().unwrap().remove("name")))),
        ("no tiers", "tiers", with(|p| drop(p.as_object_mut().unwrap().remove("tiers")))),
        ("no fields", "fields", with(|p| drop(p.as_object_mut().unwrap().remove("fields")))),
        ("empty tiers", "tiers", with(|p| p["tiers"] = json!([]))),
        ("a field without type", "fields[0].type", with(|p| drop(p["fields"][0].as_object_mut().unwrap().remove("type")))),
        ("a choice field without options", "fields[3].options", with(|p| drop(p["fields"][3].as_object_mut().unwrap().remove("options")))),
        (
            "an option without label",
            "fields[3].options[0].label",
            with(|p| drop(p["fields"][3]["options"][0].as_object_mut().unwrap().remove("label"))),
        ),
        (
            "a criterion without category",
            "criteria[0].category",
            with(|p| drop(p["criteria"][0].as_object_mut().unwrap().remove("category"))),
        ),
        ("a criterion without rule", "criteria[0].rule", with(|p| drop(p["criteria"][0].as_object_mut().unwrap().remove("rule")))),
        ("a rule without type", "criteria[0].rule.type", with(|p| drop(p["criteria"][0]["rule"].as_object_mut().unwrap().remove("type")))),
        (
            "a linear rule without target",
            "criteria[0].rule.target",
            with(|p| drop(p["criteria"][0]["rule"].as_object_mut().unwrap().remove("target"))),
        ),
        (
            "a band without points",
            "criteria[1].rule.bands[0].points",
            with(|p| add_criterion(p, json!({"type": "bands", "bands": [{"min": 1}]}), "engineers")),
        ),
        ("a tier without label", "tiers[0].label", with(|p| drop(p["tiers"][0].as_object_mut().unwrap().remove("label")))),
        ("a field requirement without op", "tiers[1].requires[0].op", with(|p| gold_requires(p, json!({"field": "revenue", "value": 1})))),
        (
            "a certifications requirement without min",
            "tiers[1].requires[0].min",
            with(|p| gold_requires(p, json!({"certifications": "certs"}))),
        ),
        ("a track without label", "tracks[0].label", with(|p| p["tracks"] = json!([{"id": "t"}]))),
        // ambiguous choices
        (
            "a requirement of two kinds",
            "tiers[1].requires[0]",
            with(|p| gold_requires(p, json!({"field": "revenue", "op": ">=", "value": 1, "category": "perf"}))),
        ),
        (
            "a category requirement with points and share",
            "tiers[1].requires[0]",
            with(|p| gold_requires(p, json!({"category": "perf", "min_points": 1, "min_share": 10}))),
        ),
        ("a category requirement with neither", "tiers[1].requires[0]", with(|p| gold_requires(p, json!({"category": "perf"})))),
        ("retention with both modes", "retention", with(|p| p["retention"] = json!({"grace_days": 30, "until_anniversary": "07-01"}))),
        ("empty retention", "retention", with(|p| p["retention"] = json!({}))),
    ]
}

/// Mistakes only the engine can see, because they depend on the program's own contents
/// (ids that must exist, tiers in order, reachable scores, rules matching field types).
/// The schema accepts them; the engine must still reject them with a clear message.
fn semantic_examples() -> Vec<(&'static str, Value, &'static str)> {
    vec![
        ("tiers out of order", with(|p| p["tiers"][1]["min_score"] = json!(1)), "tiers[1].min_score: tiers are out of order"),
        ("an unreachable tier", with(|p| p["tiers"][1]["min_score"] = json!(11)), "tiers[1].min_score: can never be reached"),
        (
            "a criterion on an unknown field",
            with(|p| p["criteria"][0]["field"] = json!("sales")),
            "criteria[0].field: unknown field \"sales\"",
        ),
        ("a duplicate tier id", with(|p| p["tiers"][1]["id"] = json!("silver")), "tiers[1].id: duplicate tier id \"silver\""),
        (
            "a rule that does not fit its field",
            with(|p| p["criteria"][0]["field"] = json!("plan")),
            "criteria[0].field: a linear rule needs a number field",
        ),
        (
            "target not above from",
            with(|p| p["criteria"][0]["rule"]["from"] = json!(100)),
            "criteria[0].rule.target: target 100 must be above",
        ),
        (
            "bands not increasing",
            with(|p| add_criterion(p, json!({"type": "bands", "bands": [{"min": 5, "points": 2}, {"min": 5, "points": 3}]}), "engineers")),
            "criteria[1].rule.bands[1].min: bands must be listed with increasing",
        ),
        (
            "an unknown option in a requirement",
            with(|p| gold_requires(p, json!({"field": "fit", "op": "=", "value": "medium"}))),
            "tiers[1].requires[0].value: unknown option \"medium\"",
        ),
        (
            "a patch of a criterion that does not exist",
            with(|p| p["tracks"] = json!([{"id": "t", "label": "T", "criteria": {"revenue": {"weight": 2}}}])),
            "tracks[0].criteria.revenue: no criterion \"revenue\" to change",
        ),
    ]
}

#[test]
fn schema_and_engine_accept_the_same_well_formed_programs() {
    let schema = Schema::load();
    for (name, program) in valid_examples() {
        if let Err(e) = schema.check(&program) {
            panic!("{name}: the schema rejects a valid program:\n{e}");
        }
        if let Err(e) = engine(&program) {
            panic!("{name}: the engine rejects a valid program:\n{e}");
        }
    }
}

#[test]
fn schema_and_engine_reject_the_same_structural_mistakes() {
    let schema = Schema::load();
    for (name, path, program) in invalid_examples() {
        assert!(schema.check(&program).is_err(), "{name}: the schema accepts it");
        // The engine must reject it for this mistake, not for something else in the example.
        let errors = Scorecard::from_value(&program).expect_err(name);
        assert_eq!(errors.issues[0].path, path, "{name}: {errors}");
    }
}

#[test]
fn mistakes_that_depend_on_the_program_itself_are_left_to_the_engine() {
    let schema = Schema::load();
    for (name, program, message) in semantic_examples() {
        if let Err(e) = schema.check(&program) {
            panic!("{name}: expected the schema to accept this (only the engine can tell), but:\n{e}");
        }
        let error = engine(&program).expect_err(name);
        assert!(error.contains(message), "{name}: expected \"{message}\" in:\n{error}");
    }
}
