// Progress over time, kept only on the partner's device and only with consent: saved
// assessments of one program (date, tier and total per track, points per criterion and the
// profile), the score and tier history as a chart, and today compared with any saved one.
// Shown by <partner-scorecard history>; nothing is stored until the partner ticks the box.
import { h } from "./scorecard-dom.mjs";

const CONSENT = "partner-scorecard:history-consent";
const KEY = "partner-scorecard:history:";
/** Saved assessments kept per program, oldest dropped first. */
export const MAX_SAVED = 100;

/** The last text read per key and what it parsed to: a keystroke's redraw parses nothing again. */
const parsed = new Map();

function read(key) {
  try {
    const raw = localStorage.getItem(key);
    const last = parsed.get(key);
    if (last && last.raw === raw) return last.value;
    const value = raw ? JSON.parse(raw) : null;
    parsed.set(key, { raw, value });
    return value;
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export const consented = () => read(CONSENT) === true;

/** The saved assessments of a program, oldest first. */
export function savedAssessments(programId) {
  const list = read(KEY + programId);
  return Array.isArray(list) ? list.filter((a) => a && typeof a === "object" && Array.isArray(a.tracks)) : [];
}

/** An assessment as it is kept: what the chart and the comparison need, and the profile. */
export function assessmentOf(evaluation, profile) {
  return {
    saved_at: new Date().toISOString(),
    as_of: evaluation.as_of,
    profile,
    tracks: evaluation.tracks.map((tr) => ({
      track: tr.track,
      label: tr.label,
      total: tr.total,
      max: tr.max,
      tier: tr.tier ? { id: tr.tier.id, label: tr.tier.label, rank: tr.tier.rank } : null,
      criteria: tr.criteria.map((c) => ({ id: c.id, label: c.label, points: c.points })),
    })),
  };
}

/**
 * The "Your progress" section: consent, save, the chart and the comparison.
 * @param {object} ctx  {t, fmt, txt, form, evaluation, profile, track, onChange}
 */
export function historySection(ctx) {
  const { t, form } = ctx;
  const id = `${ctx.id}-history`;
  const agreed = consented();
  const saved = agreed ? savedAssessments(form.id) : [];
  const section = h("section", { class: "history", "aria-labelledby": `${id}-h`, "data-testid": "history" },
    h("h3", { id: `${id}-h` }, t("historyTitle")));
  const consent = h("input", { type: "checkbox", id: `${id}-consent`, checked: agreed });
  consent.addEventListener("change", () => {
    if (consent.checked) write(CONSENT, true);
    else {
      // Withdrawing consent removes everything kept for progress.
      write(CONSENT, null);
      try {
        for (const key of Object.keys(localStorage)) if (key.startsWith(KEY)) localStorage.removeItem(key);
      } catch {
        // Storage blocked: nothing was kept.
      }
    }
    ctx.onChange();
  });
  section.append(
    h("div", { class: "check" }, consent, h("label", { for: `${id}-consent` }, t("historyConsent"))),
    h("p", { class: "help" }, t("historyHelp")),
  );
  if (!agreed) return section;

  const save = h("button", { type: "button", class: "save-assessment" }, t("historySave"));
  save.addEventListener("click", () => {
    const list = savedAssessments(form.id);
    list.push(assessmentOf(ctx.evaluation, ctx.profile));
    if (!write(KEY + form.id, list.slice(-MAX_SAVED))) ctx.say(t("historyFull"));
    ctx.onChange(t("historySaved", { date: ctx.fmt.date(ctx.evaluation.as_of) }), ".save-assessment");
  });
  section.append(save);
  if (saved.length === 0) {
    section.append(h("p", { class: "note" }, t("historyNone")));
    return section;
  }
  const track = ctx.track ?? null;
  const points = saved.map((a) => ({ a, tr: a.tracks.find((x) => x.track === track) ?? null })).filter((p) => p.tr);
  const now = ctx.evaluation.tracks.find((x) => x.track === track);
  section.append(chart(ctx, points, now));

  // Compare today with a saved assessment.
  const select = h("select", { id: `${id}-compare` },
    saved.map((a, i) => h("option", { value: String(i), selected: i === saved.length - 1 }, t("historyOption", { date: ctx.fmt.date(a.as_of), saved: ctx.fmt.dateTime(a.saved_at) }))));
  const out = h("div", { class: "comparison", "data-testid": "comparison", "aria-live": "polite" });
  const show = () => out.replaceChildren(...comparison(ctx, saved[Number(select.value)], now, track));
  select.addEventListener("change", show);
  const remove = h("button", { type: "button", class: "quiet" }, t("historyDelete"));
  remove.addEventListener("click", () => {
    const list = savedAssessments(form.id);
    list.splice(Number(select.value), 1);
    write(KEY + form.id, list.length ? list : null);
    ctx.onChange(t("historyDeleted"), ".save-assessment");
  });
  section.append(h("div", { class: "compare-row" }, h("label", { for: `${id}-compare` }, t("historyCompare")), select, remove), out);
  show();
  return section;
}

/** Today against a saved assessment: total and tier, what changed in the profile, and what each change earned. */
function comparison(ctx, saved, now, track) {
  const { t, fmt } = ctx;
  if (!saved || !now) return [];
  const then = saved.tracks.find((x) => x.track === track);
  if (!then) return [h("p", { class: "note" }, t("historyNoTrack"))];
  const delta = now.total - then.total;
  const out = [h("p", { class: "compare-total" },
    t("historyTotal", { date: fmt.date(saved.as_of), then: fmt.number(then.total), now: fmt.number(now.total), delta: (delta > 0 ? "+" : "") + fmt.number(delta) }),
    " ",
    t("historyTier", { then: then.tier?.label ?? t("notRanked"), now: now.tier?.label ?? t("notRanked") }))];
  // What changed in the profile, by field.
  const before = saved.profile?.values ?? {};
  const after = ctx.profile.values ?? {};
  const changed = ctx.form.fields.filter((f) => JSON.stringify(before[f.id] ?? null) !== JSON.stringify(after[f.id] ?? null));
  out.push(changed.length
    ? h("ul", { class: "changed" }, changed.map((f) => h("li", {}, `${ctx.txt(f.label)}: ${shown(ctx, before[f.id])} → ${shown(ctx, after[f.id])}`)))
    : h("p", { class: "note" }, t("historyUnchanged")));
  // What it earned, by criterion.
  const earned = now.criteria
    .map((c) => ({ c, d: c.points - (then.criteria.find((x) => x.id === c.id)?.points ?? 0) }))
    .filter(({ d }) => Math.abs(d) > 1e-9);
  if (earned.length) {
    out.push(h("h4", {}, t("historyEarned")),
      h("ul", { class: "earned" }, earned.map(({ c, d }) => h("li", {}, `${c.label}: ${d > 0 ? "+" : ""}${fmt.number(d)}`))));
  }
  return out;
}

function shown(ctx, v) {
  if (v == null || v === "") return ctx.t("notGivenShort");
  if (typeof v === "number") return ctx.fmt.number(v);
  if (typeof v === "boolean") return v ? ctx.t("yes") : ctx.t("no");
  if (Array.isArray(v)) return String(ctx.fmt.number(v.length));
  return String(v);
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c != null) el.append(c);
  return el;
}

/** Total over the saved assessments and today, with each point's tier; a table says the same for screen readers. */
function chart(ctx, points, now) {
  const { t, fmt } = ctx;
  const series = [...points.map(({ a, tr }) => ({ date: a.as_of, total: tr.total, tier: tr.tier?.label ?? t("notRanked") })), ...(now ? [{ date: null, total: now.total, tier: now.tier?.label ?? t("notRanked") }] : [])];
  const max = Math.max(1, now?.max ?? 0, ...series.map((p) => p.total));
  const [w, hgt, pad] = [320, 140, 28];
  const x = (i) => pad + (series.length === 1 ? 0 : (i * (w - 2 * pad)) / (series.length - 1));
  const y = (v) => hgt - pad + 4 - (v / max) * (hgt - pad - 12);
  const label = (p) => `${p.date ? fmt.date(p.date) : t("historyToday")}: ${t("points", { total: fmt.number(p.total), max: fmt.number(max) })}, ${p.tier}`;
  const figure = svg("svg", { viewBox: `0 0 ${w} ${hgt}`, class: "history-chart", role: "img", "aria-label": t("historyChart"), focusable: "false" },
    svg("line", { x1: pad, y1: y(0), x2: w - 8, y2: y(0), class: "axis" }),
    svg("line", { x1: pad, y1: y(0), x2: pad, y2: y(max), class: "axis" }),
    svg("text", { x: pad - 4, y: y(max) + 4, "text-anchor": "end", class: "tick" }, fmt.number(max)),
    svg("text", { x: pad - 4, y: y(0) + 4, "text-anchor": "end", class: "tick" }, fmt.number(0)),
    svg("polyline", { points: series.map((p, i) => `${x(i)},${y(p.total)}`).join(" "), class: "line" }),
    ...series.map((p, i) => svg("circle", { cx: x(i), cy: y(p.total), r: 4, class: p.date ? "dot" : "dot today" }, svg("title", {}, label(p)))),
    svg("text", { x: x(0), y: hgt - 6, class: "tick", "text-anchor": "start" }, series[0].date ? fmt.date(series[0].date) : t("historyToday")),
    series.length > 1 ? svg("text", { x: x(series.length - 1), y: hgt - 6, class: "tick", "text-anchor": "end" }, t("historyToday")) : null);
  const table = h("details", { class: "history-table" },
    h("summary", {}, t("historyAsTable")),
    h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("historyDate")), h("th", { scope: "col" }, t("historyPoints")), h("th", { scope: "col" }, t("tier")))),
      h("tbody", {}, series.map((p) => h("tr", {}, h("td", {}, p.date ? fmt.date(p.date) : t("historyToday")), h("td", {}, fmt.number(p.total)), h("td", {}, p.tier))))));
  return h("div", { class: "history-figure" }, figure, table);
}
