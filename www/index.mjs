// The demo page around <partner-scorecard>: choosing a program, the partner's own data
// (opt-in draft, export/import, link with the profile in the fragment, forget) and printing.
// No scoring here either: the element and the engine do that.

import { engineReady } from "./partner-scorecard.mjs";
import { jsonProblem, version } from "../pkg/lite/partner_scorecard.js";
import { isRightToLeft, loadCatalog, messages, pageLanguages, pickLanguage, text } from "./i18n.mjs";
import { fieldOf } from "./scorecard-profile.mjs";

/** Elements by id, loosely typed: which kind each is (input, select, canvas) is the HTML's business. @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);
const card = $("scorecard");
const select = $("program-select");
const langSelect = $("lang-select");
const status = $("page-status");
const KEEP = "partner-scorecard:keep";
const DRAFT = "partner-scorecard:draft:";
/**
 * The longest link fragment opened (characters): a profile with a few hundred certifications.
 * Longer links are refused with a message (export the profile as a file instead); a crafted
 * one of megabytes would otherwise freeze the page while it is read.
 */
const MAX_LINK = 64 * 1024;

/**
 * A profile opened from a link or an imported file is shown but not saved: it replaces no
 * draft until the partner keeps it. `previous` is what was on screen before.
 */
let opened = null; // { what, previous }
/** The largest profile file imported, in bytes (ten thousand certifications take about 1.5 MB). */
const MAX_IMPORT = 16 * 1024 * 1024;

/** Shipped programs, fetched once at load so that switching programs needs no request. */
const programs = new Map();
let current = null; // { key, text, name }

/** Where an opened profile came from: the link (in the page's words) or a file's name. */
const LINK = Symbol("the link");
const whatText = (what) => (what === LINK ? pageT("page.fromLink") : what);

/** The page's own texts in the page's language (the element's: its `lang`, else the browser's). */
let pageT = messages(pickLanguage(pageLanguages));

/** Writes every text marked data-i18n (and labels marked data-i18n-label) in `lang`; sets lang and dir. */
async function localizePage(lang) {
  await loadCatalog(lang).catch(() => {});
  pageT = messages(lang, lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = isRightToLeft(lang) ? "rtl" : "ltr";
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = pageT(el.getAttribute("data-i18n"));
  for (const el of document.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", pageT(el.getAttribute("data-i18n-label")));
  if (opened) $("opened-text").textContent = pageT("page.opened", { what: whatText(opened.what), draft: draftsKept() ? "yes" : "no" });
}

function say(message) {
  status.textContent = message;
}

function draftsKept() {
  try {
    return localStorage.getItem(KEEP) === "1";
  } catch {
    return false;
  }
}

function saveDraft() {
  if (!draftsKept() || !current || opened) return;
  try {
    localStorage.setItem(DRAFT + current.key, JSON.stringify(card.profile));
  } catch {
    // Storage full or blocked: the draft is simply not kept.
  }
}

function loadDraft(key) {
  if (!draftsKept()) return null;
  try {
    const raw = localStorage.getItem(DRAFT + key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function forgetStorage() {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith("partner-scorecard:")) localStorage.removeItem(key);
  } catch {
    // Nothing stored, or storage blocked.
  }
}

/** `#program=…&profile=…` of a shared link. */
function readFragment() {
  if (location.hash.length < 2) return {};
  if (location.hash.length > MAX_LINK) {
    say(pageT("page.linkTooLarge", { kb: Math.round(location.hash.length / 1024), max: MAX_LINK / 1024 }));
    return {};
  }
  const params = new URLSearchParams(location.hash.slice(1));
  let profile = null;
  if (params.has("profile")) {
    try {
      profile = JSON.parse(params.get("profile"));
    } catch {
      say(pageT("page.linkUnreadable"));
    }
  }
  return { program: params.get("program"), profile };
}

/** Shows a profile from a link or a file without saving it; the notice offers to keep it. */
function openProfile(profile, what) {
  if (!opened) opened = { what, previous: card.profile };
  else opened.what = what;
  card.profile = profile;
  $("opened-text").textContent = pageT("page.opened", { what: whatText(what), draft: draftsKept() ? "yes" : "no" });
  $("opened-notice").hidden = false;
}

function closeOpened() {
  opened = null;
  $("opened-notice").hidden = true;
}

/** The entries a program change or an import left out, named as the form names them ("Annual revenue", "tracks[0]"). */
function droppedNames(dropped) {
  const form = card.form;
  const lang = card.getAttribute("lang") || pickLanguage(pageLanguages);
  const names = dropped.map((issue) => {
    const id = fieldOf(issue.path);
    const field = id === null ? null : form.fields.find((f) => f.id === id);
    if (field) return text(field.label, lang, form.languages);
    if (id !== null) return id; // a field of another program: its id is all there is
    // The profile's own keys, in the form's words.
    const key = issue.path.split(/[.[]/)[0];
    return { partner: pageT("partner"), region: pageT("region"), tracks: pageT("tracks"), current_tiers: pageT("heldTier") }[key] ?? issue.path;
  });
  return [...new Set(names.filter(Boolean))];
}

async function useProgram(entry, linkProfile) {
  const ok = await card.loadProgram(entry.text, entry.name);
  if (!ok) return false;
  const previous = current;
  current = entry;
  const draft = loadDraft(entry.key);
  // What was typed for the previous program stays where it fits (a kept draft of this program
  // comes first); the page says what was kept and what was left out.
  if (previous && !draft && !linkProfile && card.carried) {
    const { kept, dropped } = card.carried;
    const names = droppedNames(dropped);
    say(pageT("page.carried", { kept, dropped: names.length, names }));
  }
  if (linkProfile) {
    // What was on screen before the link: the draft, if one is kept.
    if (draft) card.profile = draft;
    openProfile(linkProfile, LINK);
  } else if (draft) {
    card.profile = draft;
  }
  if (select.value !== entry.key) select.value = entry.key;
  showLanguages();
  return true;
}

/** Every language the page has a catalog for; each shown in its own name ("Deutsch", "日本語"). */
function showLanguages() {
  const langs = pageLanguages;
  $("lang-control").hidden = false;
  const chosen = card.getAttribute("lang") && langs.includes(card.getAttribute("lang")) ? card.getAttribute("lang") : pickLanguage(langs);
  langSelect.replaceChildren(...langs.map((l) => new Option(new Intl.DisplayNames([l], { type: "language" }).of(l) ?? l, l, false, l === chosen)));
}

function addOption(key, label) {
  let option = [...select.options].find((o) => o.value === key);
  if (!option) {
    option = new Option(label, key);
    select.append(option);
  }
  return option;
}

async function start() {
  const params = new URLSearchParams(location.search);
  if (params.get("as_of")) card.setAttribute("as-of", params.get("as_of"));
  const lang = card.getAttribute("lang") || pickLanguage(pageLanguages);
  await localizePage(lang);

  const index = await (await fetch("programs/index.json")).json();
  await Promise.all(
    index.programs.map(async (p) => {
      const response = await fetch(`programs/${p.file}`);
      programs.set(p.id, { key: p.id, text: await response.text(), name: p.file });
    }),
  );
  for (const p of index.programs) addOption(p.id, text(p.label, lang, ["en"]));

  // A vendor may link to its own program on this site: ?program=path/to/program.json
  const fragment = readFragment();
  const asked = params.get("program");
  if (asked) {
    const url = new URL(asked, location.href);
    if (url.origin !== location.origin) {
      say(pageT("page.otherSite", { origin: url.origin }));
    } else {
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        const entry = { key: `url:${url.pathname}${url.search}`, text: await response.text(), name: url.pathname.split("/").pop() };
        programs.set(entry.key, entry);
        addOption(entry.key, `${entry.name} (from the link)`);
      } catch (e) {
        say(pageT("page.programFailed", { name: asked, message: e.message }));
      }
    }
  }
  await engineReady;
  $("engine-version").textContent = version();
  const firstKey = [fragment.program, asked ? [...programs.keys()].find((k) => k.startsWith("url:")) : null].find((k) => k && programs.has(k)) ?? index.programs[0].id;
  if (!(await useProgram(programs.get(firstKey), fragment.profile)) && firstKey !== index.programs[0].id) {
    await useProgram(programs.get(index.programs[0].id));
  }
  $("keep-draft").checked = draftsKept();
}

select.addEventListener("change", async () => {
  const entry = programs.get(select.value);
  closeOpened();
  if (entry) await useProgram(entry);
});

$("keep-opened").addEventListener("click", () => {
  const what = opened?.what;
  closeOpened();
  saveDraft();
  history.replaceState(null, "", location.pathname + location.search);
  say(pageT(draftsKept() ? "page.keptDraft" : "page.keptPage", { what: whatText(what) }));
});

$("drop-opened").addEventListener("click", () => {
  const previous = opened?.previous;
  closeOpened();
  if (previous) card.profile = previous;
  history.replaceState(null, "", location.pathname + location.search);
  say(pageT("page.back"));
});

langSelect.addEventListener("change", () => card.setAttribute("lang", langSelect.value));
// The page speaks the element's language, however it was set.
new MutationObserver(() => localizePage(card.getAttribute("lang") || pickLanguage(pageLanguages))).observe(card, { attributes: true, attributeFilter: ["lang"] });

$("program-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  const entry = { key: `file:${file.name}`, text: await file.text(), name: file.name };
  if (await useProgram(entry)) {
    programs.set(entry.key, entry);
    addOption(entry.key, `${file.name} (your file)`);
    select.value = entry.key;
    say(pageT("page.openedFile", { name: file.name }));
  } else {
    say(pageT("page.fileUnusable", { name: file.name }));
  }
});

card.addEventListener("scorecard-result", saveDraft);

$("keep-draft").addEventListener("change", (e) => {
  try {
    if (e.target.checked) {
      localStorage.setItem(KEEP, "1");
      saveDraft();
      say(pageT("page.draftOn"));
    } else {
      forgetStorage();
      say(pageT("page.draftOff"));
    }
  } catch {
    e.target.checked = false;
    say(pageT("page.draftBlocked"));
  }
});

$("export").addEventListener("click", () => {
  // The file says which program it was written for, so that importing it elsewhere can say so.
  const form = card.form;
  const exported = { program: { id: form.id, ...(form.version ? { version: form.version } : {}) }, ...card.profile };
  const blob = new Blob([JSON.stringify(exported, null, 2) + "\n"], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `${(current?.key ?? "profile").replace(/^\w+:/, "").replace(/[^\w.-]+/g, "_").replace(/\.json$/, "")}-profile.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  say(pageT("page.saved", { name: a.download }));
});

// On a phone the tools fold away, so that the scorecard's answer is on the first screen.
if (matchMedia("(max-width: 600px)").matches) $("more-tools").open = false;

$("import").addEventListener("click", () => $("import-file").click());
$("import-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  e.target.value = "";
  if (file.size > MAX_IMPORT) {
    say(pageT("page.importTooLarge", { name: file.name, mb: Math.round(file.size / 1024 / 1024), max: MAX_IMPORT / 1024 / 1024 }));
    return;
  }
  const text = await file.text();
  // The engine says where and why a text is not JSON, in the page's language (the browser's
  // JSON.parse message is its own, in English).
  const problem = jsonProblem(text);
  if (problem) {
    say(pageT("page.importNotJson", { name: file.name, message: pageT.message(problem.message_i18n, problem.message) }));
    return;
  }
  const profile = JSON.parse(text);
  if (!profile || typeof profile !== "object" || Array.isArray(profile)) {
    say(pageT("page.importNoProfile", { name: file.name }));
    return;
  }
  // Entries that do not fit this program (another program's fields, values out of range) are
  // left out and named, rather than shown as errors.
  const written = profile.program && typeof profile.program === "object" ? profile.program : null;
  const { profile: fitted, dropped } = card.fit(profile);
  openProfile(fitted, file.name);
  const form = card.form;
  const other = written?.id && written.id !== form.id ? String(written.id) : null;
  const names = droppedNames(dropped);
  if (other) say(pageT("page.importOther", { name: file.name, program: other, version: written.version ? String(written.version) : null, dropped: names.length, names }));
  else if (names.length) say(pageT("page.importDropped", { name: file.name, dropped: names.length, names }));
  else say(pageT("page.openedFile", { name: file.name }));
});

$("copy-link").addEventListener("click", async () => {
  const params = new URLSearchParams();
  if (current && !current.key.startsWith("file:")) params.set("program", current.key);
  params.set("profile", JSON.stringify(card.profile));
  const link = `${location.origin}${location.pathname}${location.search}#${params}`;
  const box = $("share-link");
  box.value = link;
  $("link-box").hidden = false;
  box.focus();
  box.select();
  try {
    await navigator.clipboard.writeText(link);
    say(pageT(current?.key.startsWith("file:") ? "page.linkCopiedFile" : "page.linkCopied"));
  } catch {
    say(pageT("page.copyManually"));
  }
});

$("print").addEventListener("click", () => window.print());

$("forget").addEventListener("click", () => {
  forgetStorage();
  closeOpened();
  card.reset();
  $("keep-draft").checked = false;
  $("share-link").value = "";
  $("link-box").hidden = true;
  $("import-file").value = "";
  history.replaceState(null, "", location.pathname + location.search);
  say(pageT("page.forgotten"));
});

window.addEventListener("hashchange", async () => {
  const { program, profile } = readFragment();
  if (program && programs.has(program) && program !== current?.key) await useProgram(programs.get(program), profile);
  else if (profile) openProfile(profile, LINK);
});

start().catch((e) => say(pageT("page.startFailed", { message: e.message })));
