// Runs the engine's gap analysis (least-effort plans can take a while on large programs) off
// the main thread, so the score updates on every keystroke while the plan follows.
// Messages in: {program: text} | {seq, profile, options}. Out: {seq, report} | {seq, error}.
import init, { Scorecard } from "../pkg/partner_scorecard.js";

const ready = init();
let scorecard = null;

self.onmessage = async ({ data }) => {
  await ready;
  if ("program" in data) {
    scorecard?.free();
    scorecard = null;
    try {
      scorecard = new Scorecard(data.program);
    } catch {
      // The page has already shown this program's errors; it will not ask for its gaps.
    }
    return;
  }
  try {
    if (!scorecard) throw new Error("no program loaded");
    self.postMessage({ seq: data.seq, report: scorecard.gaps(data.profile, data.options) });
  } catch (e) {
    self.postMessage({ seq: data.seq, error: { message: e.message, kind: e.kind ?? null, issues: e.issues ?? null } });
  }
};
