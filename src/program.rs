//! Reading, validating and preparing a program file.

use crate::date::{Date, MonthDay};
use crate::error::join_index;
use crate::error::{join_key, ErrorKind, Errors, Issue};
use crate::json::{describe, fmt_num, too_many, Object, Reader, Text};
use crate::limits::*;
use crate::model::*;
use crate::util::{IdMap, SmallSet};
use crate::value::Value;

/// The program format version this engine writes and reads. Files declare it as
/// `"format": 1`; later engines keep reading version 1 files.
pub const FORMAT_VERSION: u64 = 1;

/// Most options or certification kinds a single field may declare.
pub const MAX_OPTIONS: usize = 64;

const PROGRAM_KEYS: &[&str] = &[
    "$schema",
    "format",
    "id",
    "name",
    "description",
    "version",
    "currency",
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
];
const SECTION_KEYS: &[&str] = &["id", "label", "help"];
const FIELD_KEYS: &[&str] =
    &["id", "label", "help", "section", "type", "min", "max", "integer", "unit", "options", "kinds", "effort", "actionable"];
const CHOICE_KEYS: &[&str] = &["id", "label"];
const CRITERION_KEYS: &[&str] = &["id", "label", "help", "category", "field", "weight", "rule"];
const TIER_KEYS: &[&str] = &["id", "label", "help", "min_score", "requires", "benefits"];
const TRACK_KEYS: &[&str] = &["id", "label", "help", "criteria", "add_criteria", "tiers"];
const PATH_KEYS: &[&str] = &["id", "label", "help", "criteria"];
const RULE_TYPES: &[&str] = &["linear", "per_unit", "bands", "yes_no", "options", "certifications", "log"];
const FIELD_TYPES: &[&str] = &["number", "boolean", "choice", "multi_choice", "date", "certifications"];

/// A validated, prepared program: create it once, evaluate many profiles against it.
#[derive(Debug, Clone)]
pub struct Scorecard {
    pub(crate) id: String,
    pub(crate) name: Text,
    pub(crate) description: Option<Text>,
    pub(crate) version: Option<String>,
    pub(crate) currency: Option<String>,
    pub(crate) languages: Vec<String>,
    pub(crate) retention: Option<Retention>,
    pub(crate) sections: Vec<Section>,
    pub(crate) fields: Vec<Field>,
    pub(crate) categories: Vec<Category>,
    /// Declared tracks; empty when the program has none (one implicit track).
    pub(crate) tracks: Vec<VariantInfo>,
    pub(crate) regions: Vec<VariantInfo>,
    pub(crate) paths: Vec<VariantInfo>,
    /// Tier ids and labels as in the base program (tracks and regions may change a tier's
    /// conditions but not add, remove or rename tiers).
    pub(crate) tier_ids: Vec<String>,
    pub(crate) variants: Vec<Variant>,
    pub(crate) field_index: IdMap<usize>,
}

impl Scorecard {
    /// Reads a program from JSON text.
    pub fn from_json(text: &str) -> Result<Scorecard, Errors> {
        let value = crate::value::parse(text).map_err(|e| Errors::single(ErrorKind::Program, "", format!("not valid JSON: {e}")))?;
        Scorecard::from_parsed(&value)
    }

    /// Reads a program from any serializable value (a `serde_json::Value`, your own
    /// structs), as if it were written out as JSON text.
    pub fn from_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<Scorecard, Errors> {
        let text = crate::jsonout::to_string(value).map_err(|e| Errors::single(ErrorKind::Program, "", e.to_string()))?;
        Scorecard::from_json(&text)
    }

    /// Reads a parsed program, reporting every problem at once.
    pub fn from_parsed(value: &Value) -> Result<Scorecard, Errors> {
        let mut builder = Builder::default();
        let scorecard = builder.build(value);
        // At most MAX_ISSUES + 1 issues: the de-duplication stays cheap.
        let mut issues = builder.reader.into_issues();
        let mut seen = SmallSet::new();
        issues.retain(|issue| seen.insert(issue.clone()));
        match scorecard {
            Some(scorecard) if issues.is_empty() => Ok(scorecard),
            _ => {
                if issues.is_empty() {
                    issues.push(Issue { path: String::new(), message: "the program could not be read".into() });
                }
                Err(Errors::new(ErrorKind::Program, issues))
            }
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn name(&self) -> &Text {
        &self.name
    }
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }
    pub fn tracks(&self) -> &[VariantInfo] {
        &self.tracks
    }
    pub fn regions(&self) -> &[VariantInfo] {
        &self.regions
    }
    pub fn paths(&self) -> &[VariantInfo] {
        &self.paths
    }
    pub fn tier_ids(&self) -> &[String] {
        &self.tier_ids
    }
    pub fn retention(&self) -> Option<Retention> {
        self.retention
    }
    pub fn field_index(&self, id: &str) -> Option<usize> {
        self.field_index.get(id).copied()
    }

    pub(crate) fn track_count(&self) -> usize {
        self.tracks.len().max(1)
    }

    fn path_count(&self) -> usize {
        self.paths.len().max(1)
    }

    /// The prepared variant for a track (index into tracks, 0 when there are none), a region
    /// (None: no regional variant) and an alternative path (0 when there are none).
    pub(crate) fn variant(&self, track: usize, region: Option<usize>, path: usize) -> &Variant {
        let region_slot = region.map_or(0, |r| r + 1);
        let index = (track * (self.regions.len() + 1) + region_slot) * self.path_count() + path;
        &self.variants[index]
    }

    pub(crate) fn variants_for(&self, track: usize, region: Option<usize>) -> impl Iterator<Item = &Variant> {
        (0..self.path_count()).map(move |p| self.variant(track, region, p))
    }

    /// Maximum possible total for a track in a region (the best path's).
    pub fn max_total(&self, track: usize, region: Option<usize>) -> f64 {
        self.variants_for(track, region).map(|v| v.max_total).fold(0.0, f64::max)
    }
}

/// One JSON object patched over another (RFC 7386 merge patch): keys in the patch replace,
/// `null` removes, nested objects merge.
fn merge_patch(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(target_map), Value::Object(patch_map)) => {
            for (key, patch_value) in patch_map {
                if patch_value.is_null() {
                    target_map.remove(key);
                } else {
                    merge_patch(target_map.get_or_insert_null(key), patch_value);
                }
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

/// A JSON value together with where it came from, most recent patch first, so that an
/// error in a merged criterion or tier points at the line the program manager wrote.
struct Layered<'a> {
    merged: Value,
    sources: Vec<(String, &'a Value)>,
}

impl Layered<'_> {
    /// Whether a track, region or path (not the base program) gave the value at `relative`.
    fn is_patched(&self, relative: &str) -> bool {
        self.sources.len() > 1 && self.sources.last().is_some_and(|(base, _)| self.locate(relative) != join_key(base, relative))
    }

    fn locate(&self, relative: &str) -> String {
        let segments = split_path(relative);
        let mut best: Option<(usize, &str)> = None;
        for (prefix, source) in &self.sources {
            let depth = matching_depth(source, &segments);
            if best.is_none_or(|(d, _)| depth > d) {
                best = Some((depth, prefix));
            }
        }
        let prefix = best.map_or("", |(_, p)| p);
        if relative.is_empty() {
            prefix.to_string()
        } else if relative.starts_with('[') || prefix.is_empty() {
            format!("{prefix}{relative}")
        } else {
            format!("{prefix}.{relative}")
        }
    }
}

enum Segment {
    Key(String),
    Index(usize),
}

fn split_path(path: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            if let Some(after_quote) = after.strip_prefix('"') {
                // A byte search, not `find("\"]")`: see `variant_context`.
                let end = after_quote.as_bytes().windows(2).position(|w| w == b"\"]").unwrap_or(after_quote.len());
                segments.push(Segment::Key(after_quote.get(..end).unwrap_or_default().to_string()));
                rest = after_quote.get(end + 2..).unwrap_or("");
            } else {
                let end = after.find(']').unwrap_or(after.len());
                segments.push(Segment::Index(after.get(..end).and_then(|i| i.parse().ok()).unwrap_or(usize::MAX)));
                rest = after.get(end + 1..).unwrap_or("");
            }
        } else {
            let rest_trimmed = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_trimmed.find(['.', '[']).unwrap_or(rest_trimmed.len());
            segments.push(Segment::Key(rest_trimmed.get(..end).unwrap_or_default().to_string()));
            rest = rest_trimmed.get(end..).unwrap_or_default();
        }
    }
    segments
}

fn matching_depth(value: &Value, segments: &[Segment]) -> usize {
    let mut current = value;
    for (depth, segment) in segments.iter().enumerate() {
        let next = match (segment, current) {
            (Segment::Key(k), Value::Object(map)) => map.get(k),
            (Segment::Index(i), Value::Array(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(v) => current = v,
            None => return depth,
        }
    }
    segments.len() + 1
}

/// Tracks, regions and paths as read, with their patches still as JSON.
struct VariantDef<'a> {
    info: VariantInfo,
    path: String,
    criteria_patches: Vec<(String, String, &'a Value)>,
    added_criteria: Vec<(String, &'a Value)>,
    tier_patches: Vec<(String, String, &'a Value)>,
}

#[derive(Default)]
struct Builder {
    reader: Reader,
    variant_error_paths: SmallSet<String>,
}

struct Context<'a> {
    fields: &'a [Field],
    field_index: &'a IdMap<usize>,
    category_index: &'a IdMap<usize>,
    category_count: usize,
    /// Ids of fields and categories that were declared but could not be read: their own
    /// errors are reported, so references to them are not reported a second time.
    broken: &'a SmallSet<String>,
}

/// Maps ids to positions; with duplicate ids (already reported) the first one counts.
fn index_of<'a>(ids: impl Iterator<Item = &'a str>) -> IdMap<usize> {
    let mut index = IdMap::new();
    for (i, id) in ids.enumerate() {
        if !index.contains_key(id) {
            index.insert(id.to_string(), i);
        }
    }
    index
}

/// Ids declared under `key` (fields, categories) that did not make it into `read`.
fn unreadable<'a>(root: &'a Object, key: &str, read: &IdMap<usize>) -> impl Iterator<Item = String> + 'a {
    let read: SmallSet<String> = read.keys().cloned().collect();
    root.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| item.get("id").and_then(Value::as_str))
        .filter(move |id| !read.contains(&id.to_string()))
        .map(str::to_string)
}

impl Builder {
    fn build(&mut self, value: &Value) -> Option<Scorecard> {
        let r = &mut self.reader;
        let root = r.object(value, "", "a program", PROGRAM_KEYS)?;
        // Sizes first: everything below takes time and memory in proportion to them.
        if !within_limits(r, root) {
            return None;
        }

        match root.get("format") {
            None => r.error("format", format!("\"format\" is required: add \"format\": {FORMAT_VERSION} so the file keeps working with later versions of the engine")),
            Some(v) => match v.as_f64().filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n < 1e15).map(|n| n as u64) {
                Some(FORMAT_VERSION) => {}
                Some(n) if n > FORMAT_VERSION => r.error(
                    "format",
                    format!("this file uses format {n}, which is newer than this engine understands (format {FORMAT_VERSION}); update partner-scorecard"),
                ),
                _ => r.error("format", format!("unknown format {}; this engine reads format {FORMAT_VERSION}", describe(v))),
            },
        }
        let id = root.get("id").and_then(|v| r.id(v, "id")).unwrap_or_default();
        let name = r.required(root, "", "name").and_then(|v| r.text(v, "name")).unwrap_or_default();
        let description = root.get("description").and_then(|v| r.text(v, "description"));
        let version = root.get("version").and_then(|v| r.string(v, "version"));
        let currency = root.get("currency").and_then(|v| {
            let c = r.string(v, "currency")?;
            if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) {
                Some(c)
            } else {
                r.error("currency", format!("\"{c}\" is not an ISO 4217 currency code such as \"USD\" or \"EUR\""));
                None
            }
        });
        let languages = r.items(root.get("languages"), "languages").into_iter().filter_map(|(p, v)| r.string(v, &p)).collect();
        let retention = root.get("retention").and_then(|v| parse_retention(r, v));

        let sections = self.sections(root);
        let fields = self.fields(root, &sections);
        let field_index = index_of(fields.iter().map(|f| f.id.as_str()));
        let categories = self.categories(root);
        let category_index = index_of(categories.iter().map(|c| c.id.as_str()));
        let broken: SmallSet<String> =
            unreadable(root, "fields", &field_index).chain(unreadable(root, "categories", &category_index)).collect();
        let ctx = Context {
            fields: &fields,
            field_index: &field_index,
            category_index: &category_index,
            category_count: categories.len(),
            broken: &broken,
        };

        let r = &mut self.reader;
        let base_criteria: Vec<(String, &Value)> = r.items(root.get("criteria"), "criteria");
        let base_tiers: Vec<(String, &Value)> = match root.given("tiers") {
            None => {
                r.error("tiers", "\"tiers\" is required: a program needs at least one tier");
                Vec::new()
            }
            Some(v) => r.items(Some(v), "tiers"),
        };
        if base_tiers.is_empty() && root.get("tiers").is_some_and(|v| v.as_array().is_some_and(|a| a.is_empty())) {
            r.error("tiers", "a program needs at least one tier");
        }
        let criterion_ids = unique_ids(r, &base_criteria, "criterion");
        let tier_ids = unique_ids(r, &base_tiers, "tier");

        let tracks = self.variant_defs(root, "tracks", "a track", TRACK_KEYS);
        let regions = self.variant_defs(root, "regions", "a region", TRACK_KEYS);
        let paths = self.variant_defs(root, "paths", "a scoring path", PATH_KEYS);

        // Patch targets must exist somewhere, or the patch is a silent no-op.
        let mut all_criterion_ids: SmallSet<&str> = criterion_ids.iter().map(String::as_str).collect();
        for track in &tracks {
            for (path, item) in &track.added_criteria {
                if let Some(id) = item.get("id").and_then(Value::as_str) {
                    if !all_criterion_ids.insert(id) && criterion_ids.iter().any(|c| c == id) {
                        self.reader.error(
                            &join_key(path, "id"),
                            format!("criterion \"{id}\" already exists in the base program; patch it under \"criteria\" instead"),
                        );
                    }
                }
            }
        }
        for def in tracks.iter().chain(&regions).chain(&paths) {
            for (id, path, _) in &def.criteria_patches {
                if !all_criterion_ids.contains(&id.as_str()) {
                    self.reader.error(
                        path,
                        format!("no criterion \"{id}\" to change; known criteria: {}", list(all_criterion_ids.iter().copied())),
                    );
                }
            }
            for (id, path, _) in &def.tier_patches {
                if !tier_ids.contains(id) {
                    self.reader
                        .error(path, format!("no tier \"{id}\" to change; known tiers: {}", list(tier_ids.iter().map(String::as_str))));
                }
            }
        }

        let track_slots: Vec<Option<&VariantDef>> = if tracks.is_empty() { vec![None] } else { tracks.iter().map(Some).collect() };
        let region_slots: Vec<Option<&VariantDef>> = std::iter::once(None).chain(regions.iter().map(Some)).collect();
        let path_slots: Vec<Option<&VariantDef>> = if paths.is_empty() { vec![None] } else { paths.iter().map(Some).collect() };

        let mut variants = Vec::with_capacity(track_slots.len() * region_slots.len() * path_slots.len());
        for track in &track_slots {
            for region in &region_slots {
                for path in &path_slots {
                    let layers: Vec<&VariantDef> = [track, region, path].into_iter().flatten().copied().collect();
                    variants.push(self.variant(&ctx, &base_criteria, &base_tiers, &layers));
                }
            }
        }

        if !self.reader.issues.is_empty() {
            return None;
        }
        Some(Scorecard {
            id,
            name,
            description,
            version,
            currency,
            languages,
            retention,
            sections,
            tier_ids,
            variants,
            tracks: tracks.into_iter().map(|t| t.info).collect(),
            regions: regions.into_iter().map(|t| t.info).collect(),
            paths: paths.into_iter().map(|t| t.info).collect(),
            fields,
            categories,
            field_index,
        })
    }

    fn sections(&mut self, root: &Object) -> Vec<Section> {
        let r = &mut self.reader;
        let items = r.items(root.get("sections"), "sections");
        unique_ids(r, &items, "section");
        items
            .iter()
            .filter_map(|(path, v)| {
                let obj = r.object(v, path, "a section", SECTION_KEYS)?;
                let id = r.required(obj, path, "id").and_then(|v| r.id(v, &join_key(path, "id")));
                let label = r.required(obj, path, "label").and_then(|v| r.text(v, &join_key(path, "label")));
                let help = obj.get("help").and_then(|v| r.text(v, &join_key(path, "help")));
                Some(Section { id: id?, label: label?, help })
            })
            .collect()
    }

    fn fields(&mut self, root: &Object, sections: &[Section]) -> Vec<Field> {
        let r = &mut self.reader;
        let items = r.items(root.get("fields"), "fields");
        if items.is_empty() {
            r.error("fields", "a program needs at least one profile field for partners to fill in");
        }
        unique_ids(r, &items, "field");
        items.iter().filter_map(|(path, v)| parse_field(r, v, path, sections)).collect()
    }

    fn categories(&mut self, root: &Object) -> Vec<Category> {
        let r = &mut self.reader;
        let items = r.items(root.get("categories"), "categories");
        unique_ids(r, &items, "category");
        items
            .iter()
            .filter_map(|(path, v)| {
                let obj = r.object(v, path, "a category", SECTION_KEYS)?;
                let id = r.required(obj, path, "id").and_then(|v| r.id(v, &join_key(path, "id")));
                let label = r.required(obj, path, "label").and_then(|v| r.text(v, &join_key(path, "label")));
                let help = obj.get("help").and_then(|v| r.text(v, &join_key(path, "help")));
                Some(Category { id: id?, label: label?, help })
            })
            .collect()
    }

    fn variant_defs<'a>(&mut self, root: &'a Object, key: &str, what: &str, keys: &[&str]) -> Vec<VariantDef<'a>> {
        let r = &mut self.reader;
        let items = r.items(root.get(key), key);
        unique_ids(r, &items, what.strip_prefix("a ").unwrap_or(what));
        let mut defs = Vec::new();
        for (path, v) in items {
            let Some(obj) = r.object(v, &path, what, keys) else { continue };
            let id = r.required(obj, &path, "id").and_then(|v| r.id(v, &join_key(&path, "id")));
            let label = r.required(obj, &path, "label").and_then(|v| r.text(v, &join_key(&path, "label")));
            let help = obj.get("help").and_then(|v| r.text(v, &join_key(&path, "help")));
            let criteria_patches = patches(r, obj, &path, "criteria", true);
            let tier_patches = patches(r, obj, &path, "tiers", false);
            let added_criteria = r.items(obj.get("add_criteria"), &join_key(&path, "add_criteria"));
            let (Some(id), Some(label)) = (id, label) else { continue };
            defs.push(VariantDef { info: VariantInfo { id, label, help }, path, criteria_patches, added_criteria, tier_patches });
        }
        defs
    }

    /// Merges the base criteria and tiers with each layer's patches, parses the result and
    /// checks what only makes sense for the whole combination (tier order, reachability).
    fn variant(
        &mut self,
        ctx: &Context,
        base_criteria: &[(String, &Value)],
        base_tiers: &[(String, &Value)],
        layers: &[&VariantDef],
    ) -> Variant {
        let mut criteria_layers: Vec<(String, Layered)> = base_criteria
            .iter()
            .map(|(path, v)| {
                // A criterion without a readable id is still parsed, so that its errors are reported.
                let id = v.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
                (id, Layered { merged: (*v).clone(), sources: vec![(path.clone(), *v)] })
            })
            .collect();
        let mut tier_layers: Vec<Layered> =
            base_tiers.iter().map(|(path, v)| Layered { merged: (*v).clone(), sources: vec![(path.clone(), *v)] }).collect();
        for layer in layers {
            for (path, added) in &layer.added_criteria {
                if let Some(id) = added.get("id").and_then(Value::as_str) {
                    criteria_layers.push((id.to_string(), Layered { merged: (*added).clone(), sources: vec![(path.clone(), *added)] }));
                }
            }
            for (id, path, patch) in &layer.criteria_patches {
                if let Some(position) = criteria_layers.iter().position(|(cid, _)| cid == id) {
                    if patch.is_null() {
                        criteria_layers.remove(position);
                    } else {
                        let entry = &mut criteria_layers[position].1;
                        merge_patch(&mut entry.merged, patch);
                        entry.sources.insert(0, (path.clone(), *patch));
                    }
                }
            }
            for (id, path, patch) in &layer.tier_patches {
                let position = base_tiers.iter().position(|(_, v)| v.get("id").and_then(Value::as_str) == Some(id));
                if let Some(entry) = position.and_then(|p| tier_layers.get_mut(p)) {
                    merge_patch(&mut entry.merged, patch);
                    entry.sources.insert(0, (path.clone(), *patch));
                }
            }
        }

        let context = variant_context(layers);
        let mut criteria = Vec::new();
        let mut all_criteria_read = true;
        for (_, layered) in &criteria_layers {
            let mut local = Reader::default();
            let parsed = parse_criterion(&mut local, &layered.merged, ctx);
            for issue in local.issues {
                self.reader.error(&layered.locate(&issue.path), issue.message);
            }
            all_criteria_read &= parsed.is_some();
            criteria.extend(parsed);
        }
        let mut category_max = vec![0.0; ctx.category_count];
        for c in &criteria {
            category_max[c.category] += c.max;
        }
        let max_total: f64 = criteria.iter().map(|c| c.max).sum();
        // Maxima are only known when every criterion could be read; otherwise a criterion's
        // own mistake would also be reported as unreachable tiers.
        let (check_category_max, check_max_total) =
            if all_criteria_read { (category_max.clone(), max_total) } else { (vec![f64::INFINITY; category_max.len()], f64::INFINITY) };
        if all_criteria_read && !criteria.is_empty() && max_total == 0.0 {
            self.variant_error("criteria", format!("{context}every criterion is worth 0 points, so scores cannot tell partners apart"));
        }

        let mut tiers = Vec::new();
        for layered in &tier_layers {
            let mut local = Reader::default();
            let parsed = parse_tier(&mut local, &layered.merged, ctx, &criteria, &check_category_max, check_max_total);
            for issue in local.issues {
                let path = layered.locate(&issue.path);
                if issue.message.starts_with("can never") {
                    self.variant_error(&path, format!("{context}{}", issue.message));
                } else {
                    self.reader.error(&path, issue.message);
                }
            }
            if let Some(tier) = parsed {
                tiers.push(tier);
            }
        }
        if tiers.len() == tier_layers.len() {
            self.check_tier_order(&tiers, &tier_layers, &context);
        }
        Variant { criteria, tiers, category_max, max_total }
    }

    /// Reports a problem that depends on the track/region/path combination once per place,
    /// not once per combination: the first combination found names where it happens.
    fn variant_error(&mut self, path: &str, message: String) {
        if self.variant_error_paths.insert(path.to_string()) {
            self.reader.error(path, message);
        }
    }

    fn check_tier_order(&mut self, tiers: &[Tier], layers: &[Layered], context: &str) {
        let mut previous: Option<(usize, f64)> = None;
        for (i, tier) in tiers.iter().enumerate() {
            if i > 0 && tier.min_score.is_none() && tier.requires.is_empty() {
                self.variant_error(
                    &layers[i].locate(""),
                    format!("{context}tier \"{}\" has no minimum score and no requirements, so every partner would hold it and no tier below it could ever be held", tier.id),
                );
            }
            let Some(min) = tier.min_score else { continue };
            if let Some((j, previous_min)) = previous {
                let lower = &tiers[j];
                // Point at the minimum a track or region changed, since that is what broke the order.
                let at = if layers[j].is_patched("min_score") && !layers[i].is_patched("min_score") {
                    layers[j].locate("min_score")
                } else {
                    layers[i].locate("min_score")
                };
                if min < previous_min {
                    self.variant_error(
                        &at,
                        format!("{context}tiers are out of order: \"{}\" needs {} points but comes after \"{}\", which needs {}; list tiers from lowest to highest", tier.id, fmt_num(min), lower.id, fmt_num(previous_min)),
                    );
                } else if min == previous_min && tier.requires.is_empty() {
                    self.variant_error(
                        &at,
                        format!("{context}tier \"{}\" overlaps \"{}\": both need {} points and \"{}\" adds no requirement, so \"{}\" could never be held", tier.id, lower.id, fmt_num(min), tier.id, lower.id),
                    );
                }
            }
            previous = Some((i, min));
        }
    }
}

/// Checks the sizes that preparation's work grows with (README, "Limits"), before any of it.
fn within_limits(r: &mut Reader, root: &Object) -> bool {
    let before = r.issues.len();
    let len = |value: Option<&Value>| value.and_then(Value::as_array).map_or(0, Vec::len);
    let check = |r: &mut Reader, path: &str, found: usize, max: usize, what: &str| {
        if found > max {
            r.error(path, too_many(found, max, what));
        }
    };
    for (key, max, what) in [
        ("fields", MAX_FIELDS, "fields"),
        ("sections", MAX_FIELDS, "sections"),
        ("categories", MAX_LIST, "categories"),
        ("criteria", MAX_CRITERIA, "criteria"),
        ("tiers", MAX_TIERS, "tiers"),
        ("tracks", MAX_TRACKS, "tracks"),
        ("regions", MAX_REGIONS, "regions"),
        ("paths", MAX_PATHS, "scoring paths"),
    ] {
        check(r, key, len(root.get(key)), max, what);
    }
    let mut criteria = len(root.get("criteria"));
    for key in ["tracks", "regions", "paths"] {
        for (i, variant) in root.get(key).and_then(Value::as_array).into_iter().flatten().enumerate().take(MAX_REGIONS) {
            let path = join_index(key, i);
            let added = len(variant.get("add_criteria"));
            criteria += added;
            let patches = |k: &str| variant.get(k).and_then(Value::as_object).map_or(0, Object::len);
            check(r, &join_key(&path, "add_criteria"), added, MAX_CRITERIA, "added criteria");
            check(r, &join_key(&path, "criteria"), patches("criteria"), MAX_CRITERIA, "criterion changes");
            check(r, &join_key(&path, "tiers"), patches("tiers"), MAX_TIERS, "tier changes");
        }
    }
    check(r, "criteria", criteria, MAX_CRITERIA, "criteria in all (with those tracks, regions and paths add)");
    let variants = len(root.get("tracks")).max(1) * (len(root.get("regions")) + 1) * len(root.get("paths")).max(1);
    check(r, "", variants, MAX_VARIANTS, "track × region × path combinations (regions count one more, for none)");
    if variants <= MAX_VARIANTS {
        let prepared = variants * (criteria + len(root.get("tiers")));
        check(r, "", prepared, MAX_PREPARED, "criteria and tiers to prepare over all track × region × path combinations");
    }
    r.issues.len() == before
}

fn variant_context(layers: &[&VariantDef]) -> String {
    if layers.is_empty() {
        return String::new();
    }
    // "tracks[0]" names a track: the list's key without its plural s. (Text searches with a
    // `&str` pattern link core's substring search and, through its panic message, Unicode
    // tables: kilobytes of wasm for three words.)
    let names: Vec<String> = layers
        .iter()
        .map(|l| {
            let list = l.path.split('[').next().unwrap_or("");
            format!("{} \"{}\"", list.strip_suffix('s').unwrap_or(list), l.info.id)
        })
        .collect();
    format!("in {}: ", names.join(", "))
}

fn list<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let mut ids: Vec<&str> = ids.collect();
    crate::util::sort_by(&mut ids, |a, b| a.cmp(b));
    ids.dedup();
    if ids.is_empty() {
        return "none".into();
    }
    ids.iter().map(|id| format!("\"{id}\"")).collect::<Vec<_>>().join(", ")
}

fn unique_ids(r: &mut Reader, items: &[(String, &Value)], what: &str) -> Vec<String> {
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

fn patches<'a>(r: &mut Reader, obj: &'a Object, path: &str, key: &str, allow_remove: bool) -> Vec<(String, String, &'a Value)> {
    let Some(value) = obj.get(key) else { return Vec::new() };
    let path = join_key(path, key);
    let Value::Object(map) = value else {
        r.error(
            &path,
            format!("expected an object of {} id -> changes, found {}", if key == "tiers" { "tier" } else { "criterion" }, describe(value)),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (id, patch) in map {
        let patch_path = join_key(&path, id);
        match patch {
            Value::Object(fields) => {
                if fields.contains_key("id") {
                    r.error(&join_key(&patch_path, "id"), "a change cannot rename; ids stay as in the base program");
                }
                out.push((id.clone(), patch_path, patch));
            }
            Value::Null if allow_remove => out.push((id.clone(), patch_path, patch)),
            other => r.error(
                &patch_path,
                format!(
                    "expected an object of changes{}, found {}",
                    if allow_remove { " (or null to drop the criterion)" } else { "" },
                    describe(other)
                ),
            ),
        }
    }
    out
}

fn parse_retention(r: &mut Reader, value: &Value) -> Option<Retention> {
    let obj = r.object(value, "retention", "retention", &["grace_days", "until_anniversary"])?;
    match (obj.get("grace_days"), obj.get("until_anniversary")) {
        (Some(days), None) => {
            let days = r.count(days, "retention.grace_days")?;
            if days > 3660 {
                r.error("retention.grace_days", "a grace period longer than ten years is not supported");
                return None;
            }
            Some(Retention::GraceDays(days))
        }
        (None, Some(date)) => {
            let text = r.string(date, "retention.until_anniversary")?;
            match MonthDay::parse(&text) {
                Some(md) => Some(Retention::UntilAnniversary(md)),
                None => {
                    r.error("retention.until_anniversary", format!("\"{text}\" is not a month and day written MM-DD, such as \"07-01\""));
                    None
                }
            }
        }
        _ => {
            r.error("retention", "give exactly one of \"grace_days\" (days a partner keeps its tier after falling short) or \"until_anniversary\" (MM-DD: demotions only on that date)");
            None
        }
    }
}

fn parse_field(r: &mut Reader, value: &Value, path: &str, sections: &[Section]) -> Option<Field> {
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

fn parse_choices(r: &mut Reader, obj: &Object, path: &str, key: &str) -> Vec<Choice> {
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

/// Resolves a list of option ids of `field` to a set; reports unknown ones.
fn option_set(r: &mut Reader, value: &Value, path: &str, field: &Field) -> Option<IndexSet> {
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

fn option_index(r: &mut Reader, value: &Value, path: &str, field: &Field) -> Option<usize> {
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

fn field_ref<'c>(r: &mut Reader, obj: &Object, key: &str, ctx: &'c Context) -> Option<(usize, &'c Field)> {
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

fn parse_criterion(r: &mut Reader, value: &Value, ctx: &Context) -> Option<Criterion> {
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

pub(crate) fn rule_max(rule: &Rule) -> f64 {
    match rule {
        Rule::Linear { points, .. } | Rule::YesNo { points } | Rule::Log { points, .. } => *points,
        Rule::PerUnit { cap, .. } | Rule::Certifications { cap, .. } => *cap,
        Rule::Bands { bands } => bands.iter().map(|b| b.1).fold(0.0, f64::max),
        Rule::Options { points, cap } => {
            let best = points.iter().copied().fold(0.0, f64::max);
            match cap {
                // Multi-choice: the sum of all options, at most the cap.
                Some(cap) => points.iter().sum::<f64>().min(*cap),
                None => best,
            }
        }
    }
}

fn parse_rule(r: &mut Reader, value: &Value, field: &Field) -> Option<Rule> {
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

fn parse_tier(r: &mut Reader, value: &Value, ctx: &Context, criteria: &[Criterion], category_max: &[f64], max_total: f64) -> Option<Tier> {
    let obj = r.object(value, "", "a tier", TIER_KEYS)?;
    let id = r.required(obj, "", "id").and_then(|v| r.id(v, "id"));
    let label = r.required(obj, "", "label").and_then(|v| r.text(v, "label"));
    let help = obj.get("help").and_then(|v| r.text(v, "help"));
    let benefits: Vec<Text> = r.items(obj.get("benefits"), "benefits").into_iter().filter_map(|(p, v)| r.text(v, &p)).collect();
    let min_score = obj.get("min_score").and_then(|v| r.non_negative(v, "min_score"));
    if let Some(min) = min_score {
        if min > max_total + crate::eval::TOLERANCE {
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

fn parse_requirement(
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
    let requirement = match kinds_present[0] {
        "field" => {
            let obj = r.object(value, path, "a field requirement", &["field", "op", "value", "label"])?;
            let mut local = Reader::default();
            let field = field_ref(&mut local, obj, "field", ctx);
            for issue in local.issues {
                r.error(&join_key(path, issue.path.trim_start_matches('.')), issue.message);
            }
            let (field_i, field) = field?;
            let op = r.required(obj, path, "op").and_then(|v| r.string(v, &join_key(path, "op")))?;
            let value = r.required(obj, path, "value")?;
            let condition = parse_condition(r, &op, value, path, field)?;
            if let Some(why) = never_holds(&condition, field) {
                r.error(&join_key(path, "value"), format!("can never hold: {why}"));
                return None;
            }
            Requirement::Field { field: field_i, condition }
        }
        "certifications" => {
            let obj = r.object(value, path, "a certifications requirement", &["certifications", "kinds", "min", "of_which", "label"])?;
            let mut local = Reader::default();
            let field = field_ref(&mut local, obj, "certifications", ctx);
            for issue in local.issues {
                r.error(&join_key(path, issue.path.trim_start_matches('.')), issue.message);
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
            let obj = r.object(value, path, "a category requirement", &["category", "min_points", "min_share", "label"])?;
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
                    if min > max + crate::eval::TOLERANCE {
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
            let obj = r.object(value, path, "an all_criteria_above_zero requirement", &["all_criteria_above_zero", "label"])?;
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

fn parse_condition(r: &mut Reader, op: &str, value: &Value, path: &str, field: &Field) -> Option<Condition> {
    let vp = join_key(path, "value");
    let op_path = join_key(path, "op");
    let ordered = matches!(field.kind, FieldKind::Number { .. } | FieldKind::Date);
    match op {
        ">=" | "<=" => {
            if !ordered {
                r.error(
                    &op_path,
                    format!(
                        "\"{op}\" compares numbers or dates, but \"{}\" is a {} field; use \"=\" or \"one_of\"",
                        field.id,
                        field.type_name()
                    ),
                );
                return None;
            }
            let scalar = parse_scalar(r, value, &vp, field)?;
            Some(if op == ">=" { Condition::AtLeast(scalar) } else { Condition::AtMost(scalar) })
        }
        "=" => {
            if matches!(field.kind, FieldKind::MultiChoice { .. } | FieldKind::Certifications { .. }) {
                r.error(&op_path, format!("\"=\" does not apply to a {} field; use \"includes\"", field.type_name()));
                return None;
            }
            Some(Condition::Equals(parse_scalar(r, value, &vp, field)?))
        }
        "one_of" => {
            if matches!(field.kind, FieldKind::MultiChoice { .. } | FieldKind::Certifications { .. }) {
                r.error(&op_path, format!("\"one_of\" does not apply to a {} field; use \"includes\"", field.type_name()));
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
                    format!("\"includes\" applies to multi_choice fields, but \"{}\" is a {} field", field.id, field.type_name()),
                );
                return None;
            }
            let set = if value.is_string() {
                option_set(r, &Value::Array(vec![value.clone()]), &vp, field)
            } else {
                option_set(r, value, &vp, field)
            };
            set.map(Condition::Includes)
        }
        other => {
            r.error(&op_path, format!("unknown comparison \"{other}\"; use \">=\", \"<=\", \"=\", \"one_of\" or \"includes\""));
            None
        }
    }
}

fn parse_scalar(r: &mut Reader, value: &Value, path: &str, field: &Field) -> Option<Scalar> {
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
fn never_holds(condition: &Condition, field: &Field) -> Option<String> {
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

impl Scorecard {
    /// Sections, fields (with labels in `lang` where the program has them) and the
    /// program's tracks and regions: what a form needs.
    pub fn form(&self) -> Form<'_> {
        Form {
            id: &self.id,
            name: &self.name,
            description: self.description.as_ref(),
            version: self.version.as_deref(),
            currency: self.currency.as_deref(),
            languages: &self.languages,
            sections: &self.sections,
            fields: &self.fields,
            categories: &self.categories,
            tracks: &self.tracks,
            regions: &self.regions,
            tiers: self.variants[0]
                .tiers
                .iter()
                .map(|t| FormTier { id: &t.id, label: &t.label, help: t.help.as_ref(), benefits: &t.benefits, min_score: t.min_score })
                .collect(),
            max_score: self.max_total(0, None),
            retention: self.retention,
        }
    }
}

/// The description of a program that a form generator needs.
#[derive(Debug, serde::Serialize)]
pub struct Form<'a> {
    pub id: &'a str,
    pub name: &'a Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'a str>,
    pub languages: &'a [String],
    pub sections: &'a [Section],
    pub fields: &'a [Field],
    pub categories: &'a [Category],
    pub tracks: &'a [VariantInfo],
    pub regions: &'a [VariantInfo],
    pub tiers: Vec<FormTier<'a>>,
    pub max_score: f64,
    /// How long a partner keeps a tier it no longer earns; the form asks for the tier held
    /// today only when this is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention: Option<Retention>,
}

#[derive(Debug, serde::Serialize)]
pub struct FormTier<'a> {
    pub id: &'a str,
    pub label: &'a Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a Text>,
    pub benefits: &'a [Text],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_score: Option<f64>,
}
