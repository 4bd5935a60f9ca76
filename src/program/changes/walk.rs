//! The comparison itself: the two files walked side by side, lists with ids matched by id,
//! settings compared value by value, each difference put in words as it is found.

use super::keys::{increasing, pair, union, Lookup};
use super::names::{item_label, label_of, requirement_full, requirement_short, Side, LABEL_CHARS};
use super::types::{ChangeKind, ChangeSubject, ChangeSubjectKind, ProgramChange, ProgramChanges};
use super::words::{is_object, is_translations, is_value_list, raw_text, setting, setting_path, shorten, value, Seg, Words};
use crate::limits::{MAX_CHANGE_DEPTH, MAX_LISTED_CHANGES};
use crate::program::model::Program;
use crate::text::message::Message;
use crate::text::value::Value;

/// Past this many bytes of paths and sentences, changes are counted and no longer listed: a
/// hostile file with a huge id in every path cannot make the result huge.
const MAX_LISTED_BYTES: usize = 16 << 20;

/// Base values are looked up (one search per key) only in objects of at most this many keys:
/// real items have a dozen.
pub(super) const MAX_KEYS: usize = 64;

/// Lists of values longer than this (before × after) are compared by position rather than
/// entry by entry.
const MAX_ENTRY_PAIRS: usize = 1_000_000;

/// The changes that turn `before` (the program file as opened) into `after` (as edited), in
/// words: items of lists with ids (fields and their options, sections, categories, criteria,
/// tiers, tracks, regions, paths, requirements with an `id`) matched by id, requirements
/// without one by what they check and then by position, so that an added, removed or moved
/// item and each changed setting of an item is one change. A track's, region's or path's
/// changes of criteria, tiers and requirements are changes of that track, region or path,
/// shown against the base program's value. Lists of values without ids (benefits, languages,
/// option ids) are compared entry by entry; lists of objects without ids (bands) by position.
///
/// Labels come from the built programs when they build (`before_program`, `after_program`),
/// else from the files' `label` values, else ids: an edited program that does not build yet
/// is described all the same. At most 500 changes are listed ([`MAX_LISTED_CHANGES`]) and all
/// are counted; nested settings are followed [`MAX_CHANGE_DEPTH`] deep; the work is O(n log n)
/// in the size of the files.
///
/// ```
/// use partner_scorecard::program::changes::describe_changes;
/// use partner_scorecard::text::value::parse;
/// let before = parse(r#"{"tiers": [{"id": "gold", "label": "Gold", "min_score": 70}]}"#).unwrap();
/// let after = parse(r#"{"tiers": [{"id": "gold", "label": "Gold", "min_score": 75}]}"#).unwrap();
/// let changes = describe_changes(&before, &after, None, None, None);
/// assert_eq!(changes.changes[0].text, "Tier Gold: minimum score 70 → 75");
/// assert_eq!(changes.changes[0].path, "tiers[0].min_score");
/// ```
pub fn describe_changes(
    before: &Value,
    after: &Value,
    before_program: Option<&Program>,
    after_program: Option<&Program>,
    lang: Option<&str>,
) -> ProgramChanges {
    let mut walk = Walk {
        lang,
        before: Side::new(before, before_program),
        after: Side::new(after, after_program),
        stack: Vec::new(),
        out: Vec::new(),
        total: 0,
        bytes: 0,
    };
    walk.stack.push(Subj::new(ChangeSubjectKind::Program, Some(after), From::After));
    walk.keyed(Item::Program, &[], Some(before), Some(after), 0);
    ProgramChanges { changes: walk.out, total: walk.total }
}

/// Which file a subject's label is read from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum From {
    Before,
    After,
}

/// A subject as the walk meets it: cheap to make; put in words only for a change listed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Subj<'a> {
    pub(super) kind: ChangeSubjectKind,
    /// The item as written in the file `from` names, and in the other one.
    pub(super) item: Option<&'a Value>,
    pub(super) other: Option<&'a Value>,
    pub(super) from: From,
    pub(super) id: Option<&'a str>,
    /// The field of an option or certification kind.
    pub(super) owner: Option<&'a str>,
    /// A requirement described in full (added or removed) rather than by what it checks.
    pub(super) full: bool,
}

impl<'a> Subj<'a> {
    pub(super) fn new(kind: ChangeSubjectKind, item: Option<&'a Value>, from: From) -> Self {
        let id = item.and_then(|v| v.get("id")).and_then(Value::as_str);
        Subj { kind, item, other: None, from, id, owner: None, full: false }
    }
}

/// What kind of item a list holds, for the keys inside it that are lists or patches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Item {
    Program,
    Plain,
    Field,
    Tier,
    Variant,
}

/// What changed, before it is put in words.
pub(super) enum What<'a, 's> {
    Added(Option<&'a Value>),
    Removed(Option<&'a Value>),
    Moved { before_other: bool, other: Subj<'a>, from: usize, to: usize },
    Setting { setting: &'s [Seg<'a>], before: Option<&'a Value>, after: Option<&'a Value> },
    Entry { setting: &'s [Seg<'a>], value: &'a Value, added: bool },
    Reordered { setting: &'s [Seg<'a>], before: &'a Value, after: &'a Value },
}

/// Base values a track's, region's or path's patch is shown against, where one is on.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Base<'a> {
    pub(super) on: bool,
    pub(super) before: Option<&'a Value>,
    pub(super) after: Option<&'a Value>,
}

impl<'a> Base<'a> {
    pub(super) fn of(before: Option<&'a Value>, after: Option<&'a Value>) -> Self {
        Base { on: true, before, after }
    }

    pub(super) fn at(self, seg: Seg) -> Self {
        let step = |v: Option<&'a Value>| match seg {
            Seg::Key(k) => v?.as_object().filter(|o| o.len() <= MAX_KEYS)?.get(k),
            Seg::Index(i) => v?.as_array()?.get(i),
        };
        Base { on: self.on, before: step(self.before), after: step(self.after) }
    }
}

/// A list of items with ids (or requirements): what its items are.
#[derive(Debug, Clone, Copy)]
pub(super) struct List<'a> {
    /// The list's key, for a list that is not one (`"tiers": "x"`).
    pub(super) key: &'a str,
    pub(super) kind: ChangeSubjectKind,
    pub(super) item: Item,
    pub(super) owner: Option<&'a str>,
}

pub(super) struct Walk<'a> {
    pub(super) lang: Option<&'a str>,
    pub(super) before: Side<'a>,
    pub(super) after: Side<'a>,
    pub(super) stack: Vec<Subj<'a>>,
    out: Vec<ProgramChange>,
    total: usize,
    bytes: usize,
}

/// Whether two lists of values are small enough to compare entry by entry, each with each:
/// at most a million pairs, and at most 100 million bytes compared.
fn entry_by_entry(before: &[Value], after: &[Value]) -> bool {
    let bytes = |items: &[Value]| -> usize {
        items
            .iter()
            .map(|v| match v {
                Value::String(s) => s.len() + 1,
                Value::Object(o) => o.iter().map(|(k, v)| k.len() + v.as_str().map_or(1, str::len)).sum(),
                _ => 1,
            })
            .sum()
    };
    before.len().saturating_mul(after.len()) <= MAX_ENTRY_PAIRS
        && bytes(before).saturating_mul(after.len()).min(bytes(after).saturating_mul(before.len())) <= 100 * MAX_ENTRY_PAIRS
}

/// `path` with one more step: paths are kept as steps (the keys borrowed from the files) and
/// written out only for a change listed, so that a long id in a path costs nothing per change
/// below it.
pub(super) fn to<'a>(path: &[Seg<'a>], seg: Seg<'a>) -> Vec<Seg<'a>> {
    let mut out = Vec::with_capacity(path.len() + 1);
    out.extend_from_slice(path);
    out.push(seg);
    out
}

fn list_key(kind: ChangeSubjectKind) -> &'static str {
    match kind {
        ChangeSubjectKind::Section => "sections",
        ChangeSubjectKind::Field => "fields",
        ChangeSubjectKind::Category => "categories",
        ChangeSubjectKind::Track => "tracks",
        ChangeSubjectKind::Region => "regions",
        ChangeSubjectKind::Path => "paths",
        _ => "",
    }
}

fn subject_noun(kind: ChangeSubjectKind) -> (&'static str, &'static str) {
    use ChangeSubjectKind::*;
    match kind {
        Program => ("changes.subject.program", "Program"),
        Section => ("changes.subject.section", "Section"),
        Field => ("changes.subject.field", "Field"),
        FieldOption => ("changes.subject.option", "Option"),
        CertificationKind => ("changes.subject.certification_kind", "Certification kind"),
        Category => ("changes.subject.category", "Category"),
        Criterion => ("changes.subject.criterion", "Criterion"),
        Tier => ("changes.subject.tier", "Tier"),
        Requirement => ("changes.subject.requirement", "Requirement"),
        Track => ("changes.subject.track", "Track"),
        Region => ("changes.subject.region", "Region"),
        Path => ("changes.subject.path", "Scoring path"),
    }
}

/// Small values travel with the change; larger ones would make 500 changes huge.
fn small(value: Option<&Value>) -> Option<Value> {
    value.filter(|v| super::words::is_small(v)).cloned()
}

impl<'a> Walk<'a> {
    fn side(&self, from: From) -> &Side<'a> {
        match from {
            From::Before => &self.before,
            From::After => &self.after,
        }
    }

    /// A subject's label, in words.
    fn label(&self, s: &Subj<'a>) -> Words {
        let side = self.side(s.from);
        let lang = self.lang;
        let fallback = || s.id.map_or_else(|| "?".to_string(), |id| shorten(id, LABEL_CHARS));
        match s.kind {
            ChangeSubjectKind::Program => Words::text(side.program_name(lang)),
            ChangeSubjectKind::Requirement => match s.item {
                Some(r) if s.full => requirement_full(r, side, lang),
                Some(r) => requirement_short(r, side, lang),
                None => Words::text(fallback()),
            },
            ChangeSubjectKind::FieldOption | ChangeSubjectKind::CertificationKind => match (s.owner, s.id) {
                (Some(field), Some(id)) => Words::text(side.option_label(field, id, lang)),
                _ => Words::text(s.item.and_then(|i| label_of(i, lang)).unwrap_or_else(fallback)),
            },
            kind => {
                let own = s.item.and_then(|i| item_label(list_key(kind), i, side, lang));
                Words::text(own.or_else(|| s.other.and_then(|o| label_of(o, lang))).unwrap_or_else(fallback))
            }
        }
    }

    fn subject(&self, s: &Subj<'a>) -> (ChangeSubject, Words) {
        let label = self.label(s);
        let (id, noun) = subject_noun(s.kind);
        let subject = ChangeSubject { kind: s.kind, id: s.id.map(|i| shorten(i, LABEL_CHARS)), label: label.text.clone() };
        let words = if s.kind == ChangeSubjectKind::Program {
            Words::message(noun, Message::new(id))
        } else {
            let text = format!("{noun} {}", label.text);
            Words::message(text, label.put(Message::new(id), "label"))
        };
        (subject, words)
    }

    /// One change found: counted, and listed while there is room.
    pub(super) fn emit(&mut self, path: &[Seg<'a>], what: What<'a, '_>) {
        self.total += 1;
        if self.out.len() >= MAX_LISTED_CHANGES || self.bytes > MAX_LISTED_BYTES {
            return;
        }
        let change = self.change(path, what);
        self.bytes += change.path.len() + 2 * change.text.len() + change.setting.as_ref().map_or(0, String::len);
        self.out.push(change);
    }

    fn change(&self, path: &[Seg<'a>], what: What<'a, '_>) -> ProgramChange {
        let top = self.stack.len().saturating_sub(1);
        let mut chain: Option<Words> = None;
        let mut within = Vec::new();
        let mut subject = None;
        for (i, s) in self.stack.iter().enumerate() {
            // The program is the subject of its own settings only.
            if i == 0 && top > 0 {
                continue;
            }
            let (described, words) = self.subject(s);
            chain = Some(match chain {
                None => words,
                Some(outer) => {
                    let text = format!("{} › {}", outer.text, words.text);
                    Words::message(text, words.put(outer.put(Message::new("changes.within"), "outer"), "inner"))
                }
            });
            if i == top {
                subject = Some(described);
            } else {
                within.push(described);
            }
        }
        let subject_words = chain.unwrap_or_else(|| Words::message("Program", Message::new("changes.subject.program")));
        let subject = subject.unwrap_or(ChangeSubject { kind: ChangeSubjectKind::Program, id: None, label: String::new() });
        let lang = self.lang;
        let sentence = |id: &'static str, text: String| (text, subject_words.clone().put(Message::new(id), "subject"));
        let s = &subject_words.text;
        let (kind, setting_at, before, after, (text, text_i18n)) = match what {
            What::Added(item) => (ChangeKind::Added, None, None, small(item), sentence("changes.added", format!("{s} added"))),
            What::Removed(item) => (ChangeKind::Removed, None, small(item), None, sentence("changes.removed", format!("{s} removed"))),
            What::Moved { before_other, other, from, to } => {
                let other = self.label(&other);
                let (id, word) = if before_other { ("changes.moved_before", "before") } else { ("changes.moved_after", "after") };
                let (text, message) = sentence(id, format!("{s} moved {word} {}", other.text));
                (ChangeKind::Moved, None, Some(Value::from(from)), Some(Value::from(to)), (text, other.put(message, "other")))
            }
            What::Setting { setting: segs, before, after } => {
                let name = setting(segs);
                let (text, message) = match (before, after) {
                    (Some(b), Some(a)) => {
                        let (b, a) = (value(b, lang), value(a, lang));
                        let (text, message) = sentence("changes.changed", format!("{s}: {} {} → {}", name.text, b.text, a.text));
                        (text, a.put(b.put(name.put(message, "setting"), "before"), "after"))
                    }
                    (None, Some(a)) => {
                        let a = value(a, lang);
                        let (text, message) = sentence("changes.set", format!("{s}: {} set to {}", name.text, a.text));
                        (text, a.put(name.put(message, "setting"), "after"))
                    }
                    (Some(b), _) => {
                        let b = value(b, lang);
                        let (text, message) = sentence("changes.unset", format!("{s}: {} removed (was {})", name.text, b.text));
                        (text, b.put(name.put(message, "setting"), "before"))
                    }
                    (None, None) => sentence("changes.changed", String::new()),
                };
                (ChangeKind::Changed, Some(setting_path(segs)), small(before), small(after), (text, message))
            }
            What::Entry { setting: segs, value: v, added } => {
                let (name, shown) = (setting(segs), value(v, lang));
                let (id, kind, text) = if added {
                    ("changes.entry_added", ChangeKind::Added, format!("{s}: {} added to {}", shown.text, name.text))
                } else {
                    ("changes.entry_removed", ChangeKind::Removed, format!("{s}: {} removed from {}", shown.text, name.text))
                };
                let (text, message) = sentence(id, text);
                let (before, after) = if added { (None, small(Some(v))) } else { (small(Some(v)), None) };
                (kind, Some(setting_path(segs)), before, after, (text, shown.put(name.put(message, "setting"), "value")))
            }
            What::Reordered { setting: segs, before, after } => {
                let name = setting(segs);
                let (text, message) = sentence("changes.reordered", format!("{s}: {} reordered", name.text));
                (ChangeKind::Moved, Some(setting_path(segs)), small(Some(before)), small(Some(after)), (text, name.put(message, "setting")))
            }
        };
        ProgramChange { kind, path: setting_path(path), subject, within, setting: setting_at, before, after, text, text_i18n }
    }

    /// The keys of two items (or of the program) compared one by one; keys that hold lists
    /// with ids or patches go to their own comparison.
    pub(super) fn keyed(&mut self, item: Item, path: &[Seg<'a>], b: Option<&'a Value>, a: Option<&'a Value>, depth: usize) {
        // A program that is no object has no settings; any other item is compared whole.
        let (b, a) = if item == Item::Program { (b.filter(|v| is_object(v)), a.filter(|v| is_object(v))) } else { (b, a) };
        if !b.is_none_or(is_object) || !a.is_none_or(is_object) {
            self.settings(path, &mut Vec::new(), b, a, Base::default(), depth);
            return;
        }
        let owner = a.or(b).and_then(|v| v.get("id")).and_then(Value::as_str);
        for (key, bv, av) in union(b, a) {
            let at = to(path, Seg::Key(key));
            let list = |kind, item| List { key, kind, item, owner: None };
            use ChangeSubjectKind as K;
            let spec = match (item, key) {
                (Item::Program, "sections") => Some(list(K::Section, Item::Plain)),
                (Item::Program, "fields") => Some(list(K::Field, Item::Field)),
                (Item::Program, "categories") => Some(list(K::Category, Item::Plain)),
                (Item::Program, "criteria") | (Item::Variant, "add_criteria") => Some(list(K::Criterion, Item::Plain)),
                (Item::Program, "tiers") => Some(list(K::Tier, Item::Tier)),
                (Item::Program, "tracks") => Some(list(K::Track, Item::Variant)),
                (Item::Program, "regions") => Some(list(K::Region, Item::Variant)),
                (Item::Program, "paths") => Some(list(K::Path, Item::Variant)),
                (Item::Field, "options") => Some(List { owner, ..list(K::FieldOption, Item::Plain) }),
                (Item::Field, "kinds") => Some(List { owner, ..list(K::CertificationKind, Item::Plain) }),
                (Item::Tier, "requires") => Some(list(K::Requirement, Item::Plain)),
                (Item::Variant, "criteria") => {
                    self.criterion_patches(&at, bv, av, depth + 1);
                    continue;
                }
                (Item::Variant, "tiers") => {
                    self.tier_patches(&at, bv, av, depth + 1);
                    continue;
                }
                _ => None,
            };
            match spec {
                Some(spec) => self.list(spec, &at, &at, bv, av, depth + 1),
                None => self.settings(&at, &mut vec![Seg::Key(key)], bv, av, Base::default(), depth + 1),
            }
        }
    }

    /// Two lists of items with ids (or requirements), matched by id: items added, removed and
    /// moved, and the changes inside those on both sides. `b_at` and `a_at` are where each
    /// list is in its file.
    pub(super) fn list(
        &mut self,
        spec: List<'a>,
        b_at: &[Seg<'a>],
        a_at: &[Seg<'a>],
        b: Option<&'a Value>,
        a: Option<&'a Value>,
        depth: usize,
    ) {
        let arrays = |v: Option<&Value>| v.is_none_or(Value::is_array);
        if !arrays(b) || !arrays(a) {
            self.settings(a_at, &mut vec![Seg::Key(spec.key)], b, a, Base::default(), depth);
            return;
        }
        let items = |v: Option<&'a Value>| -> &'a [Value] { v.and_then(Value::as_array).map_or(&[], Vec::as_slice) };
        let (bl, al) = (items(b), items(a));
        let requirements = spec.kind == ChangeSubjectKind::Requirement;
        let key = |v: &'a Value| -> Option<(u8, &'a str)> {
            if let Some(id) = v.get("id").and_then(Value::as_str) {
                return Some((0, id));
            }
            let (what, name) = super::names::checks(v).filter(|_| requirements)?;
            Some((["field", "certifications", "category"].iter().position(|k| *k == what).map_or(4, |p| p as u8 + 1), name))
        };
        let pairs = pair(&bl.iter().map(key).collect::<Vec<_>>(), &al.iter().map(key).collect::<Vec<_>>());
        let mut back = vec![None; al.len()];
        for (bi, ai) in pairs.iter().enumerate() {
            if let Some(ai) = ai {
                back[*ai] = Some(bi);
            }
        }
        // Matched items in their new order; those off a longest run in the old order moved.
        let order: Vec<usize> = (0..al.len()).filter(|&ai| back[ai].is_some()).collect();
        let kept = increasing(&order.iter().filter_map(|&ai| back[ai]).collect::<Vec<_>>());
        let subj = |item: &'a Value, from: From, full: bool| Subj { owner: spec.owner, full, ..Subj::new(spec.kind, Some(item), from) };
        let with_key = |mut s: Subj<'a>, item: &'a Value| {
            if s.id.is_none() {
                s.id = key(item).map(|(_, name)| name);
            }
            s
        };
        let mut removed_up_to = 0;
        let mut next_match = 0;
        for (ai, item) in al.iter().enumerate() {
            // What was removed before this place (in the old order) comes first.
            while removed_up_to < back[ai].unwrap_or(ai + 1).min(bl.len()) {
                self.removed(spec, b_at, bl, &pairs, removed_up_to, key);
                removed_up_to += 1;
            }
            let Some(bi) = back[ai] else {
                self.stack.push(with_key(subj(item, From::After, true), item));
                self.emit(&to(a_at, Seg::Index(ai)), What::Added(Some(item)));
                self.stack.pop();
                continue;
            };
            let at = to(a_at, Seg::Index(ai));
            let mut s = with_key(subj(item, From::After, false), item);
            s.other = Some(&bl[bi]);
            self.stack.push(s);
            if !kept[next_match] {
                let (before_other, neighbour) = match order.get(next_match + 1) {
                    Some(&n) => (true, n),
                    None => (false, order[next_match.saturating_sub(1)]),
                };
                let other = with_key(subj(&al[neighbour], From::After, false), &al[neighbour]);
                self.emit(&at, What::Moved { before_other, other, from: bi, to: ai });
            }
            next_match += 1;
            self.keyed(spec.item, &at, Some(&bl[bi]), Some(item), depth + 1);
            self.stack.pop();
        }
        for bi in removed_up_to..bl.len() {
            self.removed(spec, b_at, bl, &pairs, bi, key);
        }
    }

    fn removed(
        &mut self,
        spec: List<'a>,
        b_at: &[Seg<'a>],
        bl: &'a [Value],
        pairs: &[Option<usize>],
        bi: usize,
        key: impl Fn(&'a Value) -> Option<(u8, &'a str)>,
    ) {
        if pairs[bi].is_some() {
            return;
        }
        let item = &bl[bi];
        let mut s = Subj { owner: spec.owner, full: true, ..Subj::new(spec.kind, Some(item), From::Before) };
        if s.id.is_none() {
            s.id = key(item).map(|(_, name)| name);
        }
        self.stack.push(s);
        self.emit(&to(b_at, Seg::Index(bi)), What::Removed(Some(item)));
        self.stack.pop();
    }

    /// One setting (and what is inside it) compared on both sides; `path` and `segs` already
    /// name it. With a base on, a side without the setting has the base program's value.
    pub(super) fn settings(
        &mut self,
        path: &[Seg<'a>],
        segs: &mut Vec<Seg<'a>>,
        b: Option<&'a Value>,
        a: Option<&'a Value>,
        base: Base<'a>,
        depth: usize,
    ) {
        // In a patch, null removes a setting: the item has none there.
        let effective = |given: Option<&'a Value>, base: Option<&'a Value>| match given {
            Some(Value::Null) if base.is_some() => None,
            Some(v) => Some(v),
            None => base,
        };
        let (eb, ea) = if base.on { (effective(b, base.before), effective(a, base.after)) } else { (b, a) };
        let deeper = depth < MAX_CHANGE_DEPTH;
        match (eb, ea) {
            (None, None) => {}
            (Some(Value::Object(_)), Some(Value::Object(_))) if deeper => {
                // In a patch, only the keys it gives: the others are the base program's on
                // both sides, and a change of the base is a change of the base.
                for (key, bv, av) in if base.on { union(b, a) } else { union(eb, ea) } {
                    let seg = Seg::Key(key);
                    segs.push(seg);
                    self.settings(&to(path, Seg::Key(key)), segs, bv, av, base.at(seg), depth + 1);
                    segs.pop();
                }
            }
            // A text in one language made a text per language, or back: compared per language,
            // the plain text as English.
            (Some(Value::String(_)), Some(t)) | (Some(t), Some(Value::String(_))) if deeper && is_translations(t) => {
                let (b_obj, a_obj) = (eb.filter(|v| is_object(v)), ea.filter(|v| is_object(v)));
                let languages = union(b_obj, a_obj);
                let plain_english = !languages.iter().any(|(l, _, _)| *l == "en");
                for (lang, bv, av) in languages.into_iter().chain(plain_english.then_some(("en", None, None))) {
                    let pick = |side: Option<&'a Value>, given: Option<&'a Value>| match side {
                        Some(Value::String(_)) if lang == "en" => side,
                        Some(Value::String(_)) => None,
                        _ => given,
                    };
                    segs.push(Seg::Key(lang));
                    self.settings(&to(path, Seg::Key(lang)), segs, pick(eb, bv), pick(ea, av), Base::default(), depth + 1);
                    segs.pop();
                }
            }
            (Some(Value::Array(bl)), Some(Value::Array(al))) if deeper => {
                if is_value_list(bl) && is_value_list(al) && entry_by_entry(bl, al) {
                    // Values hold no lists: one comparison, not one per level.
                    if bl != al {
                        self.entries(path, segs, eb.unwrap_or(&Value::Null), ea.unwrap_or(&Value::Null), bl, al, depth);
                    } else if base.on && b != a {
                        self.emit(path, What::Setting { setting: segs, before: b, after: a });
                    }
                } else {
                    self.positions(path, segs, bl, al, depth);
                }
            }
            (x, y) if x != y => self.emit(path, What::Setting { setting: segs, before: x, after: y }),
            // The same in effect, but written differently: a patch now gives the base
            // program's value itself, or no longer does.
            _ if base.on && b != a && !(b.is_some_and(is_object) && a.is_some_and(is_object)) => {
                self.emit(path, What::Setting { setting: segs, before: b, after: a })
            }
            _ => {}
        }
    }

    /// Two lists of values (benefits, languages, option ids) entry by entry: each entry added
    /// or removed; a text translated is a change of that entry; the same entries in another
    /// order are one change.
    #[allow(clippy::too_many_arguments)]
    fn entries(
        &mut self,
        path: &[Seg<'a>],
        segs: &mut Vec<Seg<'a>>,
        b: &'a Value,
        a: &'a Value,
        bl: &'a [Value],
        al: &'a [Value],
        depth: usize,
    ) {
        let mut matched: Vec<Option<usize>> = vec![None; bl.len()];
        let mut used = vec![false; al.len()];
        for (bi, x) in bl.iter().enumerate() {
            if let Some(ai) = (0..al.len()).find(|&ai| !used[ai] && al[ai] == *x) {
                matched[bi] = Some(ai);
                used[ai] = true;
            }
        }
        // The same English text: a translation added or changed.
        let english = |v: &'a Value| if is_translations(v) || v.is_string() { raw_text(v, None) } else { None };
        let mut texts = Lookup::new(al.iter().enumerate().map(|(ai, v)| english(v).filter(|_| !used[ai])));
        let mut translated = Vec::new();
        for bi in 0..bl.len() {
            if matched[bi].is_none() {
                if let Some(ai) = english(&bl[bi]).and_then(|t| texts.take(t)) {
                    used[ai] = true;
                    matched[bi] = Some(ai);
                    translated.push((bi, ai));
                }
            }
        }
        let mut changed = false;
        for (bi, x) in bl.iter().enumerate() {
            if matched[bi].is_none() {
                changed = true;
                self.emit(&to(path, Seg::Index(bi)), What::Entry { setting: segs, value: x, added: false });
            }
        }
        for (bi, ai) in translated {
            segs.push(Seg::Index(ai));
            self.settings(&to(path, Seg::Index(ai)), segs, Some(&bl[bi]), Some(&al[ai]), Base::default(), depth + 1);
            segs.pop();
        }
        for (ai, x) in al.iter().enumerate() {
            if !used[ai] {
                changed = true;
                self.emit(&to(path, Seg::Index(ai)), What::Entry { setting: segs, value: x, added: true });
            }
        }
        let order: Vec<usize> = matched.iter().flatten().copied().collect();
        if !changed && order.windows(2).any(|w| w[0] > w[1]) {
            self.emit(path, What::Reordered { setting: segs, before: b, after: a });
        }
    }

    /// Two lists of objects without ids (bands) position by position; entries beyond the
    /// shorter one added or removed.
    fn positions(&mut self, path: &[Seg<'a>], segs: &mut Vec<Seg<'a>>, bl: &'a [Value], al: &'a [Value], depth: usize) {
        for (i, (x, y)) in bl.iter().zip(al).enumerate() {
            segs.push(Seg::Index(i));
            self.settings(&to(path, Seg::Index(i)), segs, Some(x), Some(y), Base::default(), depth + 1);
            segs.pop();
        }
        for (i, x) in bl.iter().enumerate().skip(al.len()) {
            self.emit(&to(path, Seg::Index(i)), What::Entry { setting: segs, value: x, added: false });
        }
        for (i, y) in al.iter().enumerate().skip(bl.len()) {
            self.emit(&to(path, Seg::Index(i)), What::Entry { setting: segs, value: y, added: true });
        }
    }
}
