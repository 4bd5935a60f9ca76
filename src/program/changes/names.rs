//! What the things of a program are called: labels from the built program when it builds,
//! else from the file's own `label` values, else ids; and requirements described by what they
//! ask for, in the words of the evaluation's requirement sentences (`requirement.*`).

use super::keys::Lookup;
use super::words::{raw_text, shorten, value, Piece, Words};
use crate::program::model::Program;
use crate::text::date::Date;
use crate::text::format::{fmt_num, or_list};
use crate::text::message::Message;
use crate::text::value::Value;

/// Labels are cut to this many characters in changes.
pub(super) const LABEL_CHARS: usize = 100;

/// One side of the comparison: the file, the program built from it if it builds, and the
/// file's items by id.
pub(super) struct Side<'a> {
    pub(super) root: &'a Value,
    pub(super) program: Option<&'a Program>,
    fields: Items<'a>,
    categories: Items<'a>,
    /// The base criteria, then those tracks, regions and paths add.
    pub(super) criteria: Items<'a>,
    pub(super) tiers: Items<'a>,
}

/// Items of a list by id (the first with each id).
pub(super) struct Items<'a> {
    items: Vec<&'a Value>,
    index: Lookup<&'a str>,
}

impl<'a> Items<'a> {
    fn new(items: Vec<&'a Value>) -> Self {
        let index = Lookup::new(items.iter().map(|v| v.get("id").and_then(Value::as_str)));
        Items { items, index }
    }

    pub(super) fn get(&self, id: &str) -> Option<&'a Value> {
        self.get_at(id).map(|(_, item)| item)
    }

    /// The item and its position in the list.
    pub(super) fn get_at(&self, id: &str) -> Option<(usize, &'a Value)> {
        self.index.get(id).map(|i| (i, self.items[i]))
    }
}

fn list(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    value.and_then(Value::as_array).into_iter().flatten()
}

impl<'a> Side<'a> {
    pub(super) fn new(root: &'a Value, program: Option<&'a Program>) -> Self {
        let key = |k: &str| list(root.get(k)).collect::<Vec<_>>();
        let added = ["tracks", "regions", "paths"].into_iter().flat_map(|k| list(root.get(k))).flat_map(|v| list(v.get("add_criteria")));
        Side {
            root,
            program,
            fields: Items::new(key("fields")),
            categories: Items::new(key("categories")),
            criteria: Items::new(key("criteria").into_iter().chain(added).collect()),
            tiers: Items::new(key("tiers")),
        }
    }

    /// The program's name in `lang`.
    pub(super) fn program_name(&self, lang: Option<&str>) -> String {
        match self.program {
            Some(p) => shorten(p.name().get(lang), LABEL_CHARS),
            None => label_of(self.root, lang).unwrap_or_default(),
        }
    }

    /// A field's label in `lang`, or its id.
    pub(super) fn field_label(&self, id: &str, lang: Option<&str>) -> String {
        if let Some(field) = self.program.and_then(|p| p.fields().iter().find(|f| f.id == id)) {
            return shorten(field.label.get(lang), LABEL_CHARS);
        }
        self.fields.get(id).and_then(|f| label_of(f, lang)).unwrap_or_else(|| shorten(id, LABEL_CHARS))
    }

    /// The label of an option (or certification kind) of a field, or its id.
    pub(super) fn option_label(&self, field: &str, id: &str, lang: Option<&str>) -> String {
        let built = self.program.and_then(|p| p.fields().iter().find(|f| f.id == field));
        if let Some(option) = built.and_then(|f| f.options().iter().find(|o| o.id == id)) {
            return shorten(option.label.get(lang), LABEL_CHARS);
        }
        // A bounded search: a hostile file may give a field a million options.
        let raw = self.fields.get(field).map(|f| list(f.get("options")).chain(list(f.get("kinds"))).take(1000));
        raw.and_then(|mut options| options.find(|o| o.get("id").and_then(Value::as_str) == Some(id)))
            .and_then(|o| label_of(o, lang))
            .unwrap_or_else(|| shorten(id, LABEL_CHARS))
    }

    pub(super) fn category_label(&self, id: &str, lang: Option<&str>) -> String {
        if let Some(category) = self.program.and_then(|p| p.categories().iter().find(|c| c.id == id)) {
            return shorten(category.label.get(lang), LABEL_CHARS);
        }
        self.categories.get(id).and_then(|c| label_of(c, lang)).unwrap_or_else(|| shorten(id, LABEL_CHARS))
    }

    /// The label of a section, track, region or path from the built program.
    pub(super) fn built_label(&self, list: &str, id: &str, lang: Option<&str>) -> Option<String> {
        let p = self.program?;
        let label = match list {
            "sections" => p.sections.iter().find(|s| s.id == id).map(|s| &s.label),
            "fields" => p.fields().iter().find(|f| f.id == id).map(|f| &f.label),
            "categories" => p.categories().iter().find(|c| c.id == id).map(|c| &c.label),
            "tracks" => p.tracks().iter().find(|t| t.id == id).map(|t| &t.label),
            "regions" => p.regions().iter().find(|t| t.id == id).map(|t| &t.label),
            "paths" => p.paths().iter().find(|t| t.id == id).map(|t| &t.label),
            _ => None,
        };
        label.map(|l| shorten(l.get(lang), LABEL_CHARS))
    }

    /// The words for "certification(s)": the program's own (`terms`) when it builds.
    fn noun(&self, count: f64, lang: Option<&str>) -> &str {
        match self.program {
            Some(p) => p.certification_noun(if count == 1.0 { 1 } else { 2 }, lang),
            None if count == 1.0 => "certification",
            None => "certifications",
        }
    }
}

/// An item's `label` in `lang`, at most [`LABEL_CHARS`] characters.
pub(super) fn label_of(item: &Value, lang: Option<&str>) -> Option<String> {
    item.get("label").and_then(|l| raw_text(l, lang)).map(|l| shorten(l, LABEL_CHARS))
}

/// What a requirement checks, by key: `field`, `certifications` or `category`, and its value;
/// `all_criteria_above_zero` alone.
pub(super) fn checks(requirement: &Value) -> Option<(&'static str, &str)> {
    for key in ["field", "certifications", "category"] {
        if let Some(name) = requirement.get(key).and_then(Value::as_str) {
            return Some((key, name));
        }
    }
    requirement.get("all_criteria_above_zero").map(|_| ("all_criteria_above_zero", "all_criteria_above_zero"))
}

fn label_words(label: String) -> Words {
    Words::message(label.clone(), Message::new("requirement.label").text("label", label))
}

fn all_above_zero() -> Words {
    Words::message("Every criterion above zero", Message::new("requirement.all_above_zero"))
}

/// A requirement for a change of its settings: its label, or what it checks ("Annual revenue").
pub(super) fn requirement_short(requirement: &Value, side: &Side, lang: Option<&str>) -> Words {
    if let Some(label) = label_of(requirement, lang) {
        return label_words(label);
    }
    match checks(requirement) {
        Some(("field" | "certifications", id)) => label_words(side.field_label(id, lang)),
        Some(("category", id)) => label_words(side.category_label(id, lang)),
        Some(_) => all_above_zero(),
        None => label_words(requirement.get("id").and_then(Value::as_str).map_or_else(|| "?".to_string(), |id| shorten(id, LABEL_CHARS))),
    }
}

/// A requirement added or removed, as the evaluation describes it ("Certified engineers at
/// least 4"); its label when it has one.
pub(super) fn requirement_full(requirement: &Value, side: &Side, lang: Option<&str>) -> Words {
    if label_of(requirement, lang).is_some() {
        return requirement_short(requirement, side, lang);
    }
    let described = match checks(requirement) {
        Some(("field", field)) => field_requirement(requirement, field, side, lang),
        Some(("certifications", field)) => certifications_requirement(requirement, field, side, lang),
        Some(("category", category)) => category_requirement(requirement, category, side, lang),
        _ => None,
    };
    described.unwrap_or_else(|| requirement_short(requirement, side, lang))
}

/// A value a field requirement compares with: an option's label, a date, a number, yes or no.
fn compared(v: &Value, field: &str, side: &Side, lang: Option<&str>) -> Words {
    let kind = side.fields.get(field).and_then(|f| f.get("type")).and_then(Value::as_str);
    match (v, kind) {
        (Value::String(id), Some("choice" | "multi_choice")) => Words::text(side.option_label(field, id, lang)),
        (Value::String(s), Some("date")) => match Date::parse(s) {
            Some(d) => Words { text: d.to_string(), arg: Piece::Date(d) },
            None => Words::text(shorten(s, LABEL_CHARS)),
        },
        (Value::String(s), _) => Words::text(shorten(s, LABEL_CHARS)),
        _ => value(v, lang),
    }
}

fn field_requirement(requirement: &Value, field: &str, side: &Side, lang: Option<&str>) -> Option<Words> {
    let name = side.field_label(field, lang);
    let v = requirement.get("value")?;
    let named = |id: &'static str| Message::new(id).text("name", name.clone());
    let words = match requirement.get("op").and_then(Value::as_str)? {
        op @ (">=" | "<=" | "=") => {
            let shown = compared(v, field, side, lang);
            let (id, text) = match op {
                ">=" => ("requirement.at_least", format!("{name} at least {}", shown.text)),
                "<=" => ("requirement.at_most", format!("{name} at most {}", shown.text)),
                _ => ("requirement.equals", format!("{name}: {}", shown.text)),
            };
            Words::message(text, shown.put(named(id), "value"))
        }
        "one_of" => {
            let values: Vec<Words> = v.as_array()?.iter().take(20).map(|x| compared(x, field, side, lang)).collect();
            let text = format!("{name}: one of {}", values.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(", "));
            Words::message(text, named("requirement.one_of").messages("values", values.into_iter().map(Words::into_message).collect()))
        }
        "includes" => {
            let ids: Vec<&str> = match v {
                Value::String(s) => vec![s.as_str()],
                Value::Array(items) => items.iter().take(20).filter_map(Value::as_str).collect(),
                _ => return None,
            };
            let options: Vec<String> = ids.iter().map(|id| side.option_label(field, id, lang)).collect();
            let joined = options.join(", ");
            match requirement.get("min").and_then(Value::as_f64) {
                Some(min) => Words::message(
                    format!("{name} include at least {} of {joined}", fmt_num(min)),
                    named("requirement.includes_some").num("min", min).list("options", options),
                ),
                None => Words::message(format!("{name} include {joined}"), named("requirement.includes").list("options", options)),
            }
        }
        _ => return None,
    };
    Some(words)
}

fn certifications_requirement(requirement: &Value, field: &str, side: &Side, lang: Option<&str>) -> Option<Words> {
    let min = requirement.get("min").and_then(Value::as_f64)?;
    let labels = |kinds: Option<&Value>| -> Option<Vec<String>> {
        let ids = kinds?.as_array()?;
        Some(ids.iter().take(20).filter_map(Value::as_str).map(|id| side.option_label(field, id, lang)).collect())
    };
    let kinds = labels(requirement.get("kinds"));
    let of_which = requirement.get("of_which").and_then(|o| Some((o.get("min").and_then(Value::as_f64)?, labels(o.get("kinds"))?)));
    let mut message = Message::new("requirement.certifications");
    if let Some(p) = side.program {
        message = p.terms_in(message, lang);
    }
    let mut text = format!("At least {} valid {}", fmt_num(min), side.noun(min, lang));
    if let Some(kinds) = &kinds {
        text += &format!(" ({})", or_list(kinds));
    }
    if let Some((sub_min, sub_kinds)) = &of_which {
        text += &format!(", of which {} {}", fmt_num(*sub_min), or_list(sub_kinds));
    }
    let message = message
        .num("min", min)
        .part("kinds", kinds.map(|k| Message::new("requirement.kinds").list("kinds", k)))
        .part("of_which", of_which.map(|(m, k)| Message::new("requirement.of_which").num("min", m).list("kinds", k)));
    Some(Words::message(text, message))
}

fn category_requirement(requirement: &Value, category: &str, side: &Side, lang: Option<&str>) -> Option<Words> {
    let label = side.category_label(category, lang);
    if let Some(min) = requirement.get("min_points").and_then(Value::as_f64) {
        let text = format!("{label}: at least {} points", fmt_num(min));
        return Some(Words::message(text, Message::new("requirement.category_points").text("category", label).num("min", min)));
    }
    let min = requirement.get("min_share").and_then(Value::as_f64)?;
    let text = format!("{label}: at least {}% of its maximum", fmt_num(min));
    Some(Words::message(text, Message::new("changes.requirement.category_share").text("category", label).num("min", min)))
}

/// The label of an item of a list with ids, for `kind` (the list's key): from the built
/// program for sections, fields, categories, tracks, regions and paths; from the file for
/// criteria and tiers (a built program keeps them only per track, region and path, where
/// they may be patched); else the id.
pub(super) fn item_label(list_key: &str, item: &Value, side: &Side, lang: Option<&str>) -> Option<String> {
    let id = item.get("id").and_then(Value::as_str);
    id.and_then(|id| side.built_label(list_key, id, lang)).or_else(|| label_of(item, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::value::parse;

    #[test]
    fn requirements_are_described_as_the_evaluation_does() {
        let program = parse(include_str!("../../../www/programs/classic-reseller.json")).unwrap();
        let built = Program::from_parsed(&program).unwrap();
        let side = Side::new(&program, Some(&built));
        let gold = &program.get("tiers").unwrap().as_array().unwrap()[2];
        let requires = gold.get("requires").unwrap().as_array().unwrap();
        let described: Vec<String> = requires.iter().map(|r| requirement_full(r, &side, None).text).collect();
        assert_eq!(
            described,
            [
                "Partner agreement signed: yes",
                "At least 4 valid certifications, of which 2 Technical or Specialist",
                "Annual revenue at least 250,000",
                "Customer success: at least 50% of its maximum",
            ]
        );
        // Without the built program: the file's labels.
        let raw = Side::new(&program, None);
        assert_eq!(requirement_full(&requires[2], &raw, Some("de")).text, "Jahresumsatz at least 250,000");
    }
}
