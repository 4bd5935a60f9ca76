// The program studio page: a program manager designs a partner program with forms
// (studio-form.mjs draws them from the program's JSON Schema). Every edit goes to the engine at
// once (the Scorecard in the wasm package), which says whether the program is valid and where
// it is not; the preview shows the last valid program as partners see it, what changed since
// it was opened, and how a partner base falls into its tiers (Lab). This file only keeps the
// document, its history and the page; it decides nothing about programs.

import init, { Lab, Scorecard, ScorecardError, describeChanges, generatePartners, jsonProblem, __wbg_reset_state } from "../pkg/lab/partner_scorecard.js";
import { isRightToLeft, loadCatalog, messages, pageLanguages, pickLanguage, text } from "./i18n.mjs";
import { el, getAt, itemName, pathText, programForm } from "./studio-form.mjs";
import "./partner-scorecard.mjs";

/** @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const lang = params.get("lang") || pickLanguage(pageLanguages);
await loadCatalog(lang).catch(() => {});
const translate = messages(lang);
/** A page text; `fallback` when no catalog has the key (a setting's name not translated). */
const t = (key, args = {}, fallback = undefined) => {
  const s = translate(key, args);
  return s === key && fallback !== undefined ? fallback : s;
};
t.message = translate.message;
const num = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });

/** Where the draft and the consent to keep it live (only once the manager ticks the box). */
const KEEP = "partner-scorecard-studio:keep";
const DRAFT = "partner-scorecard-studio:draft";
/** Edits of one control within this many milliseconds are one step of undo. */
const COALESCE_MS = 1500;
const HISTORY_LIMIT = 200;

const state = {
  schema: null,
  templates: new Map(), // id -> {label, text}
  doc: null, // the program being edited
  opened: null, // the program as opened (or started), for "what changed" and the base's baseline
  name: "program",
  valid: null, // the last program the engine accepted
  issues: [], // the engine's errors for the document now
  undo: [], // JSON texts of earlier documents
  redo: [],
  lastEdit: { path: null, at: 0 },
  open: new Set(),
  base: null, // {bytes, what}: the partner base for the preview
  lab: null,
  labProgram: null, // the program the lab was opened with
  previewQueued: false,
  baseTimer: 0,
};

function say(message) {
  $("status").textContent = message;
}

function localize() {
  document.documentElement.lang = lang;
  document.documentElement.dir = isRightToLeft(lang) ? "rtl" : "ltr";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.getAttribute("data-i18n"));
}

// ---------------------------------------------------------------- the document and its history

/** The program's languages, for one input per language on every text. */
function languages() {
  const l = state.doc?.languages;
  return Array.isArray(l) && l.length && l.every((x) => typeof x === "string" && x) ? l : ["en"];
}

const formContext = {
  get schema() {
    return state.schema;
  },
  doc: () => state.doc,
  languages,
  t,
  locale: lang,
  get open() {
    return state.open;
  },
  edit,
  change,
  preview: rulePreview,
  // An item opened: the points curves in it are drawn.
  opened: () => drawRulePreviews(),
};

/** Starts editing `doc` as opened: history cleared, the preview's baseline set. */
function openDocument(doc, name) {
  state.doc = doc;
  state.opened = structuredClone(doc);
  state.name = name;
  state.undo = [];
  state.redo = [];
  state.lastEdit = { path: null, at: 0 };
  state.open = new Set();
  state.lab?.free();
  state.lab = null;
  drawForm();
  afterEdit();
}

/** A value typed at `path`: the document changes, the form stays (the control keeps focus). */
function edit(path, value) {
  const p = pathText(path);
  const now = performance.now();
  if (state.lastEdit.path !== p || now - state.lastEdit.at > COALESCE_MS) remember();
  state.lastEdit = { path: p, at: now };
  const parent = getAt(state.doc, path.slice(0, -1));
  if (parent && typeof parent === "object") {
    if (value === undefined && !Array.isArray(parent)) delete parent[path.at(-1)];
    else parent[path.at(-1)] = value;
  }
  afterEdit();
  // A new label or id names its item in the list heads.
  if (path.at(-1) === "label" || path.at(-1) === "id" || path.at(-2) === "label") refreshItemNames();
}

/**
 * A change of structure (`fn` changes the document): redrawn, with the focus at `focus` (a
 * path); `open`: the item there is shown open (one just added or duplicated).
 */
function change(fn, focus, { open = false } = {}) {
  remember();
  state.lastEdit = { path: null, at: 0 };
  fn(state.doc);
  if (open && focus) state.open.add(focus);
  drawForm(focus);
  afterEdit();
}

function remember() {
  state.undo.push(JSON.stringify(state.doc));
  if (state.undo.length > HISTORY_LIMIT) state.undo.shift();
  state.redo = [];
}

function undo() {
  if (!state.undo.length) return;
  state.redo.push(JSON.stringify(state.doc));
  state.doc = JSON.parse(state.undo.pop());
  state.lastEdit = { path: null, at: 0 };
  drawForm(focusedPath());
  afterEdit();
  say(t("studio.undone"));
}

function redo() {
  if (!state.redo.length) return;
  state.undo.push(JSON.stringify(state.doc));
  state.doc = JSON.parse(state.redo.pop());
  state.lastEdit = { path: null, at: 0 };
  drawForm(focusedPath());
  afterEdit();
  say(t("studio.redone"));
}

function focusedPath() {
  const a = document.activeElement;
  return a?.closest?.("#form") ? (a.getAttribute("data-path") ?? a.getAttribute("data-for")) : null;
}

// ---------------------------------------------------------------- drawing the form

function drawForm(focus = focusedPath()) {
  const scroll = window.scrollY;
  $("form").replaceChildren(programForm(formContext));
  showIssues();
  if (focus) {
    // Open the sections on the way, then focus the control (or the closest thing there is).
    const target = findControl(focus);
    reveal(target);
    target?.focus();
  }
  window.scrollTo({ top: scroll });
  $("undo").disabled = !state.undo.length;
  $("redo").disabled = !state.redo.length;
}

/** The control for a path, or the nearest one above it that the form has. */
function findControl(path) {
  const form = $("form");
  for (let p = path; p; p = shorter(p)) {
    const found =
      form.querySelector(`input[data-path="${CSS.escape(p)}"], select[data-path="${CSS.escape(p)}"], textarea[data-path="${CSS.escape(p)}"]`) ??
      form.querySelector(`[data-path="${CSS.escape(p)}"] :is(input, select, textarea, button, summary)`) ??
      form.querySelector(`[data-for="${CSS.escape(p)}"]`);
    if (found) return found;
  }
  return null;
}

/** `tiers[1].min_score` → `tiers[1]` → `tiers`. */
function shorter(path) {
  const m = /^(.*)(\[\d+\]|\.[^.[\]]+)$/.exec(path);
  return m ? m[1] : "";
}

function refreshItemNames() {
  for (const item of document.querySelectorAll("#form .item:not(.simple)")) {
    const path = item.getAttribute("data-path");
    const m = /\[(\d+)\]$/.exec(path ?? "");
    if (!m) continue;
    const name = itemName(formContext, getAt(state.doc, parsePath(path)), Number(m[1]));
    const span = item.querySelector(":scope > .item-head .item-name");
    if (span && span.textContent !== name) span.textContent = name;
  }
}

/** `tiers[1].min_score` as `["tiers", 1, "min_score"]`. */
function parsePath(path) {
  const out = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

// ---------------------------------------------------------------- the engine's verdict

/** Every edit: the engine reads the program; its errors go to their controls; the preview follows. */
function afterEdit() {
  const started = performance.now();
  let warnings = [];
  try {
    const sc = new Scorecard(state.doc);
    warnings = sc.warnings();
    sc.free();
    state.issues = [];
    state.valid = structuredClone(state.doc);
  } catch (e) {
    if (!(e instanceof ScorecardError)) {
      __wbg_reset_state();
      state.lab = null;
    }
    state.issues = e?.issues ?? [{ path: "", message: String(e?.message ?? e) }];
  }
  performance.measure("studio:validate", { start: started });
  showIssues();
  showWarnings(warnings);
  $("undo").disabled = !state.undo.length;
  $("redo").disabled = !state.redo.length;
  saveDraft();
  schedulePreview();
}

function issueText(i) {
  return i.message_i18n ? t.message(i.message_i18n, i.message) : i.message;
}

/** The engine's errors beside their controls, and listed at the top with links to them. */
function showIssues() {
  for (const e of document.querySelectorAll("#form p.error")) {
    e.toggleAttribute("hidden", true);
    e.textContent = "";
  }
  for (const c of document.querySelectorAll("#form [aria-invalid]")) c.removeAttribute("aria-invalid");
  const box = $("problems");
  box.replaceChildren();
  box.hidden = state.issues.length === 0;
  if (!state.issues.length) return;
  box.append(el("p", {}, t("studio.problems", { count: state.issues.length })));
  const list = el("ul");
  for (const issue of state.issues.slice(0, 100)) {
    const message = issueText(issue);
    const slot = errorSlot(issue.path);
    if (slot) {
      slot.toggleAttribute("hidden", false);
      slot.append(el("span", {}, message));
      const control = findControl(issue.path);
      if (control && control.matches("input, select, textarea")) {
        control.setAttribute("aria-invalid", "true");
        if (!slot.id) slot.id = `err-${Math.random().toString(36).slice(2)}`;
        const described = new Set((control.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
        described.add(slot.id);
        control.setAttribute("aria-describedby", [...described].join(" "));
      }
    }
    list.append(el("li", {}, el("button", { type: "button", class: "link", onclick: () => goTo(issue.path) }, issue.path || t("studio.wholeProgram")), ": ", message));
  }
  box.append(list);
}

/** The error line of the closest row to a path. */
function errorSlot(path) {
  for (let p = path; p; p = shorter(p)) {
    const slot = document.querySelector(`#form p[data-error-for="${CSS.escape(p)}"]`);
    if (slot) return slot;
  }
  return null;
}

/** Opens the sections and items around an element of the form. */
function reveal(target) {
  for (let at = target; at; at = at.parentElement) {
    if (at instanceof HTMLDetailsElement) at.open = true;
    if (at.classList?.contains("item-body") && at.hidden) {
      at.hidden = false;
      const toggle = at.parentElement?.querySelector(":scope > .item-head > button.toggle");
      toggle?.setAttribute("aria-expanded", "true");
      const key = at.parentElement?.getAttribute("data-path");
      if (key) state.open.add(key);
    }
  }
}

function goTo(path) {
  const control = findControl(path);
  if (!control) return;
  reveal(control);
  control.focus();
  control.scrollIntoView({ block: "center" });
}

function showWarnings(warnings) {
  const box = $("warnings");
  box.hidden = warnings.length === 0;
  box.replaceChildren();
  if (!warnings.length) return;
  box.append(el("p", {}, t("studio.warnings", { count: warnings.length })), el("ul", {}, ...warnings.map((w) => el("li", {}, el("code", {}, w.path), ": ", w.message_i18n ? t.message(w.message_i18n, w.message) : w.message))));
}

// ---------------------------------------------------------------- preview

function schedulePreview() {
  if (state.previewQueued) return;
  state.previewQueued = true;
  requestAnimationFrame(() => {
    state.previewQueued = false;
    drawPreview();
  });
}

async function drawPreview() {
  const started = performance.now();
  $("preview-state").textContent = state.issues.length ? t("studio.previewLastValid") : "";
  drawChanges();
  drawRulePreviews();
  // The partner base after the frame is drawn: scoring a large base must not hold up the rest.
  clearTimeout(state.baseTimer);
  state.baseTimer = setTimeout(() => {
    drawBase();
    performance.mark("studio:based");
  }, 0);
  const card = $("card");
  if (state.valid && card.dataset.shown !== JSON.stringify(state.valid)) {
    card.dataset.shown = JSON.stringify(state.valid);
    card.setAttribute("lang", lang);
    await card.loadProgram(structuredClone(state.valid), state.name, { keep: true });
  }
  performance.measure("studio:preview", { start: started });
  performance.mark("studio:previewed");
}

/** What changed since the program was opened, in the engine's words. */
function drawChanges() {
  const box = $("changes");
  let changes;
  try {
    changes = describeChanges(state.opened, state.doc, { lang });
  } catch (e) {
    box.replaceChildren(el("p", { class: "note" }, String(e?.message ?? e)));
    return;
  }
  const list = changes.changes ?? [];
  if (!list.length) {
    box.replaceChildren(el("p", { class: "note" }, t("studio.noChanges")));
    return;
  }
  box.replaceChildren(el("ul", { class: "changes" }, ...list.map((c) => el("li", {}, el("button", { type: "button", class: "link", onclick: () => goTo(c.path) }, t.message(c.text_i18n, c.text))))));
  if (changes.total > list.length) box.append(el("p", { class: "note" }, t("studio.moreChanges", { count: changes.total - list.length })));
}

/** The partner base in the program's tiers, against the program as opened. */
function drawBase() {
  const box = $("base");
  if (!state.base) {
    box.replaceChildren(el("p", { class: "note" }, t("studio.noBase")));
    return;
  }
  if (!state.valid) return;
  const started = performance.now();
  let summary;
  let compared = true;
  try {
    if (!state.lab) {
      // The program as opened is the baseline when it is valid and reads the base; else the program now.
      state.lab = openLab(state.opened) ?? openLab(state.valid);
      if (!state.lab) return;
    }
    try {
      state.lab.setProgram(state.valid);
    } catch (e) {
      if (!(e instanceof ScorecardError)) throw e;
      // Other fields, tiers, tracks or regions than the base was read with: read it again
      // with the program now (no comparison with the program as opened).
      state.lab.free();
      state.lab = openLab(state.valid);
      if (!state.lab) return;
      compared = false;
    }
    summary = state.lab.segment({ as_of: asOf(), lang, plan_limit: 0, reach_limit: 0, expiry_limit: 0, error_limit: 0 });
  } catch (e) {
    if (!(e instanceof ScorecardError)) {
      __wbg_reset_state();
      state.lab = null;
    }
    box.replaceChildren(el("p", { class: "errors" }, String(e?.message ?? e)));
    return;
  }
  const v = compared ? summary.versus_baseline : null;
  const names = [...summary.tiers.map((x) => x.label), t("studio.unranked")];
  const parts = [];
  for (const [i, track] of summary.tracks.entries()) {
    const before = v?.tracks[i]?.before;
    const counts = [...track.tiers, track.unranked];
    const rows = names.map((name, r) => el("tr", {}, el("th", { scope: "row" }, name), before ? el("td", {}, num.format(before[r])) : null, el("td", {}, num.format(counts[r])), before ? el("td", {}, signed(counts[r] - before[r])) : null));
    const head = el("tr", {}, el("th", { scope: "col" }, track.label ?? t("studio.tier")), before ? el("th", { scope: "col" }, t("studio.asOpened")) : null, el("th", { scope: "col" }, t("studio.now")), before ? el("th", { scope: "col" }, t("studio.change")) : null);
    parts.push(el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": track.label ?? t("studio.base") }, el("table", {}, el("thead", {}, head), el("tbody", {}, ...rows))));
  }
  const counts = summary.counts;
  parts.unshift(el("p", {}, t("studio.baseSummary", { partners: counts.evaluated, what: state.base.what }), " ", v ? t("studio.moved", { promoted: v.promoted, demoted: v.demoted }) : t("studio.notCompared")));
  box.replaceChildren(...parts);
  performance.measure("studio:base", { start: started });
}

function signed(n) {
  return n > 0 ? `+${num.format(n)}` : num.format(n);
}

function asOf() {
  return new Date().toLocaleDateString("en-CA");
}

function openLab(program) {
  if (!program) return null;
  try {
    new Scorecard(program).free();
    const lab = new Lab(program, state.base.bytes);
    state.labProgram = program;
    return lab;
  } catch {
    return null;
  }
}

/**
 * Points a rule gives over a range of its field's values, worked out by the engine (a
 * profile with that value alone, evaluated), drawn as a small curve under the rule.
 */
function rulePreview(path) {
  const box = el("div", { class: "rule-preview", "data-rule": pathText(path) });
  // Drawn once the form is in the page, and again after each edit (drawPreview).
  box.dataset.pending = "";
  return box;
}

/** The points curves of the rules shown (the criteria opened in the form). */
function drawRulePreviews() {
  for (const box of document.querySelectorAll("#form .rule-preview")) {
    if (box.closest("[hidden]")) continue;
    drawRulePreview(box, parsePath(box.getAttribute("data-rule")));
  }
}

function drawRulePreview(box, path) {
  // The criterion the rule belongs to: `criteria[i].rule`; tracks' added criteria likewise.
  const criterion = getAt(state.doc, path.slice(0, -1));
  const program = state.valid;
  const field = program?.fields?.find((f) => f?.id === criterion?.field);
  if (!program || !field || field.type !== "number" || !criterion?.id) {
    box.replaceChildren(el("p", { class: "note" }, t("studio.noPointsPreview")));
    return;
  }
  const rule = criterion.rule ?? {};
  const top = Math.max(Number(rule.target) || 0, Number(rule.cap) * Number(rule.per) || 0, ...(rule.bands ?? []).map((b) => Number(b.min) || 0), Number(field.max) || 0, 10);
  const end = Number.isFinite(field.max) ? field.max : top * 1.5;
  const start = Number.isFinite(field.min) ? field.min : 0;
  let sc;
  try {
    sc = new Scorecard(program);
  } catch {
    return;
  }
  const points = [];
  try {
    for (let i = 0; i <= 40; i++) {
      const x = start + ((end - start) * i) / 40;
      const value = field.integer ? Math.round(x) : x;
      const r = sc.evaluate({ values: { [field.id]: value } });
      const c = r.tracks.flatMap((tr) => tr.criteria).find((k) => k.id === criterion.id);
      if (c) points.push([value, c.points, c.max]);
    }
  } catch {
    // A profile this program refuses (a required field): no curve.
  } finally {
    sc.free();
  }
  if (!points.length) {
    box.replaceChildren(el("p", { class: "note" }, t("studio.noPointsPreview")));
    return;
  }
  const max = Math.max(...points.map((p) => p[2]), 1e-9);
  const w = 240;
  const h = 80;
  const xs = (x) => ((x - start) / Math.max(end - start, 1e-9)) * w;
  const ys = (y) => h - (y / max) * h;
  const svgNs = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNs, "svg");
  svg.setAttribute("viewBox", `-4 -4 ${w + 8} ${h + 8}`);
  svg.setAttribute("role", "img");
  const at = (q) => points[Math.round((points.length - 1) * q)];
  svg.setAttribute("aria-label", t("studio.pointsCurve", { field: field.id, a: num.format(at(0.25)[0]), pa: num.format(at(0.25)[1]), b: num.format(at(1)[0]), pb: num.format(at(1)[1]), max: num.format(max) }));
  const line = document.createElementNS(svgNs, "polyline");
  line.setAttribute("points", points.map(([x, y]) => `${xs(x).toFixed(1)},${ys(y).toFixed(1)}`).join(" "));
  line.setAttribute("class", "curve");
  svg.append(line);
  box.replaceChildren(svg, el("p", { class: "note" }, t("studio.pointsAxis", { from: num.format(start), to: num.format(end), max: num.format(max) })));
}

// ---------------------------------------------------------------- files and drafts

/**
 * The document as a file: `$schema` (the README's reference to the schema, unless the file had
 * its own) and `format` first, two-space indents, a final newline.
 */
function programFile(doc) {
  const { $schema, format, ...rest } = doc;
  return `${JSON.stringify({ $schema: $schema ?? "../../schema/program.schema.json", format: format ?? 1, ...rest }, null, 2)}\n`;
}

function save() {
  const text = programFile(state.doc);
  const name = `${typeof state.doc.id === "string" && state.doc.id ? state.doc.id : "program"}.json`;
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  say(state.issues.length ? t("studio.savedWithProblems", { name, count: state.issues.length }) : t("studio.saved", { name }));
}

/** Opens a file: a program the engine reads replaces the one in the studio; anything else is shown and the current program stays. */
function openText(textContent, name) {
  const box = $("open-errors");
  box.replaceChildren();
  box.hidden = true;
  const problem = jsonProblem(textContent);
  let doc = null;
  let issues = [];
  if (problem) {
    issues = [problem];
  } else {
    doc = JSON.parse(textContent);
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
      issues = [{ path: "", message: t("studio.notAProgram") }];
      doc = null;
    } else {
      try {
        new Scorecard(doc).free();
      } catch (e) {
        issues = e?.issues ?? [{ path: "", message: String(e?.message ?? e) }];
      }
    }
  }
  if (!issues.length) {
    openDocument(doc, name);
    say(t("studio.opened", { name }));
    return;
  }
  box.hidden = false;
  box.append(
    el("p", {}, t("studio.openFailed", { name, count: issues.length })),
    el("ul", {}, ...issues.slice(0, 50).map((i) => el("li", {}, i.path ? el("code", {}, i.path) : null, i.path ? ": " : null, issueText(i)))),
    doc ? el("button", { type: "button", class: "secondary", onclick: () => { box.hidden = true; openDocument(doc, name); say(t("studio.openedToFix", { name })); } }, t("studio.openAnyway")) : null,
  );
  say(t("studio.keptCurrent"));
}

function saveDraft() {
  if (localStorage.getItem(KEEP) !== "1") return;
  try {
    localStorage.setItem(DRAFT, JSON.stringify({ doc: state.doc, opened: state.opened, name: state.name }));
  } catch {
    say(t("studio.draftFull"));
  }
}

function restoreDraft() {
  if (localStorage.getItem(KEEP) !== "1") return false;
  try {
    const draft = JSON.parse(localStorage.getItem(DRAFT) ?? "null");
    if (!draft?.doc || typeof draft.doc !== "object") return false;
    openDocument(draft.opened ?? draft.doc, draft.name ?? "program");
    state.doc = draft.doc;
    drawForm();
    afterEdit();
    say(t("studio.draftRestored"));
    return true;
  } catch {
    return false;
  }
}

/** An empty program: the format's required settings, to be filled in. */
function emptyProgram() {
  return { format: 1, id: "", name: "", fields: [], categories: [], criteria: [], tiers: [] };
}

// ---------------------------------------------------------------- start

async function start() {
  localize();
  await init();
  // The package ships the format's schema beside the engine (scripts/build-pkg.sh).
  state.schema = await (await fetch("../pkg/program.schema.json")).json();
  const index = await (await fetch("programs/index.json")).json();
  for (const p of index.programs) {
    const body = await (await fetch(`programs/${p.file}`)).text();
    state.templates.set(p.id, { label: text(p.label, lang), text: body, file: p.file });
    $("start-from").append(el("option", { value: p.id }, text(p.label, lang)));
  }
  $("keep-draft").checked = localStorage.getItem(KEEP) === "1";
  const wanted = params.get("program");
  if (!restoreDraft()) {
    if (wanted && state.templates.has(wanted)) {
      $("start-from").value = wanted;
      openDocument(JSON.parse(state.templates.get(wanted).text), state.templates.get(wanted).file);
    } else {
      openDocument(emptyProgram(), "program.json");
    }
  }
  $("start").addEventListener("click", () => {
    const id = $("start-from").value;
    const template = state.templates.get(id);
    openDocument(template ? JSON.parse(template.text) : emptyProgram(), template ? template.file : "program.json");
    say(template ? t("studio.startedFrom", { name: template.label }) : t("studio.startedEmpty"));
  });
  $("open-file").addEventListener("change", async () => {
    const file = $("open-file").files[0];
    if (file) openText(await file.text(), file.name);
    $("open-file").value = "";
  });
  $("save").addEventListener("click", save);
  $("undo").addEventListener("click", undo);
  $("redo").addEventListener("click", redo);
  $("keep-draft").addEventListener("change", () => {
    if ($("keep-draft").checked) {
      localStorage.setItem(KEEP, "1");
      saveDraft();
      say(t("studio.draftKept"));
    } else {
      localStorage.removeItem(KEEP);
      localStorage.removeItem(DRAFT);
      say(t("studio.draftForgotten"));
    }
  });
  document.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    if (e.target instanceof HTMLTextAreaElement) return;
    const key = e.key.toLowerCase();
    if (key === "z" && !e.shiftKey) {
      e.preventDefault();
      undo();
    } else if ((key === "z" && e.shiftKey) || key === "y") {
      e.preventDefault();
      redo();
    }
  });
  $("generate").addEventListener("click", () => {
    const rows = Math.max(1, Math.min(400_000, Math.round(Number($("base-rows").value) || 10_000)));
    const program = state.valid ?? state.opened;
    try {
      state.base = { bytes: generatePartners(state.opened && safeProgram(state.opened) ? state.opened : program, { rows, seed: 7, as_of: asOf() }), what: t("studio.generated", { rows }) };
    } catch (e) {
      $("base").replaceChildren(el("p", { class: "errors" }, String(e?.message ?? e)));
      return;
    }
    state.lab?.free();
    state.lab = null;
    drawBase();
  });
  $("base-file").addEventListener("change", async () => {
    const file = $("base-file").files[0];
    if (!file) return;
    state.base = { bytes: new Uint8Array(await file.arrayBuffer()), what: file.name };
    state.lab?.free();
    state.lab = null;
    drawBase();
    if (!state.lab) $("base").replaceChildren(el("p", { class: "errors" }, t("studio.baseUnread", { name: file.name })));
  });
  performance.mark("studio:ready");
}

function safeProgram(program) {
  try {
    new Scorecard(program).free();
    return true;
  } catch {
    return false;
  }
}

start();
