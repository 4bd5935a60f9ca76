// The results of one track as the element draws them, in two parts. The answer comes first:
// the tier (held and earned told apart), the next tier by name with every open requirement,
// the least-effort plan and the risks, then the tier ladder with each tier's minimum,
// requirements and benefits, where any higher tier can be picked as the target. The details
// follow: categories, paths, criteria, the full checklist, alternatives and expiring
// certifications. Pure drawing from the engine's results; `ctx` carries the element's message
// function (t), number formatters (fmt), the program's texts and the plan's state.
import { h } from "./scorecard-dom.mjs";

/**
 * @typedef {object} ResultsContext
 * @property {((key: string, values?: object) => string) & { message: (m: any, english?: string) => string }} t  message in the element's language
 * @property {ReturnType<typeof import("./i18n.mjs").formatters>} fmt  number and date formats
 * @property {(value: any) => string} txt  a program text in the element's language
 * @property {Array<{id: string, benefits: any[], help?: any}>} tiers  the program's tiers (benefits)
 * @property {boolean} gapsStale  the plan shown is for an earlier profile
 * @property {string | null} gapsError  why the plan failed, if it did
 * @property {string | null} target  the tier id the partner picked in this track, if any
 * @property {(tier: string | null) => void} chooseTarget  picks a target (null: the next tier)
 * @property {((plan: any) => void) | null} tryPlan  applies a plan to the form as a what-if
 * @property {any} effortUnit  the program's name for a unit of effort, if it has one
 */

/** The tier, what comes next, the plan and the risks: what the partner needs first. */
export function trackAnswer(ctx, tr, gaps) {
  const t = ctx.t;
  const f = ctx.fmt;
  const next = tr.next_tier;
  const held = tr.tier;
  const earned = tr.earned_tier;
  const panel = h("div", { class: "panel", "data-track": tr.track ?? "" });

  // Tier and total; a tier held by retention is told apart from the one the profile earns.
  const retained = held && (earned?.id ?? null) !== held.id;
  panel.append(
    h("div", { class: "tier-row" },
      h("div", { class: "badge", "data-rank": held?.rank ?? 0, "data-testid": "tier" }, held?.label ?? t("notRanked")),
      h("div", {},
        h("p", { class: "total", "data-testid": "total" }, tr.scored ? t("points", { total: f.number(tr.total), max: f.number(tr.max) }) : t("noScore")),
        retained ? h("p", { class: "held-vs-earned", "data-testid": "earned" }, earned ? t("earnsTier", { held: held.label, earned: earned.label }) : t("earnsNone", { held: held.label })) : null,
        tr.retention ? h("p", { class: "note" }, t.message(tr.retention.message_i18n, tr.retention.message)) : null)),
  );

  // The next tier (or the picked target), with every open requirement named.
  const check = targetCheck(ctx, tr);
  if (check) {
    const min = check.min_score;
    const deficit = min != null ? Math.max(0, min - tr.total) : 0;
    const open = check.requirements.filter((r) => !r.met);
    // Re-earning the tier held by grace is keeping it, not a next tier.
    const keeping = held && rank(tr, check.id) <= held.rank;
    const heading = keeping ? t("keepTier", { tier: check.label }) : check.id === ctx.target ? t("targetTier", { tier: check.label }) : t("nextTier", { tier: check.label });
    const progress = h("div", { class: "progress" });
    const fill = h("div", { class: "fill" });
    fill.style.width = `${min ? Math.max(0, Math.min(100, (100 * tr.total) / min)) : 100}%`;
    progress.append(fill);
    panel.append(
      h("div", { class: "next", "data-testid": "next" },
        h("p", { class: "next-label" }, heading),
        min ? h("div", { class: "progress-wrap", role: "img", "aria-label": t("progressLabel", { total: f.number(tr.total), min: f.number(min) }) }, progress) : null,
        deficit > 0 ? h("p", { class: "next-line" }, t("toNext", { points: f.number(deficit), tier: check.label })) : null,
        open.length ? h("p", { class: "next-line" }, t("toNextReqs", { n: open.length, tier: check.label })) : null,
        open.length ? h("ul", { class: "checklist open", "data-testid": "open-requirements" },
          open.map((r) => checkItem(ctx, t.message(r.description_i18n, r.description), false, shownValue(ctx, r.actual), shownValue(ctx, r.needed)))) : null),
    );
  } else if (held && !next) panel.append(h("p", { class: "next top" }, t("topTier")));

  // The plan and the risks: they follow from the worker, so until they arrive the previous
  // ones stay, marked as being updated.
  const stale = ctx.gapsStale;
  const slot = h("div", { class: stale ? "gaps stale" : "gaps", "aria-busy": stale ? "true" : "false", "data-testid": "gaps" });
  if (gaps) slot.append(...planSection(ctx, gaps), ...risks(ctx, gaps.outlook));
  else if (stale) slot.append(h("p", { class: "note" }, t("planPending")));
  else if (ctx.gapsError) slot.append(h("p", { class: "problem", "data-testid": "plan-error" }, t("planFailed", { message: ctx.gapsError })));
  panel.append(slot);
  panel.append(ladder(ctx, tr));
  return panel;
}

/** Categories, paths, criteria, the target's full checklist, alternatives and expiring certifications. */
export function trackDetails(ctx, tr, gaps) {
  const t = ctx.t;
  const f = ctx.fmt;
  const panel = h("div", { class: "details", "data-track": tr.track ?? "" });
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
  if (tr.path_totals.length > 1) {
    panel.append(
      h("h3", {}, t("paths")),
      h("ul", { class: "paths" },
        tr.path_totals.map((p) => h("li", { class: p.path === tr.path ? "counted" : "" },
          `${p.label}: ${t("pointsShort", { points: f.number(p.total), max: f.number(p.max) })}`,
          p.path === tr.path ? h("span", { class: "tag" }, t("pathCounts")) : null))),
    );
  }
  if (tr.criteria.length) panel.append(
    h("h3", {}, t("criteria")),
    h("ul", { class: "criteria" },
      tr.criteria.map((c) => h("li", { "data-criterion": c.id },
        h("span", { class: "crit-label" }, c.label),
        h("span", { class: "crit-points" }, t("pointsShort", { points: f.number(c.points), max: f.number(c.max) })),
        h("span", { class: "crit-expl" }, t.message(c.explanation_i18n, c.explanation))))),
  );
  const check = targetCheck(ctx, tr);
  if (check) {
    const items = [];
    if (check.min_score != null) items.push(checkItem(ctx, t("minScore", { min: f.number(check.min_score) }), check.score_met, f.number(tr.total), f.number(check.min_score)));
    for (const r of check.requirements) items.push(checkItem(ctx, t.message(r.description_i18n, r.description), r.met, shownValue(ctx, r.actual), shownValue(ctx, r.needed)));
    panel.append(h("h3", {}, t("checklist", { tier: check.label })), h("ul", { class: "checklist", "data-testid": "checklist" }, items));
  }
  if (gaps?.status === "plan" && gaps.alternatives.length > 0) {
    panel.append(
      h("details", { class: "alternatives-box" },
        h("summary", {}, t("alternatives"), ` (${f.number(gaps.alternatives.length)})`),
        h("ol", { class: "alternatives" }, gaps.alternatives.map((p) => h("li", {}, planBlock(ctx, p, "alternative"))))),
    );
  }
  if (gaps?.outlook) panel.append(...expiring(ctx, gaps.outlook));
  return panel;
}

/** The tier the answer is about: the one the partner picked, while it is above the earned one, else the next tier. */
function targetCheck(ctx, tr) {
  const earned = tr.earned_tier?.rank ?? 0;
  const picked = ctx.target ? tr.tiers.find((x) => x.id === ctx.target) : null;
  if (picked && rank(tr, picked.id) > earned) return picked;
  return tr.next_tier ? tr.tiers.find((x) => x.id === tr.next_tier.id) ?? null : null;
}

/** A tier's rank (1 for the lowest) in this track. */
function rank(tr, id) {
  return tr.tiers.findIndex((x) => x.id === id) + 1;
}

/** Every tier of the track, highest first: its minimum, requirements and benefits, where the partner stands, and what a higher tier would take. */
function ladder(ctx, tr) {
  const t = ctx.t;
  const f = ctx.fmt;
  const held = tr.tier?.rank ?? 0;
  const earned = tr.earned_tier?.rank ?? 0;
  const defaultTarget = tr.next_tier?.id ?? null;
  const aim = targetCheck(ctx, tr)?.id ?? null;
  const rows = tr.tiers.map((tier, i) => {
    const r = i + 1;
    const open = tier.requirements.filter((q) => !q.met).length;
    const deficit = tier.min_score != null ? Math.max(0, tier.min_score - tr.total) : 0;
    const benefits = ctx.tiers.find((x) => x.id === tier.id)?.benefits ?? [];
    const chosen = aim === tier.id;
    const where = [];
    if (r === held) where.push(h("span", { class: "tag" }, t("ladderHeld")));
    if (r === earned && earned !== held) where.push(h("span", { class: "tag quiet" }, t("ladderEarned")));
    if (chosen && r > earned) where.push(h("span", { class: "tag target" }, t("ladderTarget")));
    const parts = [];
    if (deficit > 0) parts.push(t("ladderPoints", { points: f.number(deficit) }));
    if (open > 0) parts.push(t("ladderOpen", { n: open }));
    const standing = r <= earned ? t("ladderReached") : t("ladderNeeds", { parts });
    const pick = r > earned && !chosen
      ? h("button", { type: "button", class: "pick", onclick: () => ctx.chooseTarget(r === rank(tr, defaultTarget ?? "") ? null : tier.id) }, t("planFor", { tier: tier.label }))
      : null;
    return h("li", { class: ["rung", r <= earned ? "reached" : "", chosen && r > earned ? "chosen" : ""].filter(Boolean).join(" "), "data-tier": tier.id },
      h("div", { class: "rung-head" },
        h("span", { class: "badge small", "data-rank": r }, tier.label),
        where,
        tier.min_score != null ? h("span", { class: "rung-min" }, t("ladderFrom", { min: f.number(tier.min_score) })) : null),
      h("p", { class: "rung-standing" }, standing),
      tier.requirements.length ? h("ul", { class: "rung-reqs" }, tier.requirements.map((q) => h("li", { class: q.met ? "met" : "unmet" },
        h("span", { class: "mark", "aria-hidden": "true" }, q.met ? "✓" : "✗"), " ", t.message(q.description_i18n, q.description),
        h("span", { class: "sr-only" }, ` (${q.met ? t("met") : t("notMet")})`)))) : null,
      benefits.length ? h("div", { class: "benefits" }, h("span", { class: "benefits-label" }, t("ladderBenefits")), h("ul", {}, benefits.map((b) => h("li", {}, ctx.txt(b))))) : null,
      pick);
  });
  return h("details", { class: "ladder", "data-testid": "ladder", open: true },
    h("summary", {}, t("ladder")),
    h("ol", { class: "rungs", reversed: true }, rows.reverse()));
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
  } else if (g.status === "blocked" && g.blocked) {
    out.push(h("h3", {}, t("noPlan", { tier: target })), h("p", { class: "note" }, `${t.message(g.blocked.requirement_i18n, g.blocked.requirement)}: ${t.message(g.blocked.reason_i18n, g.blocked.reason)}`));
  } else if (g.status === "top" && g.at_top) {
    out.push(h("p", { class: "note top-note" }, t.message(g.at_top.message_i18n, g.at_top.message)));
  }
  return out;
}

function planBlock(ctx, plan, kind) {
  const t = ctx.t;
  const f = ctx.fmt;
  // Each step with what it earns on its own: points, requirements met.
  const earns = (c) => {
    const parts = [];
    if (c.points > 0) parts.push(t("stepPoints", { points: f.number(c.points) }));
    if (c.meets > 0) parts.push(t("stepMeets", { n: c.meets }));
    return parts.length ? h("span", { class: "earns" }, t("stepEarns", { parts })) : null;
  };
  const effort = ctx.effortUnit
    ? t("planEffortUnit", { effort: f.number(plan.effort), unit: ctx.txt(ctx.effortUnit) })
    : t("planEffort", { effort: plan.effort });
  return h("div", { class: kind, "data-testid": kind },
    h("ul", { class: "changes" }, plan.changes.map((c) => h("li", {}, t.message(c.description_i18n, c.description), earns(c)))),
    h("p", { class: "plan-outcome" },
      t("planOutcome", { tier: plan.tier_after.label, total: f.number(plan.total_after) }), " · ",
      h("span", { class: "effort", title: t("planEffortHelp") }, effort)),
    ctx.tryPlan ? h("button", { type: "button", class: "try-plan", onclick: () => ctx.tryPlan(plan) }, t("tryPlan")) : null);
}

/** What could cost a tier soon: an expiry that drops the earned tier, the end of a tier held by retention. */
function risks(ctx, outlook) {
  if (!outlook || (!outlook.tier_drop && !outlook.retention_ends)) return [];
  const t = ctx.t;
  return [h("div", { class: "risks", "data-testid": "risks" },
    h("h3", {}, t("risks")),
    outlook.tier_drop ? h("p", { class: "warning", "data-testid": "tier-drop" }, t.message(outlook.tier_drop.message_i18n, outlook.tier_drop.message)) : null,
    outlook.retention_ends ? h("p", { class: "warning" }, t("retentionEnds", { date: ctx.fmt.date(outlook.retention_ends) })) : null)];
}

function expiring(ctx, outlook) {
  const t = ctx.t;
  const f = ctx.fmt;
  const items = outlook.expiring.map((x) => {
    const what = [x.name, x.holder ? `(${x.holder})` : null].filter(Boolean).join(" ") || x.kind || x.field;
    return h("li", {}, x.days_left < 0 ? t("expired", { what, date: f.date(x.expires) }) : t("expiresOn", { what, date: f.date(x.expires), days: x.days_left }));
  });
  const out = [h("h3", {}, t("expiry"))];
  if (items.length > 0) out.push(h("ul", { class: "expiring", "data-testid": "expiring" }, items));
  else out.push(h("p", { class: "note" }, t("noExpiry", { days: outlook.window_days })));
  return out;
}
