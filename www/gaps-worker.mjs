// Runs the engine's gap analysis (least-effort plans can take a while on large programs) off
// the main thread, so the score updates on every keystroke while the plan follows.
// Messages in: {program: text} | {seq, profile, options} | {apply, profile, plan, options}.
// Out: {seq, report} | {seq, error} | {apply, profile} | {apply, error}.
//
// A failure that is not a ScorecardError means the wasm instance trapped (no input should
// cause one: the engine bounds its work). The worker then starts a fresh instance, reads the
// program again and answers with the error, so the next request gets a plan again.
import init, { Scorecard, ScorecardError, __wbg_reset_state } from "../pkg/partner_scorecard.js";

const ready = init();
let program = null;
let scorecard = null;

function load() {
  scorecard = null;
  try {
    if (program !== null) scorecard = new Scorecard(program);
  } catch {
    // The page has already shown this program's errors; it will not ask for its gaps.
  }
}

self.onmessage = async ({ data }) => {
  await ready;
  if ("program" in data) {
    scorecard?.free();
    program = data.program;
    load();
    return;
  }
  if ("apply" in data) {
    // "Try this plan": the profile with the plan's changes, as the partner would enter them.
    try {
      if (!scorecard) throw new Error("no program loaded");
      self.postMessage({ apply: data.apply, profile: scorecard.applyPlan(data.profile, data.plan, data.options) });
    } catch (e) {
      if (!(e instanceof ScorecardError)) {
        __wbg_reset_state();
        load();
      }
      self.postMessage({ apply: data.apply, error: { message: String(e?.message ?? e) } });
    }
    return;
  }
  if (!scorecard) {
    self.postMessage({ seq: data.seq, error: { message: "no program loaded", kind: null, issues: null, restarted: false } });
    return;
  }
  try {
    self.postMessage({ seq: data.seq, report: scorecard.gaps(data.profile, data.options) });
  } catch (e) {
    const trapped = !(e instanceof ScorecardError);
    if (trapped) {
      // Objects of the old instance are stale: dropped, never freed.
      __wbg_reset_state();
      load();
    }
    self.postMessage({ seq: data.seq, error: { message: String(e?.message ?? e), kind: e?.kind ?? null, issues: e?.issues ?? null, restarted: trapped } });
  }
};
