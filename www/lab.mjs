// The program lab page: load a program and a partner CSV, show how the base segments, tune the
// program with sliders. Every number comes from the engine (Lab in the wasm package); this file
// only edits the program document, calls the engine and draws what it returns.

import init, { Lab, Scorecard, ScorecardError, generatePartners, inspectCsv, jsonProblem, __wbg_reset_state } from "../pkg/lab/partner_scorecard.js";
import { isRightToLeft, loadCatalog, messages, pageLanguages, pickLanguage, text } from "./i18n.mjs";

/** Elements by id, loosely typed: which kind each is (input, select, canvas) is the HTML's business. @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);
const num = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
const params = new URLSearchParams(location.search);

const state = {
  programs: new Map(), // id -> JSON text of the shipped programs, fetched once at load
  original: null, // the program as loaded
  program: null, // the edited copy the sliders change
  valid: null, // the last program the engine accepted (the loaded one or a valid edit)
  name: "",
  csv: null, // the partner CSV as UTF-8 bytes, kept to re-read it for another program
  lab: null,
  summary: null,
  renders: 0,
  reachToken: 0,
  form: null, // the program's form: its fields' labels for the column mapping
  file: null, // the partner file being read: {bytes, what, options}
  csvOptions: undefined, // how the partners in `lab` were read
  why: null, // lab.whyMoved() for the summary shown, once worked out
  scenarios: [], // saved tunings: {name, program, as_of, tracks, promoted, demoted, sums}
  frame: null, // the plot's frame (ticks, axis titles), drawn once per axes and language
  cellsCanvas: null, // the density plot's 100 × 100 cells, scaled up onto the plot
};

const label = (value) => text(value, "en");

// The lab's texts in the browser's language (or ?lang=xx), from the page's catalogs.
const labLang = new URLSearchParams(location.search).get("lang") || pickLanguage(pageLanguages);
await loadCatalog(labLang).catch(() => {});
const t = messages(labLang);
/** Shares in the page's language ("29 %", "29%"). */
const percent = new Intl.NumberFormat(labLang, { style: "percent", maximumFractionDigits: 0 });

/** Writes every text marked data-i18n in the lab's language; sets lang and dir. */
function localizeLab() {
  document.documentElement.lang = labLang;
  document.documentElement.dir = isRightToLeft(labLang) ? "rtl" : "ltr";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.getAttribute("data-i18n"));
}
localizeLab();

function say(message) {
  $("status").textContent = message;
}

/**
 * After a call failed: a ScorecardError is a mistake in the input, shown where it belongs. Any
 * other error means the wasm instance trapped (out of memory on a huge base, say; the engine
 * bounds its work, so no input should do this): a fresh instance replaces it, the partner
 * base (which lived in the old one) is unloaded, and the page says so. Returns the error to
 * show.
 */
function recovered(e) {
  if (e instanceof ScorecardError) return e;
  __wbg_reset_state();
  // Objects of the old instance are stale: dropped, never freed.
  state.lab = null;
  state.summary = null;
  $("results").hidden = true;
  const message = t("lab.engineStopped", { message: String(e?.message ?? e) });
  say(message);
  return new Error(message);
}

/**
 * Shows a ScorecardError's issues (or any error) in `box`; null hides the box. Issues carry
 * their message for the catalogs; a program file's own rules are worded for its author in the
 * format's English, and marked as English text.
 */
function showErrors(box, error) {
  box.replaceChildren();
  box.hidden = !error;
  if (!error) return;
  // The engine's errors (a ScorecardError, or a jsonProblem as one) list their issues.
  if (!error.issues?.length) {
    box.append(el("p", {}, String(error.message || error)));
    return;
  }
  box.append(el("p", {}, t("lab.errors", { kind: error.kind, n: error.issues.length })));
  const items = error.issues.map((i) => {
    const message = i.message_i18n ? t.message(i.message_i18n, i.message) : el("span", { lang: "en" }, i.message);
    // CSV errors say where in the file; others where in the document.
    if (i.cell != null) return el("li", {}, t("lab.cellErrorAt", { cell: i.cell, path: i.path || null }), message);
    if (i.line != null) return el("li", {}, t("lab.rowErrorAt", { line: i.line, column: i.column ?? null, path: i.path || null }), message);
    return el("li", {}, i.path ? el("code", {}, i.path) : null, i.path ? ": " : null, message);
  });
  box.append(el("ul", {}, ...items));
}

/** The program's warnings (`Scorecard.warnings()`), each with its path; none hides the box. */
function showWarnings(box, name, warnings) {
  box.hidden = warnings.length === 0;
  box.replaceChildren();
  if (!warnings.length) return;
  const title = t("lab.warnings", { name, count: warnings.length });
  box.append(el("p", {}, title), el("ul", {}, ...warnings.map((w) => el("li", {}, `${w.path}: ${w.message}`))));
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c != null));
  return e;
}

function table(head, rows, caption) {
  const tableEl = el("table", {}, caption ? el("caption", { class: "note" }, caption) : null);
  tableEl.append(el("thead", {}, el("tr", {}, ...head.map((h, i) => el("th", { scope: "col", class: i === 0 ? "text" : "" }, h)))));
  const body = el("tbody");
  for (const r of rows) body.append(el("tr", {}, ...r.map((c, i) => (i === 0 ? el("th", { scope: "row", class: "text" }, c) : el("td", { class: typeof c === "number" ? "" : "text" }, typeof c === "number" ? num.format(c) : c ?? "")))));
  tableEl.append(body);
  // A table wider than the page scrolls: the region takes keyboard focus so that it can be scrolled without a mouse.
  return el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption || String(head[0]) }, tableEl);
}

function download(name, type, data) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------- program

function setProgram(json, name) {
  let program;
  let warnings = [];
  try {
    program = typeof json === "string" ? JSON.parse(json) : json;
    // Validated before anything else changes; what it allows but probably does not mean is
    // shown beside it.
    const scorecard = new Scorecard(program);
    warnings = scorecard.warnings();
    state.form = scorecard.form();
    scorecard.free();
  } catch (e) {
    // JSON.parse failing leaves `program` unset; the engine's errors come after.
    // A text that is not JSON: the engine says where and why, in the page's language.
    const problem = program === undefined ? jsonProblem(json) : null;
    showErrors($("program-errors"), problem ? { message: problem.message, kind: "program", issues: [problem] } : recovered(e));
    return false;
  }
  showErrors($("program-errors"), null);
  showWarnings($("program-warnings"), name, warnings);
  state.original = program;
  // Scenarios are tunings of one program.
  state.scenarios = [];
  state.program = structuredClone(program);
  state.valid = program;
  state.name = name;
  const categories = program.categories ?? [];
  for (const [select, index] of [[$("axis-x"), 0], [$("axis-y"), 1]]) {
    select.replaceChildren(...categories.map((c) => el("option", { value: c.id }, label(c.label))));
    select.selectedIndex = Math.min(index, categories.length - 1);
  }
  const tracks = program.tracks ?? [];
  $("seg-track-control").hidden = tracks.length < 2;
  $("seg-track").replaceChildren(...tracks.map((track) => el("option", { value: track.id }, label(track.label))));
  buildSliders();
  if (state.csv) readPartners(state.csv, t("lab.samePartners"), state.csvOptions);
  return true;
}

// ---------------------------------------------------------------- partners and results

function options() {
  // Partners close on points are checked for a cheap plan after the results are drawn (checkReach), not in segment().
  const o = { as_of: $("as-of").value, reach_percent: Number($("reach-percent").value), reach_effort: Number($("reach-effort").value), plan_limit: 0, x_threshold: Number($("threshold-x").value), y_threshold: Number($("threshold-y").value) };
  if ($("axis-x").value) o.x = $("axis-x").value;
  if ($("axis-y").value) o.y = $("axis-y").value;
  if (!$("seg-track-control").hidden && $("seg-track").value) o.track = $("seg-track").value;
  return o;
}

// ---------------------------------------------------------------- how a file is read

/**
 * A partner file as it comes: the engine detects its encoding, separator and decimal mark and
 * matches its headers to the program's fields (by id, or by a label in any of the program's
 * languages); the panel shows both and lets the manager override each. A file whose every
 * column is matched is read at once; otherwise the panel waits for the manager's mapping.
 */
function openPartnerFile(bytes, what) {
  // A mapping remembered for this program (with the manager's consent) is applied first.
  const remembered = rememberedMapping();
  state.file = { bytes, what, options: remembered ? { columns: remembered } : {} };
  $("remember-mapping").checked = remembered !== null;
  inspectFile(true);
}

const MAPPING = "partner-scorecard:lab-mapping:";

/** The column mapping kept on this device for the program in use, or null. */
function rememberedMapping() {
  try {
    const raw = localStorage.getItem(MAPPING + (state.form?.id ?? ""));
    const value = raw ? JSON.parse(raw) : null;
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** Keeps (or, unticked, forgets) the mapping for the program in use; only when the manager ticks the box. */
function keepMapping(columns) {
  try {
    if ($("remember-mapping").checked) localStorage.setItem(MAPPING + (state.form?.id ?? ""), JSON.stringify(columns));
    else localStorage.removeItem(MAPPING + (state.form?.id ?? ""));
  } catch {
    // Storage blocked: the mapping is simply not kept.
  }
}

function inspectFile(readWhenMatched) {
  const file = state.file;
  if (!file || !state.valid) return;
  let inspection;
  try {
    inspection = inspectCsv(state.valid, file.bytes, file.options);
  } catch (e) {
    forgetResults();
    showErrors($("program-errors"), recovered(e));
    return;
  }
  drawFilePanel(inspection);
  const unmatched = inspection.columns.filter((c) => c.how === "unknown");
  if (unmatched.length === 0 && readWhenMatched) readPartners(file.bytes, file.what, file.options);
  else if (unmatched.length > 0) {
    forgetResults();
    say(t("lab.mapColumns", { n: unmatched.length, what: file.what }));
  }
}

/** Results of an earlier file are not shown beside a file that could not be read. */
function forgetResults() {
  state.lab?.free();
  state.lab = null;
  state.summary = null;
  $("results").hidden = true;
}

function drawFilePanel(/** @type {import("../pkg/lab/partner_scorecard.js").CsvInspection} */ inspection) {
  const { format, columns, workbook } = inspection;
  const file = state.file;
  $("file-panel").hidden = false;
  // A workbook has sheets instead of an encoding, separator and decimal mark.
  $("sheet-row").hidden = !workbook;
  $("text-format-row").hidden = Boolean(workbook);
  if (workbook) {
    const select = $("csv-sheet");
    select.replaceChildren(...workbook.sheets.map((name) => el("option", { value: name, selected: name === workbook.sheet }, name)));
    select.onchange = () => {
      file.options.sheet = select.value;
      // Another sheet has other headers: the mapping of this one does not carry over.
      delete file.options.columns;
      inspectFile(true);
    };
    $("sheet-note").textContent = t("lab.sheetNote", { cell: workbook.first_cell, sheets: workbook.sheets.length });
  }
  // Each setting: the detected value first ("" in the select), then every choice by its word;
  // choosing one sets the read option to the character or name it stands for.
  const setting = (id, key, values) => {
    const word = (v) => Object.keys(values).find((w) => values[w] === v);
    const select = $(id);
    select.replaceChildren(
      el("option", { value: "" }, t("lab.detected", { value: t(`lab.format.${word(format[key])}`) })),
      ...Object.keys(values).map((w) => el("option", { value: w, selected: file.options[key] !== undefined && w === word(file.options[key]) }, t(`lab.format.${w}`))),
    );
    select.onchange = () => {
      if (select.value) file.options[key] = values[select.value];
      else delete file.options[key];
      inspectFile(true);
    };
  };
  setting("csv-encoding", "encoding", { "utf-8": "utf-8", "windows-1252": "windows-1252" });
  setting("csv-separator", "separator", { comma: ",", semicolon: ";", tab: "\t", bar: "|" });
  setting("csv-decimal", "decimal", { decimalPoint: ".", decimalComma: "," });
  // Every column: what it is read as, changeable.
  const fields = state.form.fields.map((f) => [f.id, text(f.label, labLang, state.form.languages)]);
  const meta = ["@partner", "@region", "@tracks", "@tier", "@tier_since", "@short_since"];
  const rows = columns.map((c, i) => {
    const select = el("select", { id: `map-${i}`, "aria-label": t("lab.readAsFor", { header: c.header }) },
      el("option", { value: "" }, t("lab.leaveOut")),
      ...meta.map((m) => el("option", { value: m, selected: c.target === m }, t(`lab.meta.${m.slice(1)}`))),
      ...fields.map(([id, label]) => el("option", { value: id, selected: c.target === id || (!c.target && c.suggestion === id) }, label)));
    select.addEventListener("change", () => {
      file.options.columns = { ...(file.options.columns ?? {}), [c.header]: select.value || null };
    });
    const how = c.how === "unknown" ? (c.suggestion ? t("lab.how.suggested") : t("lab.how.unknown")) : t(`lab.how.${c.how}`);
    const header = c.cell ? t("lab.headerAt", { header: c.header, cell: c.cell }) : c.header;
    return el("tr", { class: c.how === "unknown" ? "unmatched" : "" }, el("th", { scope: "row", class: "text" }, header), el("td", { class: "text" }, select), el("td", { class: "text" }, how));
  });
  $("mapping").tBodies[0].replaceChildren(...rows);
  // What the panel shows is what is read: every column's choice, suggestions included.
  const chosen = () => Object.fromEntries(columns.map((c, i) => [c.header, $(`map-${i}`).value || null]));
  $("read-file").onclick = () => {
    file.options.columns = chosen();
    keepMapping(file.options.columns);
    readPartners(file.bytes, file.what, file.options);
  };
  $("remember-mapping").onchange = () => keepMapping(chosen());
  $("export-mapping").onclick = () => {
    const mapping = { program: state.form?.id ?? null, ...file.options, columns: chosen() };
    download(`${state.form?.id ?? "program"}-mapping.json`, "application/json", JSON.stringify(mapping, null, 2) + "\n");
  };
}

function readPartners(bytes, what, csvOptions = undefined) {
  state.lab?.free();
  state.lab = null;
  state.csv = bytes;
  state.csvOptions = csvOptions;
  const started = performance.now();
  try {
    // The program as opened is the lab's baseline; a tuning in progress carries over onto the new partners.
    state.lab = new Lab(state.original ?? state.valid, bytes, csvOptions);
    if (state.original && state.valid !== state.original) state.lab.setProgram(state.valid);
    state.baseId = (state.baseId ?? 0) + 1;
  } catch (e) {
    const shown = recovered(e);
    state.summary = null;
    showErrors($("program-errors"), shown);
    $("results").hidden = true;
    if (shown === e) say(t("lab.couldNotRead", { what }));
    return;
  }
  showErrors($("program-errors"), null);
  const read = performance.now() - started;
  rescoreScenarios();
  if (rescore()) {
    const c = state.summary.counts;
    say(t("lab.rowsRead", { rows: c.rows, what, scored: c.evaluated, skipped: c.skipped, ms: Math.round(read + state.lastMs) }));
  }
}

/** Scores every partner again with the current options and draws the results; the time is kept in state.lastMs. */
function rescore() {
  if (!state.lab) return false;
  const started = performance.now();
  try {
    state.summary = state.lab.segment(options());
    performance.measure("lab:segment", { start: started });
  } catch (e) {
    showErrors($("tune-errors"), recovered(e));
    return false;
  }
  state.lastMs = performance.now() - started;
  render();
  return true;
}

function render() {
  const s = state.summary;
  $("results").hidden = false;
  state.why = null;
  delete $("versus").dataset.explained;
  // Each part timed (performance.measure "lab:<part>"), for bench/lab-slider.mjs.
  /** @type {Array<[string, (s: any) => void]>} */
  const parts = [["distribution", renderDistribution], ["versus", renderVersus], ["movement", renderMovement], ["segments", renderSegments], ["reach", renderReach], ["expiring", renderExpiring], ["errors", renderErrors]];
  for (const [name, draw] of parts) {
    const start = performance.now();
    draw(s);
    performance.measure(`lab:${name}`, { start });
  }
  state.renders += 1;
  $("results").dataset.renders = String(state.renders);
  performance.mark("lab:rendered");
  checkReachLater();
  explainMovesLater();
  renderScenarios();
}

/**
 * Checks the partners close on points for a plan within the reach effort, a batch at a time
 * between frames (each check is a plan search: a large base takes seconds), redrawing the
 * list as it fills. A new scoring starts over: the token tells a batch of an older one to stop.
 */
function checkReachLater() {
  const token = ++state.reachToken;
  let batch = 5;
  const step = () => {
    if (token !== state.reachToken || !state.lab || !state.summary) return;
    const started = performance.now();
    let reach;
    try {
      reach = state.lab.checkReach(batch);
    } catch (e) {
      showErrors($("tune-errors"), recovered(e));
      return;
    }
    const spent = performance.now() - started;
    // About 8 ms of checking per turn, so that a slider step waits at most that long for it.
    batch = Math.max(1, Math.min(5000, Math.round(batch * (8 / Math.max(spent, 0.5)))));
    state.summary.within_reach = reach;
    renderReach(state.summary);
    if (!reach.complete) setTimeout(step, 0);
  };
  if (!state.summary.within_reach.complete) setTimeout(step, 0);
}

function tierNames(s) {
  return [...s.tiers.map((tier) => tier.label), t("lab.unranked")];
}

/** The share of each tier (unranked first) as a bar, and in percent beside it. */
function bar(counts) {
  const b = el("span", { class: "bar", "aria-hidden": "true" });
  const parts = [counts.unranked, ...counts.tiers];
  const shares = parts.map((n) => (counts.partners ? n / counts.partners : 0));
  shares.forEach((share, i) => {
    const seg = el("span");
    seg.style.width = `${share * 100}%`;
    seg.style.background = tierColor(i);
    b.append(seg);
  });
  return el("span", { class: "share" }, b, el("span", { class: "share-text" }, shares.map((x) => percent.format(x)).join(" · ")));
}

function renderDistribution(s) {
  const box = $("distribution");
  const legend = el("p", { class: "legend" }, ...[t("lab.unranked"), ...s.tiers.map((tier) => tier.label)].map((name, i) => {
    const swatch = el("i");
    swatch.style.background = tierColor(i);
    return el("span", {}, swatch, name);
  }));
  box.replaceChildren(legend);
  for (const tr of s.tracks) {
    const rows = tr.regions.length > 1 || tr.regions[0]?.region ? tr.regions.map((r) => [r.region ? r.label : t("lab.noRegion"), ...r.tiers, r.unranked, r.partners, bar(r)]) : [];
    rows.push([t("lab.allPartners"), ...tr.tiers, tr.unranked, tr.partners, bar(tr)]);
    const section = el("div", { "data-track": tr.track ?? "" });
    if (tr.track) section.append(el("h3", {}, t("lab.trackHeading", { track: tr.label })));
    section.append(table([t("lab.region"), ...tierNames(s), t("lab.partners"), t("lab.share")], rows), el("p", { class: "note" }, t("lab.averageScore", { score: tr.average_score })));
    box.append(section);
  }
}

/** The tuned program against the program as opened: tiers before and after, who moved, and a number field summed per tier. */
function renderVersus(s) {
  const v = s.versus_baseline;
  const box = $("versus");
  if (!v) {
    box.replaceChildren();
    return;
  }
  const names = tierNames(s);
  const signed = (n) => (n > 0 ? `+${num.format(n)}` : num.format(n));
  const parts = [el("p", {}, t("lab.versusMoved", { promoted: v.promoted, demoted: v.demoted }))];
  for (const tr of v.tracks) {
    const rows = names.map((name, i) => [name, tr.before[i], tr.after[i], signed(tr.after[i] - tr.before[i])]);
    parts.push(table([tr.label ?? t("lab.allPartners"), t("lab.col.before"), t("lab.col.after"), t("lab.col.change")], rows));
  }
  if (v.sums.length) {
    const chosen = state.sumField && v.sums.some((f) => f.field === state.sumField) ? state.sumField : v.sums[0].field;
    const select = el("select", { id: "sum-field" }, ...v.sums.map((f) => el("option", { value: f.field, selected: f.field === chosen }, fieldLabel(f.field, f.label))));
    select.addEventListener("change", () => {
      state.sumField = select.value;
      renderVersus(s);
      $("sum-field").focus();
    });
    const sums = v.sums.find((f) => f.field === chosen);
    const rows = names.map((name, i) => [name, sums.before[i], sums.after[i], signed(sums.after[i] - sums.before[i])]);
    parts.push(el("div", { class: "control" }, el("label", { for: "sum-field" }, t("lab.sumOf")), select),
      table([t("lab.col.tier"), t("lab.col.before"), t("lab.col.after"), t("lab.col.change")], rows, t("lab.sumCaption", { field: fieldLabel(sums.field, sums.label) })));
  }
  if (v.moved.total) {
    const why = state.why;
    // The first 50 in the page (the engine lists 200; the export has every partner).
    const rows = v.moved.shown.slice(0, 50).map((m, i) => [partnerButton(m.partner ?? t("lab.row", { n: m.row + 1 }), m.row), m.line, m.from ?? t("lab.unranked"), m.to ?? t("lab.unranked"), why ? reasonText(why, why.moved[i]) : "…"]);
    parts.push(table([t("lab.col.partner"), t("lab.col.line"), t("lab.col.before"), t("lab.col.after"), t("lab.col.why")], rows, t("lab.movedCaption", { shown: Math.min(50, v.moved.shown.length), total: v.moved.total })));
  }
  if (state.why?.edits.length) {
    parts.push(el("p", { class: "note", id: "edits" }, t("lab.edits", { count: state.why.edit_count, edits: state.why.edits.slice(0, 10).map(editText).join("; ") })));
  }
  box.replaceChildren(...parts);
}

// ---------------------------------------------------------------- scenarios

/** Keeps the program as tuned now, with what it gives against the program as opened, under a name. */
function saveScenario() {
  const v = state.summary?.versus_baseline;
  if (!v) return;
  const name = $("scenario-name").value.trim() || t("lab.scenarioDefault", { n: state.scenarios.length + 1 });
  const scenario = {
    name,
    program: structuredClone(state.valid),
    as_of: state.summary.as_of,
    tracks: v.tracks.map((tr) => ({ track: tr.track, after: tr.after })),
    promoted: v.promoted,
    demoted: v.demoted,
    sums: v.sums.map((f) => ({ field: f.field, after: f.after })),
  };
  const same = state.scenarios.findIndex((x) => x.name === name);
  if (same >= 0) state.scenarios[same] = scenario;
  else state.scenarios.push(scenario);
  $("scenario-name").value = "";
  renderScenarios();
  say(t("lab.scenarioSaved", { name }));
}

/** The program as opened, every saved scenario and the program now, side by side: tiers per track, moves and the chosen field summed per tier. */
function renderScenarios() {
  const box = $("scenarios");
  const s = state.summary;
  const v = s?.versus_baseline;
  if (!v || !state.scenarios.length) {
    box.replaceChildren(el("p", { class: "note" }, t("lab.noScenarios")));
    return;
  }
  const names = tierNames(s);
  const dated = (x) => (x.as_of === s.as_of ? x.name : t("lab.scenarioDated", { name: x.name, date: x.as_of }));
  const head = [t("lab.col.tier"), t("lab.asOpened"), ...state.scenarios.map(dated), t("lab.now")];
  const rows = [];
  v.tracks.forEach((tr, ti) => {
    names.forEach((name, i) => {
      const label = tr.track ? `${tr.label} · ${name}` : name;
      rows.push([label, tr.before[i], ...state.scenarios.map((x) => x.tracks[ti]?.after[i] ?? "–"), tr.after[i]]);
    });
  });
  rows.push([t("lab.col.promoted"), "", ...state.scenarios.map((x) => x.promoted), v.promoted]);
  rows.push([t("lab.col.demoted"), "", ...state.scenarios.map((x) => x.demoted), v.demoted]);
  const field = state.sumField && v.sums.some((f) => f.field === state.sumField) ? state.sumField : v.sums[0]?.field;
  const sums = v.sums.find((f) => f.field === field);
  if (sums) {
    names.forEach((name, i) => {
      rows.push([t("lab.sumRow", { field: fieldLabel(sums.field, sums.label), tier: name }), sums.before[i], ...state.scenarios.map((x) => x.sums.find((f) => f.field === field)?.after[i] ?? "–"), sums.after[i]]);
    });
  }
  const actions = state.scenarios.map((x, i) =>
    el("li", {},
      el("span", { class: "scenario-name" }, x.name), " ",
      // Named for screen readers and tests: every scenario has the same three buttons.
      el("button", { type: "button", class: "secondary", "aria-label": `${t("lab.scenarioDownload")}: ${x.name}`, onclick: () => downloadScenario(x) }, t("lab.scenarioDownload")), " ",
      el("button", { type: "button", class: "secondary", "aria-label": `${t("lab.scenarioTune")}: ${x.name}`, onclick: () => tuneFrom(x) }, t("lab.scenarioTune")), " ",
      el("button", { type: "button", class: "secondary", "aria-label": `${t("lab.scenarioRemove")}: ${x.name}`, onclick: () => { state.scenarios.splice(i, 1); renderScenarios(); } }, t("lab.scenarioRemove"))));
  box.replaceChildren(table(head, rows, t("lab.scenariosCaption", { count: state.scenarios.length })), el("ul", { class: "scenario-actions" }, ...actions));
}

/** A new partner base: each scenario scored again on it, so that the columns compare the same partners. */
function rescoreScenarios() {
  if (!state.scenarios.length || !state.lab) return;
  try {
    for (const x of state.scenarios) {
      state.lab.setProgram(x.program);
      const v = state.lab.segment({ ...options(), reach_limit: 0 }).versus_baseline;
      Object.assign(x, { as_of: $("as-of").value, tracks: v.tracks.map((tr) => ({ track: tr.track, after: tr.after })), promoted: v.promoted, demoted: v.demoted, sums: v.sums.map((f) => ({ field: f.field, after: f.after })) });
    }
    state.lab.setProgram(state.valid);
  } catch (e) {
    showErrors($("tune-errors"), recovered(e));
  }
}

function downloadScenario(x) {
  const slug = x.name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "scenario";
  download(`${x.program.id || "program"}-${slug}.json`, "application/json", JSON.stringify(x.program, null, 2) + "\n");
}

/** Puts a scenario's program into the sliders and scores it. */
function tuneFrom(x) {
  state.program = structuredClone(x.program);
  buildSliders();
  tuned();
}

/** One edit as people read it: "Gold: minimum score 70 → 65". */
function editText(e) {
  const known = ["min_score", "weight", "rule.target", "rule.points", "rule.cap", "rule.per", "rule.from"];
  const setting = known.includes(e.setting) ? t(`lab.setting.${e.setting}`) : e.setting;
  const value = (v) => (typeof v === "number" ? num.format(v) : v == null ? "–" : typeof v === "object" ? JSON.stringify(v) : String(v));
  return t("lab.edit", { subject: e.subject ?? null, setting, before: value(e.before), after: value(e.after) });
}

/** Why one partner moved: the edits that move it alone, else all of them together. */
function reasonText(why, reason) {
  if (!reason) return "";
  if (reason.together) return t("lab.becauseTogether");
  return reason.because.map((i) => editText(why.edits[i])).join("; ");
}

/** Works out why the listed partners moved after the results are drawn (a program build per edit), and shows it. */
function explainMovesLater() {
  const token = state.reachToken;
  setTimeout(() => {
    if (token !== state.reachToken || !state.lab || !state.summary?.versus_baseline) return;
    try {
      state.why = state.lab.whyMoved();
    } catch (e) {
      showErrors($("tune-errors"), recovered(e));
      return;
    }
    renderVersus(state.summary);
    $("versus").dataset.explained = "true";
  }, 0);
}

/** A field's label in the page's language, from the program's form; `fallback` as the engine gave it. */
function fieldLabel(id, fallback) {
  const f = state.form?.fields.find((x) => x.id === id);
  return f ? text(f.label, labLang, state.form.languages) : fallback;
}

function renderMovement(s) {
  const head = ["track", "promoted", "demoted", "unchanged", "heldGrace", "heldAnniversary", "new", "stillUnranked"].map((c) => t(`lab.col.${c}`));
  const rows = s.tracks.map((tr) => {
    const m = tr.movement;
    return [tr.label ?? t("lab.allPartners"), m.promoted, m.demoted, m.unchanged, m.held_grace, m.held_anniversary, m.new, m.unranked];
  });
  $("movement").replaceChildren(table(head, rows));
}

function renderSegments(s) {
  const q = s.segments;
  $("quadrants").replaceChildren(
    table(
      [t("lab.col.quadrant"), t("lab.partners")],
      [
        [t("lab.quadrant.hh", { x: q.x.label, y: q.y.label }), q.high_high],
        [t("lab.quadrant.hl", { x: q.x.label, y: q.y.label }), q.high_low],
        [t("lab.quadrant.lh", { x: q.x.label, y: q.y.label }), q.low_high],
        [t("lab.quadrant.ll", { x: q.x.label, y: q.y.label }), q.low_low],
      ],
      t("lab.quadrantCaption", { x: q.x.label, y: q.y.label, tx: q.x.threshold, ty: q.y.threshold }),
    ),
  );
  // Dots for a small base; density cells, counted by the engine, for a large one.
  const track = s.tracks.find((tr) => tr.track === q.track) ?? s.tracks[0];
  const counts = [track.unranked, ...track.tiers];
  drawScatter(track.partners <= 2000 ? state.lab.points() : null, q, s.tiers.length, counts);
}

/**
 * Tier colours of the plot, its keys and the share bars (the one list of them), unranked first: distinct hues, each
 * at least 3:1 against white (WCAG's contrast for graphics), so no tier is a pale blue on white.
 */
const TIER_COLORS = ["#6b6b6b", "#b35900", "#1a7f37", "#0b5cad", "#8a3ab9", "#c0114b", "#00768a", "#5c5c00"];
const tierColor = (rank) => TIER_COLORS[rank % TIER_COLORS.length];
const tierRgb = (rank) => [1, 3, 5].map((i) => parseInt(tierColor(rank).slice(i, i + 2), 16));

/** Plot geometry: a square of `size` pixels from (`left`, `top`); shares 0–100 % on both axes. */
const PLOT = { left: 58, top: 12, size: 440 };

/**
 * The two-category view. Up to 2,000 partners are drawn as dots; a larger base as density:
 * a 100 × 100 grid of cells (one per percent of each axis), each in the colour of the tier most
 * of its partners hold and more opaque the more partners it holds, so that overlapping points
 * show how many there are instead of one striped blot.
 */
function drawScatter(points, q, tiers, counts) {
  const canvas = $("scatter");
  const n = counts.reduce((a, b) => a + b, 0);
  canvas.setAttribute("aria-label", t("lab.scatter", { count: n, x: q.x.label, y: q.y.label }));
  const g = canvas.getContext("2d");
  const { left, top, size } = PLOT;
  const px = (x) => left + (Math.min(Math.max(x, 0), 100) / 100) * size;
  const py = (y) => top + size - (Math.min(Math.max(y, 0), 100) / 100) * size;
  g.clearRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = "#fff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  if (points) {
    for (let i = 0; i < points.length; i += 3) {
      g.fillStyle = tierColor(points[i + 2]);
      g.beginPath();
      g.arc(px(points[i]), py(points[i + 1]), 3.5, 0, 2 * Math.PI);
      g.fill();
    }
  } else {
    // One pixel per cell of the engine's 100 × 100 grid, scaled up without smoothing.
    const ranks = tiers + 1;
    const cells = state.lab.density();
    const image = new ImageData(100, 100);
    const totals = new Uint32Array(10000);
    let most = 1;
    for (let c = 0; c < 10000; c++) {
      let total = 0;
      for (let r = 0; r < ranks; r++) total += cells[c * ranks + r];
      totals[c] = total;
      if (total > most) most = total;
    }
    const logMost = Math.log1p(most);
    const rgbs = Array.from({ length: ranks }, (_, r) => tierRgb(r));
    const pixels = image.data;
    for (let c = 0; c < 10000; c++) {
      if (!totals[c]) continue;
      let top1 = 0;
      for (let r = 1; r < ranks; r++) if (cells[c * ranks + r] > cells[c * ranks + top1]) top1 = r;
      const [red, green, blue] = rgbs[top1];
      // Cell x * 100 + y: column x, and row 99 - y (up is more).
      const at = ((99 - (c % 100)) * 100 + Math.floor(c / 100)) * 4;
      pixels[at] = red;
      pixels[at + 1] = green;
      pixels[at + 2] = blue;
      pixels[at + 3] = Math.round(255 * (0.25 + 0.75 * (Math.log1p(totals[c]) / logMost)));
    }
    // One small canvas for the cells, kept between redraws.
    state.cellsCanvas ??= Object.assign(document.createElement("canvas"), { width: 100, height: 100 });
    const cellsCanvas = state.cellsCanvas;
    cellsCanvas.getContext("2d").putImageData(image, 0, 0);
    g.imageSmoothingEnabled = false;
    g.drawImage(cellsCanvas, left, top, size, size);
  }
  // The frame (ticks every 25 % with their values, the box, the axis titles with units) is
  // drawn once per pair of axes and language, then copied: text is the slow part of a redraw.
  g.drawImage(plotFrame(canvas, q), 0, 0);
  g.strokeStyle = "#c01c28";
  g.lineWidth = 1;
  g.setLineDash([6, 4]);
  g.beginPath();
  g.moveTo(px(q.x.threshold), py(0));
  g.lineTo(px(q.x.threshold), py(100));
  g.moveTo(px(0), py(q.y.threshold));
  g.lineTo(px(100), py(q.y.threshold));
  g.stroke();
  g.setLineDash([]);
  // The key: each tier's colour, name and how many partners the plot holds in it.
  const names = [t("lab.unranked"), ...state.summary.tiers.map((tier) => tier.label)];
  $("scatter-legend").replaceChildren(...names.map((name, r) => {
    const swatch = el("i", { "aria-hidden": "true" });
    swatch.style.background = tierColor(r);
    return el("li", {}, swatch, t("lab.legendEntry", { tier: name, count: counts[r] }));
  }));
  $("scatter-note").textContent = points ? t("lab.clickNote") : t("lab.densityNote", { count: n });
}

/** The plot's frame on a transparent canvas of the plot's size, kept for the same axes and language. */
function plotFrame(canvas, q) {
  const key = JSON.stringify([q.x.label, q.y.label, labLang, canvas.width, canvas.height]);
  if (state.frame?.key === key) return state.frame.canvas;
  const frame = document.createElement("canvas");
  frame.width = canvas.width;
  frame.height = canvas.height;
  const g = frame.getContext("2d");
  const { left, top, size } = PLOT;
  const px = (x) => left + (x / 100) * size;
  const py = (y) => top + size - (y / 100) * size;
  g.strokeStyle = "#d0d4dc";
  g.fillStyle = "#1d2330";
  g.font = "12px system-ui, sans-serif";
  g.lineWidth = 1;
  for (const v of [0, 25, 50, 75, 100]) {
    g.beginPath();
    g.moveTo(px(v), py(0));
    g.lineTo(px(v), py(0) + 5);
    g.moveTo(px(0) - 5, py(v));
    g.lineTo(px(0), py(v));
    g.stroke();
    const label = percent.format(v / 100);
    g.textAlign = "center";
    g.fillText(label, px(v), py(0) + 18);
    g.textAlign = "right";
    g.fillText(label, px(0) - 8, py(v) + 4);
  }
  g.strokeStyle = "#535b6b";
  g.strokeRect(px(0), py(100), size, size);
  g.textAlign = "center";
  g.fillText(t("lab.axisLabel", { category: q.x.label }), px(50), py(0) + 36);
  g.save();
  g.translate(14, py(50));
  g.rotate(-Math.PI / 2);
  g.fillText(t("lab.axisLabel", { category: q.y.label }), 0, 0);
  g.restore();
  state.frame = { key, canvas: frame };
  return frame;
}

/** A click on the plot opens the partner under it (within 2 % of each axis), as the partner sees it. */
function scatterClick(event) {
  if (!state.lab || !state.summary) return;
  const canvas = $("scatter");
  const box = canvas.getBoundingClientRect();
  const x = ((event.clientX - box.left) * (canvas.width / box.width) - PLOT.left) / PLOT.size * 100;
  const y = (PLOT.top + PLOT.size - (event.clientY - box.top) * (canvas.height / box.height)) / PLOT.size * 100;
  const row = state.lab.nearest(x, y, 2);
  if (row === undefined) return;
  const profile = state.lab.profile(row);
  drillDown(row, profile?.partner ?? t("lab.row", { n: row + 1 }));
}

/** The tier held, and the tier earned when retention keeps a higher one. */
function heldTier(e) {
  const held = e.tier ? tierLabel(e.tier) : t("lab.unrankedLower");
  return e.earned_tier === e.tier ? held : t("lab.heldEarns", { held, earned: e.earned_tier ? tierLabel(e.earned_tier) : t("lab.noTier") });
}

/** A tier's label (in the program's texts) from its id, as results give tiers. */
function tierLabel(id) {
  return state.summary?.tiers.find((tier) => tier.id === id)?.label ?? id;
}

function renderReach(s) {
  const r = s.within_reach;
  // Tracks by their labels, as the summary names them.
  const trackLabel = (id) => (id == null ? "" : s.tracks.find((tr) => tr.track === id)?.label ?? id);
  // What blocks each partner besides points: the next tier's open requirements, have → need.
  const blocks = (e) => e.open.map((q) => t("lab.openRequirement", { requirement: t.message(q.description_i18n, q.description), actual: shownValue(q.actual), needed: shownValue(q.needed) })).join("; ");
  const rows = r.shown.map((e) => [partnerButton(e.partner ?? t("lab.row", { n: e.row + 1 }), e.row), e.line, trackLabel(e.track), e.total, heldTier(e), tierLabel(e.next_tier), e.deficit, blocks(e), e.effort ?? "", e.plan ? t.message(e.plan_i18n, e.plan) : ""]);
  const caption = t("lab.reachCaption", { total: r.total, percent: r.percent, effort: r.effort, shown: r.shown.length });
  const progress = r.complete ? "" : t("lab.reachChecking", { checked: r.checked, candidates: r.candidates });
  $("reach").replaceChildren(
    table(["partner", "line", "track", "score", "tier", "nextTier", "missing", "blocks", "effort", "plan"].map((c) => t(`lab.col.${c}`)), rows, progress ? `${caption} ${progress}` : caption),
  );
  $("reach").dataset.complete = String(r.complete);
}

/** A requirement's value (have or need) as the page writes values. */
function shownValue(v) {
  if (typeof v === "number") return num.format(v);
  if (typeof v === "boolean") return v ? t("yes") : t("no");
  if (v == null) return "–";
  if (Array.isArray(v)) return v.join(", ");
  return String(v);
}

/** A partner's name that opens its scorecard (the drill-down). */
function partnerButton(name, row) {
  return el("button", { type: "button", class: "link", onclick: () => drillDown(row, name) }, name);
}

/**
 * One partner's full scorecard and plan, exactly as the partner would see them: the
 * self-assessment element, loaded on first use, with the program as tuned now and the
 * partner's profile from the base.
 */
async function drillDown(row, name) {
  const profile = state.lab?.profile(row);
  if (!profile) return;
  await import("./partner-scorecard.mjs");
  let card = $("drill-card").querySelector("partner-scorecard");
  if (!card) {
    card = document.createElement("partner-scorecard");
    $("drill-card").append(card);
  }
  card.setAttribute("lang", labLang);
  card.setAttribute("as-of", $("as-of").value);
  await card.loadProgram(structuredClone(state.valid), state.name, { keep: false });
  card.profile = profile;
  $("drill-title").textContent = t("lab.drillTitle", { partner: name });
  $("drill").showModal();
}

function renderExpiring(s) {
  const x = s.expiring;
  // The same date and window give the same list: a slider move does not draw it again.
  const key = JSON.stringify([s.as_of, x.total, x.shown.length, labLang, state.baseId]);
  if (key === state.expiringKey) return;
  state.expiringKey = key;
  const rows = x.shown.map((e) => [partnerButton(e.partner ?? t("lab.row", { n: e.row + 1 }), e.row), e.line, e.name ?? "", e.kind ?? "", e.holder ?? "", e.expires, e.days_left]);
  const head = ["partner", "line", "certification", "kind", "holder", "expires", "daysLeft"].map((c) => t(`lab.col.${c}`));
  $("expiring").replaceChildren(table(head, rows, t("lab.expiryCaption", { total: x.total, shown: x.shown.length })));
}

function renderErrors(s) {
  const e = s.errors;
  const box = $("row-errors");
  if (!e.total) {
    box.replaceChildren(el("p", { class: "note" }, t("lab.noneSkipped")));
    return;
  }
  const list = el("ul", {}, ...e.shown.map((i) => el("li", {}, i.cell
    ? t("lab.cellError", { cell: i.cell, path: i.path || null, message: t.message(i.message_i18n, i.message) })
    : t("lab.rowError", { line: i.line, column: i.column ?? null, path: i.path || null, message: t.message(i.message_i18n, i.message) }))));
  box.replaceChildren(el("p", { class: "note" }, t("lab.rowsSkipped", { skipped: s.counts.skipped, problems: e.total })), list);
}

// ---------------------------------------------------------------- tuning

function slider({ id, text: name, min, max, step, value, apply }) {
  const out = el("output", { for: id }, num.format(value));
  const input = el("input", { type: "range", id, min: String(min), max: String(max), step: String(step), value: String(value) });
  input.addEventListener("input", (event) => {
    state.inputAt = performance.now();
    out.textContent = num.format(Number(input.value));
    apply(Number(input.value));
    scheduleTuned(event.timeStamp);
  });
  return el("div", { class: "slider" }, el("label", { for: id }, name), input, out);
}

function buildSliders() {
  const p = state.program;
  const box = $("sliders");
  box.replaceChildren();
  const maxScore = (() => {
    try {
      const sc = new Scorecard(p);
      const m = sc.form().max_score;
      sc.free();
      return m;
    } catch (e) {
      recovered(e);
      return 100;
    }
  })();
  const tiers = el("fieldset", {}, el("legend", {}, t("lab.sliderTiers")));
  p.tiers.forEach((t, i) => {
    if (t.min_score == null) return;
    tiers.append(slider({ id: `tier-${t.id}`, text: label(t.label), min: 0, max: Math.ceil(maxScore), step: maxScore <= 20 ? 0.1 : 1, value: t.min_score, apply: (v) => (p.tiers[i].min_score = v) }));
  });
  const weights = el("fieldset", {}, el("legend", {}, t("lab.sliderWeights")));
  const targets = el("fieldset", {}, el("legend", {}, t("lab.sliderTargets")));
  (p.criteria ?? []).forEach((c, i) => {
    weights.append(slider({ id: `weight-${c.id}`, text: label(c.label), min: 0, max: 3, step: 0.1, value: c.weight ?? 1, apply: (v) => (p.criteria[i].weight = v) }));
    if (c.rule.type === "linear" || c.rule.type === "log") {
      const target = c.rule.target;
      const from = c.rule.from ?? 0;
      const step = Math.max((target - from) / 100, Number.EPSILON);
      targets.append(slider({ id: `target-${c.id}`, text: label(c.label), min: from + step, max: from + (target - from) * 2, step, value: target, apply: (v) => (p.criteria[i].rule.target = v) }));
    }
  });
  box.append(tiers, weights);
  if (targets.children.length > 1) box.append(targets);
}

/**
 * After a slider move: the edited program goes to the engine, which validates it, then every
 * partner is re-scored at once. Steps that came while a re-scoring ran (arrow keys held down,
 * a drag) are a backlog: they only change the program, and the next frame scores the latest,
 * once. `#results[data-pending]` says one is due.
 */
function scheduleTuned(eventTime = performance.now()) {
  if (state.tunePending) return;
  if (eventTime > (state.lastTuneEnd ?? 0)) {
    tuned();
    return;
  }
  state.tunePending = true;
  $("results").dataset.pending = "";
  requestAnimationFrame(() => {
    state.tunePending = false;
    delete $("results").dataset.pending;
    tuned();
  });
}

function tuned() {
  performance.measure("lab:wait", { start: state.inputAt ?? performance.now() });
  if (!state.lab) {
    try {
      new Scorecard(state.program).free();
      showErrors($("tune-errors"), null);
      state.valid = structuredClone(state.program);
    } catch (e) {
      showErrors($("tune-errors"), recovered(e));
    }
    return;
  }
  const started = performance.now();
  try {
    state.lab.setProgram(state.program);
    performance.measure("lab:setProgram", { start: started });
  } catch (e) {
    showErrors($("tune-errors"), recovered(e));
    $("timing").textContent = t("lab.lastValid");
    return;
  }
  showErrors($("tune-errors"), null);
  state.valid = structuredClone(state.program);
  if (rescore()) {
    state.lastTuneEnd = performance.now();
    $("timing").textContent = t("lab.rescored", { count: state.summary.counts.evaluated, ms: Math.round(state.lastTuneEnd - started) });
  }
}

// ---------------------------------------------------------------- start

async function start() {
  await init();
  $("as-of").value = params.get("as_of") || new Date().toLocaleDateString("en-CA");
  const index = await (await fetch("programs/index.json")).json();
  for (const p of index.programs) {
    state.programs.set(p.id, await (await fetch(`programs/${p.file}`)).text());
    $("program-select").append(el("option", { value: p.id }, label(p.label)));
  }
  const first = params.get("program") && state.programs.has(params.get("program")) ? params.get("program") : index.programs[0].id;
  $("program-select").value = first;
  setProgram(state.programs.get(first), first);

  $("program-select").addEventListener("change", () => setProgram(state.programs.get($("program-select").value), $("program-select").value));
  $("program-file").addEventListener("change", async () => {
    const file = $("program-file").files[0];
    if (file) setProgram(await file.text(), file.name);
  });
  $("csv-file").addEventListener("change", async () => {
    const file = $("csv-file").files[0];
    if (file) openPartnerFile(new Uint8Array(await file.arrayBuffer()), file.name);
  });
  // A template for the program: its columns and one example partner, as the generator makes them.
  $("download-template").addEventListener("click", () => {
    try {
      const bytes = generatePartners(state.valid, { rows: 1, seed: 1, as_of: $("as-of").value });
      download(`${state.form?.id ?? "program"}-partners-template.csv`, "text/csv", bytes);
    } catch (e) {
      showErrors($("program-errors"), recovered(e));
    }
  });
  $("download-template-xlsx").addEventListener("click", () => {
    try {
      const bytes = generatePartners(state.valid, { rows: 1, seed: 1, as_of: $("as-of").value, format: "xlsx" });
      download(`${state.form?.id ?? "program"}-partners-template.xlsx`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes);
    } catch (e) {
      showErrors($("program-errors"), recovered(e));
    }
  });
  $("generate").addEventListener("click", () => {
    const rows = Math.max(1, Math.min(500_000, Math.floor(Number($("gen-rows").value) || 1)));
    const seed = Math.max(0, Math.floor(Number($("gen-seed").value) || 0));
    try {
      const bytes = generatePartners(state.valid, { rows, seed, as_of: $("as-of").value });
      readPartners(bytes, t("lab.syntheticWhat", { rows, seed }));
    } catch (e) {
      showErrors($("program-errors"), recovered(e));
    }
  });
  for (const id of ["as-of", "axis-x", "axis-y", "threshold-x", "threshold-y", "seg-track", "reach-percent", "reach-effort"]) $(id).addEventListener("change", rescore);
  $("drill-close").addEventListener("click", () => $("drill").close());
  $("save-scenario").addEventListener("click", saveScenario);
  $("scatter").addEventListener("click", scatterClick);
  $("reset-program").addEventListener("click", () => {
    state.program = structuredClone(state.original);
    buildSliders();
    tuned();
    $("timing").textContent = "";
  });
  $("download-program").addEventListener("click", () => {
    const text = JSON.stringify(state.program, null, 2) + "\n";
    try {
      new Scorecard(text).free();
    } catch (e) {
      showErrors($("tune-errors"), recovered(e));
      return;
    }
    download(`${state.program.id || "program"}-edited.json`, "application/json", text);
  });
  $("export-csv").addEventListener("click", () => {
    if (!state.lab || !state.summary) {
      say(t("lab.nothingToExport"));
      return;
    }
    try {
      // Plans in the page's language; the columns keep their ids for the programs that read the file.
      const entries = state.lab.checkReach(0).shown;
      const texts = entries.map((e) => (e.plan ? t.message(e.plan_i18n, e.plan) : ""));
      download("partner-results.csv", "text/csv", state.lab.exportCsv(texts));
    } catch (e) {
      showErrors($("tune-errors"), recovered(e));
    }
  });
  say(t("lab.start"));
  performance.mark("lab:ready");
}

start().catch((e) => {
  say(t("lab.startFailed", { message: e.message }));
});
