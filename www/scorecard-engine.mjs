// The wasm engine shared by every <partner-scorecard> on a page: instantiated once, and
// replaced by a fresh instance should a call ever trap. It is the lite module (pkg/lite/:
// evaluate, score, form), what the partner's answer needs; plans come from the full module,
// loaded on demand in the element's worker (or here, by `planEngine`, where workers are not
// allowed).
import init, { Scorecard, __wbg_reset_state } from "../pkg/lite/partner_scorecard.js";

export { Scorecard };

/** Resolves once the engine is instantiated; shared by every element on the page. */
export const engineReady = init();

/**
 * Incremented whenever the wasm instance is replaced. A call that fails with anything but a
 * ScorecardError means the instance trapped (no input should cause one: the engine bounds its
 * work); every element then reads its program into the fresh instance before its next call.
 */
export let engineGeneration = 0;

export function restartEngine() {
  __wbg_reset_state();
  engineGeneration += 1;
}

/** True for the engine's errors (a bad program or profile), which carry `kind` and `issues`. */
export const isScorecardError = (e) => e instanceof Error && e.name === "ScorecardError" && Array.isArray(/** @type {any} */ (e).issues);

/** @type {Promise<typeof import("../pkg/partner_scorecard.js")> | null} */
let planModule = null;

/**
 * The full module (with `gaps`), loaded and instantiated on the first call: only for pages
 * whose host forbids workers, where plans are computed on the main thread.
 */
export function planEngine() {
  planModule ??= import("../pkg/partner_scorecard.js").then(async (module) => {
    await module.default();
    return module;
  });
  return planModule;
}
