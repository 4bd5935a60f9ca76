//! Reading a criterion's rule (how its field turns into points), checked against the field's
//! type, and the most a criterion with a mistake could score.

use crate::limits::MAX_LIST;
use crate::program::model::*;
use crate::text::error::join_key;
use crate::text::format::fmt_num;
use crate::text::read::{describe, Reader};
use crate::text::value::Value;

/// The most a criterion that has a mistake could score, read from its weight and rule as
/// written (`None` when they do not say): the check of tier minimums against the maximum
/// score need not wait until the mistake is fixed. Never below what the criterion scores
/// once fixed: every rule's maximum is the one of `rule_max`, and options without a cap
/// count all their points (a multi-choice field's).
pub(super) fn written_max(criterion: &Value) -> Option<f64> {
    let weight = match criterion.get("weight") {
        None => 1.0,
        Some(w) => w.as_f64().filter(|w| w.is_finite() && *w >= 0.0)?,
    };
    let rule = criterion.get("rule")?;
    let number = |key: &str| rule.get(key).and_then(Value::as_f64).filter(|n| n.is_finite() && *n >= 0.0);
    let rule_max = match rule.get("type")?.as_str()? {
        "linear" | "yes_no" | "log" => number("points")?,
        "per_unit" | "certifications" => number("cap")?,
        "bands" => {
            let points: Option<Vec<f64>> = rule.get("bands")?.as_array()?.iter().map(|b| b.get("points")?.as_f64()).collect();
            points?.into_iter().fold(0.0, f64::max)
        }
        "options" => {
            let Value::Object(points) = rule.get("points")? else { return None };
            let values: Option<Vec<f64>> = points.iter().map(|(_, v)| v.as_f64()).collect();
            let sum: f64 = values?.iter().map(|p| p.max(0.0)).sum();
            number("cap").map_or(sum, |cap| sum.min(cap))
        }
        _ => return None,
    };
    let max = weight * rule_max;
    max.is_finite().then_some(max)
}

pub(super) fn parse_rule(r: &mut Reader, value: &Value, field: &Field) -> Option<Rule> {
    let Value::Object(raw) = value else {
        r.error(
            "rule",
            format!(
                "a rule must be an object such as {{\"type\": \"linear\", \"points\": 20, \"target\": 100}}, found {}",
                describe(value)
            ),
        );
        return None;
    };
    let type_name = match raw.get("type") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            r.error("rule.type", format!("expected text, found {}", describe(other)));
            return None;
        }
        None => {
            r.error("rule.type", format!("\"type\" is required; use one of {}", RULE_TYPES.join(", ")));
            return None;
        }
    };
    let keys: &[&str] = match type_name.as_str() {
        "linear" => &["type", "points", "target", "from"],
        "per_unit" => &["type", "per", "cap"],
        "bands" => &["type", "bands"],
        "yes_no" => &["type", "points"],
        "options" => &["type", "points", "cap"],
        "certifications" => &["type", "kinds", "per", "cap"],
        "log" => &["type", "points", "target", "scale"],
        other => {
            r.error("rule.type", format!("unknown rule type \"{other}\"; use one of {}", RULE_TYPES.join(", ")));
            return None;
        }
    };
    let obj = r.object(value, "rule", &format!("a {type_name} rule"), keys)?;
    let needs = |r: &mut Reader, ok: bool, types: &str| {
        if !ok {
            r.error("field", format!("a {type_name} rule needs a {types} field, but \"{}\" is a {} field", field.id, field.type_name()));
        }
        ok
    };
    let is_number = matches!(field.kind, FieldKind::Number { .. });
    match type_name.as_str() {
        "linear" => {
            let points = r.required(obj, "rule", "points").and_then(|v| r.non_negative(v, "rule.points"));
            let target = r.required(obj, "rule", "target").and_then(|v| r.number(v, "rule.target"));
            let from = obj.get("from").map_or(Some(0.0), |v| r.number(v, "rule.from"));
            if let (Some(t), Some(f)) = (target, from) {
                if t <= f {
                    r.error("rule.target", format!("target {} must be above the starting value {} (\"from\")", fmt_num(t), fmt_num(f)));
                    return None;
                }
            }
            needs(r, is_number, "number").then_some(())?;
            Some(Rule::Linear { from: from?, target: target?, points: points? })
        }
        "per_unit" => {
            let per = r.required(obj, "rule", "per").and_then(|v| r.positive(v, "rule.per"));
            let cap = r.required(obj, "rule", "cap").and_then(|v| r.non_negative(v, "rule.cap"));
            needs(r, is_number, "number").then_some(())?;
            Some(Rule::PerUnit { per: per?, cap: cap? })
        }
        "bands" => {
            let bands_value = r.required(obj, "rule", "bands");
            let items = r.items_at_most(bands_value, "rule.bands", MAX_LIST, "bands");
            if items.is_empty() && obj.get("bands").is_some_and(Value::is_array) {
                r.error("rule.bands", "list at least one band such as {\"min\": 10, \"points\": 5}");
            }
            let mut bands = Vec::new();
            let mut ok = true;
            for (p, v) in items {
                let Some(band) = r.object(v, &p, "a band", &["min", "points"]) else {
                    ok = false;
                    continue;
                };
                let min = r.required(band, &p, "min").and_then(|v| r.number(v, &join_key(&p, "min")));
                let points = r.required(band, &p, "points").and_then(|v| r.non_negative(v, &join_key(&p, "points")));
                match (min, points) {
                    (Some(min), Some(points)) => {
                        if let Some(&(previous, _)) = bands.last() {
                            if min <= previous {
                                r.error(
                                    &join_key(&p, "min"),
                                    format!(
                                        "bands must be listed with increasing \"min\": {} does not exceed the previous {}",
                                        fmt_num(min),
                                        fmt_num(previous)
                                    ),
                                );
                                ok = false;
                            }
                        }
                        bands.push((min, points));
                    }
                    _ => ok = false,
                }
            }
            needs(r, is_number, "number").then_some(())?;
            ok.then_some(Rule::Bands { bands })
        }
        "yes_no" => {
            let points = r.required(obj, "rule", "points").and_then(|v| r.non_negative(v, "rule.points"));
            needs(r, matches!(field.kind, FieldKind::Boolean), "boolean").then_some(())?;
            Some(Rule::YesNo { points: points? })
        }
        "options" => {
            let is_multi = matches!(field.kind, FieldKind::MultiChoice { .. });
            needs(r, is_multi || matches!(field.kind, FieldKind::Choice { .. }), "choice or multi_choice").then_some(())?;
            let cap = obj.get("cap").and_then(|v| r.non_negative(v, "rule.cap"));
            if obj.contains_key("cap") && !is_multi {
                r.error("rule.cap", "\"cap\" only applies to multi_choice fields, where the points of several options add up");
            }
            let points_value = r.required(obj, "rule", "points")?;
            let Value::Object(map) = points_value else {
                r.error("rule.points", format!("expected an object of option id -> points, found {}", describe(points_value)));
                return None;
            };
            let mut points = vec![0.0; field.options().len()];
            let mut ok = true;
            for (option, v) in map {
                let p = join_key("rule.points", option);
                let index = option_index(r, &Value::String(option.clone()), &p, field);
                match (index, r.non_negative(v, &p)) {
                    (Some(i), Some(value)) => points[i] = value,
                    _ => ok = false,
                }
            }
            let cap = if is_multi { Some(cap.unwrap_or(f64::INFINITY)) } else { None };
            ok.then_some(Rule::Options { points, cap })
        }
        "certifications" => {
            needs(r, matches!(field.kind, FieldKind::Certifications { .. }), "certifications").then_some(())?;
            let kinds = match obj.get("kinds") {
                None => Some(None),
                Some(v) => option_set(r, v, "rule.kinds", field).map(Some),
            };
            let per = r.required(obj, "rule", "per").and_then(|v| r.positive(v, "rule.per"));
            let cap = r.required(obj, "rule", "cap").and_then(|v| r.non_negative(v, "rule.cap"));
            Some(Rule::Certifications { kinds: kinds?, per: per?, cap: cap? })
        }
        "log" => {
            let points = r.required(obj, "rule", "points").and_then(|v| r.non_negative(v, "rule.points"));
            let target = r.required(obj, "rule", "target").and_then(|v| r.positive(v, "rule.target"));
            let scale = obj.get("scale").map(|v| r.positive(v, "rule.scale"));
            needs(r, is_number, "number").then_some(())?;
            let target = target?;
            let scale = match scale {
                None => target / 10.0,
                Some(s) => s?,
            };
            Some(Rule::Log { target, scale, points: points? })
        }
        _ => None,
    }
}

pub(super) const RULE_TYPES: &[&str] = &["linear", "per_unit", "bands", "yes_no", "options", "certifications", "log"];

/// Resolves a list of option ids of `field` to a set; reports unknown ones.
pub(super) fn option_set(r: &mut Reader, value: &Value, path: &str, field: &Field) -> Option<IndexSet> {
    let items = r.items(Some(value), path);
    if items.is_empty() && value.is_array() {
        r.error(path, "list at least one entry");
        return None;
    }
    let mut set: IndexSet = 0;
    let mut ok = true;
    for (p, v) in items {
        match option_index(r, v, &p, field) {
            Some(i) => set |= 1 << i,
            None => ok = false,
        }
    }
    ok.then_some(set)
}

pub(super) fn option_index(r: &mut Reader, value: &Value, path: &str, field: &Field) -> Option<usize> {
    let id = r.string(value, path)?;
    let options = field.options();
    match options.iter().position(|o| o.id == id) {
        Some(i) => Some(i),
        None => {
            let what = if matches!(field.kind, FieldKind::Certifications { .. }) { "certification kind" } else { "option" };
            r.error(
                path,
                format!("unknown {what} \"{id}\" of field \"{}\" (known: {})", field.id, list(options.iter().map(|o| o.id.as_str()))),
            );
            None
        }
    }
}

/// Ids as a sorted, quoted list for messages ("none" for none).
pub(super) fn list<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let mut ids: Vec<&str> = ids.collect();
    crate::util::sort_by(&mut ids, |a, b| a.cmp(b));
    ids.dedup();
    if ids.is_empty() {
        return "none".into();
    }
    ids.iter().map(|id| format!("\"{id}\"")).collect::<Vec<_>>().join(", ")
}
