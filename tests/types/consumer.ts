// A typed consumer of the package, checked by `tsc -p tests/types` and never run: every line
// uses the generated declarations as a portal's TypeScript would, and the `@ts-expect-error`
// lines prove that the types are not `any` (a misspelt field must not compile).
import init, {
  Scorecard,
  ScorecardError,
  version,
  type BatchResult,
  type CompactResult,
  type Evaluation,
  type EvalOptions,
  type Form,
  type GapOptions,
  type GapReport,
  type Issue,
  type Program,
  type Profile,
  type ProgramChange,
  type RowError,
} from "../../pkg/partner_scorecard.js";
import { Lab, Scorecard as FullScorecard, describeChanges, generatePartners, type ChangeOptions, type ProgramChanges, type SegmentOptions, type SegmentSummary } from "../../pkg/lab/partner_scorecard.js";

declare const program: Program;

export async function scoreOnePartner(): Promise<string> {
  await init();
  const scorecard = new Scorecard(program);
  const profile: Profile = { partner: "Acme", region: "emea", values: { certified_engineers: 3, marketing_plan: true } };
  const options: EvalOptions = { as_of: "2026-11-25", lang: "de" };

  const result: Evaluation = scorecard.evaluate(profile, options);
  const track = result.tracks[0];
  const tier: string | undefined = track.tier?.label;
  const points: number[] = track.criteria.map((c) => c.points);
  const next: number | undefined = track.next_tier?.point_deficit;
  // @ts-expect-error: no such field
  track.totl;

  const quick: CompactResult[] = scorecard.score(profile, options);
  const held: string | null = quick[0].tier;
  // @ts-expect-error: totals are numbers
  const wrong: string = quick[0].total;

  const form: Form = scorecard.form();
  const kinds: string[] = form.fields.map((f) => f.type);

  const gapOptions: GapOptions = { ...options, target: "gold", window_days: 30, alternatives: 2 };
  const report: GapReport = scorecard.gaps(profile, gapOptions);
  for (const t of report.tracks) {
    if (t.plan) console.log(t.plan.summary, t.plan.changes.map((c) => c.description), t.plan.optimal);
    for (const x of t.outlook.expiring) console.log(x.name, x.expires, x.days_left);
  }
  // @ts-expect-error: not an option of gaps()
  scorecard.gaps(profile, { windowDays: 30 });
  const planned = report.tracks[0].plan;
  if (planned) {
    const after: Profile = scorecard.applyPlan(profile, planned, { as_of: "2026-06-01" });
    const renewed: (string | null)[] = planned.changes.flatMap((c) => c.renew_certifications);
    console.log(scorecard.evaluate(after, options).tracks[0].total, renewed);
    // @ts-expect-error: a plan, not its changes
    scorecard.applyPlan(profile, planned.changes);
  }
  const warnings: Issue[] = scorecard.warnings();

  // Batch scoring is in the Node, bundler and lab builds, not in the module a portal embeds.
  // @ts-expect-error: no evaluateBatch in the browser module
  scorecard.evaluateBatch("@partner\nAcme\n");
  const full = new FullScorecard(program);
  const batch: BatchResult = full.evaluateBatch("@partner,certified_engineers\nAcme,3\n", options);
  const firstError: RowError | undefined = batch.errors[0];
  const line: number | null | undefined = firstError?.line;
  const counted: number = batch.counts.evaluated;

  try {
    new Scorecard('{"format": 1}');
  } catch (e) {
    if (e instanceof ScorecardError) {
      const issues: Issue[] = e.issues;
      console.log(e.kind, issues.map((i) => `${i.path}: ${i.message}`));
    }
  }
  scorecard.free();
  return [version(), tier, points, next, held, wrong, kinds, line, counted].join();
}

export function segmentABase(): number {
  const csv: Uint8Array = generatePartners(program, { rows: 100, seed: 7, as_of: "2026-06-01" });
  const lab = new Lab(program, csv);
  const options: SegmentOptions = { as_of: "2026-06-01", reach_percent: 5 };
  const summary: SegmentSummary = lab.segment(options);
  const points: Float32Array = lab.points();
  const within: (string | null)[] = summary.within_reach.shown.map((entry) => entry.plan);
  lab.free();
  return summary.counts.rows + points.length + within.length;
}

/** The program studio's "what changed" view: the edited program against the one opened. */
export function whatChanged(opened: Program, edited: Program | string): string[] {
  const options: ChangeOptions = { lang: "de" };
  const { changes, total }: ProgramChanges = describeChanges(opened, edited, options);
  const first: ProgramChange | undefined = changes[0];
  const kind: "added" | "removed" | "changed" | "moved" | undefined = first?.kind;
  const where: string[] = first ? [...first.within.map((s) => s.label), first.subject.label] : [];
  // @ts-expect-error: a change's subject is an object, not its label
  const label: string | undefined = first?.subject;
  // @ts-expect-error: not an option of describeChanges()
  describeChanges(opened, edited, { language: "de" });
  return [String(total), kind ?? "", first?.setting ?? "", first?.text_i18n.id ?? "", label ?? "", ...where];
}
