// <partner-scorecard>: a partner's self-assessment form and live scorecard for one partner
// program. Every score, tier, plan and validation message comes from the wasm engine; this
// file only draws the form from the program's form description, collects what the partner
// types, and draws what the engine returns.
//
//   <script type="module" src="/partner-scorecard/partner-scorecard.mjs"></script>
//   <partner-scorecard program="programs/classic-reseller.json"></partner-scorecard>
//
// Attributes: program (same-origin URL), lang, locale, as-of (YYYY-MM-DD), prefill (profile JSON),
// history (offer to keep assessments on the device, with the partner's consent).
// Properties: program (object or JSON text), profile, prefill, result, lastUpdateMs.
// Events: "scorecard-result" (detail: {evaluation, gaps, profile, issues}) after every change,
// "scorecard-gaps" (same detail) when the least-effort plan for it is ready (it is computed
// in a worker and follows the score), "scorecard-error" (detail: {kind, issues, message})
// when a program cannot be used.

import { catalogLoaded, formatters, isRightToLeft, loadCatalog, messages, pageLanguages, pickLanguage, text } from "./i18n.mjs";
import { append, clone, h } from "./scorecard-dom.mjs";
import { Scorecard, engineGeneration, engineReady, isScorecardError, planEngine, restartEngine } from "./scorecard-engine.mjs";
import { hasEntries, normalizeProfile, safeParse, setOrDelete, withoutInvalid } from "./scorecard-profile.mjs";
import { renderForm } from "./scorecard-form.mjs";
import { editableNumber, parseNumber } from "./scorecard-number.mjs";
import { trackAnswer, trackDetails } from "./scorecard-results.mjs";
import { historySection } from "./scorecard-history.mjs";

export { Scorecard, engineReady };

const STYLESHEET = new URL("partner-scorecard.css", import.meta.url).href;
let firstScoreMarked = false;
let uid = 0;

export class PartnerScorecard extends HTMLElement {
  static observedAttributes = ["program", "lang", "locale", "as-of", "prefill", "history"];

  #scorecard = null;
  /** The program text the plans are computed for, and its reading in the full module when there is no worker. */
  #planProgram = null;
  #planScorecard = null;
  /** The program's JSON text and the engine generation #scorecard belongs to. */
  #programText = null;
  #scorecardGeneration = 0;
  /** Why the last plan could not be worked out, if it could not. */
  #gapsError = null;
  #form = null;
  #profile = { values: {} };
  #prefill = null;
  #lang;
  /** The locale numbers and dates are read and written in. */
  #locale = undefined;
  /** Whether a render has happened (until then, one waits for the language's catalog). */
  #renderedOnce = false;
  #t = messages("en");
  /** A vendor's own wording: language -> message key -> template (`messages` property). */
  #overrides = {};
  #fmt = formatters(undefined);
  #evaluation = null;
  #gaps = null;
  #issues = [];
  #selectedTrack = null;
  #lastAnnouncement = "";
  #loading = null;
  #id = `ps${++uid}`;
  #onPrint = null;
  #afterPrint = null;
  // Gap analysis runs in a worker: #seq numbers evaluations, #gapsSeq says which one #gaps belongs to.
  #worker = undefined;
  #workerBusy = false;
  #seq = 0;
  #gapsSeq = -1;
  #gapsRequest = null;
  #inputStarted = new Map();
  /** The tier the partner picked as the target, per track id ("" without tracks). */
  #targets = {};
  /** The profile before "Try this plan", for its undo. */
  #beforePlan = null;
  #applySeq = 0;
  /** The answer the worker owes for "Try this plan". */
  #applyWaiting = null;
  /** Milliseconds from the last input event to the updated score on screen. */
  lastUpdateMs = null;
  /** Milliseconds from the last input event to the updated plan on screen (computed in a worker). */
  lastPlanMs = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    this.$status = h("div", { class: "status", role: "alert" });
    this.$form = h("form", { class: "form", novalidate: true, "aria-label": "Profile" });
    this.$form.addEventListener("submit", (e) => e.preventDefault());
    this.$summary = h("div", { class: "summary", "aria-hidden": "true" });
    this.$results = h("section", { class: "results", "aria-label": "Scorecard" });
    this.$details = h("section", { class: "details-col", "aria-label": "Details" });
    this.$live = h("p", { class: "sr-only", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    root.append(
      h("link", { rel: "stylesheet", href: STYLESHEET }),
      h("div", { class: "root", part: "root" }, this.$status, // The answer first, then the form, then the details: the reading order on a phone;
      // side by side on a wide screen (partner-scorecard.css).
      h("div", { class: "layout" }, this.$results, h("div", { class: "form-col" }, this.$summary, this.$form), this.$details), this.$live),
    );
  }

  connectedCallback() {
    // A printed scorecard shows every track and every alternative plan.
    this.#onPrint ??= () => {
      for (const d of /** @type {NodeListOf<HTMLDetailsElement>} */ (this.shadowRoot.querySelectorAll("details:not([open])"))) {
        d.open = true;
        d.dataset.printOpened = "";
      }
    };
    this.#afterPrint ??= () => {
      for (const d of /** @type {NodeListOf<HTMLDetailsElement>} */ (this.shadowRoot.querySelectorAll("details[data-print-opened]"))) {
        d.open = false;
        delete d.dataset.printOpened;
      }
    };
    window.addEventListener("beforeprint", this.#onPrint);
    window.addEventListener("afterprint", this.#afterPrint);
    if (!this.#scorecard && !this.#loading && this.getAttribute("program")) this.#loadFromUrl(this.getAttribute("program"));
  }

  disconnectedCallback() {
    window.removeEventListener("beforeprint", this.#onPrint);
    window.removeEventListener("afterprint", this.#afterPrint);
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === "program" && value && this.isConnected) this.#loadFromUrl(value);
    else if (name === "prefill") this.prefill = value ? safeParse(value) : null;
    else if (this.#scorecard) this.#render();
  }

  // ------------------------------------------------------------------ public API

  /**
   * A vendor's own wording for single messages, by language: `{ de: { "term.certification":
   * "Akkreditierung", "plan": "Ihr Weg zu {tier}" } }`. Keys and syntax as in www/locales/en.mjs.
   */
  get messages() {
    return clone(this.#overrides);
  }

  set messages(value) {
    this.#overrides = value && typeof value === "object" ? clone(value) : {};
    if (this.#scorecard) this.#render();
  }

  /** The program as a `Form` description, or null before one is loaded. */
  get form() {
    return clone(this.#form);
  }

  /**
   * Loads a program (object or JSON text). Resolves to true, or false after showing its errors
   * (the program in use stays). What the partner entered is kept as far as it fits the new
   * program (`carried` then says what was kept and what was left out), unless `keep` is false.
   */
  async loadProgram(program, name = "program", { keep = true } = {}) {
    await engineReady;
    let scorecard;
    try {
      scorecard = new Scorecard(program);
    } catch (e) {
      this.#showProgramErrors(e, name);
      return false;
    }
    // An object of a replaced instance is stale: dropped, never freed.
    if (this.#scorecardGeneration === engineGeneration) this.#scorecard?.free();
    this.#scorecard = scorecard;
    this.#scorecardGeneration = engineGeneration;
    this.#programText = typeof program === "string" ? program : JSON.stringify(program);
    this.#form = scorecard.form();
    this.#gaps = null;
    this.#gapsError = null;
    this.#gapsSeq = -1;
    this.#sendProgram(this.#programText);
    this.#status();
    const previous = this.#profile;
    this.#profile = this.#withPrefill({ values: {} });
    this.carried = null;
    if (keep && hasEntries(previous)) {
      const { profile, dropped } = this.fit({ ...previous, program: undefined });
      this.#profile = this.#withPrefill(profile);
      this.carried = { kept: Object.keys(profile.values).length, dropped };
    }
    this.#targets = {};
    this.#beforePlan = null;
    this.#selectedTrack = null;
    this.#lastAnnouncement = "";
    this.#render();
    return true;
  }

  /** What the last program change kept of the partner's entries: `{kept, dropped: Issue[]}`, or null. */
  carried = null;

  /**
   * The profile as far as it fits the program in use: entries the engine refuses (a field this
   * program lacks, a value out of range, an unknown track) are left out and returned as
   * `dropped`, each with its path and message.
   */
  fit(profile) {
    const p = normalizeProfile(clone(profile));
    delete p.program;
    try {
      this.#engine().evaluate(p, this.#options());
      return { profile: p, dropped: [] };
    } catch (e) {
      if (!isScorecardError(e) || e.kind !== "profile") throw e;
      return { profile: withoutInvalid(p, e.issues), dropped: e.issues };
    }
  }

  set program(value) {
    this.#loading = this.loadProgram(value);
  }

  /** Resolves when the program given last has been loaded (or rejected with its errors shown). */
  get loaded() {
    return this.#loading ?? Promise.resolve(false);
  }

  /** The partner's profile as entered: `{partner?, region?, tracks?, values: {...}}`. */
  get profile() {
    return clone(this.#profile);
  }

  set profile(value) {
    this.#profile = normalizeProfile(clone(value));
    this.#beforePlan = null;
    if (this.#scorecard) this.#render();
  }

  /** Values the host already knows (a partial profile); applied now and to every program loaded later. */
  get prefill() {
    return clone(this.#prefill);
  }

  set prefill(value) {
    this.#prefill = value && typeof value === "object" ? clone(value) : null;
    if (this.#scorecard) {
      this.#profile = this.#withPrefill(this.#profile);
      this.#render();
    }
  }

  /** Clears everything the partner entered (prefilled values come back). */
  reset() {
    this.#profile = this.#withPrefill({ values: {} });
    this.#beforePlan = null;
    if (this.#scorecard) this.#render();
  }

  /** The last result: `{evaluation, gaps, profile, issues}`; `gaps` is null until the plan for this evaluation is ready. */
  get result() {
    if (!this.#evaluation) return null;
    return { evaluation: this.#evaluation, gaps: this.#gapsSeq === this.#seq ? this.#gaps : null, profile: this.profile, issues: this.#issues };
  }

  // ------------------------------------------------------------------ loading

  async #loadFromUrl(src) {
    const run = async () => {
      const url = new URL(src, document.baseURI);
      if (url.origin !== location.origin) {
        this.#showProgramErrors({ message: this.#t("programOtherSite", { origin: url.origin }) }, src);
        return false;
      }
      let body;
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        body = await response.text();
      } catch (e) {
        this.#showProgramErrors({ message: this.#t("programLoadFailed", { src, message: e.message }) }, src);
        return false;
      }
      return this.loadProgram(body, src);
    };
    this.#loading = run();
    return this.#loading;
  }

  #showProgramErrors(error, name) {
    const issues = isScorecardError(error) ? error.issues : [{ path: "", message: error.message ?? String(error) }];
    const t = this.#t;
    this.#status(
      h("p", {}, h("strong", {}, name), ": ", t("programErrors", { n: issues.length })),
      // A program file's own rules are worded for its author, in the format's English (README,
      // "Languages and locales"); what any JSON file can get wrong is in the partner's language.
      h("ul", { class: "issues" }, issues.map((i) => h("li", {}, i.path ? h("code", {}, i.path) : null, i.path ? ": " : "",
        i.message_i18n ? t.message(i.message_i18n, i.message) : h("span", { lang: isScorecardError(error) ? "en" : null }, i.message)))),
    );
    this.dispatchEvent(new CustomEvent("scorecard-error", { bubbles: true, composed: true, detail: { kind: error.kind ?? "program", issues, message: error.message } }));
  }

  #status(...content) {
    this.$status.replaceChildren(...content);
    this.$status.hidden = content.length === 0;
  }

  #withPrefill(profile) {
    const out = normalizeProfile(profile);
    const pre = this.#prefill;
    if (!pre || !this.#form) return out;
    const known = new Set(this.#form.fields.map((f) => f.id));
    const values = pre.values && typeof pre.values === "object" ? pre.values : {};
    for (const [id, v] of Object.entries(values)) if (known.has(id) && !(id in out.values)) out.values[id] = clone(v);
    for (const key of ["partner", "region", "tracks"]) if (pre[key] != null && out[key] == null) out[key] = clone(pre[key]);
    return out;
  }

  // ------------------------------------------------------------------ rendering

  #render() {
    const form = this.#form;
    // The page's language: the `lang` attribute, else the browser's first that has a catalog
    // (www/locales/); program texts fall back to the program's own languages.
    this.#lang = this.getAttribute("lang") || pickLanguage(pageLanguages);
    if (!catalogLoaded(this.#lang)) {
      // The language's catalog loads first; then this renders again.
      loadCatalog(this.#lang).then(() => this.#render(), () => this.#render());
      if (!this.#renderedOnce) return;
    }
    this.#renderedOnce = true;
    // Numbers and dates: the `locale` attribute, else the `lang` one (an embed with lang="de"
    // writes German numbers), else the browser's.
    const locale = this.getAttribute("locale") || this.getAttribute("lang") || navigator.language;
    this.#locale = locale;
    this.#t = messages(this.#lang, locale, this.#overrides[this.#lang] ?? this.#overrides[this.#lang?.split("-")[0]]);
    const dir = isRightToLeft(this.#lang) ? "rtl" : "ltr";
    this.$form.setAttribute("dir", dir);
    this.$results.setAttribute("dir", dir);
    this.$details.setAttribute("dir", dir);
    this.#fmt = formatters(locale, form.currency);
    this.$form.setAttribute("lang", this.#lang ?? "");
    this.$results.setAttribute("lang", this.#lang ?? "");
    this.$details.setAttribute("lang", this.#lang ?? "");
    this.$results.setAttribute("aria-label", this.#t("answer"));
    this.$details.setAttribute("aria-label", this.#t("details"));
    this.#renderForm();
    this.#update();
  }

  #txt(value) {
    return text(value, this.#lang, this.#form.languages);
  }

  #renderForm() {
    renderForm({
      form: this.#form,
      profile: this.#profile,
      t: this.#t,
      fmt: this.#fmt,
      txt: (value) => this.#txt(value),
      id: this.#id,
      lang: this.#lang,
      readNumber: (raw) => parseNumber(raw, this.#locale),
      editableNumber: (n) => editableNumber(n, this.#locale),
      update: (event) => this.#update(event),
      $form: this.$form,
    });
  }

  // ------------------------------------------------------------------ evaluation

  #options() {
    const options = {};
    if (this.#lang) options.lang = this.#lang;
    const asOf = this.getAttribute("as-of");
    if (asOf) options.as_of = asOf;
    return options;
  }

  /** Evaluates the profile; entries the engine rejects are marked at their field and left out. */
  #update(event) {
    const started = event?.timeStamp ?? performance.now();
    const options = this.#options();
    let profile = this.#profile;
    let issues = [];
    let evaluation = null;
    let failure = null;
    try {
      evaluation = this.#engine().evaluate(profile, options);
    } catch (e) {
      if (!isScorecardError(e) || e.kind !== "profile") failure = e;
      else {
        issues = e.issues;
        profile = withoutInvalid(profile, issues);
        try {
          evaluation = this.#scorecard.evaluate(profile, options);
        } catch (again) {
          failure = again;
        }
      }
    }
    this.#issues = issues;
    this.#markInvalid(issues);
    if (failure) {
      let message = failure.message;
      if (!isScorecardError(failure)) {
        restartEngine();
        message = this.#t("engineRestarted", { message });
      }
      this.$results.replaceChildren(h("div", { class: "problem", role: "alert" }, message));
      this.$details.replaceChildren();
      return;
    }
    this.#evaluation = evaluation;
    const seq = ++this.#seq;
    this.#inputStarted = new Map([[seq, started]]);
    this.#renderResults();
    this.lastUpdateMs = performance.now() - started;
    if (!firstScoreMarked) {
      firstScoreMarked = true;
      performance.mark("scorecard:first-score");
    }
    this.dispatchEvent(new CustomEvent("scorecard-result", { bubbles: true, composed: true, detail: this.result }));
    this.#requestGaps({ seq, profile, options: { ...options, ...this.#targetOptions(), window_days: 90, alternatives: 3 } });
  }

  // ------------------------------------------------------------------ gaps, off the main thread

  /** The program for the plans: the worker (or the main-thread fallback) reads it when a plan is first asked for. */
  #sendProgram(text) {
    this.#planProgram = text;
    this.#planScorecard?.free();
    this.#planScorecard = null;
    this.#worker?.postMessage({ program: text });
  }

  /** Starts the worker on the first plan request: its module loads after the partner's answer, not before. */
  #startWorker() {
    if (this.#worker === undefined) {
      try {
        this.#worker = new Worker(new URL("gaps-worker.mjs", import.meta.url), { type: "module" });
        this.#worker.onmessage = ({ data }) => {
          if ("apply" in data) this.#planApplied(data);
          else this.#gapsArrived(data);
        };
        this.#worker.onerror = () => {
          // A host that forbids workers: compute on the main thread instead.
          this.#worker = null;
          this.#workerBusy = false;
          if (this.#gapsRequest) this.#requestGaps(this.#gapsRequest);
        };
      } catch {
        this.#worker = null;
      }
      this.#worker?.postMessage({ program: this.#planProgram });
    }
  }

  /** Asks for the gaps of the latest evaluation; while one is being computed, only the latest request waits. */
  #requestGaps(request) {
    this.#gapsRequest = request;
    if (this.#workerBusy) return;
    this.#workerBusy = true;
    this.#startWorker();
    if (this.#worker) {
      this.#worker.postMessage(request);
      return;
    }
    // No worker allowed: the full module, loaded on demand, computes the plan here.
    planEngine().then((full) => {
      const latest = this.#gapsRequest;
      let reply;
      try {
        this.#planScorecard ??= new full.Scorecard(this.#planProgram);
        reply = { seq: latest.seq, report: this.#planScorecard.gaps(latest.profile, latest.options) };
      } catch (e) {
        const trapped = !(e instanceof full.ScorecardError);
        if (trapped) {
          // Objects of the old instance are stale: dropped, never freed.
          full.__wbg_reset_state();
          this.#planScorecard = null;
        }
        reply = { seq: latest.seq, error: { message: e.message, restarted: trapped } };
      }
      this.#gapsArrived(reply);
    });
  }

  /**
   * A gap report or the error instead, from the worker or the main thread.
   * @param {{ seq: number, report?: import("../pkg/partner_scorecard.js").GapReport, error?: { message: string, restarted: boolean } }} reply
   */
  #gapsArrived({ seq, report, error }) {
    this.#workerBusy = false;
    if (seq !== this.#seq) {
      // Typing went on meanwhile: compute for the latest profile instead.
      if (this.#gapsRequest && this.#gapsRequest.seq === this.#seq) this.#requestGaps(this.#gapsRequest);
      return;
    }
    this.#gapsRequest = null;
    this.#gapsError = error ? (error.restarted ? this.#t("engineRestarted", { message: error.message }) : error.message) : null;
    this.#gaps = report ?? null;
    this.#gapsSeq = seq;
    this.#renderResults();
    const started = this.#inputStarted.get(seq);
    if (started !== undefined) this.lastPlanMs = performance.now() - started;
    this.dispatchEvent(new CustomEvent("scorecard-gaps", { bubbles: true, composed: true, detail: this.result }));
  }

  #planApplied({ apply, profile, error }) {
    const waiting = this.#applyWaiting;
    if (!waiting || waiting.id !== apply) return;
    this.#applyWaiting = null;
    if (error) waiting.reject(new Error(error.message));
    else waiting.resolve(profile);
  }

  /** The Scorecard of the current wasm instance, read again from the program after a restart. */
  #engine() {
    if (this.#scorecardGeneration !== engineGeneration) {
      this.#scorecard = new Scorecard(this.#programText);
      this.#scorecardGeneration = engineGeneration;
    }
    return this.#scorecard;
  }

  #markInvalid(issues) {
    for (const el of this.$form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const el of this.$form.querySelectorAll("p.error")) {
      el.hidden = true;
      el.textContent = "";
    }
    const general = [];
    for (const issue of issues) {
      const control = this.#controlFor(issue.path);
      const container = control?.closest("[data-field]");
      const slot = container?.querySelector(":scope > p.error");
      if (!control || !slot) {
        general.push(issue);
        continue;
      }
      control.setAttribute("aria-invalid", "true");
      slot.hidden = false;
      slot.append(h("span", {}, this.#issueText(issue)), " ");
    }
    if (general.length > 0 || issues.length > 0) {
      this.$issues = h("div", { class: "problem" },
        h("p", {}, this.#t("profileErrors")),
        general.length ? h("ul", { class: "issues" }, general.map((i) => h("li", {}, i.path ? h("code", {}, i.path) : null, i.path ? ": " : "", this.#issueText(i)))) : null);
    } else this.$issues = null;
  }

  /** An issue's message; a number field's text that is no number gets the page's own words and an example in the partner's locale. */
  #issueText(issue) {
    const m = /^values\.([^.[]+)$/.exec(issue.path);
    const field = m && this.#form.fields.find((f) => f.id === m[1]);
    if (field?.type === "number" && typeof this.#profile.values[field.id] === "string") {
      return this.#t("notANumber", { example: this.#fmt.precise(field.integer ? 1234 : 1234.5) });
    }
    return this.#t.message(issue.message_i18n, issue.message);
  }

  #controlFor(path) {
    let p = path;
    while (p) {
      const el = this.$form.querySelector(`[data-path="${CSS.escape(p)}"]`);
      if (el) return el.matches("fieldset") ? (el.querySelector("input, select") ?? el) : el;
      const cut = Math.max(p.lastIndexOf("["), p.lastIndexOf("."));
      if (cut <= 0) break;
      p = p.slice(0, cut);
    }
    return null;
  }

  // ------------------------------------------------------------------ results

  /** The targets the partner picked, as gap options: per track, or one for a program without tracks. */
  #targetOptions() {
    const known = new Set(this.#form.tiers.map((tier) => tier.id));
    const picked = Object.entries(this.#targets).filter(([, tier]) => known.has(tier));
    if (this.#form.tracks.length === 0) return picked.length ? { target: picked[0][1] } : {};
    const tracks = new Set(this.#form.tracks.map((tr) => tr.id));
    const targets = Object.fromEntries(picked.filter(([track]) => tracks.has(track)));
    return Object.keys(targets).length ? { targets } : {};
  }

  /** Picks the tier to plan for in a track (null: the next tier again) and asks for its plan. */
  #chooseTarget(track, tier) {
    if (tier) this.#targets[track ?? ""] = tier;
    else delete this.#targets[track ?? ""];
    this.#update();
  }

  #renderResults() {
    const ev = this.#evaluation;
    const t = this.#t;
    const f = this.#fmt;
    const tracks = ev.tracks;
    if (!tracks.some((tr) => tr.track === this.#selectedTrack)) this.#selectedTrack = tracks[0]?.track ?? null;
    const focusedTab = this.shadowRoot.activeElement?.getAttribute("role") === "tab";

    const children = [
      h("header", { class: "result-head" },
        h("h2", {}, this.#txt(this.#form.name)),
        h("p", { class: "as-of" }, ev.partner ? h("strong", {}, ev.partner, " · ") : null, t("asOf", { date: f.date(ev.as_of) }))),
      this.$issues,
    ];
    if (this.#beforePlan) {
      children.push(h("div", { class: "what-if", role: "status", "data-testid": "what-if" },
        h("p", {}, t("planTried")),
        h("button", { type: "button", class: "undo", onclick: () => this.#undoPlan() }, t("undoPlan"))));
    }
    if (this.#form.tracks.length > 0 && Array.isArray(this.#profile.tracks) && this.#profile.tracks.length === 0) {
      children.push(h("p", { class: "warning", "data-testid": "no-track" }, t("noTrackSelected")));
    }
    if (tracks.length > 1) {
      const best = ev.best ? tracks.find((tr) => tr.track === ev.best.track) : null;
      children.push(h("p", { class: "best", "data-testid": "best" },
        best ? t("bestAcross", { tier: ev.best.tier.label, track: best.label ?? "" }) : t("bestNone")));
      const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": t("tabs") },
        tracks.map((tr, i) => {
          const selected = tr.track === this.#selectedTrack;
          return h("button", {
            type: "button", role: "tab", id: `${this.#id}-tab-${i}`, "aria-controls": `${this.#id}-panel-${i} ${this.#id}-details-${i}`,
            "aria-selected": String(selected), tabindex: selected ? "0" : "-1", "data-track": tr.track,
            onclick: () => this.#selectTab(tr.track, true),
            onkeydown: (e) => this.#tabKey(e, i, tracks),
          }, h("span", { class: "tab-track" }, tr.label), h("span", { class: "tab-tier" },
            tr.tier && tr.tier.id !== tr.earned_tier?.id ? t("heldShort", { tier: tr.tier.label }) : tr.tier?.label ?? t("notRanked")));
        }));
      children.push(tabs);
    }
    const details = [];
    tracks.forEach((tr, i) => {
      const gaps = this.#gaps?.tracks.find((g) => g.track === tr.track) ?? null;
      const ctx = {
        t: this.#t, fmt: this.#fmt, txt: (v) => this.#txt(v), tiers: this.#form.tiers,
        gapsStale: this.#gapsSeq !== this.#seq, gapsError: this.#gapsError,
        target: this.#targets[tr.track ?? ""] ?? null,
        chooseTarget: (tier) => this.#chooseTarget(tr.track, tier),
        tryPlan: (plan) => this.#tryPlan(plan),
        effortUnit: this.#form.effort_unit ?? null,
      };
      const panel = trackAnswer(ctx, tr, gaps);
      const more = trackDetails(ctx, tr, gaps);
      if (tracks.length > 1) {
        panel.setAttribute("role", "tabpanel");
        panel.id = `${this.#id}-panel-${i}`;
        panel.setAttribute("aria-labelledby", `${this.#id}-tab-${i}`);
        panel.setAttribute("tabindex", "0");
        panel.classList.toggle("inactive", tr.track !== this.#selectedTrack);
        panel.prepend(h("h2", { class: "print-only" }, tr.label));
        more.id = `${this.#id}-details-${i}`;
        more.classList.toggle("inactive", tr.track !== this.#selectedTrack);
        more.prepend(h("h2", { class: "track-name" }, tr.label));
      }
      children.push(panel);
      details.push(more);
    });
    this.$results.replaceChildren(...children.filter(Boolean));
    // Progress over time, where the host page offers it (the `history` attribute).
    const history = this.hasAttribute("history")
      ? historySection({
        t: this.#t, fmt: this.#fmt, txt: (v) => this.#txt(v), id: this.#id, form: this.#form, evaluation: ev, profile: this.profile,
        track: this.#selectedTrack,
        say: (message) => (this.$live.textContent = message),
        // Drawn again after each change; focus goes back to the control that was used.
        onChange: (message, focus = ".history input[type=checkbox]") => {
          this.#renderResults();
          if (message) this.$live.textContent = message;
          /** @type {HTMLElement | null} */ (this.shadowRoot.querySelector(focus))?.focus();
        },
      })
      : null;
    this.$details.replaceChildren(...details, ...(history ? [history] : []));
    if (focusedTab) this.$results.querySelector('[role="tab"][aria-selected="true"]')?.focus();

    const shown = tracks.find((tr) => tr.track === this.#selectedTrack) ?? tracks[0];
    this.$summary.replaceChildren(
      shown ? h("span", { class: "badge small", "data-rank": shown.tier?.rank ?? 0 }, shown.tier?.label ?? t("notRanked")) : "",
      shown ? h("span", {}, t("points", { total: f.number(shown.total), max: f.number(shown.max) })) : "",
    );

    const announcement = tracks.map((tr) => `${tr.label ? `${tr.label}: ` : ""}${tr.tier?.label ?? t("notRanked")}`).join("; ");
    if (announcement !== this.#lastAnnouncement) {
      this.#lastAnnouncement = announcement;
      this.$live.textContent = `${t("tier")}: ${announcement}`;
    }
  }

  /** "Try this plan": the plan's values go into the form as a what-if; nothing is saved, and undo puts back what was there. */
  #tryPlan(plan) {
    const before = clone(this.#profile);
    const request = { apply: ++this.#applySeq, profile: before, plan, options: this.#options() };
    const done = (profile) => {
      if (request.apply !== this.#applySeq) return;
      this.#beforePlan ??= before;
      this.#profile = normalizeProfile(profile);
      this.#render();
    };
    const failed = (message) => {
      if (request.apply !== this.#applySeq) return;
      this.#gapsError = message;
      this.#renderResults();
    };
    this.#applyPlan(request).then(done, (e) => failed(e?.message ?? String(e)));
  }

  #undoPlan() {
    if (!this.#beforePlan) return;
    this.#profile = this.#beforePlan;
    this.#beforePlan = null;
    this.#render();
  }

  /** applyPlan in the worker (the full module), or on the main thread where workers are not allowed. */
  #applyPlan(request) {
    this.#startWorker();
    if (this.#worker) {
      return new Promise((resolve, reject) => {
        this.#applyWaiting = { id: request.apply, resolve, reject };
        this.#worker.postMessage(request);
      });
    }
    return planEngine().then((full) => {
      this.#planScorecard ??= new full.Scorecard(this.#planProgram);
      return this.#planScorecard.applyPlan(request.profile, request.plan, request.options);
    });
  }

  #selectTab(track, focus) {
    this.#selectedTrack = track;
    const tabs = [...this.$results.querySelectorAll('[role="tab"]')];
    for (const tab of tabs) {
      const selected = tab.dataset.track === track;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      for (const id of tab.getAttribute("aria-controls").split(" ")) this.shadowRoot.getElementById(id)?.classList.toggle("inactive", !selected);
      if (selected && focus) tab.focus();
    }
  }

  #tabKey(e, i, tracks) {
    const n = tracks.length;
    const to = { ArrowRight: (i + 1) % n, ArrowLeft: (i - 1 + n) % n, Home: 0, End: n - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    this.#selectTab(tracks[to].track, true);
  }
}

if (!customElements.get("partner-scorecard")) customElements.define("partner-scorecard", PartnerScorecard);
