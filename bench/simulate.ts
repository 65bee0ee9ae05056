// `npm run simulate -- --out FILE [--seeds N] [--perturb X]`: a simulated learner studies for
// an interview under three strategies, and the file says how ready each left them.
//
// The learner's true memory follows FSRS (ts-fsrs with its default parameters, or with each
// parameter scaled by a random factor within ±X so the scheduler's model is not the truth).
// Each day at 19:00 the learner rates what the scheduler says is due, in order, up to the
// daily limit of ratings, then meets new cards while there is room; a card in learning steps
// comes back within the same session. A review is recalled with the true recall probability
// at that moment; a new card's first rating, and the rating given when recalled, follow
// the rating shares FSRS's own simulator uses.
//
// Strategies: `fsrs` (desired retention 0.9, the interview ignored), `cram` (0.97 all
// along) and `plan` (0.9, with the interview plan of lib/srs/plan.ts).
import { writeFileSync } from 'node:fs';
import {
  createEmptyCard,
  default_w,
  fsrs,
  generatorParameters,
  type Card,
  type FSRS,
  type Grade,
} from 'ts-fsrs';
import { fromFsrsCard } from '../lib/srs/schedule';
import { plannedDue, planNewPerDay, recallAt, type Deadline } from '../lib/srs/plan';

const DAY = 86_400_000;
const MIN = 60_000;

export interface Scenario {
  cards: number;
  days: number;
  daily_limit: number;
  target: number;
}

export const SCENARIO: Scenario = { cards: 300, days: 28, daily_limit: 80, target: 0.95 };

type Strategy = 'fsrs' | 'cram' | 'plan';

export interface Outcome {
  reviews_total: number;
  max_reviews_per_day: number;
  recall_on_day: number;
  share_ready: number;
  /** Ratings on each day, for the chart. */
  per_day: number[];
}

/** A deterministic pseudo-random stream. */
function rng(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

/** FSRS's simulator's shares: first ratings Again/Hard/Good/Easy; ratings when recalled Hard/Good/Easy. */
const FIRST = [0.24, 0.094, 0.495, 0.171];
const RECALLED = [0.224, 0.632, 0.144];

function pick(shares: number[], r: number): number {
  let acc = 0;
  for (let i = 0; i < shares.length; i++) {
    acc += shares[i]!;
    if (r < acc) return i;
  }
  return shares.length - 1;
}

interface SimCard {
  /** What the scheduler believes. */
  model: Card;
  /** The learner's true memory. */
  truth: Card;
  introduced: boolean;
}

/** The learner's parameters: FSRS's defaults, each scaled by a factor within ±perturb. */
function trueParameters(rand: () => number, perturb: number): number[] {
  if (perturb === 0) return [...default_w];
  // The decay (w20) and the short-term terms stay sane: a scale within ±perturb of each.
  return default_w.map((w) => w * (1 + (rand() * 2 - 1) * perturb));
}

export interface SimOptions {
  /** Scale each of the learner's true FSRS parameters by a factor within ±perturb. */
  perturb: number;
  /** Learning steps (minutes) as the extension schedules them; off, a day-by-day model. */
  steps: boolean;
}

export function simulate(
  strategy: Strategy,
  seed: number,
  scenario = SCENARIO,
  options: SimOptions = { perturb: 0, steps: true },
): Outcome {
  const { perturb } = options;
  const rand = rng(seed);
  const start = new Date(2026, 0, 5, 4).getTime();
  const interview: Deadline = { at: start + scenario.days * DAY, target: scenario.target };
  const scheduler = fsrs(
    generatorParameters({
      request_retention: strategy === 'cram' ? 0.97 : 0.9,
      enable_fuzz: false,
      enable_short_term: options.steps,
    }),
  );
  const w = scheduler.parameters.w as readonly number[];
  const truthW = trueParameters(rand, perturb);
  const truth: FSRS = fsrs(
    generatorParameters({ w: truthW, enable_fuzz: false, enable_short_term: options.steps }),
  );
  const cards: SimCard[] = Array.from({ length: scenario.cards }, () => ({
    model: createEmptyCard(new Date(start)),
    truth: createEmptyCard(new Date(start)),
    introduced: false,
  }));
  // New cards at an even pace, so that the last ones are met a week before the day; the
  // plan sets its own pace each day, as the extension's worker does (planNewPerDay).
  const evenPace = Math.ceil(scenario.cards / Math.max(1, scenario.days - 7));
  const perDay: number[] = [];
  for (let day = 0; day < scenario.days; day++) {
    const newPerDay =
      strategy === 'plan'
        ? planNewPerDay({
            newLeft: cards.filter((c) => !c.introduced).length,
            daysLeft: scenario.days - day,
            chosen: 0,
            budget: scenario.daily_limit,
            dueReviews: cards.filter((c) => c.introduced && c.model.due.getTime() <= start + (day + 1) * DAY)
              .length,
          }).perDay
        : evenPace;
    const session = start + day * DAY + 15 * 3_600_000;
    let t = session;
    let ratings = 0;
    let fresh = 0;
    const rate = (c: SimCard) => {
      let grade: Grade;
      if (!c.introduced) {
        c.introduced = true;
        fresh++;
        grade = (pick(FIRST, rand()) + 1) as Grade;
      } else {
        const p = recallAt(truthW, fromFsrsCard(c.truth), t);
        grade = rand() < p ? ((pick(RECALLED, rand()) + 2) as Grade) : 1;
      }
      c.truth = truth.next(c.truth, new Date(t), grade).card;
      c.model = scheduler.next(c.model, new Date(t), grade).card;
      if (strategy === 'plan') {
        const state = fromFsrsCard(c.model);
        c.model.due = new Date(plannedDue(w, state, [interview], t));
      }
      ratings++;
      t += 20_000;
    };
    const end = session + 3 * 3_600_000;
    for (;;) {
      if (ratings >= scenario.daily_limit || t > end) break;
      // Everything due by now, most overdue first; else new cards while there is room.
      const due = cards
        .filter((c) => c.introduced && c.model.due.getTime() <= t)
        .sort((a, b) => a.model.due.getTime() - b.model.due.getTime());
      if (due.length) {
        rate(due[0]!);
        continue;
      }
      const next = fresh < newPerDay ? cards.find((c) => !c.introduced) : undefined;
      if (next) {
        rate(next);
        continue;
      }
      // Learning steps due later in this session: wait for the next one.
      const later = cards
        .filter((c) => c.introduced && c.model.due.getTime() <= end)
        .map((c) => c.model.due.getTime());
      if (!later.length) break;
      t = Math.max(t + MIN, Math.min(...later));
    }
    perDay.push(ratings);
  }
  const recall = cards.map((c) => (c.introduced ? recallAt(truthW, fromFsrsCard(c.truth), interview.at) : 0));
  return {
    reviews_total: perDay.reduce((a, b) => a + b, 0),
    max_reviews_per_day: Math.max(...perDay),
    recall_on_day: recall.reduce((a, b) => a + b, 0) / recall.length,
    share_ready: recall.filter((r) => r >= scenario.target).length / recall.length,
    per_day: perDay,
  };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function runAll(seeds: number, options: SimOptions = { perturb: 0, steps: true }) {
  const strategies = Object.fromEntries(
    (['fsrs', 'cram', 'plan'] as const).map((s) => {
      const runs = Array.from({ length: seeds }, (_, i) => simulate(s, i + 1, SCENARIO, options));
      return [
        s,
        {
          reviews_total: mean(runs.map((r) => r.reviews_total)),
          max_reviews_per_day: Math.max(...runs.map((r) => r.max_reviews_per_day)),
          recall_on_day: mean(runs.map((r) => r.recall_on_day)),
          share_ready: mean(runs.map((r) => r.share_ready)),
          per_day: SCENARIO.days ? runs[0]!.per_day.map((_, d) => mean(runs.map((r) => r.per_day[d]!))) : [],
        },
      ];
    }),
  );
  return { scenario: SCENARIO, seeds, options, strategies };
}

/** A line chart of the ratings per day of each strategy, as an SVG file for BENCHMARKS.md. */
export function dailyLoadChart(result: ReturnType<typeof runAll>): string {
  const W = 640;
  const H = 260;
  const pad = { l: 40, r: 90, t: 20, b: 30 };
  const days = SCENARIO.days;
  const max = SCENARIO.daily_limit;
  const x = (d: number) => pad.l + (d / (days - 1)) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const colours: Record<string, string> = { fsrs: '#6b7280', cram: '#dc2626', plan: '#4f46e5' };
  const lines = Object.entries(result.strategies).map(([name, s]) => {
    const points = s.per_day.map((v, d) => `${x(d).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const last = s.per_day.at(-1)!;
    return (
      `<polyline fill="none" stroke="${colours[name]}" stroke-width="2" points="${points}"/>` +
      `<text x="${x(days - 1) + 6}" y="${y(last) + 4}" fill="${colours[name]}">${name}</text>`
    );
  });
  const ticks = [0, 20, 40, 60, 80]
    .map((v) => `<text x="${pad.l - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`)
    .join('');
  const dayTicks = [0, 7, 14, 21, days - 1]
    .map((d) => `<text x="${x(d)}" y="${H - 10}" text-anchor="middle">day ${d + 1}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">
<title>Ratings per day before an interview on day ${days + 1}: mean over ${result.seeds} seeds</title>
<rect width="${W}" height="${H}" fill="#fff"/>
<line x1="${pad.l}" y1="${y(max)}" x2="${x(days - 1)}" y2="${y(max)}" stroke="#d1d5db" stroke-dasharray="4 3"/>
${ticks}${dayTicks}
${lines.join('\n')}
</svg>
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const seeds = Number(arg('seeds') ?? 20);
  const options = { perturb: Number(arg('perturb') ?? 0), steps: !process.argv.includes('--no-steps') };
  const result = runAll(seeds, options);
  const out = arg('out');
  if (out) writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  const chart = arg('chart');
  if (chart) writeFileSync(chart, dailyLoadChart(result));
  for (const [name, s] of Object.entries(result.strategies))
    console.log(
      `${name.padEnd(5)} reviews ${s.reviews_total.toFixed(0).padStart(5)}  max/day ${String(s.max_reviews_per_day).padStart(3)}  recall ${s.recall_on_day.toFixed(3)}  ready ${s.share_ready.toFixed(3)}`,
    );
}
