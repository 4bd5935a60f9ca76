//! A track, region or path changing a tier's requirements: replaced whole (format 1, with a
//! warning when that drops a requirement the tier had), or one by one with
//! `{"replace": [...]}`, `{"remove": [...]}`, `{"change": {...}}` and `{"add": [...]}`.
//!
//! A requirement is named by its `id`, or else by what it checks: the field, the
//! certifications field, the category, or `all_criteria_above_zero`.

use super::build::{merge_patch, Builder, Layered};
use crate::text::error::{join_index, join_key};
use crate::text::read::describe;
use crate::text::value::Value;

pub(super) const EDIT_KEYS: &[&str] = &["replace", "remove", "change", "add"];

/// The names a requirement answers to: its `id`, and what it checks.
fn names(requirement: &Value) -> [Option<&str>; 2] {
    let id = requirement.get("id").and_then(Value::as_str);
    let checks = ["field", "certifications", "category"]
        .into_iter()
        .find_map(|k| requirement.get(k).and_then(Value::as_str))
        .or_else(|| requirement.get("all_criteria_above_zero").map(|_| "all_criteria_above_zero"));
    [id, checks]
}

fn answers_to(requirement: &Value, name: &str) -> bool {
    names(requirement).contains(&Some(name))
}

/// How a requirement is called in messages: its id, or what it checks.
fn name_of(requirement: &Value) -> String {
    let [id, checks] = names(requirement);
    id.or(checks).map_or_else(|| "(unnamed)".to_string(), |n| format!("\"{n}\""))
}

fn quoted_list(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

impl<'a> Layered<'a> {
    fn requirement_values(&self) -> &[Value] {
        match self.merged.get("requires") {
            Some(Value::Array(items)) => items,
            _ => &[],
        }
    }

    /// Each requirement as its own layered value, so that an error in one points at the line
    /// that wrote it (the base tier, a `change` or an `add`), whatever its position now.
    fn requirement_layers(&mut self) -> Vec<Layered<'a>> {
        if let Some(layers) = self.requirements.take() {
            return layers;
        }
        self.requirement_values()
            .iter()
            .enumerate()
            .map(|(i, requirement)| {
                let (path, source) = self.source_of(&join_index("requires", i));
                Layered { merged: requirement.clone(), sources: vec![(path, source)], requirements: None }
            })
            .collect()
    }
}

impl Builder {
    /// Applies one variant's change of a tier (`patch` at `path`) to `tier`.
    pub(super) fn patch_tier<'a>(&mut self, tier: &mut Layered<'a>, tier_id: &str, path: &str, patch: &'a Value, context: &str) {
        let Value::Object(keys) = patch else { return };
        let requires_path = join_key(path, "requires");
        match keys.get("requires") {
            Some(edit @ Value::Object(_)) => {
                let mut rest = patch.clone();
                if let Value::Object(map) = &mut rest {
                    map.remove("requires");
                }
                merge_patch(&mut tier.merged, &rest);
                tier.sources.insert(0, (path.to_string(), patch));
                self.edit_requirements(tier, tier_id, &requires_path, edit, context);
            }
            replacement => {
                if let Some(replacement) = replacement {
                    self.warn_dropped(tier, tier_id, &requires_path, replacement, context);
                }
                merge_patch(&mut tier.merged, patch);
                tier.sources.insert(0, (path.to_string(), patch));
                // The whole list now comes from this patch, where plain paths find it.
                tier.requirements = None;
            }
        }
    }

    /// A list given in place of the tier's requirements that leaves some out: format 1
    /// replaces the list whole, which is rarely what a region lowering one threshold means.
    fn warn_dropped(&mut self, tier: &Layered, tier_id: &str, path: &str, replacement: &Value, context: &str) {
        let kept: &[Value] = replacement.as_array().map_or(&[], Vec::as_slice);
        let dropped: Vec<String> = tier
            .requirement_values()
            .iter()
            .filter(|before| !kept.iter().any(|after| names(before).into_iter().flatten().any(|n| answers_to(after, n))))
            .map(name_of)
            .collect();
        if dropped.is_empty() {
            return;
        }
        self.warning(
            path,
            format!(
                "{context}this list replaces tier \"{tier_id}\"'s requirements whole, so the tier loses {} here; to change one requirement write \"requires\": {{\"change\": {{{}: {{...}}}}}}, to add one {{\"add\": [...]}}; to drop them on purpose {{\"remove\": [{}]}} or {{\"replace\": [...]}}",
                dropped.join(" and "),
                dropped[0],
                dropped.join(", "),
            ),
        );
    }

    fn edit_requirements<'a>(&mut self, tier: &mut Layered<'a>, tier_id: &str, path: &str, edit: &'a Value, context: &str) {
        let Some(edit_keys) = self.reader.object(edit, path, "a change of requirements", EDIT_KEYS) else { return };
        let mut layers = tier.requirement_layers();
        if let Some(replace) = edit_keys.get("replace") {
            let replace_path = join_key(path, "replace");
            if edit_keys.len() > 1 {
                self.reader.error(&replace_path, "\"replace\" gives the whole list; it cannot go with \"remove\", \"change\" or \"add\"");
            }
            layers = self.requirement_list(replace, &replace_path);
        }
        if let Some(remove) = edit_keys.get("remove") {
            let remove_path = join_key(path, "remove");
            let Value::Array(names) = remove else {
                self.reader.error(
                    &remove_path,
                    format!("expected a list of requirement names (ids, or the field or category they check), found {}", describe(remove)),
                );
                return;
            };
            for (i, name) in names.iter().enumerate() {
                let at = join_index(&remove_path, i);
                let Some(name) = name.as_str() else {
                    self.reader.error(&at, format!("expected a requirement's name, found {}", describe(name)));
                    continue;
                };
                if let Some(position) = self.find_requirement(&layers, name, &at, tier_id, context, "remove") {
                    layers.remove(position);
                }
            }
        }
        if let Some(change) = edit_keys.get("change") {
            let change_path = join_key(path, "change");
            let Value::Object(changes) = change else {
                self.reader.error(&change_path, format!("expected an object of requirement name -> changes, found {}", describe(change)));
                return;
            };
            for (name, patch) in changes {
                let at = join_key(&change_path, name);
                if !matches!(patch, Value::Object(_)) {
                    self.reader.error(&at, format!("expected an object of changes to the requirement, found {}", describe(patch)));
                    continue;
                }
                if let Some(position) = self.find_requirement(&layers, name, &at, tier_id, context, "change") {
                    let layer = &mut layers[position];
                    merge_patch(&mut layer.merged, patch);
                    layer.sources.insert(0, (at, patch));
                }
            }
        }
        if let Some(add) = edit_keys.get("add") {
            layers.extend(self.requirement_list(add, &join_key(path, "add")));
        }
        if let Value::Object(map) = &mut tier.merged {
            *map.get_or_insert_null("requires") = Value::Array(layers.iter().map(|l| l.merged.clone()).collect());
        }
        tier.requirements = Some(layers);
    }

    fn requirement_list<'a>(&mut self, list: &'a Value, path: &str) -> Vec<Layered<'a>> {
        let Value::Array(items) = list else {
            self.reader.error(path, format!("expected a list of requirements, found {}", describe(list)));
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let at = join_index(path, i);
                Layered { merged: v.clone(), sources: vec![(at, v)], requirements: None }
            })
            .collect()
    }

    /// The position of the one requirement called `name`, or an error saying why not.
    fn find_requirement(&mut self, layers: &[Layered], name: &str, at: &str, tier_id: &str, context: &str, verb: &str) -> Option<usize> {
        let matching: Vec<usize> = (0..layers.len()).filter(|&i| answers_to(&layers[i].merged, name)).collect();
        match matching[..] {
            [one] => Some(one),
            [] => {
                let known = quoted_list(&layers.iter().map(|l| name_of(&l.merged)).collect::<Vec<_>>());
                self.variant_error(
                    at,
                    format!("{context}tier \"{tier_id}\" has no requirement \"{name}\" to {verb}; its requirements: {known}"),
                );
                None
            }
            _ => {
                self.variant_error(
                    at,
                    format!(
                        "{context}tier \"{tier_id}\" has {} requirements that check \"{name}\"; give each an \"id\" and {verb} it by that",
                        matching.len()
                    ),
                );
                None
            }
        }
    }
}
