// The program studio's form: every part of a program file as controls, drawn from the
// program's JSON Schema (schema/program.schema.json), so that whatever the format has, the
// studio can edit. This module only draws controls and turns what is typed into the program
// document; the engine (in studio.mjs) decides whether the program is valid and says where it
// is not. Paths are written as the engine's errors name places: `tiers[1].min_score`.
// Settings are named in the page's language (catalog keys studio.prop.*); their help is the
// schema's description, in English (marked lang="en" for screen readers).

import { editableNumber, parseNumber } from "./scorecard-number.mjs";

/** `["tiers", 1, "min_score"]` as `tiers[1].min_score`. */
export function pathText(path) {
  let out = "";
  for (const step of path) out += typeof step === "number" ? `[${step}]` : out ? `.${step}` : step;
  return out;
}

/** The value at `path` in `doc` (undefined when absent). */
export function getAt(doc, path) {
  let at = doc;
  for (const step of path) {
    if (at == null || typeof at !== "object") return undefined;
    at = at[step];
  }
  return at;
}

/** Sets the value at `path` (creating objects on the way); `undefined` removes the key. */
export function setAt(doc, path, value) {
  let at = doc;
  for (let i = 0; i < path.length - 1; i++) {
    if (at[path[i]] == null || typeof at[path[i]] !== "object") at[path[i]] = typeof path[i + 1] === "number" ? [] : {};
    at = at[path[i]];
  }
  const last = path.at(-1);
  if (value === undefined) {
    if (Array.isArray(at) && typeof last === "number") at.splice(last, 1);
    else delete at[last];
  } else {
    at[last] = value;
  }
}

/** A property name as words: `min_score` → "Min score". */
function words(key) {
  const s = String(key).replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}`;

/** An element with attributes (properties for non-text values such as `checked`), listeners (`on…`) and children. */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k in e && typeof v !== "string") e[k] = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  e.append(...children.filter((c) => c != null && c !== false));
  return e;
}

/**
 * The form for a whole program. `ctx`:
 * - `schema`: the program schema; `doc()`: the program document being edited;
 * - `edit(path, value)`: a value typed (no redraw); `change(fn, focusPath?)`: a change of
 *   structure (add, remove, move, another kind), applied to the document, then redrawn;
 * - `t(key, params)`: the page's texts; `locale`: the language numbers are typed in;
 * - `open`: a Set of the paths of sections shown open (kept across redraws).
 */
export function programForm(ctx) {
  const schema = ctx.schema;
  const doc = ctx.doc();
  const form = el("div", { class: "program-form" });
  const order = Object.keys(schema.properties).filter((k) => k !== "$schema" && k !== "format");
  // The program's identity first, open; every list in a section of its own.
  const simple = order.filter((k) => !isSection(schema, schema.properties[k]));
  form.append(section(ctx, ["@program"], ctx.t("studio.section.program"), objectRows(ctx, { ...schema, properties: pick(schema.properties, simple) }, doc, [], schema.required ?? []), true));
  for (const key of order.filter((k) => !simple.includes(k))) {
    const s = schema.properties[key];
    const required = (schema.required ?? []).includes(key);
    const title = ctx.t(`studio.prop.${key}`, {}, words(key));
    const body = node(ctx, s, doc[key], [key], required);
    // An optional group of settings (retention, terms) can go again.
    const remove = !required && doc[key] !== undefined && resolve(schema, s).type !== "array"
      ? el("button", { type: "button", class: "remove small", "data-action": "remove", "data-for": key, onclick: () => ctx.change((d) => setAt(d, [key], undefined), key) }, ctx.t("studio.removeSetting", { setting: title }))
      : null;
    const wrapped = remove ? el("div", { class: "rows" }, body, remove) : body;
    form.append(section(ctx, [key], title, wrapped, false, s.description));
  }
  return form;
}

function pick(object, keys) {
  return Object.fromEntries(keys.map((k) => [k, object[k]]));
}

/** Lists and nested settings get a collapsible section; plain values sit in the program's own. */
function isSection(root, s) {
  const r = resolve(root, s);
  return r.type === "array" || (r.type === "object" && r.properties && !isText(root, s));
}

function section(ctx, path, title, body, openByDefault, description) {
  const key = pathText(path);
  const open = ctx.open.has(key) || (openByDefault && !ctx.open.has(`!${key}`));
  const d = el("details", { class: "section", "data-path": path[0] === "@program" ? null : key, open });
  d.addEventListener("toggle", () => {
    ctx.open.delete(d.open ? `!${key}` : key);
    ctx.open.add(d.open ? key : `!${key}`);
  });
  d.append(el("summary", {}, el("span", { class: "section-title" }, title)));
  if (description) d.append(el("p", { class: "help", lang: "en" }, description));
  d.append(body);
  return d;
}

/** `$ref`s followed to their definitions. */
function resolve(root, s) {
  let out = s ?? {};
  for (let i = 0; i < 10 && out.$ref; i++) {
    const name = out.$ref.replace("#/$defs/", "");
    const { $ref: _, ...rest } = out;
    out = { ...root.$defs[name], ...rest, $def: name };
  }
  return out;
}

function isText(root, s) {
  return resolve(root, s).$def === "text";
}

/** The control(s) for one value of schema `s` at `path`. */
function node(ctx, s, value, path, required) {
  const r = resolve(ctx.schema, s);
  if (r.$def === "text") return textControl(ctx, value, path, required);
  if (r.enum) return enumControl(ctx, r, value, path, required);
  if (r.oneOf) return oneOfControl(ctx, r, value, path);
  if (r.allOf?.some((b) => b.if) && r.properties?.type?.enum) return conditionalControl(ctx, r, value, path);
  if (r.anyOf) return anyOfControl(ctx, r, value, path);
  if (r.type === "array") return arrayControl(ctx, r, value ?? [], path);
  if (r.type === "object" && r.properties) return objectRows(ctx, r, value ?? {}, path, r.required ?? []);
  if (r.type === "object" && r.additionalProperties && typeof r.additionalProperties === "object") return mapControl(ctx, r, value ?? {}, path);
  if (r.type === "number" || r.type === "integer") return numberControl(ctx, r, value, path);
  if (r.type === "boolean") return booleanControl(ctx, value, path);
  if (r.type === "string" || r.$def === "id") return stringControl(ctx, r, value, path);
  if (path.at(-1) === "value" && path.includes("requires")) return requirementValueControl(ctx, value, path);
  return jsonControl(ctx, value, path);
}

/** Whether a setting decides how another is entered (a requirement's field and comparison decide its value's control). */
function decidesOthers(path) {
  return path.includes("requires") && (path.at(-1) === "field" || path.at(-1) === "op");
}

/**
 * A field requirement's value, entered as the field's kind of value: a number, yes or no, a
 * date, an option, or several of them for "is one of" and "includes".
 */
function requirementValueControl(ctx, value, path) {
  const doc = ctx.doc();
  const requirement = getAt(doc, path.slice(0, -1)) ?? {};
  const field = (doc.fields ?? []).find((f) => f?.id === requirement.field);
  const many = requirement.op === "one_of" || requirement.op === "includes";
  const p = pathText(path);
  if (!field) return jsonControl(ctx, value, path);
  if (field.type === "boolean" && !many) {
    const choose = el("select", { "data-path": p, onchange: (e) => ctx.edit(path, e.target.value === "" ? undefined : e.target.value === "true") },
      el("option", { value: "" }, ctx.t("studio.none")),
      el("option", { value: "true", selected: value === true }, ctx.t("yes")),
      el("option", { value: "false", selected: value === false }, ctx.t("no")));
    return choose;
  }
  if ((field.type === "choice" || field.type === "multi_choice") && Array.isArray(field.options)) {
    const ids = field.options.map((o) => o?.id).filter((id) => typeof id === "string");
    if (!many) {
      return el("select", { "data-path": p, onchange: (e) => ctx.edit(path, e.target.value || undefined) },
        el("option", { value: "" }, ctx.t("studio.none")), ...ids.map((id) => el("option", { value: id, selected: id === value }, optionLabel(ctx, field, id))));
    }
    // Several options: a checkbox each.
    const chosen = new Set(Array.isArray(value) ? value : []);
    const box = el("div", { class: "choices", role: "group", "data-path": p });
    for (const id of ids) {
      const boxId = nextId("c");
      box.append(el("span", { class: "check" },
        el("input", { type: "checkbox", id: boxId, checked: chosen.has(id), "data-path": `${p}.${id}`, onchange: (e) => {
          const now = new Set(Array.isArray(getAt(ctx.doc(), path)) ? getAt(ctx.doc(), path) : []);
          if (e.target.checked) now.add(id);
          else now.delete(id);
          ctx.edit(path, ids.filter((x) => now.has(x)));
        } }),
        el("label", { for: boxId }, optionLabel(ctx, field, id))));
    }
    return box;
  }
  if (field.type === "date" && !many) {
    return el("input", { type: "date", value: typeof value === "string" ? value : "", "data-path": p, oninput: (e) => ctx.edit(path, e.target.value || undefined) });
  }
  if (field.type === "number" && !many) return numberControl(ctx, {}, value, path);
  // Several numbers or dates: written as a list, "10; 20; 30".
  const input = el("input", { type: "text", value: Array.isArray(value) ? value.map((v) => (typeof v === "number" ? editableNumber(v, ctx.locale) : String(v))).join("; ") : "", "data-path": p });
  input.addEventListener("input", () => {
    const parts = input.value.split(";").map((x) => x.trim()).filter(Boolean);
    ctx.edit(path, parts.map((x) => {
      if (field.type !== "number") return x;
      const read = parseNumber(x, ctx.locale);
      return read.error || read.empty ? x : read.value;
    }));
  });
  return input;
}

function optionLabel(ctx, field, id) {
  const label = field.options.find((o) => o?.id === id)?.label;
  const first = ctx.languages()[0];
  return (typeof label === "string" ? label : label?.[first] ?? (label && Object.values(label)[0])) || id;
}

/** One row per property: label, control, help, and a place for the engine's error. */
function objectRows(ctx, s, value, path, required) {
  const box = el("div", { class: "rows", "data-path": path.length ? pathText(path) : null });
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    if (key === "$schema" || resolve(ctx.schema, prop).const !== undefined) continue;
    box.append(row(ctx, key, prop, value?.[key], [...path, key], required.includes(key)));
  }
  return box;
}

function row(ctx, key, prop, value, path, required) {
  const r = resolve(ctx.schema, prop);
  const p = pathText(path);
  const id = nextId("c");
  const label = ctx.t(`studio.prop.${key}`, {}, words(key));
  const help = prop.description ?? r.description;
  const helpId = help ? `${id}-help` : null;
  const nested = (r.type === "object" && r.properties && r.$def !== "text") || r.type === "array" || r.oneOf || (r.type === "object" && r.additionalProperties && r.$def !== "text");
  if (nested && value === undefined && !required) {
    // An optional group of settings: added on demand.
    return el(
      "div",
      { class: "row optional", "data-path": p },
      el("span", { class: "row-label" }, label),
      el("button", { type: "button", class: "add", "data-action": "add", "data-for": p, onclick: () => ctx.change((doc) => setAt(doc, path, defaultFor(ctx, prop, path)), p) }, ctx.t("studio.addSetting", { setting: label })),
      help ? el("p", { class: "help", lang: "en" }, help) : null,
    );
  }
  const control = node(ctx, prop, value, path, required);
  labelControl(control, id, helpId);
  // A group of checkboxes is named by the row.
  if (control.getAttribute?.("role") === "group") control.setAttribute("aria-label", label);
  const wrap = el(nested ? "fieldset" : "div", { class: nested ? "row group" : "row", "data-path": p });
  const head = nested ? el("legend", {}, label) : el("label", { for: id, class: "row-label" }, label, required ? el("span", { class: "required", "aria-hidden": "true" }, " *") : null);
  wrap.append(head);
  if (nested && !required) {
    wrap.append(el("button", { type: "button", class: "remove small", "data-action": "remove", "data-for": p, onclick: () => ctx.change((doc) => setAt(doc, path, undefined), parentPath(path)) }, ctx.t("studio.removeSetting", { setting: label })));
  }
  wrap.append(control, help ? el("p", { class: "help", id: helpId, lang: "en" }, help) : null, el("p", { class: "error", "data-error-for": p, hidden: true }));
  return wrap;
}

function parentPath(path) {
  return pathText(path.slice(0, -1));
}

/**
 * Gives the control's own input (the first one not inside a nested row, which has a label of
 * its own) the row's id, so that the row's label names it, and its help.
 */
function labelControl(control, id, helpId) {
  const own = (i) => !i.id && !i.parentElement?.closest(".row, .item, fieldset");
  const input = control.matches?.("input, select, textarea") ? control : [...(control.querySelectorAll?.("input, select, textarea") ?? [])].find(own);
  if (!input || input.id) return;
  input.id = id;
  if (helpId) input.setAttribute("aria-describedby", helpId);
}

function textControl(ctx, value, path, required) {
  const langs = ctx.languages();
  const p = pathText(path);
  const written = (v) => (v === "" ? undefined : v);
  const box = el("div", { class: "text-inputs" });
  if (langs.length <= 1 && (value == null || typeof value !== "object")) {
    box.append(el("input", { type: "text", value: typeof value === "string" ? value : "", "data-path": p, required, oninput: (e) => ctx.edit(path, written(e.target.value)) }));
  } else {
    // One input per language of the program (and per language the text has besides); a plain
    // text shows under the first.
    const current = () => {
      const v = getAt(ctx.doc(), path);
      return typeof v === "string" ? { [langs[0]]: v } : { ...(v ?? {}) };
    };
    const shown = typeof value === "string" ? { [langs[0]]: value } : (value ?? {});
    const extra = Object.keys(shown).filter((l) => !langs.includes(l));
    for (const lang of [...langs, ...extra]) {
      const input = el("input", {
        type: "text",
        lang,
        value: shown[lang] ?? "",
        "data-path": lang === langs[0] ? p : `${p}.${lang}`,
        "aria-label": lang === langs[0] ? null : ctx.t("studio.inLanguage", { language: languageName(ctx, lang) }),
        oninput: (e) => {
          const next = current();
          if (e.target.value === "") delete next[lang];
          else next[lang] = e.target.value;
          const keys = Object.keys(next);
          // A text in the program's one language alone stays a plain text.
          ctx.edit(path, keys.length === 0 ? undefined : keys.length === 1 && keys[0] === langs[0] && langs.length === 1 ? next[keys[0]] : next);
        },
      });
      box.append(el("span", { class: "lang-input" }, el("span", { class: "lang-tag", "aria-hidden": "true" }, lang), input));
    }
  }
  // A translation of this text alone, in a language the program does not list.
  const id = nextId("lang");
  const code = el("input", { type: "text", id, class: "lang-code", size: 5, "aria-label": ctx.t("studio.translationLanguage"), placeholder: "de" });
  box.append(el("span", { class: "add-translation" }, code, el("button", { type: "button", class: "small", "data-action": "translate", "data-for": p, onclick: () => {
    const lang = code.value.trim();
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) {
      code.setAttribute("aria-invalid", "true");
      code.focus();
      return;
    }
    ctx.change((doc) => {
      const v = getAt(doc, path);
      const texts = typeof v === "string" ? { [langs[0]]: v } : { ...(v ?? {}) };
      if (!(lang in texts)) texts[lang] = "";
      setAt(doc, path, texts);
    }, `${p}.${lang}`);
  } }, ctx.t("studio.addTranslation"))));
  return box;
}

function languageName(ctx, lang) {
  try {
    return new Intl.DisplayNames([ctx.locale], { type: "language" }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

/** Ids the program defines, for settings that name one (a criterion's field, a field's section). */
function idsFor(ctx, key, path) {
  const doc = ctx.doc();
  const ids = (list) => (Array.isArray(list) ? list.map((x) => x?.id).filter((x) => typeof x === "string") : []);
  if (key === "field") return ids(doc.fields);
  if (key === "section") return ids(doc.sections);
  if (key === "category") return ids(doc.categories);
  // A requirement's certification field.
  if (key === "certifications" && path.includes("requires")) return ids((doc.fields ?? []).filter((f) => f?.type === "certifications"));
  return null;
}

function stringControl(ctx, s, value, path) {
  const key = path.at(-1);
  const choices = typeof key === "string" ? idsFor(ctx, key, path) : null;
  const p = pathText(path);
  if (choices) {
    const options = [el("option", { value: "" }, ctx.t("studio.none"))];
    for (const id of new Set([...choices, ...(value ? [value] : [])])) options.push(el("option", { value: id, selected: id === value }, id));
    const written = (v) => v || undefined;
    return el("select", { "data-path": p, onchange: (e) => (decidesOthers(path) ? ctx.change((doc) => setAt(doc, path, written(e.target.value)), p) : ctx.edit(path, written(e.target.value))) }, ...options);
  }
  return el("input", { type: "text", value: value ?? "", "data-path": p, pattern: htmlPattern(s.pattern), oninput: (e) => ctx.edit(path, e.target.value === "" ? undefined : e.target.value) });
}

// Browsers compile the pattern attribute with the `v` flag, which refuses some patterns a JSON
// Schema (`u` flag) accepts, such as an unescaped "-" at the end of a class. Such a pattern is
// left off: the engine's validation on every keystroke reports the same mistake anyway.
function htmlPattern(pattern) {
  if (typeof pattern !== "string") return null;
  try {
    new RegExp(pattern, "v");
    return pattern;
  } catch {
    return null;
  }
}

function numberControl(ctx, s, value, path) {
  const p = pathText(path);
  const input = el("input", { type: "text", inputmode: "decimal", value: typeof value === "number" ? editableNumber(value, ctx.locale) : (value ?? ""), "data-path": p, autocomplete: "off" });
  input.addEventListener("input", () => {
    const read = parseNumber(input.value, ctx.locale);
    // What is not a number goes to the engine as typed: it says what is wrong, at this control.
    ctx.edit(path, read.empty ? undefined : read.error ? input.value : read.value);
  });
  return input;
}

function booleanControl(ctx, value, path) {
  return el("input", { type: "checkbox", checked: value === true, "data-path": pathText(path), onchange: (e) => ctx.edit(path, e.target.checked) });
}

function enumControl(ctx, s, value, path, required) {
  const options = required ? [] : [el("option", { value: "" }, ctx.t("studio.none"))];
  for (const v of s.enum) options.push(el("option", { value: String(v), selected: v === value }, ctx.t(`studio.value.${v}`, {}, String(v))));
  if (value !== undefined && !s.enum.includes(value)) options.push(el("option", { value: String(value), selected: true }, String(value)));
  return el("select", {
    "data-path": pathText(path),
    onchange: (e) => {
      const v = s.enum.find((x) => String(x) === e.target.value);
      // Another kind of field changes which settings apply: redrawn.
      if (path.at(-1) === "type" || decidesOthers(path)) ctx.change((doc) => setAt(doc, path, v), pathText(path));
      else ctx.edit(path, v);
    },
  }, ...options);
}

/** Whether a value is of the JSON type a schema names (any value when it names none). */
function fits(s, value) {
  const types = [s.type ?? []].flat();
  if (!types.length || s.type === undefined) return true;
  const kind = Array.isArray(value) ? "array" : value === null ? "null" : typeof value === "object" ? "object" : typeof value;
  return types.some((t) => t === kind || (t === "integer" && kind === "number"));
}

/** Whether `value` meets an `if` of the schema (the forms it uses: const, enum, not enum, required). */
function meets(cond, value) {
  for (const k of cond.required ?? []) if (!(value && typeof value === "object" && k in value)) return false;
  for (const [k, c] of Object.entries(cond.properties ?? {})) {
    const v = value?.[k];
    if (v === undefined) continue;
    if (c.const !== undefined && v !== c.const) return false;
    if (c.enum && !c.enum.includes(v)) return false;
    if (c.not?.enum && c.not.enum.includes(v)) return false;
  }
  return true;
}

/** The settings that apply to `value`: the object's own, with what each `if` it meets adds (`then`) or rules out (`false`). */
function applicable(s, value) {
  const properties = { ...(s.properties ?? {}) };
  const required = new Set(s.required ?? []);
  let description = null;
  for (const b of s.allOf ?? []) {
    if (!b.if || !meets(b.if, value)) continue;
    for (const [k, v] of Object.entries(b.then?.properties ?? {})) {
      if (v === false) delete properties[k];
      else properties[k] = { ...(properties[k] ?? {}), ...v };
    }
    for (const k of b.then?.required ?? []) required.add(k);
    description ??= b.then?.description ?? null;
  }
  return { properties, required: [...required], description };
}

/**
 * An object whose settings depend on its type (a rule's points, a field's options): the type
 * chosen first, then the settings that apply to it; another type keeps only the settings it
 * has too.
 */
function conditionalControl(ctx, s, value, path) {
  const { properties, required, description } = applicable(s, value ?? {});
  const box = el("div", { class: "rows", "data-path": pathText(path) });
  const typeSchema = resolve(ctx.schema, s.properties.type);
  const type = value?.type;
  const id = nextId("c");
  const typePath = pathText([...path, "type"]);
  const helpId = typeSchema.description ? `${id}-help` : null;
  box.append(
    el("div", { class: "row", "data-path": typePath },
      el("label", { for: id, class: "row-label" }, ctx.t("studio.prop.type", {}, "Type"), el("span", { class: "required", "aria-hidden": "true" }, " *")),
      el("select", {
        id,
        "data-path": typePath,
        "aria-describedby": helpId,
        onchange: (e) => ctx.change((doc) => {
          const old = getAt(doc, path) ?? {};
          const next = { ...old, type: e.target.value };
          const keep = applicable(s, next).properties;
          // Settings the new type has too are kept, when their kind of value still fits
          // (a linear rule's points are a number, an options rule's a set of points per option).
          for (const k of Object.keys(next)) if (!(k in keep) || !fits(resolve(ctx.schema, keep[k]), next[k])) delete next[k];
          setAt(doc, path, next);
        }, typePath),
      }, ...(type === undefined ? [el("option", { value: "" }, ctx.t("studio.none"))] : []), ...(typeSchema.enum ?? []).map((v) => el("option", { value: v, selected: v === type }, ctx.t(`studio.value.${v}`, {}, words(v))))),
      helpId ? el("p", { class: "help", id: helpId, lang: "en" }, typeSchema.description) : null,
      el("p", { class: "error", "data-error-for": typePath, hidden: true }),
    ),
  );
  if (description) box.append(el("p", { class: "help", lang: "en" }, description));
  const rest = Object.fromEntries(Object.entries(properties).filter(([k]) => k !== "type"));
  const rows = objectRows(ctx, { properties: rest }, value ?? {}, path, required);
  rows.removeAttribute("data-path");
  box.append(rows);
  if (s.$def === "rule" && type && ctx.preview) box.append(ctx.preview(path));
  return box;
}

/** The branch of a `oneOf` a value is: the first whose required keys it has. */
function branchOf(ctx, s, value) {
  const branches = s.oneOf.map((b) => resolve(ctx.schema, b));
  if (value && typeof value === "object") {
    const found = branches.findIndex((b) => (b.required ?? []).every((k) => k in value) && (b.required ?? []).length > 0);
    if (found >= 0) return found;
  }
  return -1;
}

/** A requirement: its kind chosen first (field, certifications, category, every criterion), then its settings. */
function oneOfControl(ctx, s, value, path) {
  // Branches that only say which setting they require (retention: grace days or an anniversary)
  // take that setting from the object.
  const branches = s.oneOf.map((b) => {
    const r = resolve(ctx.schema, b);
    return r.properties ? r : { ...r, title: r.title ?? ctx.t(`studio.prop.${r.required?.[0]}`, {}, words(r.required?.[0] ?? "")), properties: pick(s.properties ?? {}, r.required ?? []) };
  });
  const at = branchOf(ctx, s, value);
  const box = el("div", { class: "rows", "data-path": pathText(path) });
  const id = nextId("c");
  box.append(
    el("div", { class: "row" },
      el("label", { for: id, class: "row-label" }, ctx.t("studio.kind")),
      el("select", {
        id,
        "data-action": "kind",
        "data-for": pathText(path),
        onchange: (e) => ctx.change((doc) => setAt(doc, path, defaultFor(ctx, branches[Number(e.target.value)], path)), pathText(path)),
      }, ...(at < 0 ? [el("option", { value: "" }, ctx.t("studio.none"))] : []), ...branches.map((b, i) => el("option", { value: String(i), selected: i === at }, b.title ?? `#${i + 1}`))),
    ),
  );
  if (at >= 0) {
    if (branches[at].description) box.append(el("p", { class: "help", lang: "en" }, branches[at].description));
    const rows = objectRows(ctx, branches[at], value ?? {}, path, branches[at].required ?? []);
    rows.removeAttribute("data-path");
    box.append(rows);
  } else if (value !== undefined) {
    box.append(jsonControl(ctx, value, path));
  }
  return box;
}

/** A change of a track, region or path to a base criterion: its changes, or removed there (`null`). */
function anyOfControl(ctx, s, value, path) {
  const options = s.anyOf.map((b) => resolve(ctx.schema, b));
  const nullable = options.some((o) => o.type === "null");
  const main = options.find((o) => o.type !== "null") ?? {};
  const box = el("div", { class: "rows", "data-path": pathText(path) });
  if (nullable) {
    const id = nextId("c");
    box.append(el("div", { class: "row check" },
      el("input", { type: "checkbox", id, checked: value === null, onchange: (e) => ctx.change((doc) => setAt(doc, path, e.target.checked ? null : defaultFor(ctx, main, path)), pathText(path)) }),
      el("label", { for: id }, ctx.t("studio.removedHere"))));
  }
  if (value !== null) box.append(node(ctx, main, value, path, true));
  return box;
}

/** Keyed changes (a track's changes to criteria and tiers by id): one entry per id. */
function mapControl(ctx, s, given, path) {
  const value = given && typeof given === "object" && !Array.isArray(given) ? given : {};
  const box = el("div", { class: "map", "data-path": pathText(path) });
  const key = path.at(-1);
  const doc = ctx.doc();
  // What the keys name: criteria and tiers of the base program, or the options of a rule's field.
  const field = key === "points" ? (doc.fields ?? []).find((f) => f?.id === getAt(doc, path.slice(0, -2))?.field) : null;
  const known = key === "criteria" ? (doc.criteria ?? []).map((c) => c?.id) : key === "tiers" ? (doc.tiers ?? []).map((t) => t?.id) : field ? (field.options ?? []).map((o) => o?.id) : [];
  for (const [k, v] of Object.entries(value ?? {})) {
    const p = [...path, k];
    box.append(el("fieldset", { class: "row group", "data-path": pathText(p) },
      el("legend", {}, k),
      el("button", { type: "button", class: "remove small", "data-action": "remove", "data-for": pathText(p), onclick: () => ctx.change((d) => setAt(d, p, undefined), pathText(path)) }, ctx.t("studio.removeEntry", { id: k })),
      node(ctx, s.additionalProperties, v, p, true),
      el("p", { class: "error", "data-error-for": pathText(p), hidden: true })));
  }
  const free = known.filter((k) => typeof k === "string" && !(k in (value ?? {})));
  if (free.length || !known.length) {
    const id = nextId("c");
    const choose = known.length ? el("select", { id }, ...free.map((k) => el("option", { value: k }, k))) : el("input", { id, type: "text" });
    box.append(el("div", { class: "row add-row" },
      el("label", { for: id, class: "row-label" }, ctx.t("studio.changeFor")),
      choose,
      el("button", { type: "button", class: "add", "data-action": "add", "data-for": pathText(path), onclick: () => {
        const k = choose.value.trim();
        if (k) ctx.change((d) => setAt(d, [...path, k], defaultFor(ctx, s.additionalProperties, [...path, k])), pathText([...path, k]));
      } }, ctx.t("studio.add"))));
  }
  return box;
}

/** A list: each item with move, duplicate and remove, and an add button; items can be dragged. */
function arrayControl(ctx, s, list, path) {
  const items = resolve(ctx.schema, s.items);
  const p = pathText(path);
  const box = el("div", { class: "list", "data-path": p });
  const simpleItems = !(items.type === "object" || items.oneOf || items.allOf);
  const move = (from, to) => ctx.change((doc) => {
    const arr = getAt(doc, path);
    if (!Array.isArray(arr) || to < 0 || to >= arr.length) return;
    const [x] = arr.splice(from, 1);
    arr.splice(to, 0, x);
  }, pathText([...path, to]));
  (Array.isArray(list) ? list : []).forEach((item, i) => {
    const ip = [...path, i];
    const name = itemName(ctx, item, i);
    const tools = el("span", { class: "item-tools" },
      el("button", { type: "button", class: "small", "data-action": "up", "data-for": pathText(ip), disabled: i === 0, "aria-label": ctx.t("studio.moveUp", { item: name }), onclick: () => move(i, i - 1) }, "↑"),
      el("button", { type: "button", class: "small", "data-action": "down", "data-for": pathText(ip), disabled: i === list.length - 1, "aria-label": ctx.t("studio.moveDown", { item: name }), onclick: () => move(i, i + 1) }, "↓"),
      el("button", { type: "button", class: "small", "data-action": "duplicate", "data-for": pathText(ip), "aria-label": ctx.t("studio.duplicate", { item: name }), onclick: () => ctx.change((doc) => getAt(doc, path).splice(i + 1, 0, duplicateOf(ctx, getAt(doc, ip), getAt(doc, path))), pathText([...path, i + 1]), { open: true }) }, ctx.t("studio.duplicateShort")),
      el("button", { type: "button", class: "small remove", "data-action": "remove", "data-for": pathText(ip), "aria-label": ctx.t("studio.removeItem", { item: name }), onclick: () => ctx.change((doc) => getAt(doc, path).splice(i, 1), p) }, ctx.t("studio.removeShort")));
    const body = node(ctx, s.items, item, ip, true);
    let entry;
    if (simpleItems) {
      // Named by the list and its place ("Benefits 2"); a text's other languages have their own names.
      const first = body.matches?.("input, select") ? body : body.querySelector?.("input, select");
      if (first && !first.getAttribute("aria-label")) first.setAttribute("aria-label", `${ctx.t(`studio.prop.${String(path.at(-1))}`, {}, words(path.at(-1)))} ${i + 1}`);
      entry = el("div", { class: "item simple", "data-path": pathText(ip) }, body, tools, el("p", { class: "error", "data-error-for": pathText(ip), hidden: true }));
    } else {
      // A disclosure of its own (not <details>: its head holds buttons, which a summary must not).
      const key = pathText(ip);
      const open = ctx.open.has(key);
      const bodyId = nextId("item");
      const content = el("div", { class: "item-body", id: bodyId, hidden: !open }, body, el("p", { class: "error", "data-error-for": key, hidden: true }));
      const toggle = el("button", { type: "button", class: "toggle", "aria-expanded": String(open), "aria-controls": bodyId, "data-action": "toggle", "data-for": key }, el("span", { class: "item-name" }, name));
      toggle.addEventListener("click", () => {
        const now = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(now));
        content.hidden = !now;
        if (now) ctx.open.add(key);
        else ctx.open.delete(key);
        if (now) ctx.opened?.(content);
      });
      entry = el("div", { class: "item", "data-path": key }, el("div", { class: "item-head" }, el("span", { class: "drag", "aria-hidden": "true", title: ctx.t("studio.drag") }, "⠿"), toggle, tools), content);
    }
    // Drag by the item's head; the buttons do the same from the keyboard.
    entry.draggable = true;
    entry.addEventListener("dragstart", (e) => {
      e.stopPropagation();
      e.dataTransfer.setData("application/x-studio-item", JSON.stringify({ list: p, index: i }));
      e.dataTransfer.effectAllowed = "move";
    });
    entry.addEventListener("dragover", (e) => {
      if (e.dataTransfer.types.includes("application/x-studio-item")) {
        e.preventDefault();
        e.stopPropagation();
      }
    });
    entry.addEventListener("drop", (e) => {
      const data = e.dataTransfer.getData("application/x-studio-item");
      if (!data) return;
      const { list: from, index } = JSON.parse(data);
      if (from !== p) return;
      e.preventDefault();
      e.stopPropagation();
      move(index, i);
    });
    box.append(entry);
  });
  const what = ctx.t(`studio.item.${String(path.at(-1))}`, {}, ctx.t("studio.item.default"));
  box.append(el("button", { type: "button", class: "add", "data-action": "add", "data-for": p, onclick: () => ctx.change((doc) => {
    const arr = getAt(doc, path);
    const item = defaultFor(ctx, s.items, [...path, Array.isArray(arr) ? arr.length : 0]);
    if (Array.isArray(arr)) arr.push(item);
    else setAt(doc, path, [item]);
  }, pathText([...path, Array.isArray(list) ? list.length : 0]), { open: true }) }, ctx.t("studio.addItem", { item: what })));
  return box;
}

/** How an item is named in its list: its label (in the first language), else its id, else its number. */
export function itemName(ctx, item, i) {
  const langs = ctx.languages();
  const label = item?.label;
  const text = typeof label === "string" ? label : label && typeof label === "object" ? (label[langs[0]] ?? Object.values(label)[0]) : null;
  // A requirement is named by what it checks.
  const what = item && typeof item === "object" ? (item.id ?? item.field ?? item.category ?? item.certifications ?? (item.all_criteria_above_zero ? ctx.t("studio.prop.all_criteria_above_zero") : null)) : item;
  return text || (typeof what === "string" || typeof what === "number" ? String(what) : `#${i + 1}`);
}

/** A copy of an item with a fresh id ("gold_copy", "gold_copy_2"). */
function duplicateOf(ctx, item, list) {
  const copy = structuredClone(item);
  if (copy && typeof copy === "object" && typeof copy.id === "string") copy.id = freshId(`${copy.id}_copy`, list);
  return copy;
}

function freshId(base, list) {
  const taken = new Set((Array.isArray(list) ? list : []).map((x) => x?.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** A new value of schema `s`: its required settings filled with plain defaults, ids made unique. */
export function defaultFor(ctx, s, path) {
  const r = resolve(ctx.schema, s);
  if (r.$def === "text") return "";
  if (r.const !== undefined) return r.const;
  if (r.enum) return r.enum[0];
  if (r.oneOf) return defaultFor(ctx, r.oneOf[0], path);
  if (r.anyOf) return defaultFor(ctx, r.anyOf.find((b) => resolve(ctx.schema, b).type !== "null"), path);
  if (r.type === "array") return [];
  if (r.type === "number" || r.type === "integer") return r.minimum ?? 0;
  if (r.type === "boolean") return false;
  if (r.type === "string" || r.$def === "id") return "";
  if (r.type === "object" || r.properties || r.required) {
    const out = {};
    const branch = r.allOf?.find((b) => b.if?.properties?.type?.const !== undefined);
    if (r.properties?.type?.enum && branch) {
      out.type = branch.if.properties.type.const;
      for (const k of branch.then.required ?? []) if (k !== "type") out[k] = defaultFor(ctx, branch.then.properties[k], [...path, k]);
    }
    for (const k of r.required ?? []) {
      if (k in out) continue;
      if (k === "id") {
        const list = getAt(ctx.doc(), path.slice(0, -1));
        out.id = freshId(String(path.at(-2) ?? "item").replace(/s$/, "").replace(/ie$/, "y") + `_${Array.isArray(list) ? list.length + 1 : 1}`, list);
      } else {
        out[k] = defaultFor(ctx, r.properties?.[k], [...path, k]);
      }
    }
    return out;
  }
  return null;
}

/** Anything the form has no control for: its JSON, edited as text. */
function jsonControl(ctx, value, path) {
  const area = el("textarea", { class: "json", rows: 3, "data-path": pathText(path), spellcheck: "false" });
  area.value = value === undefined ? "" : JSON.stringify(value, null, 2);
  area.addEventListener("input", () => {
    try {
      ctx.edit(path, area.value.trim() === "" ? undefined : JSON.parse(area.value));
      area.removeAttribute("aria-invalid");
    } catch {
      area.setAttribute("aria-invalid", "true");
    }
  });
  return area;
}
