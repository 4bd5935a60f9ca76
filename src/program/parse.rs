//! Reading one part of a program: fields, criteria and their rules, tiers, requirements and
//! their conditions, each checked against the fields it refers to.

use crate::limits::*;
use crate::program::model::*;
use crate::text::date::Date;
use crate::text::error::join_key;
use crate::text::format::{fmt_num, Text};
use crate::text::read::{describe, Object, Reader};
use crate::text::value::Value;
use crate::util::{IdMap, SmallSet};

pub(super) use super::rules::{list, option_index, option_set, parse_rule, written_max};

/// The program format version this engine writes and reads. Files declare it as
/// `"format": 1`; later engines keep reading version 1 files.
pub const FORMAT_VERSION: u64 = 1;

/// Most options or certification kinds a single field may declare.
pub const MAX_OPTIONS: usize = 64;

pub(super) const PROGRAM_KEYS: &[&str] = &[
    "$schema",
    "format",
    "id",
    "name",
    "description",
    "version",
    "currency",
    "effort_unit",
    "languages",
    "retention",
    "sections",
    "fields",
    "categories",
    "criteria",
    "tiers",
    "tracks",
    "regions",
    "paths",
    "terms",
    "score_scale",
];
pub(super) const SECTION_KEYS: &[&str] = &["id", "label", "help"];
pub(super) const CATEGORY_KEYS: &[&str] = &["id", "label", "help", "weight"];
pub(super) const FIELD_KEYS: &[&str] =
    &["id", "label", "help", "section", "type", "min", "max", "integer", "unit", "options", "kinds", "effort", "actionable"];
pub(super) const CHOICE_KEYS: &[&str] = &["id", "label"];
pub(super) const CRITERION_KEYS: &[&str] = &["id", "label", "help", "category", "field", "weight", "rule"];
pub(super) const TIER_KEYS: &[&str] = &["id", "label", "help", "min_score", "requires", "benefits"];
pub(super) const TRACK_KEYS: &[&str] = &["id", "label", "help", "criteria", "add_criteria", "tiers"];
pub(super) const PATH_KEYS: &[&str] = TRACK_KEYS;
pub(super) const FIELD_TYPES: &[&str] = &["number", "boolean", "choice", "multi_choice", "date", "certifications"];

pub(super) struct Context<'a> {
    pub(super) fields: &'a [Field],
    pub(super) field_index: &'a IdMap<usize>,
    pub(super) category_index: &'a IdMap<usize>,
    pub(super) category_count: usize,
    /// Ids of fields and categories that were declared but could not be read: their own
    /// errors are reported, so references to them are not reported a second time.
    pub(super) broken: &'a SmallSet<String>,
    /// With category weights: each category's weight (by position) and the scale of the
    /// weighted index (`score_scale`).
    pub(super) category_index_weights: Option<(Vec<f64>, f64)>,
}

pub(super) fn parse_field(r: &mut Reader, value: &Value, path: &str, sections: &[Section]) -> Option<Field> {
    let obj = r.object(value, path, "a field", FIELD_KEYS)?;
    let id = r.required(obj, path, "id").and_then(|v| r.id(v, &join_key(path, "id")));
    let label = r.required(obj, path, "label").and_then(|v| r.text(v, &join_key(path, "label")));
    let help = obj.get("help").and_then(|v| r.text(v, &join_key(path, "help")));
    let section = obj.get("section").and_then(|v| {
        let p = join_key(path, "section");
        let s = r.string(v, &p)?;
        if !sections.iter().any(|sec| sec.id == s) {
            r.error(
                &p,
                format!("unknown section \"{s}\"; declare it under \"sections\" (known: {})", list(sections.iter().map(|s| s.id.as_str()))),
            );
        }
        Some(s)
    });
    let effort = obj.get("effort").and_then(|v| r.non_negative(v, &join_key(path, "effort")));
    let actionable = obj.get("actionable").and_then(|v| r.boolean(v, &join_key(path, "actionable"))).unwrap_or(true);
    let type_path = join_key(path, "type");
    let type_name = r.required(obj, path, "type").and_then(|v| r.string(v, &type_path))?;
    let only = |r: &mut Reader, keys: &[&str], allowed_for: &str| {
        for key in keys {
            if obj.contains_key(key) {
                r.error(&join_key(path, key), format!("\"{key}\" only applies to {allowed_for} fields, not {type_name}"));
            }
        }
    };
    let kind = match type_name.as_str() {
        "number" => {
            only(r, &["options"], "choice and multi_choice");
            only(r, &["kinds"], "certifications");
            let min = obj.get("min").and_then(|v| r.number(v, &join_key(path, "min")));
            let max = obj.get("max").and_then(|v| r.number(v, &join_key(path, "max")));
            if let (Some(lo), Some(hi)) = (min, max) {
                if lo > hi {
                    r.error(&join_key(path, "max"), format!("max {} is below min {}", fmt_num(hi), fmt_num(lo)));
                }
            }
            let integer = obj.get("integer").and_then(|v| r.boolean(v, &join_key(path, "integer"))).unwrap_or(false);
            let unit = obj.get("unit").and_then(|v| r.string(v, &join_key(path, "unit")));
            FieldKind::Number { min, max, integer, unit }
        }
        "boolean" | "date" => {
            only(r, &["min", "max", "integer", "unit"], "number");
            only(r, &["options"], "choice and multi_choice");
            only(r, &["kinds"], "certifications");
            if type_name == "date" {
                FieldKind::Date
            } else {
                FieldKind::Boolean
            }
        }
        "choice" | "multi_choice" => {
            only(r, &["min", "max", "integer", "unit"], "number");
            only(r, &["kinds"], "certifications");
            let options = parse_choices(r, obj, path, "options");
            if options.is_empty() && obj.contains_key("options") {
                r.error(&join_key(path, "options"), "list at least one option");
            } else if !obj.contains_key("options") {
                r.error(&join_key(path, "options"), format!("\"options\" is required for a {type_name} field"));
            }
            if type_name == "choice" {
                FieldKind::Choice { options }
            } else {
                FieldKind::MultiChoice { options }
            }
        }
        "certifications" => {
            only(r, &["min", "max", "integer", "unit"], "number");
            only(r, &["options"], "choice and multi_choice");
            FieldKind::Certifications { kinds: parse_choices(r, obj, path, "kinds") }
        }
        other => {
            r.error(&type_path, format!("unknown field type \"{other}\"; use one of {}", FIELD_TYPES.join(", ")));
            return None;
        }
    };
    Some(Field { id: id?, label: label?, help, section, kind, effort, actionable })
}

pub(super) fn parse_choices(r: &mut Reader, obj: &Object, path: &str, key: &str) -> Vec<Choice> {
    let list_path = join_key(path, key);
    let items = r.items(obj.get(key), &list_path);
    if items.len() > MAX_OPTIONS {
        r.error(&list_path, format!("at most {MAX_OPTIONS} entries are supported, found {}", items.len()));
        return Vec::new();
    }
    unique_ids(r, &items, if key == "kinds" { "certification kind" } else { "option" });
    items
        .iter()
        .filter_map(|(p, v)| {
            let choice = r.object(v, p, "an option", CHOICE_KEYS)?;
            let id = r.required(choice, p, "id").and_then(|v| r.id(v, &join_key(p, "id")));
            let label = r.required(choice, p, "label").and_then(|v| r.text(v, &join_key(p, "label")));
            Some(Choice { id: id?, label: label? })
        })
        .collect()
}

pub(super) fn field_ref<'c>(r: &mut Reader, obj: &Object, key: &str, ctx: &'c Context) -> Option<(usize, &'c Field)> {
    let value = r.required(obj, "", key)?;
    let path = join_key("", key);
    let id = r.string(value, &path)?;
    match ctx.field_index.get(&id) {
        Some(&i) => Some((i, &ctx.fields[i])),
        None if ctx.broken.contains(&id) => None,
        None => {
            r.error(
                &path,
                format!(
                    "unknown field \"{id}\"; it must be one of the program's fields ({})",
                    list(ctx.fields.iter().map(|f| f.id.as_str()))
                ),
            );
            None
        }
    }
}

pub(super) fn parse_criterion(r: &mut Reader, value: &Value, ctx: &Context) -> Option<Criterion> {
    let obj = r.object(value, "", "a criterion", CRITERION_KEYS)?;
    let id = r.required(obj, "", "id").and_then(|v| r.id(v, "id"));
    let label = r.required(obj, "", "label").and_then(|v| r.text(v, "label"));
    let help = obj.get("help").and_then(|v| r.text(v, "help"));
    let category = r.required(obj, "", "category").and_then(|v| {
        let name = r.string(v, "category")?;
        let found = ctx.category_index.get(&name).copied();
        if found.is_none() && !ctx.broken.contains(&name) {
            r.error(
                "category",
                format!(
                    "unknown category \"{name}\"; declare it under \"categories\" (known: {})",
                    list(ctx.category_index.keys().map(String::as_str))
                ),
            );
        }
        found
    });
    let field = field_ref(r, obj, "field", ctx);
    let weight = match obj.get("weight") {
        None => Some(1.0),
        Some(v) => {
            let w = r.number(v, "weight");
            match w {
                Some(w) if w < 0.0 => {
                    r.error(
                        "weight",
                        format!("weights cannot be negative (found {}); to drop a criterion from a track, patch it to null", fmt_num(w)),
                    );
                    None
                }
                other => other,
            }
        }
    };
    let rule_value = r.required(obj, "", "rule");
    let rule = match (rule_value, field) {
        (Some(v), Some((_, field))) => parse_rule(r, v, field),
        (Some(v), None) => {
            // Still report mistakes inside the rule itself.
            r.object(v, "rule", "a rule", &["type", "points", "target", "from", "per", "cap", "bands", "kinds", "scale"]);
            None
        }
        _ => None,
    };
    let (rule, weight) = (rule?, weight?);
    let max = weight * rule_max(&rule);
    Some(Criterion { id: id?, label: label?, help, category: category?, field: field?.0, weight, rule, max })
}

pub(super) fn parse_tier(
    r: &mut Reader,
    value: &Value,
    ctx: &Context,
    criteria: &[Criterion],
    category_max: &[f64],
    max_total: f64,
) -> Option<Tier> {
    let obj = r.object(value, "", "a tier", TIER_KEYS)?;
    let id = r.required(obj, "", "id").and_then(|v| r.id(v, "id"));
    let label = r.required(obj, "", "label").and_then(|v| r.text(v, "label"));
    let help = obj.get("help").and_then(|v| r.text(v, "help"));
    let benefits: Vec<Text> = r.items(obj.get("benefits"), "benefits").into_iter().filter_map(|(p, v)| r.text(v, &p)).collect();
    let min_score = obj.get("min_score").and_then(|v| r.non_negative(v, "min_score"));
    if let Some(min) = min_score {
        if min > max_total + TOLERANCE {
            r.error(
                "min_score",
                format!(
                    "can never be reached: the minimum score {} exceeds the maximum possible score {}",
                    fmt_num(min),
                    fmt_num(max_total)
                ),
            );
        }
    }
    let mut requires = Vec::new();
    let mut ok = true;
    for (p, v) in r.items_at_most(obj.get("requires"), "requires", MAX_LIST, "requirements") {
        match parse_requirement(r, v, &p, ctx, criteria, category_max) {
            Some(req) => requires.push(req),
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    Some(Tier { id: id?, label: label?, help, benefits, min_score, requires })
}

pub(super) fn parse_requirement(
    r: &mut Reader,
    value: &Value,
    path: &str,
    ctx: &Context,
    criteria: &[Criterion],
    category_max: &[f64],
) -> Option<TierRequirement> {
    let Value::Object(raw) = value else {
        r.error(path, format!("a requirement must be an object, found {}", describe(value)));
        return None;
    };
    let kinds_present: Vec<&str> =
        ["field", "certifications", "category", "all_criteria_above_zero"].into_iter().filter(|k| raw.contains_key(k)).collect();
    if kinds_present.len() != 1 {
        r.error(path, "a requirement names exactly one of \"field\" (a profile field compared with a value), \"certifications\" (a number of valid certifications), \"category\" (points or share of a category) or \"all_criteria_above_zero\"");
        return None;
    }
    let label = raw.get("label").and_then(|v| r.text(v, &join_key(path, "label")));
    // A name for tracks, regions and paths to change the requirement by (program::requires).
    if let Some(id) = raw.get("id") {
        r.id(id, &join_key(path, "id"))?;
    }
    let requirement = match kinds_present[0] {
        "field" => {
            let obj = r.object(value, path, "a field requirement", &["id", "field", "op", "value", "min", "label"])?;
            let mut local = Reader::default();
            let field = field_ref(&mut local, obj, "field", ctx);
            for issue in local.issues {
                r.relocated(&join_key(path, issue.path.trim_start_matches('.')), issue);
            }
            let (field_i, field) = field?;
            let op = r.required(obj, path, "op").and_then(|v| r.string(v, &join_key(path, "op")))?;
            let value = r.required(obj, path, "value")?;
            let mut condition = parse_condition(r, &op, value, path, field)?;
            // "At least `min` of these options": only with "includes".
            if let Some(min) = obj.given("min") {
                let min_path = join_key(path, "min");
                match &mut condition {
                    Condition::Includes(set, needed) => {
                        let min = r.count(min, &min_path)?;
                        if min == 0 || min > set.count_ones() {
                            r.error(&min_path, format!("must be from 1 to the {} options listed, found {min}", set.count_ones()));
                            return None;
                        }
                        *needed = min;
                    }
                    _ => {
                        r.error(&min_path, "\"min\" goes with \"includes\" (at least this many of the options listed)");
                        return None;
                    }
                }
            }
            if let Some(why) = never_holds(&condition, field) {
                r.error(&join_key(path, "value"), format!("can never hold: {why}"));
                return None;
            }
            Requirement::Field { field: field_i, condition }
        }
        "certifications" => {
            let obj =
                r.object(value, path, "a certifications requirement", &["id", "certifications", "kinds", "min", "of_which", "label"])?;
            let mut local = Reader::default();
            let field = field_ref(&mut local, obj, "certifications", ctx);
            for issue in local.issues {
                r.relocated(&join_key(path, issue.path.trim_start_matches('.')), issue);
            }
            let (field_i, field) = field?;
            if !matches!(field.kind, FieldKind::Certifications { .. }) {
                r.error(
                    &join_key(path, "certifications"),
                    format!("\"{}\" is a {} field, not a certifications field", field.id, field.type_name()),
                );
                return None;
            }
            let kinds = match obj.get("kinds") {
                None => None,
                Some(v) => Some(option_set(r, v, &join_key(path, "kinds"), field)?),
            };
            let min = r.required(obj, path, "min").and_then(|v| r.count(v, &join_key(path, "min")))?;
            let of_which = match obj.get("of_which") {
                None => None,
                Some(v) => {
                    let p = join_key(path, "of_which");
                    let sub = r.object(v, &p, "\"of_which\"", &["kinds", "min"])?;
                    let sub_kinds = r.required(sub, &p, "kinds").and_then(|v| option_set(r, v, &join_key(&p, "kinds"), field));
                    let sub_min = r.required(sub, &p, "min").and_then(|v| r.count(v, &join_key(&p, "min")));
                    let (sub_kinds, sub_min) = (sub_kinds?, sub_min?);
                    if let Some(outer) = kinds {
                        if sub_kinds & !outer != 0 {
                            r.error(
                                &join_key(&p, "kinds"),
                                "\"of_which\" counts a part of the certifications above, so its kinds must be among \"kinds\"",
                            );
                            return None;
                        }
                    }
                    Some((sub_kinds, sub_min))
                }
            };
            Requirement::Certifications { field: field_i, kinds, min, of_which }
        }
        "category" => {
            let obj = r.object(value, path, "a category requirement", &["id", "category", "min_points", "min_share", "label"])?;
            let cp = join_key(path, "category");
            let name = r.string(&obj["category"], &cp)?;
            let Some(&category) = ctx.category_index.get(&name) else {
                if !ctx.broken.contains(&name) {
                    r.error(&cp, format!("unknown category \"{name}\" (known: {})", list(ctx.category_index.keys().map(String::as_str))));
                }
                return None;
            };
            let max = category_max.get(category).copied().unwrap_or(0.0);
            match (obj.get("min_points"), obj.get("min_share")) {
                (Some(v), None) => {
                    let min = r.non_negative(v, &join_key(path, "min_points"))?;
                    if min > max + TOLERANCE {
                        r.error(
                            &join_key(path, "min_points"),
                            format!("can never hold: category \"{name}\" is worth at most {} points", fmt_num(max)),
                        );
                        return None;
                    }
                    Requirement::CategoryPoints { category, min }
                }
                (None, Some(v)) => {
                    let min = r.non_negative(v, &join_key(path, "min_share"))?;
                    if min > 100.0 || (max == 0.0 && min > 0.0) {
                        r.error(
                            &join_key(path, "min_share"),
                            format!(
                                "can never hold: a share is a percentage of the category's maximum ({} points), so it cannot exceed 100",
                                fmt_num(max)
                            ),
                        );
                        return None;
                    }
                    Requirement::CategoryShare { category, min_percent: min }
                }
                _ => {
                    r.error(path, "give exactly one of \"min_points\" or \"min_share\" (percent of the category's maximum)");
                    return None;
                }
            }
        }
        _ => {
            let obj = r.object(value, path, "an all_criteria_above_zero requirement", &["id", "all_criteria_above_zero", "label"])?;
            let p = join_key(path, "all_criteria_above_zero");
            if r.boolean(&obj["all_criteria_above_zero"], &p) != Some(true) {
                r.error(&p, "write \"all_criteria_above_zero\": true, or leave the requirement out");
                return None;
            }
            if let Some(zero) = criteria.iter().find(|c| c.max == 0.0) {
                r.error(&p, format!("can never hold: criterion \"{}\" can score at most 0 points", zero.id));
                return None;
            }
            Requirement::AllCriteriaAboveZero
        }
    };
    Some(TierRequirement { requirement, label })
}

pub(super) fn parse_condition(r: &mut Reader, op: &str, value: &Value, path: &str, field: &Field) -> Option<Condition> {
    let vp = join_key(path, "value");
    let op_path = join_key(path, "op");
    let ordered = matches!(field.kind, FieldKind::Number { .. } | FieldKind::Date);
    // What a requirement on this kind of field can say instead, so that the suggestion is one
    // the program reader accepts.
    let instead = match field.kind {
        FieldKind::Number { .. } | FieldKind::Date => "use \">=\", \"<=\", \"=\" or \"one_of\"".to_string(),
        FieldKind::Boolean => "use \"=\"".to_string(),
        FieldKind::Choice { .. } => "use \"=\" or \"one_of\"".to_string(),
        FieldKind::MultiChoice { .. } => "use \"includes\"".to_string(),
        FieldKind::Certifications { .. } => {
            format!("count them with a certifications requirement instead: {{\"certifications\": \"{}\", \"min\": 1}}", field.id)
        }
    };
    match op {
        ">=" | "<=" => {
            if !ordered {
                r.error(
                    &op_path,
                    format!("\"{op}\" compares numbers or dates, but \"{}\" is a {} field; {instead}", field.id, field.type_name()),
                );
                return None;
            }
            let scalar = parse_scalar(r, value, &vp, field)?;
            Some(if op == ">=" { Condition::AtLeast(scalar) } else { Condition::AtMost(scalar) })
        }
        "=" => {
            if matches!(field.kind, FieldKind::MultiChoice { .. } | FieldKind::Certifications { .. }) {
                r.error(&op_path, format!("\"=\" does not apply to a {} field; {instead}", field.type_name()));
                return None;
            }
            Some(Condition::Equals(parse_scalar(r, value, &vp, field)?))
        }
        "one_of" => {
            if matches!(field.kind, FieldKind::MultiChoice { .. } | FieldKind::Certifications { .. }) {
                r.error(&op_path, format!("\"one_of\" does not apply to a {} field; {instead}", field.type_name()));
                return None;
            }
            let items = r.items_at_most(Some(value), &vp, MAX_LIST, "values");
            if items.is_empty() {
                if value.as_array().is_some_and(Vec::is_empty) {
                    r.error(&vp, "list at least one value");
                }
                return None;
            }
            let scalars: Vec<Option<Scalar>> = items.iter().map(|(p, v)| parse_scalar(r, v, p, field)).collect();
            scalars.into_iter().collect::<Option<Vec<_>>>().map(Condition::OneOf)
        }
        "includes" => {
            if !matches!(field.kind, FieldKind::MultiChoice { .. }) {
                r.error(
                    &op_path,
                    format!(
                        "\"includes\" applies to multi_choice fields, but \"{}\" is a {} field; {instead}",
                        field.id,
                        field.type_name()
                    ),
                );
                return None;
            }
            let set = if value.is_string() {
                option_set(r, &Value::Array(vec![value.clone()]), &vp, field)
            } else {
                option_set(r, value, &vp, field)
            };
            set.map(|set| Condition::Includes(set, set.count_ones()))
        }
        other => {
            r.error(&op_path, format!("unknown comparison \"{other}\"; use \">=\", \"<=\", \"=\", \"one_of\" or \"includes\""));
            None
        }
    }
}

pub(super) fn parse_scalar(r: &mut Reader, value: &Value, path: &str, field: &Field) -> Option<Scalar> {
    match &field.kind {
        FieldKind::Number { .. } => r.number(value, path).map(Scalar::Number),
        FieldKind::Boolean => r.boolean(value, path).map(Scalar::Bool),
        FieldKind::Choice { .. } => option_index(r, value, path, field).map(Scalar::Choice),
        FieldKind::Date => {
            let text = r.string(value, path)?;
            match Date::parse(&text) {
                Some(d) => Some(Scalar::Date(d)),
                None => {
                    r.error(path, format!("\"{text}\" is not a date written YYYY-MM-DD"));
                    None
                }
            }
        }
        _ => {
            r.error(path, format!("field \"{}\" cannot be compared with a value", field.id));
            None
        }
    }
}

/// Why a field requirement is impossible given the field's declared range, if it is.
pub(super) fn never_holds(condition: &Condition, field: &Field) -> Option<String> {
    let FieldKind::Number { min, max, integer, .. } = &field.kind else { return None };
    let outside = |x: f64| min.is_some_and(|m| x < m) || max.is_some_and(|m| x > m) || (*integer && x.fract() != 0.0);
    let range = || match (min, max) {
        (Some(a), Some(b)) => format!("between {} and {}", fmt_num(*a), fmt_num(*b)),
        (Some(a), None) => format!("at least {}", fmt_num(*a)),
        (None, Some(b)) => format!("at most {}", fmt_num(*b)),
        (None, None) => "any number".into(),
    };
    let whole = if *integer { " whole" } else { "" };
    match condition {
        Condition::AtLeast(Scalar::Number(x)) if max.is_some_and(|m| *x > m) => {
            Some(format!("\"{}\" is{whole} {}, so it is never at least {}", field.id, range(), fmt_num(*x)))
        }
        Condition::AtMost(Scalar::Number(x)) if min.is_some_and(|m| *x < m) => {
            Some(format!("\"{}\" is{whole} {}, so it is never at most {}", field.id, range(), fmt_num(*x)))
        }
        Condition::Equals(Scalar::Number(x)) if outside(*x) => {
            Some(format!("\"{}\" is a{whole} number {}, so it never equals {}", field.id, range(), fmt_num(*x)))
        }
        Condition::OneOf(values) if values.iter().all(|v| matches!(v, Scalar::Number(x) if outside(*x))) => {
            Some(format!("\"{}\" is a{whole} number {}, so it never takes any of these values", field.id, range()))
        }
        _ => None,
    }
}

pub(super) fn unique_ids(r: &mut Reader, items: &[(String, &Value)], what: &str) -> Vec<String> {
    let mut seen: IdMap<String> = IdMap::new();
    let mut ids = Vec::new();
    for (path, item) in items {
        if let Some(id) = item.get("id").and_then(Value::as_str) {
            if let Some(first) = seen.get(id) {
                r.error(&join_key(path, "id"), format!("duplicate {what} id \"{id}\" (first used at {first})"));
            } else {
                seen.insert(id.to_string(), path.clone());
                ids.push(id.to_string());
            }
        }
    }
    ids
}
