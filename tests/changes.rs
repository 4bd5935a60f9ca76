//! What changed between two versions of a program file (`program::changes::describe_changes`,
//! issue 17), on the shipped programs edited as a program manager would: each expected
//! change worked out by hand from the files in www/programs/.

use partner_scorecard::program::changes::{describe_changes, ChangeKind, ChangeSubjectKind, ProgramChange, ProgramChanges};
use partner_scorecard::text::value::{parse, Value};
use partner_scorecard::Program;
use serde_json::json;

const CLASSIC: &str = include_str!("../www/programs/classic-reseller.json");
const MULTI: &str = include_str!("../www/programs/multi-track.json");
const CAPABILITY: &str = include_str!("../www/programs/capability-100.json");

/// The value at `path` (`tiers[2].min_score`), created as null when a key is missing.
fn at<'v>(value: &'v mut Value, path: &str) -> &'v mut Value {
    let mut current = value;
    for part in path.split('.') {
        let (key, indexes) = part.split_once('[').map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            let Value::Object(map) = current else { panic!("{path}: {key} is not in an object") };
            current = map.get_or_insert_null(key);
        }
        for index in indexes.split('[').filter(|i| !i.is_empty()) {
            let i: usize = index.trim_end_matches(']').parse().unwrap();
            let Value::Array(items) = current else { panic!("{path}: [{i}] is not in a list") };
            current = &mut items[i];
        }
    }
    current
}

fn set(value: &mut Value, path: &str, json: &str) {
    *at(value, path) = parse(json).unwrap();
}

fn list<'v>(value: &'v mut Value, path: &str) -> &'v mut Vec<Value> {
    match at(value, path) {
        Value::Array(items) => items,
        _ => panic!("{path} is not a list"),
    }
}

fn program(text: &str) -> Value {
    parse(text).unwrap()
}

/// The changes as the studio asks for them: each side built when it builds.
fn describe(before: &Value, after: &Value, lang: Option<&str>) -> ProgramChanges {
    let (b, a) = (Program::from_parsed(before).ok(), Program::from_parsed(after).ok());
    describe_changes(before, after, b.as_ref(), a.as_ref(), lang)
}

fn texts(changes: &ProgramChanges) -> Vec<&str> {
    changes.changes.iter().map(|c| c.text.as_str()).collect()
}

fn only(changes: &ProgramChanges) -> &ProgramChange {
    assert_eq!(changes.total, 1, "{:#?}", texts(changes));
    &changes.changes[0]
}

fn number(n: f64) -> Option<Value> {
    Some(Value::Number(n))
}

#[test]
fn identical_programs_give_no_change() {
    for text in [CLASSIC, MULTI, CAPABILITY] {
        let p = program(text);
        let changes = describe(&p, &p.clone(), None);
        assert_eq!((changes.total, changes.changes.len()), (0, 0));
        // The same program written out again (other spacing, numbers as 1.0) is the same.
        let again = program(&partner_scorecard::text::json_write::to_string(&p).unwrap());
        assert_eq!(describe(&p, &again, None).total, 0);
    }
}

#[test]
fn a_tier_minimum_changed() {
    let before = program(CLASSIC);
    let mut after = before.clone();
    set(&mut after, "tiers[2].min_score", "65");
    let changes = describe(&before, &after, None);
    let c = only(&changes);
    assert_eq!(c.kind, ChangeKind::Changed);
    assert_eq!(c.path, "tiers[2].min_score");
    assert_eq!((c.subject.kind, c.subject.id.as_deref(), c.subject.label.as_str()), (ChangeSubjectKind::Tier, Some("gold"), "Gold"));
    assert!(c.within.is_empty());
    assert_eq!(c.setting.as_deref(), Some("min_score"));
    assert_eq!((c.before.clone(), c.after.clone()), (number(60.0), number(65.0)));
    assert_eq!(c.text, "Tier Gold: minimum score 60 → 65");
    assert_eq!(
        serde_json::to_value(&c.text_i18n).unwrap(),
        json!({"id": "changes.changed", "args": {
            "subject": {"id": "changes.subject.tier", "args": {"label": "Gold"}},
            "setting": {"id": "changes.setting.min_score", "args": {}},
            "before": 60.0, "after": 65.0,
        }})
    );
    // Labels in the language asked for; the rest of the sentence is the catalogs' (text_i18n).
    let de = describe(&before, &after, Some("de"));
    assert_eq!(only(&de).subject.label, "Gold");
    set(&mut after, "tiers[1].min_score", "45");
    assert_eq!(texts(&describe(&before, &after, Some("de"))), ["Tier Silber: minimum score 40 → 45", "Tier Gold: minimum score 60 → 65"]);
}

#[test]
fn tiers_added_removed_and_moved_are_matched_by_id() {
    let before = program(CLASSIC);
    // A new top tier: added at its place, nothing else moved.
    let mut after = before.clone();
    list(&mut after, "tiers").push(parse(r#"{"id": "diamond", "label": "Diamond", "min_score": 95}"#).unwrap());
    let changes = describe(&before, &after, None);
    let c = only(&changes);
    assert_eq!((c.kind, c.path.as_str(), c.text.as_str()), (ChangeKind::Added, "tiers[4]", "Tier Diamond added"));
    assert_eq!(c.after.as_ref().and_then(|t| t.get("min_score")), Some(&Value::Number(95.0)));

    // Silver removed: Gold and Platinum come one place earlier but are not moved.
    let mut after = before.clone();
    list(&mut after, "tiers").remove(1);
    let changes = describe(&before, &after, None);
    let c = only(&changes);
    assert_eq!((c.kind, c.path.as_str(), c.text.as_str()), (ChangeKind::Removed, "tiers[1]", "Tier Silver removed"));
    assert_eq!(c.before.as_ref().and_then(|t| t.get("id")), Some(&Value::String("silver".into())));

    // Silver and Gold swapped: one of them moved, and its order check is the only change.
    let mut after = before.clone();
    list(&mut after, "tiers").swap(1, 2);
    let changes = describe(&before, &after, None);
    let c = only(&changes);
    assert_eq!(c.kind, ChangeKind::Moved);
    assert_eq!(c.text, "Tier Gold moved before Silver");
    assert_eq!((c.path.as_str(), c.before.clone(), c.after.clone()), ("tiers[1]", number(2.0), number(1.0)));

    // Registered moved to the end: it is the one that moved, after the last one.
    let mut after = before.clone();
    let tiers = list(&mut after, "tiers");
    let first = tiers.remove(0);
    tiers.push(first);
    assert_eq!(texts(&describe(&before, &after, None)), ["Tier Registered moved after Platinum"]);
}

#[test]
fn a_requirement_added_to_a_tier_and_one_changed() {
    let before = program(CLASSIC);
    let mut after = before.clone();
    list(&mut after, "tiers[3].requires").push(parse(r#"{"field": "certified_engineers", "op": ">=", "value": 4}"#).unwrap());
    let changes = describe(&before, &after, None);
    let c = only(&changes);
    assert_eq!((c.kind, c.path.as_str()), (ChangeKind::Added, "tiers[3].requires[6]"));
    assert_eq!(c.text, "Tier Platinum › Requirement Certified engineers at least 4 added");
    assert_eq!((c.subject.kind, c.subject.id.as_deref()), (ChangeSubjectKind::Requirement, Some("certified_engineers")));
    assert_eq!(c.within.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(), ["Platinum"]);

    // Requirements without ids are matched by what they check, wherever they are: Gold's
    // revenue requirement raised and moved first is one move and one change.
    let mut after = before.clone();
    set(&mut after, "tiers[2].requires[2].value", "300000");
    list(&mut after, "tiers[2].requires").swap(0, 2);
    let changes = describe(&before, &after, Some("de"));
    assert_eq!(
        texts(&changes),
        [
            "Tier Gold › Requirement Jahresumsatz moved before Zertifizierungen",
            "Tier Gold › Requirement Jahresumsatz: value 250,000 → 300,000",
            // Before in the new order: 2, 1, 0, 3; the longest run kept in order is 0, 3
            // (agreement, customer success), so revenue and certifications moved.
            "Tier Gold › Requirement Zertifizierungen moved before Partnervertrag unterzeichnet",
        ]
    );
    assert_eq!(changes.changes[1].path, "tiers[2].requires[0].value");

    // Removed: described in full, as the evaluation writes it.
    let mut after = before.clone();
    list(&mut after, "tiers[2].requires").remove(3);
    assert_eq!(texts(&describe(&before, &after, None)), ["Tier Gold › Requirement Customer success: at least 50% of its maximum removed"]);
}

#[test]
fn a_criterion_rule_target_changed() {
    let before = program(CLASSIC);
    let mut after = before.clone();
    set(&mut after, "criteria[4].rule.target", "25");
    let changes = describe(&before, &after, None);
    let c = only(&changes);
    assert_eq!((c.path.as_str(), c.setting.as_deref()), ("criteria[4].rule.target", Some("rule.target")));
    assert_eq!(c.text, "Criterion Deal registrations: target 20 → 25");
    assert_eq!((c.subject.kind, c.subject.id.as_deref()), (ChangeSubjectKind::Criterion, Some("deal_reg")));

    // A band added (bands have no ids: by position) and a criterion removed.
    let mut after = before.clone();
    list(&mut after, "criteria[1].rule.bands").push(parse(r#"{"min": 40, "points": 12}"#).unwrap());
    list(&mut after, "criteria").remove(0);
    assert_eq!(
        texts(&describe(&before, &after, None)),
        ["Criterion Revenue removed", "Criterion Growth: minimum 40, points 12 added to bands"]
    );
}

#[test]
fn a_field_option_added() {
    let before = program(CLASSIC);
    let mut after = before.clone();
    list(&mut after, "fields[16].options").push(parse(r#"{"id": "education", "label": {"en": "Education", "de": "Bildung"}}"#).unwrap());
    let changes = describe(&before, &after, Some("de"));
    let c = only(&changes);
    assert_eq!((c.kind, c.path.as_str()), (ChangeKind::Added, "fields[16].options[5]"));
    assert_eq!(c.text, "Field Bediente Branchen › Option Bildung added");
    assert_eq!((c.subject.kind, c.subject.id.as_deref()), (ChangeSubjectKind::FieldOption, Some("education")));
}

#[test]
fn region_and_track_patches_are_changes_of_the_region_or_track() {
    let before = program(MULTI);
    // Growth markets lower Advanced to 45; now 50.
    let mut after = before.clone();
    set(&mut after, "regions[0].tiers.advanced.min_score", "50");
    let changes = describe(&before, &after, None);
    let c = only(&changes);
    assert_eq!(c.path, "regions[0].tiers.advanced.min_score");
    assert_eq!(c.text, "Region Growth markets › Tier Advanced: minimum score 45 → 50");
    assert_eq!(c.within.iter().map(|s| (s.kind, s.label.as_str())).collect::<Vec<_>>(), [(ChangeSubjectKind::Region, "Growth markets")]);
    assert_eq!((c.subject.kind, c.subject.id.as_deref()), (ChangeSubjectKind::Tier, Some("advanced")));

    // Mature markets change Select for the first time: against the base program's 30.
    let mut after = before.clone();
    set(&mut after, "regions[1].tiers.select", r#"{"min_score": 35}"#);
    let changes = describe(&before, &after, None);
    let c = only(&changes);
    assert_eq!(c.text, "Region Mature markets › Tier Select: minimum score 30 → 35");
    assert_eq!((c.before.clone(), c.after.clone()), (number(30.0), number(35.0)));

    // A region's target back to the base program's: the growth patch of sales drops its target.
    let mut after = before.clone();
    let Value::Object(rule) = at(&mut after, "regions[0].criteria.sales.rule") else { panic!() };
    rule.remove("target");
    assert_eq!(texts(&describe(&before, &after, None)), ["Region Growth markets › Criterion Sales: target 800,000 → 2,000,000"]);

    // The referral track drops Customer satisfaction too, and counts Sales again.
    let mut after = before.clone();
    set(&mut after, "tracks[2].criteria.csat", "null");
    let Value::Object(patches) = at(&mut after, "tracks[2].criteria") else { panic!() };
    patches.remove("sales");
    assert_eq!(
        texts(&describe(&before, &after, None)),
        ["Track Referral › Criterion Sales added", "Track Referral › Criterion Customer satisfaction removed"]
    );

    // Requirements edited one by one in a track (in the order written: change, remove): a
    // changed minimum, a requirement no longer removed.
    let mut after = before.clone();
    set(&mut after, "tracks[1].tiers.premier.requires.change.certifications.min", "6");
    list(&mut after, "tracks[1].tiers.premier.requires.remove").clear();
    let changes = describe(&before, &after, None);
    assert_eq!(
        texts(&changes),
        [
            "Track Managed services › Tier Premier › Requirement Certifications: minimum 5 → 6",
            "Track Managed services › Tier Premier › Requirement Customer success: at least 60% of its maximum added",
        ]
    );
    assert_eq!(changes.changes[0].path, "tracks[1].tiers.premier.requires.change.certifications.min");
    // The requirement kept again is where the base tier has it.
    assert_eq!(changes.changes[1].path, "tiers[2].requires[1]");
}

#[test]
fn a_label_translated() {
    let before = program(MULTI);
    let mut after = before.clone();
    set(&mut after, "tracks[0].label", r#"{"en": "Reseller", "de": "Wiederverkäufer"}"#);
    let changes = describe(&before, &after, Some("de"));
    let c = only(&changes);
    assert_eq!((c.path.as_str(), c.setting.as_deref()), ("tracks[0].label.de", Some("label.de")));
    assert_eq!(c.text, "Track Wiederverkäufer: label (de) set to \"Wiederverkäufer\"");
    assert_eq!((c.before.clone(), c.after.clone()), (None, Some(Value::String("Wiederverkäufer".into()))));
    // The English text changed too: one change per language.
    set(&mut after, "tracks[0].label.en", r#""Resellers""#);
    assert_eq!(
        texts(&describe(&before, &after, None)),
        ["Track Resellers: label (en) \"Reseller\" → \"Resellers\"", "Track Resellers: label (de) set to \"Wiederverkäufer\""]
    );
}

#[test]
fn program_settings_and_lists_of_values() {
    let before = program(CLASSIC);
    let mut after = before.clone();
    list(&mut after, "languages").push(Value::String("fr".into()));
    set(&mut after, "retention.grace_days", "120");
    list(&mut after, "tiers[1].benefits").push(Value::String("Co-marketing".into()));
    assert_eq!(
        texts(&describe(&before, &after, None)),
        ["Program: \"fr\" added to languages", "Program: grace period in days 90 → 120", "Tier Silver: \"Co-marketing\" added to benefits",]
    );
    // The same benefits in another order: one change.
    let mut after = before.clone();
    list(&mut after, "tiers[3].benefits").reverse();
    let changes = describe(&before, &after, None);
    assert_eq!((only(&changes).kind, only(&changes).text.as_str()), (ChangeKind::Moved, "Tier Platinum: benefits reordered"));
}

#[test]
fn an_invalid_edited_program_is_described_from_its_file() {
    let before = program(CLASSIC);
    let mut after = before.clone();
    // Not a program any more: a tier minimum that is no number, an unknown field in a criterion.
    set(&mut after, "tiers[2].min_score", r#""high""#);
    set(&mut after, "criteria[2].field", r#""engineer_count""#);
    list(&mut after, "tiers").push(parse(r#"{"id": "diamond", "label": {"en": "Diamond", "de": "Diamant"}}"#).unwrap());
    assert!(Program::from_parsed(&after).is_err());
    assert_eq!(
        texts(&describe(&before, &after, Some("de"))),
        [
            "Criterion Zertifizierte Techniker: field \"certified_engineers\" → \"engineer_count\"",
            "Tier Gold: minimum score 60 → \"high\"",
            "Tier Diamant added",
        ]
    );
    // Neither side built at all, nor even programs: still described, never a panic.
    let odd = describe(&parse("[1, 2]").unwrap(), &parse(r#"{"tiers": "none", "fields": 3}"#).unwrap(), None);
    assert_eq!(texts(&odd), ["Program: tiers set to \"none\"", "Program: fields set to 3"]);
}

#[test]
fn hostile_inputs_are_bounded() {
    // 100,000 tiers, every minimum changed: 500 listed, all counted, quickly.
    let tiers = |offset: usize| {
        let items: Vec<String> =
            (0..100_000).map(|i| format!(r#"{{"id": "t{i}", "label": "T{i}", "min_score": {}}}"#, i + offset)).collect();
        parse(&format!(r#"{{"format": 1, "name": "Big", "tiers": [{}]}}"#, items.join(","))).unwrap()
    };
    let started = std::time::Instant::now();
    let changes = describe(&tiers(0), &tiers(1), None);
    assert_eq!((changes.changes.len(), changes.total), (500, 100_000));
    assert_eq!(changes.changes[499].text, "Tier T499: minimum score 499 → 500");
    // The same tiers in reverse: every one but one moved.
    let mut reversed = tiers(0);
    list(&mut reversed, "tiers").reverse();
    let changes = describe(&tiers(0), &reversed, None);
    assert_eq!(changes.total, 99_999);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());

    // Nested as deep as JSON text may be, in a tier's help and in a value list: compared as
    // one value below the depth followed.
    let deep = |leaf: &str| {
        parse(&format!(r#"{{"tiers": [{{"id": "a", "help": {}{leaf}{}}}]}}"#, r#"{"x": "#.repeat(120), "}".repeat(120))).unwrap()
    };
    let changes = describe(&deep("1"), &deep("2"), None);
    let c = only(&changes);
    assert_eq!(c.kind, ChangeKind::Changed);
    assert!(c.path.starts_with("tiers[0].help.x.x."), "{}", c.path);
    // 32 levels from the root: tiers, tiers[0], help, then 29 levels of x.
    assert_eq!(c.path.matches(".x").count(), 29);
    // Values too large to carry are left out; the sentence summarises them.
    assert_eq!((c.before.clone(), c.after.clone()), (None, None));
    assert_eq!(c.text, format!("Tier a: {} 1 setting → 1 setting", c.setting.clone().unwrap()));

    // A huge id in every path does not make the result huge.
    let id = "x".repeat(1 << 20);
    let patches = |n: u32| {
        let keys: Vec<String> = (0..2000).map(|i| format!(r#""k{i}": {n}"#)).collect();
        parse(&format!(r#"{{"regions": [{{"id": "r", "tiers": {{"{id}": {{{}}}}}}}]}}"#, keys.join(","))).unwrap()
    };
    let changes = describe(&patches(1), &patches(2), None);
    assert_eq!(changes.total, 2000);
    assert!(changes.changes.len() < 100, "{}", changes.changes.len());
    assert!(changes.changes[0].subject.label.chars().count() <= 101);
}
