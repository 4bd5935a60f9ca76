// What the benchmark pages share: the median, the timing of one call, and handing the result
// (or the error) to the driver through window.benchResult.

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median time of one call in microseconds, from `batches` batches of `inner` calls. */
export function perCall(fn, inner = 200, batches = 40) {
  // A full second of warm-up: V8 compiles hot wasm functions with its optimizing tier in the
  // background, and on two busy cores that can take longer than a few hundred calls.
  const warm = performance.now();
  while (performance.now() - warm < 1000) fn(0);
  const times = [];
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    for (let i = 0; i < inner; i++) fn(i);
    times.push(((performance.now() - t) * 1000) / inner);
  }
  return median(times);
}

/** Runs the page's benchmark and hands its result (or error) to the driver. */
export function report(run) {
  run().then(
    (r) => {
      window.benchResult = r;
      document.getElementById("out").textContent = JSON.stringify(r, null, 2);
    },
    (e) => {
      window.benchResult = { error: String((e && e.stack) || e) };
    },
  );
}
