// What a portal might do with the scorecard's events: show the tier in its own banner.
/** @type {any} the scorecard element (its methods are in partner-scorecard.mjs) */
const card = document.getElementById("embedded");
const banner = document.getElementById("portal-banner");
const count = /** @type {HTMLOutputElement} */ (document.getElementById("result-count"));
let received = 0;

card.addEventListener("scorecard-result", (event) => {
  const { evaluation } = event.detail;
  received += 1;
  count.value = String(received);
  const best = evaluation.best;
  banner.textContent = best ? `Portal: you currently qualify for ${best.tier.label}.` : "Portal: not ranked yet; the scorecard shows what is missing.";
  banner.dataset.tier = best?.tier.id ?? "";
});

card.addEventListener("scorecard-error", (event) => {
  banner.textContent = `Portal: the program could not be loaded (${event.detail.issues.length} problem(s)).`;
});
