// The demo page around <partner-scorecard>: choosing a program, the partner's own data
// (opt-in draft, export/import, link with the profile in the fragment, forget) and printing.
// No scoring here either: the element and the engine do that.

import { engineReady } from "./partner-scorecard.mjs";
import { version } from "../pkg/partner_scorecard.js";
import { pickLanguage, text } from "./i18n.mjs";

const $ = (id) => document.getElementById(id);
const card = $("scorecard");
const select = $("program-select");
const langSelect = $("lang-select");
const status = $("page-status");
const KEEP = "partner-scorecard:keep";
const DRAFT = "partner-scorecard:draft:";

/** Shipped programs, fetched once at load so that switching programs needs no request. */
const programs = new Map();
let current = null; // { key, text, name }

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
  if (!draftsKept() || !current) return;
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
  const params = new URLSearchParams(location.hash.slice(1));
  let profile = null;
  if (params.has("profile")) {
    try {
      profile = JSON.parse(params.get("profile"));
    } catch {
      say("The link's profile could not be read; starting empty.");
    }
  }
  return { program: params.get("program"), profile };
}

async function useProgram(entry, profile) {
  const ok = await card.loadProgram(entry.text, entry.name);
  if (!ok) return false;
  current = entry;
  const draft = profile ?? loadDraft(entry.key);
  if (draft) card.profile = draft;
  if (select.value !== entry.key) select.value = entry.key;
  showLanguages();
  return true;
}

function showLanguages() {
  const langs = card.form?.languages ?? [];
  $("lang-control").hidden = langs.length < 2;
  if (langs.length < 2) return;
  const names = new Intl.DisplayNames([navigator.language, "en"], { type: "language" });
  const chosen = card.getAttribute("lang") && langs.includes(card.getAttribute("lang")) ? card.getAttribute("lang") : pickLanguage(langs);
  langSelect.replaceChildren(...langs.map((l) => new Option(`${names.of(l) ?? l}`, l, false, l === chosen)));
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
  const lang = pickLanguage(["en", "de"]);

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
      say(`Only program files from this site can be opened; ${url.origin} is another site.`);
    } else {
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        const entry = { key: `url:${url.pathname}${url.search}`, text: await response.text(), name: url.pathname.split("/").pop() };
        programs.set(entry.key, entry);
        addOption(entry.key, `${entry.name} (from the link)`);
      } catch (e) {
        say(`The program ${asked} could not be loaded: ${e.message}`);
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
  if (entry) await useProgram(entry);
});

langSelect.addEventListener("change", () => card.setAttribute("lang", langSelect.value));

$("program-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  const entry = { key: `file:${file.name}`, text: await file.text(), name: file.name };
  if (await useProgram(entry)) {
    programs.set(entry.key, entry);
    addOption(entry.key, `${file.name} (your file)`);
    select.value = entry.key;
    say(`Opened ${file.name}.`);
  } else {
    say(`${file.name} cannot be used; its problems are listed below. The previous program is still in use.`);
  }
});

card.addEventListener("scorecard-result", saveDraft);

$("keep-draft").addEventListener("change", (e) => {
  try {
    if (e.target.checked) {
      localStorage.setItem(KEEP, "1");
      saveDraft();
      say("Your entries are kept as a draft in this browser until you choose Forget my data.");
    } else {
      forgetStorage();
      say("No draft is kept any more; the stored draft was deleted.");
    }
  } catch {
    e.target.checked = false;
    say("This browser does not allow keeping a draft.");
  }
});

$("export").addEventListener("click", () => {
  const blob = new Blob([JSON.stringify(card.profile, null, 2) + "\n"], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `${(current?.key ?? "profile").replace(/^\w+:/, "").replace(/[^\w.-]+/g, "_").replace(/\.json$/, "")}-profile.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  say(`Saved ${a.download}.`);
});

$("import").addEventListener("click", () => $("import-file").click());
$("import-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  e.target.value = "";
  let profile;
  try {
    profile = JSON.parse(await file.text());
  } catch (err) {
    say(`${file.name} is not a JSON file: ${err.message}`);
    return;
  }
  if (!profile || typeof profile !== "object" || Array.isArray(profile)) {
    say(`${file.name} does not hold a profile (an object with "values").`);
    return;
  }
  card.profile = profile;
  say(`Imported ${file.name}.`);
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
    say(current?.key.startsWith("file:") ? "Link copied. The program file is not in the link: whoever opens it needs the same file." : "Link copied.");
  } catch {
    say("Copy the selected link (Ctrl+C).");
  }
});

$("print").addEventListener("click", () => window.print());

$("forget").addEventListener("click", () => {
  forgetStorage();
  card.reset();
  $("keep-draft").checked = false;
  $("share-link").value = "";
  $("link-box").hidden = true;
  $("import-file").value = "";
  history.replaceState(null, "", location.pathname + location.search);
  say("Everything you entered was cleared from this page and from this browser's storage.");
});

window.addEventListener("hashchange", async () => {
  const { program, profile } = readFragment();
  if (program && programs.has(program) && program !== current?.key) await useProgram(programs.get(program), profile);
  else if (profile) card.profile = profile;
});

start().catch((e) => say(`The scorecard could not start: ${e.message}`));
