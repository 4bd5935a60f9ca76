//! Changes of a track, region or path: its patches of criteria (`criteria: {id: patch |
//! null}`) and tiers (`tiers: {id: patch}`), and a tier's requirements edited there
//! (`requires`: a list, or `{replace, remove, change, add}`), each as a change of the track,
//! region or path, shown against the base program's value.

use super::keys::{union, Lookup};
use super::names::checks;
use super::types::ChangeSubjectKind;
use super::walk::{to, Base, From, Item, List, Subj, Walk, What, MAX_KEYS};
use super::words::{is_object, Seg};
use crate::limits::MAX_LIST;
use crate::text::value::Value;

/// A tier's `requires` in a patch, in the one-by-one form (a list is `replace`).
#[derive(Default)]
struct Edits<'a> {
    replace: Option<&'a Value>,
    remove: Option<&'a Value>,
    change: Option<&'a Value>,
    add: Option<&'a Value>,
    /// A list given whole (format 1): its items are at `requires[i]`, not `requires.replace[i]`.
    list: bool,
}

impl<'a> Edits<'a> {
    /// `None` for a `requires` that is neither a list nor an object.
    fn of(value: Option<&'a Value>) -> Option<Self> {
        match value {
            None | Some(Value::Null) => Some(Edits::default()),
            Some(list @ Value::Array(_)) => Some(Edits { replace: Some(list), list: true, ..Edits::default() }),
            Some(Value::Object(o)) => {
                Some(Edits { replace: o.get("replace"), remove: o.get("remove"), change: o.get("change"), add: o.get("add"), list: false })
            }
            Some(_) => None,
        }
    }
}

fn object(v: Option<&Value>) -> bool {
    v.is_none_or(is_object)
}

impl<'a> Walk<'a> {
    /// A patch of an item compared key by key against the other side's patch, each key shown
    /// against the base item's value (`base_before`, `base_after`).
    fn patch(&mut self, path: &[Seg<'a>], b: Option<&'a Value>, a: Option<&'a Value>, base: Base<'a>, depth: usize) {
        if !object(b) || !object(a) {
            self.settings(path, &mut Vec::new(), b, a, Base::default(), depth);
            return;
        }
        for (key, bv, av) in union(b, a) {
            let seg = Seg::Key(key);
            let base = Base { on: true, ..base }.at(seg);
            self.settings(&to(path, Seg::Key(key)), &mut vec![seg], bv, av, base, depth + 1);
        }
    }

    /// A subject for a patched criterion or tier: its base item, in the edited file if there.
    fn base_subject(kind: ChangeSubjectKind, id: &'a str, before: Option<&'a Value>, after: Option<&'a Value>) -> Subj<'a> {
        let (item, from, other) = match after {
            Some(a) => (Some(a), From::After, before),
            None => (before, From::Before, None),
        };
        Subj { id: Some(id), other, ..Subj::new(kind, item, from) }
    }

    /// `criteria: {id: patch | null}` of a track, region or path.
    pub(super) fn criterion_patches(&mut self, path: &[Seg<'a>], b: Option<&'a Value>, a: Option<&'a Value>, depth: usize) {
        if !object(b) || !object(a) {
            self.settings(path, &mut vec![Seg::Key("criteria")], b, a, Base::default(), depth);
            return;
        }
        for (id, bv, av) in union(b, a) {
            let at = to(path, Seg::Key(id));
            let (base_b, base_a) = (self.before.criteria.get(id), self.after.criteria.get(id));
            self.stack.push(Self::base_subject(ChangeSubjectKind::Criterion, id, base_b, base_a));
            match (bv, av) {
                (Some(Value::Null), Some(Value::Null)) => {}
                // Dropped here.
                (_, Some(Value::Null)) => self.emit(&at, What::Removed(None)),
                // Counted here again, with the patch (if any) against the base criterion.
                (Some(Value::Null), after) => {
                    self.emit(&at, What::Added(base_a));
                    self.patch(&at, None, after, Base::of(base_a, base_a), depth + 1);
                }
                _ => self.patch(&at, bv, av, Base::of(base_b, base_a), depth + 1),
            }
            self.stack.pop();
        }
    }

    /// `tiers: {id: patch}` of a track, region or path.
    pub(super) fn tier_patches(&mut self, path: &[Seg<'a>], b: Option<&'a Value>, a: Option<&'a Value>, depth: usize) {
        if !object(b) || !object(a) {
            self.settings(path, &mut vec![Seg::Key("tiers")], b, a, Base::default(), depth);
            return;
        }
        for (id, bv, av) in union(b, a) {
            let at = to(path, Seg::Key(id));
            let (base_b, base_a) = (self.before.tiers.get_at(id), self.after.tiers.get_at(id));
            self.stack.push(Self::base_subject(ChangeSubjectKind::Tier, id, base_b.map(|t| t.1), base_a.map(|t| t.1)));
            if !object(bv) || !object(av) {
                self.settings(&at, &mut Vec::new(), bv, av, Base::default(), depth + 1);
            } else {
                for (key, kb, ka) in union(bv, av) {
                    let key_at = to(&at, Seg::Key(key));
                    if key == "requires" {
                        self.requirement_edits(&key_at, kb, ka, base_b, base_a, depth + 1);
                    } else {
                        let base = Base::of(base_b.map(|t| t.1), base_a.map(|t| t.1)).at(Seg::Key(key));
                        self.settings(&key_at, &mut vec![Seg::Key(key)], kb, ka, base, depth + 1);
                    }
                }
            }
            self.stack.pop();
        }
    }

    /// A tier's `requires` in a patch on both sides. A list (or `replace`) given on one side
    /// only is compared with the base tier's requirements on the other; names removed or no
    /// longer removed are requirements removed or added here; `change` is a patch of the
    /// requirement it names.
    fn requirement_edits(
        &mut self,
        path: &[Seg<'a>],
        b: Option<&'a Value>,
        a: Option<&'a Value>,
        base_b: Option<(usize, &'a Value)>,
        base_a: Option<(usize, &'a Value)>,
        depth: usize,
    ) {
        let (Some(eb), Some(ea)) = (Edits::of(b), Edits::of(a)) else {
            self.settings(path, &mut vec![Seg::Key("requires")], b, a, Base::default(), depth);
            return;
        };
        let requirements = List { key: "requires", kind: ChangeSubjectKind::Requirement, item: Item::Plain, owner: None };
        let at = |edits: &Edits, key: &'a str| if edits.list { path.to_vec() } else { to(path, Seg::Key(key)) };
        let base_list = |base: Option<(usize, &'a Value)>| {
            let requires = base_requirements(base)?;
            let (i, tier) = base?;
            Some((vec![Seg::Key("tiers"), Seg::Index(i), Seg::Key("requires")], tier.get("requires").filter(|_| !requires.is_empty())?))
        };
        // In the order the edits are written (a list is `replace`).
        let mut keys: Vec<&str> = union(b.filter(|v| is_object(v)), a.filter(|v| is_object(v))).into_iter().map(|(k, _, _)| k).collect();
        if (eb.list || ea.list) && !keys.contains(&"replace") {
            keys.insert(0, "replace");
        }
        for key in keys {
            match key {
                "replace" => match (eb.replace, ea.replace) {
                    (None, None) => {}
                    (Some(x), Some(y)) => self.list(requirements, &at(&eb, key), &at(&ea, key), Some(x), Some(y), depth + 1),
                    (None, Some(y)) => {
                        let (b_at, x) = base_list(base_b).map_or((Vec::new(), None), |(p, x)| (p, Some(x)));
                        self.list(requirements, &b_at, &at(&ea, key), x, Some(y), depth + 1);
                    }
                    (Some(x), None) => {
                        let (a_at, y) = base_list(base_a).map_or((Vec::new(), None), |(p, y)| (p, Some(y)));
                        self.list(requirements, &at(&eb, key), &a_at, Some(x), y, depth + 1);
                    }
                },
                "remove" => self.removed_names(&to(path, Seg::Key(key)), eb.remove, ea.remove, base_b, base_a),
                "change" if object(eb.change) && object(ea.change) => {
                    let change_at = to(path, Seg::Key(key));
                    for (name, pb, pa) in union(eb.change, ea.change) {
                        let (req_b, req_a) = (find(base_b, name), find(base_a, name));
                        let mut s = Self::base_subject(ChangeSubjectKind::Requirement, name, req_b.map(|r| r.1), req_a.map(|r| r.1));
                        s.id = Some(name);
                        self.stack.push(s);
                        self.patch(&to(&change_at, Seg::Key(name)), pb, pa, Base::of(req_b.map(|r| r.1), req_a.map(|r| r.1)), depth + 1);
                        self.stack.pop();
                    }
                }
                "add" => self.list(requirements, &to(path, Seg::Key(key)), &to(path, Seg::Key(key)), eb.add, ea.add, depth + 1),
                other => {
                    let (kb, ka) = (b.and_then(|v| v.get(other)), a.and_then(|v| v.get(other)));
                    self.settings(
                        &to(path, Seg::Key(other)),
                        &mut vec![Seg::Key("requires"), Seg::Key(other)],
                        kb,
                        ka,
                        Base::default(),
                        depth,
                    );
                }
            }
        }
    }

    /// `requires.remove` on both sides: a name newly listed removes that requirement here, a
    /// name no longer listed puts it back.
    fn removed_names(
        &mut self,
        path: &[Seg<'a>],
        b: Option<&'a Value>,
        a: Option<&'a Value>,
        base_b: Option<(usize, &'a Value)>,
        base_a: Option<(usize, &'a Value)>,
    ) {
        let names = |v: Option<&'a Value>| -> Vec<Option<&'a str>> {
            v.and_then(Value::as_array).map_or_else(Vec::new, |l| l.iter().map(Value::as_str).collect())
        };
        let (bn, an) = (names(b), names(a));
        let (mut b_index, mut a_index) = (Lookup::new(bn.iter().copied()), Lookup::new(an.iter().copied()));
        for (ai, name) in an.iter().enumerate() {
            let Some(name) = name.filter(|n| b_index.take(n).is_none()) else { continue };
            let found = find(base_a, name).or_else(|| find(base_b, name));
            self.stack.push(Subj {
                id: Some(name),
                full: true,
                ..Subj::new(ChangeSubjectKind::Requirement, found.map(|r| r.1), From::After)
            });
            self.emit(&to(path, Seg::Index(ai)), What::Removed(found.map(|r| r.1)));
            self.stack.pop();
        }
        for (bi, name) in bn.iter().enumerate() {
            let Some(name) = name.filter(|n| a_index.take(n).is_none()) else { continue };
            let found = find(base_a, name);
            let at = match (found, base_a) {
                (Some((j, _)), Some((i, _))) => vec![Seg::Key("tiers"), Seg::Index(i), Seg::Key("requires"), Seg::Index(j)],
                _ => to(path, Seg::Index(bi)),
            };
            let item = found.or_else(|| find(base_b, name)).map(|r| r.1);
            self.stack.push(Subj { id: Some(name), full: true, ..Subj::new(ChangeSubjectKind::Requirement, item, From::After) });
            self.emit(&at, What::Added(item));
            self.stack.pop();
        }
    }
}

/// The requirement of a base tier called `name` (its id, or what it checks), with its position.
/// Only in lists and objects of a size real programs have (a hostile file could otherwise make
/// every name a long search).
fn find<'a>(tier: Option<(usize, &'a Value)>, name: &str) -> Option<(usize, &'a Value)> {
    let requires = base_requirements(tier)?;
    requires.iter().enumerate().find(|(_, r)| {
        r.as_object().is_some_and(|o| o.len() <= MAX_KEYS)
            && (r.get("id").and_then(Value::as_str) == Some(name) || checks(r).is_some_and(|(_, n)| n == name))
    })
}

/// A base tier's requirements, when there are at most as many as a program may have.
fn base_requirements(tier: Option<(usize, &Value)>) -> Option<&[Value]> {
    let tier = tier?.1;
    let requires = tier.as_object().filter(|o| o.len() <= MAX_KEYS)?.get("requires")?.as_array()?;
    (requires.len() <= MAX_LIST).then_some(requires.as_slice())
}
