// The results of one track as the element draws them: tier and total, progress to the next
// tier, categories and criteria, tier checks, the least-effort plan and expiring
// certifications. Pure drawing from the engine's results; `ctx` carries the element's
// message function (t), number formatters (fmt) and the plan's state.
import { h } from "./scorecard-dom.mjs";

/**
 * @typedef {object} ResultsContext
 * @property {(key: string, values?: object) => string} t  message in the element's language
 * @property {ReturnType<typeof import("./i18n.mjs").formatters>} fmt  number and date formats
 * @property {boolean} gapsStale  the plan shown is for an earlier profile
 * @property {string | null} gapsError  why the plan failed, if it did
 */

export function trackPanel(ctx, tr, gaps) {
  const t = ctx.t;
  const f = ctx.fmt;
  const next = tr.next_tier;
  const panel = h("div", { class: "panel", "data-track": tr.track ?? "" });

  // Tier and total.
  panel.append(
    h("div", { class: "tier-row" },
      h("div", { class: "badge", "data-rank": tr.tier?.rank ?? 0, "data-testid": "tier" }, tr.tier?.label ?? t("notRanked")),
      h("div", {},
        h("p", { class: "total", "data-testid": "total" }, tr.scored ? t("points", { total: f.number(tr.total), max: f.number(tr.max) }) : t("noScore")),
        tr.retention ? h("p", { class: "note" }, t.message(tr.retention.message_i18n, tr.retention.message)) : null)),
  );

  // Progress towards the next tier.
  if (next) {
    const min = next.min_score;
    const progress = h("div", { class: "progress" });
    const fill = h("div", { class: "fill" });
    fill.style.width = `${min ? Math.min(100, (100 * tr.total) / min) : 100}%`;
    progress.append(fill);
    const lines = [];
    if (next.point_deficit > 0) lines.push(t("toNext", { points: f.number(next.point_deficit), tier: next.label }));
    if (next.unmet_requirements > 0) lines.push(t("toNextReqs", { n: next.unmet_requirements, tier: next.label }));
    panel.append(
      h("div", { class: "next" },
        h("p", { class: "next-label" }, t("nextTier", { tier: next.label })),
        min ? h("div", { class: "progress-wrap", role: "img", "aria-label": `${f.number(tr.total)} / ${f.number(min)}` }, progress) : null,
        lines.map((l) => h("p", { class: "next-line" }, l))),
    );
  } else if (tr.tier) panel.append(h("p", { class: "next top" }, t("topTier")));

  // Categories (a checklist program has no points to show).
  if (tr.scored) panel.append(
    h("h3", {}, t("categories")),
    h("ul", { class: "bars" },
      tr.categories.map((c) => {
        const fill = h("div", { class: "fill" });
        fill.style.width = `${Math.max(0, Math.min(100, c.share))}%`;
        return h("li", {},
          h("span", { class: "bar-label" }, c.label),
          h("div", { class: "progress", "aria-hidden": "true" }, fill),
          h("span", { class: "bar-value" }, t("pointsShort", { points: f.number(c.points), max: f.number(c.max) })));
      })),
  );

  // Scoring paths, when the program has them.
  if (tr.path_totals.length > 1) {
    panel.append(
      h("h3", {}, t("paths")),
      h("ul", { class: "paths" },
        tr.path_totals.map((p) => h("li", { class: p.path === tr.path ? "counted" : "" },
          `${p.label}: ${t("pointsShort", { points: f.number(p.total), max: f.number(p.max) })}`,
          p.path === tr.path ? h("span", { class: "tag" }, t("pathCounts")) : null))),
    );
  }

  // Criteria with their explanation (a checklist program has none: no empty heading).
  if (tr.criteria.length) panel.append(
    h("h3", {}, t("criteria")),
    h("ul", { class: "criteria" },
      tr.criteria.map((c) => h("li", { "data-criterion": c.id },
        h("span", { class: "crit-label" }, c.label),
        h("span", { class: "crit-points" }, t("pointsShort", { points: f.number(c.points), max: f.number(c.max) })),
        h("span", { class: "crit-expl" }, t.message(c.explanation_i18n, c.explanation))))),
  );

  // What the next tier needs.
  const check = next ? tr.tiers.find((x) => x.id === next.id) : null;
  if (check) {
    const items = [];
    if (check.min_score != null) {
      items.push(checkItem(ctx, t("minScore", { min: f.number(check.min_score) }), check.score_met, f.number(tr.total), f.number(check.min_score)));
    }
    for (const r of check.requirements) items.push(checkItem(ctx, t.message(r.description_i18n, r.description), r.met, shownValue(ctx, r.actual), shownValue(ctx, r.needed)));
    panel.append(h("h3", {}, t("checklist", { tier: check.label })), h("ul", { class: "checklist", "data-testid": "checklist" }, items));
  }

  // Least-effort plan, alternatives and expiry warnings: they follow from the worker, so
  // until they arrive the previous ones stay, marked as being updated.
  const stale = ctx.gapsStale;
  const slot = h("div", { class: stale ? "gaps stale" : "gaps", "aria-busy": stale ? "true" : "false", "data-testid": "gaps" });
  if (gaps) slot.append(...planSection(ctx, gaps), ...expirySection(ctx, gaps.outlook));
  else if (stale) slot.append(h("p", { class: "note" }, t("planPending")));
  else if (ctx.gapsError) slot.append(h("p", { class: "problem", "data-testid": "plan-error" }, t("planFailed", { message: ctx.gapsError })));
  panel.append(slot);
  return panel;
}

function checkItem(ctx, label, met, actual, needed) {
  const t = ctx.t;
  return h("li", { class: met ? "met" : "unmet" },
    h("span", { class: "mark", "aria-hidden": "true" }, met ? "✓" : "✗"),
    h("span", { class: "req" }, label),
    h("span", { class: "state" }, met ? t("met") : t("notMet")),
    h("span", { class: "vs" }, `${t("actual", { actual })}, ${t("needed", { needed })}`));
}

function shownValue(ctx, v) {
  if (typeof v === "number") return ctx.fmt.number(v);
  if (typeof v === "boolean") return v ? ctx.t("yes") : ctx.t("no");
  if (v == null) return "–";
  if (Array.isArray(v)) return v.join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function planSection(ctx, g) {
  const t = ctx.t;
  const target = g.target?.label ?? "";
  const out = [];
  if (g.status === "plan" && g.plan) {
    out.push(h("h3", {}, t("plan", { tier: target })), planBlock(ctx, g.plan, "plan"));
    if (g.alternatives.length > 0) {
      out.push(
        h("details", { class: "alternatives-box" },
          h("summary", {}, t("alternatives"), ` (${g.alternatives.length})`),
          h("ol", { class: "alternatives" }, g.alternatives.map((p) => h("li", {}, planBlock(ctx, p, "alternative"))))),
      );
    }
  } else if (g.status === "blocked" && g.blocked) {
    out.push(h("h3", {}, t("noPlan", { tier: target })), h("p", { class: "note" }, `${t.message(g.blocked.requirement_i18n, g.blocked.requirement)}: ${t.message(g.blocked.reason_i18n, g.blocked.reason)}`));
  } else if (g.status === "top" && g.at_top) {
    out.push(h("p", { class: "note top-note" }, t.message(g.at_top.message_i18n, g.at_top.message)));
  }
  return out;
}

function planBlock(ctx, plan, kind) {
  const t = ctx.t;
  return h("div", { class: kind, "data-testid": kind },
    h("ul", { class: "changes" }, plan.changes.map((c) => h("li", {}, t.message(c.description_i18n, c.description)))),
    h("p", { class: "plan-outcome" },
      t("planOutcome", { tier: plan.tier_after.label, total: ctx.fmt.number(plan.total_after) }), " · ",
      h("span", { class: "effort" }, t("planEffort", { effort: ctx.fmt.number(plan.effort) }))));
}

function expirySection(ctx, outlook) {
  if (!outlook) return [];
  const t = ctx.t;
  const f = ctx.fmt;
  const items = outlook.expiring.map((x) => {
    const what = [x.name, x.holder ? `(${x.holder})` : null].filter(Boolean).join(" ") || x.kind || x.field;
    return h("li", {}, x.days_left < 0 ? t("expired", { what, date: f.date(x.expires) }) : t("expiresOn", { what, date: f.date(x.expires), days: x.days_left }));
  });
  const out = [h("h3", {}, t("expiry"))];
  if (outlook.tier_drop) out.push(h("p", { class: "warning", "data-testid": "tier-drop" }, t.message(outlook.tier_drop.message_i18n, outlook.tier_drop.message)));
  if (outlook.retention_ends) out.push(h("p", { class: "note" }, t("retentionEnds", { date: f.date(outlook.retention_ends) })));
  if (items.length > 0) out.push(h("ul", { class: "expiring", "data-testid": "expiring" }, items));
  else if (!outlook.tier_drop) out.push(h("p", { class: "note" }, t("noExpiry", { days: outlook.window_days })));
  return out;
}
