//! Applying a plan to a profile as the partner wrote it: what "try this plan" on the page and
//! `applyPlan` in JavaScript do. Only the planned fields change; everything else in the
//! profile (other fields, certification names and holders, key order) stays as written.

use crate::program::model::FieldKind;
use crate::program::Program;
use crate::text::date::Date;
use crate::text::error::{join_index, join_key, ErrorKind, Errors, Issue};
use crate::text::read::{describe, Reader};
use crate::text::value::{Object, Value};

/// The profile after a plan's changes (`plan` as `gaps` returned it: an object with
/// `changes`, each `{field, to, add_certifications, renew_certifications}`), on `as_of`:
/// a number, yes/no or choice field takes the planned value; a certifications field gets
/// one certification per kind in `add_certifications` (earned on `as_of`), and each expired
/// one named in `renew_certifications` is earned again on `as_of`, valid as long as it was
/// before (no expiry when it had no earned date). Errors: a profile that does not read
/// (kind `profile`), a plan that does not fit the program or the profile (kind `plan`, paths
/// such as `changes[0].field`).
pub fn apply_plan_json(program: &Program, profile: &Value, plan: &Value, as_of: Date) -> Result<Value, Errors> {
    program.profile_from_parsed(profile)?;
    let mut r = Reader::default();
    let mut out = profile.clone();
    let mut changed: Vec<(String, String)> = Vec::new();
    if let Some(plan) = any_object(&mut r, plan, "", "a plan (as gaps() returns it)") {
        let changes = r.required(plan, "", "changes").map(|v| r.items(Some(v), "changes")).unwrap_or_default();
        let values = values_of(&mut out);
        for (path, change) in changes {
            let Some(change) = any_object(&mut r, change, &path, "a plan's change") else { continue };
            let Some(field_id) = r.required(change, &path, "field").and_then(|v| r.string(v, &join_key(&path, "field"))) else {
                continue;
            };
            let Some(field) = program.field_index(&field_id).map(|i| &program.fields()[i]) else {
                r.error(&join_key(&path, "field"), format!("unknown field \"{field_id}\": this plan is not for this program"));
                continue;
            };
            if matches!(field.kind, FieldKind::Certifications { .. }) {
                apply_certifications(&mut r, values.get_or_insert_null(&field_id), change, &path, as_of);
            } else if let Some(to) = r.required(change, &path, "to") {
                values.insert(field_id.clone(), to.clone());
            }
            changed.push((field_id, path));
        }
    }
    if !r.issues.is_empty() {
        return Err(Errors::new(ErrorKind::Plan, r.into_issues()));
    }
    // The result must read as a profile; a planned value that does not (a plan made for
    // another version of the program) is the plan's mistake, named at its change.
    if let Err(errors) = program.profile_from_parsed(&out) {
        let issues = errors
            .issues
            .into_iter()
            .map(|issue| {
                let at = changed.iter().find(|(field, _)| {
                    let prefix = join_key("values", field);
                    issue.path == prefix || issue.path.starts_with(&format!("{prefix}.")) || issue.path.starts_with(&format!("{prefix}["))
                });
                match at {
                    Some((_, path)) => Issue { path: join_key(path, "to"), ..issue },
                    None => issue,
                }
            })
            .collect();
        return Err(Errors::new(ErrorKind::Plan, issues));
    }
    Ok(out)
}

/// An object with any keys (a plan carries descriptions, efforts and totals beside what
/// applying it needs).
fn any_object<'v>(r: &mut Reader, value: &'v Value, path: &str, what: &str) -> Option<&'v Object> {
    match value {
        Value::Object(map) => Some(map),
        other => {
            r.error(path, format!("{what} must be an object, found {}", describe(other)));
            None
        }
    }
}

/// The profile's `values` object, created when the profile has none.
fn values_of(profile: &mut Value) -> &mut Object {
    if !matches!(profile, Value::Object(_)) {
        *profile = Value::Object(Object::new());
    }
    let Value::Object(root) = profile else { unreachable!("made an object above") };
    let values = root.get_or_insert_null("values");
    if !matches!(values, Value::Object(_)) {
        *values = Value::Object(Object::new());
    }
    match values {
        Value::Object(map) => map,
        _ => unreachable!("made an object above"),
    }
}

fn apply_certifications(r: &mut Reader, certs: &mut Value, change: &Object, path: &str, as_of: Date) {
    if !matches!(certs, Value::Array(_)) {
        *certs = Value::Array(Vec::new());
    }
    let Value::Array(list) = certs else { return };
    let names = |r: &mut Reader, key: &str| -> Vec<(String, Option<String>)> {
        let key_path = join_key(path, key);
        match change.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| match v {
                    Value::Null => Some((join_index(&key_path, i), None)),
                    Value::String(s) => Some((join_index(&key_path, i), Some(s.clone()))),
                    other => {
                        r.error(&join_index(&key_path, i), format!("expected a name or null, found {}", describe(other)));
                        None
                    }
                })
                .collect(),
            Some(other) => {
                r.error(&key_path, format!("expected a list, found {}", describe(other)));
                Vec::new()
            }
        }
    };
    let today = Value::String(as_of.to_string());
    let date = |cert: &Value, key: &str| cert.get(key).and_then(Value::as_str).and_then(Date::parse);
    let mut renewed = vec![false; list.len()];
    for (at, name) in names(r, "renew_certifications") {
        // The one expiring first of that name: an expired one, or one a plan for a later
        // horizon renews before it expires.
        let found = (0..list.len())
            .filter(|&i| !renewed[i] && list[i].get("name").and_then(Value::as_str) == name.as_deref())
            .filter_map(|i| date(&list[i], "expires").map(|e| (e, i)))
            .min()
            .map(|(_, i)| i);
        let Some(i) = found else {
            let what = name.map_or_else(
                || "no unnamed certification with an expiry date".to_string(),
                |n| format!("no certification named \"{n}\" with an expiry date"),
            );
            r.error(&at, format!("the profile has {what} to renew on {as_of}"));
            continue;
        };
        renewed[i] = true;
        let validity = date(&list[i], "earned").zip(date(&list[i], "expires")).map(|(earned, expires)| earned.days_until(expires));
        if let Value::Object(cert) = &mut list[i] {
            cert.insert("earned".into(), today.clone());
            match validity {
                Some(days) => cert.insert("expires".into(), Value::String(as_of.add_days(days).to_string())),
                None => {
                    cert.remove("expires");
                }
            }
        }
    }
    for (_, kind) in names(r, "add_certifications") {
        let mut cert = Object::new();
        if let Some(kind) = kind {
            cert.insert("kind".into(), Value::String(kind));
        }
        cert.insert("earned".into(), today.clone());
        list.push(Value::Object(cert));
    }
}
