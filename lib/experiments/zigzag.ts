/**
 * F7, the zig-zag path: when every input is non-negative, one example's gradient moves all of a
 * neuron's weights the same way, so reaching an optimum where w₁ must fall and w₂ rise takes a
 * staircase. A linear neuron f = w₁x₁ + w₂x₂ with squared loss and targets from a known w* is
 * trained by gradient descent on inputs relu(z), z ~ N(inputMean, 1), and on the same inputs
 * centred; full batch, single examples and minibatches (CS231n: averaging softens the effect).
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import { formatNumber } from "../display/format_number.ts";
import { percent, plural } from "../display/prose.ts";
import {
  integer,
  integers,
  number,
  numbers,
  type Options,
  type OptionsInput,
  parseOptions,
} from "../options.ts";
import { Rng } from "../random.ts";
import { mean, median } from "../stats/summary.ts";
import { signTest } from "../stats/sign_test.ts";
import { type Finding, finding } from "./finding.ts";

/** The default learning-rate grid: 0.04 · 1.35ᵏ, k = 0 … 13. */
const LR_GRID = Array.from({ length: 14 }, (_, k) => 0.04 * 1.35 ** k);

/** The options of {@linkcode zigzag}, with their defaults. */
export const ZIGZAG_OPTIONS = {
  /** Examples in the two-weight problem. */
  points: integer(200, { min: 2, max: 100_000 }),
  /** The inputs are relu(z), z ~ N(inputMean, 1): non-negative. */
  inputMean: number(1, { min: -10, max: 10 }),
  /** Where gradient descent starts, (w₁, w₂). */
  start: numbers([0, 0], { min: -100, max: 100 }, { minLength: 2, maxLength: 2 }),
  /** The optimum w* that makes the targets; (−1, 2): w₁ must fall and w₂ rise. */
  optimum: numbers([-1, 2], { min: -100, max: 100 }, { minLength: 2, maxLength: 2 }),
  /** Converged when ‖w − w*‖ < tol. */
  tol: number(1e-3, { min: 0, max: 1, open: "min" }),
  /** The most steps tried. */
  maxSteps: integer(1000, { min: 1, max: 100_000 }),
  /** Independent draws of the data (F7's sign test needs 6 or more to reach p < 0.05). */
  draws: integer(20, { min: 1, max: 100 }),
  /** The learning rates tried, in increasing order. */
  lrs: numbers(LR_GRID, { min: 0, max: 100, open: "min" }),
  /** The minibatch sizes compared (each at most `points`). */
  batchSizes: integers([1, 2, 5, 10, 25, 50, 200], { min: 1, max: 100_000 }),
  /** The learning rate of the minibatch comparison. */
  batchLr: number(0.05, { min: 0, max: 100, open: "min" }),
  /** Seed of the draws (draw d uses seed + 1 + d). */
  seed: integer(0, { min: 0 }),
};

/** What {@linkcode zigzag} takes: every field optional. */
export type ZigzagOptions = OptionsInput<typeof ZIGZAG_OPTIONS>;

/** The two kinds of input. */
export const INPUT_KINDS = ["non-negative x", "zero-centred x"] as const;

/** One run of gradient descent. */
export interface Descent {
  readonly lr: number;
  /** Steps until ‖w − w*‖ < tol, or null if it did not converge within maxSteps. */
  readonly steps: number | null;
  /** The share of steps whose two gradient components had the same sign. */
  readonly sameShare: number;
}

/** One set-up: an input kind and full batch or one example per step. */
export interface ZigzagSetup {
  readonly kind: typeof INPUT_KINDS[number];
  readonly batch: "full" | 1;
  readonly label: string;
  /** Per draw, the best learning rate's run (fewest steps), or null if none converged. */
  readonly best: readonly (Descent | null)[];
  /** The median over draws of the best steps (null if any draw never converged). */
  readonly bestSteps: number | null;
  /** The mean over draws of the best runs' same-sign share. */
  readonly sameShare: number;
  /** Per learning rate: the median over draws of the steps (null where most did not converge). */
  readonly sweep: readonly (number | null)[];
  /** The largest learning rate at which the median draw converged, or null. */
  readonly largestLr: number | null;
  /** The best path on draw 1, for the contour figure. */
  readonly path: readonly (readonly [number, number])[];
}

/** What {@linkcode zigzag} returns: plain data. */
export interface ZigzagResult {
  readonly options: Options<typeof ZIGZAG_OPTIONS>;
  /** Full batch and one example, non-negative inputs; then the same with centred inputs. */
  readonly setups: readonly ZigzagSetup[];
  /** Per input kind, draw 1's curvature C = XᵀX / n: the loss is ½ (w − w*)ᵀ C (w − w*). */
  readonly curvature: readonly (readonly [number, number, number])[];
  /** Per input kind, per batch size: the same-sign share of the steps (draw 1). */
  readonly batchShares: readonly (readonly number[])[];
  /** Whether w* needs one weight to fall and the other to rise from the start. */
  readonly opposite: boolean;
  /** Draws in which single-example SGD, and full batch, was slower with non-negative inputs. */
  readonly sgdSlower: number;
  readonly fullSlower: number;
  /** Draws in which single-example SGD was faster with non-negative inputs (ties in neither). */
  readonly sgdFaster: number;
}

interface Problem {
  readonly x: Float64Array;
  readonly n: number;
}

/**
 * The loss ½ (w − w*)ᵀ C (w − w*) of a curvature `[c11, c12, c22]`, for `lossContours`.
 *
 * @example
 * ```ts
 * import { quadraticLoss } from "./zigzag.ts";
 * import assert from "node:assert/strict";
 * assert.equal(quadraticLoss([2, 0, 4], [1, 1])(2, 0), 0.5 * (2 + 4));
 * ```
 */
export function quadraticLoss(
  curvature: readonly [number, number, number],
  optimum: readonly number[],
): (w1: number, w2: number) => number {
  const [a, b, c] = curvature;
  return (w1, w2) => {
    const d1 = w1 - optimum[0];
    const d2 = w2 - optimum[1];
    return 0.5 * (a * d1 * d1 + 2 * b * d1 * d2 + c * d2 * d2);
  };
}

function descend(
  p: Problem,
  o: Options<typeof ZIGZAG_OPTIONS>,
  lr: number,
  batch: number | null,
): Descent & { path: [number, number][] } {
  let w: [number, number] = [o.start[0], o.start[1]];
  const path: [number, number][] = [[...w]];
  let same = 0;
  let mixed = 0;
  let steps: number | null = null;
  for (let step = 1; step <= o.maxSteps; step++) {
    const size = batch ?? p.n;
    let g1 = 0;
    let g2 = 0;
    for (let k = 0; k < size; k++) {
      const r = batch === null ? k : ((step - 1) * batch + k) % p.n;
      const x1 = p.x[2 * r];
      const x2 = p.x[2 * r + 1];
      const e = x1 * (w[0] - o.optimum[0]) + x2 * (w[1] - o.optimum[1]);
      g1 += (e * x1) / size;
      g2 += (e * x2) / size;
    }
    if (g1 !== 0 && g2 !== 0) Math.sign(g1) === Math.sign(g2) ? same++ : mixed++;
    w = [w[0] - lr * g1, w[1] - lr * g2];
    path.push([...w]);
    const dist = Math.hypot(w[0] - o.optimum[0], w[1] - o.optimum[1]);
    if (!(dist < 1e3)) break;
    if (dist < o.tol) {
      steps = step;
      break;
    }
  }
  return { lr, steps, sameShare: same / Math.max(1, same + mixed), path };
}

const curvatureOf = (p: Problem): [number, number, number] => {
  let a = 0, b = 0, c = 0;
  for (let r = 0; r < p.n; r++) {
    const [x1, x2] = [p.x[2 * r], p.x[2 * r + 1]];
    a += x1 * x1 / p.n;
    b += x1 * x2 / p.n;
    c += x2 * x2 / p.n;
  }
  return [a, b, c];
};

/**
 * Gradient descent on the two-weight problem from `start`, for each input kind, full batch and
 * one example per step (in a fixed order), at every learning rate of `lrs`, on `draws` draws of
 * the data; and minibatches of each size of `batchSizes` at `batchLr` on draw 1.
 *
 * @example At a tiny size: single examples of non-negative inputs move both weights one way
 * ```ts
 * import { zigzag } from "./zigzag.ts";
 * import assert from "node:assert/strict";
 * const r = zigzag({ points: 20, draws: 1, lrs: [0.1, 0.3], batchSizes: [1, 20], maxSteps: 300 });
 * assert.equal(r.setups[1].label, "one example per step, non-negative x");
 * assert.ok(r.setups[1].sameShare > 0.9);
 * ```
 */
export function zigzag(options?: ZigzagOptions): ZigzagResult {
  const o = parseOptions("zigzag", options, ZIGZAG_OPTIONS);
  for (let i = 1; i < o.lrs.length; i++) {
    if (!(o.lrs[i] > o.lrs[i - 1])) {
      throw new RangeError(
        `zigzag: option "lrs" must be in increasing order, got lrs[${i - 1}] = ${
          o.lrs[i - 1]
        } and lrs[${i}] = ${o.lrs[i]}`,
      );
    }
  }
  const tooBig = o.batchSizes.find((b) => b > o.points);
  if (tooBig !== undefined) {
    throw new RangeError(
      `zigzag: option "batchSizes" must hold sizes of at most "points" (${o.points}), got ${tooBig}`,
    );
  }
  const relu = getActivation("relu");
  const draws = Array.from({ length: o.draws }, (_, d) => {
    const rng = new Rng(o.seed + 1 + d);
    const raw = relu.fArray(rng.fillNormal(new Float64Array(2 * o.points), o.inputMean, 1));
    const means = [0, 1].map((c) => mean(raw.filter((_, k) => k % 2 === c)));
    const centred = raw.map((v, k) => v - means[k % 2]);
    return [{ x: raw, n: o.points }, { x: centred, n: o.points }];
  });
  const setups = INPUT_KINDS.flatMap((kind, i) =>
    (["full", 1] as const).map((batch): ZigzagSetup => {
      const runs = draws.map((d) =>
        o.lrs.map((lr) => descend(d[i], o, lr, batch === "full" ? null : 1))
      );
      const bests = runs.map((rs) =>
        rs.filter((r) => r.steps !== null).reduce<typeof rs[0] | null>(
          (a, b) => (a === null || (b.steps as number) < (a.steps as number) ? b : a),
          null,
        )
      );
      const sweep = o.lrs.map((_, j) => {
        const s = runs.map((rs) => rs[j].steps ?? Infinity);
        const m = median(s);
        return Number.isFinite(m) ? m : null;
      });
      const ok = sweep.flatMap((s, j) => (s === null ? [] : [o.lrs[j]]));
      const converged = bests.filter((b) => b !== null);
      return {
        kind,
        batch,
        label: `${batch === "full" ? "full batch" : "one example per step"}, ${kind}`,
        best: bests.map((b) => b && { lr: b.lr, steps: b.steps, sameShare: b.sameShare }),
        bestSteps: converged.length === o.draws ? median(converged.map((b) => b!.steps!)) : null,
        sameShare: converged.length ? mean(converged.map((b) => b!.sameShare)) : 0,
        sweep,
        largestLr: ok.length ? Math.max(...ok) : null,
        path: bests[0]?.path ?? [],
      };
    })
  );
  const slower = (a: number, b: number) =>
    setups[a].best.filter((x, d) => {
      const y = setups[b].best[d];
      return x !== null && y !== null && (x.steps as number) > (y.steps as number);
    }).length;
  const faster = (a: number, b: number) => slower(b, a);
  return {
    options: o,
    setups,
    curvature: draws[0].map(curvatureOf),
    batchShares: INPUT_KINDS.map((_, i) =>
      o.batchSizes.map((b) => descend(draws[0][i], o, o.batchLr, b).sameShare)
    ),
    opposite: Math.sign(o.optimum[0] - o.start[0]) !== Math.sign(o.optimum[1] - o.start[1]),
    sgdSlower: slower(1, 3),
    fullSlower: slower(0, 2),
    sgdFaster: faster(1, 3),
  };
}

/** Column labels for a table of the set-ups (`table(result.setups, { columns })`). */
export const ZIGZAG_COLUMNS = [
  { key: "label", label: "run" },
  { key: "bestSteps", label: "best steps (median over draws)" },
  { key: "sameShare", label: "same-sign share of steps" },
  { key: "largestLr", label: "largest lr converging" },
] as const;

/** The thresholds the zig-zag findings decide by. */
export const ZIGZAG_THRESHOLDS = {
  /** Updates "all move both weights one way": at least this share of same-sign steps. */
  staircase: 0.9,
  /** Full batch is "slower" with non-negative inputs by at least this factor of steps. */
  slower: 1.5,
  /** The same-sign share "falls" with the batch size by at least this much. */
  falls: 0.1,
  /** "Slower" is shown when the sign test over the draws gives p below this. */
  signLevel: 0.05,
};

const u = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });

/**
 * The finding on F7, "each step moves both weights the same way, so the path zig-zags and
 * training slows", from single-example SGD:
 * - `"holds"`: with non-negative inputs at least 90 % of its updates are same-sign, and it needs
 *   more steps than with centred inputs in more draws than fewer, with a two-sided sign test
 *   over the draws (ties left out) at p < 0.05;
 * - `"holds in part"`: the staircase, and slower in more draws than faster, but p ≥ 0.05;
 * - `"does not hold"`: no staircase, or slower in no more draws than faster;
 * - `"inconclusive"`: w* does not need one weight to fall and the other to rise, or a set-up
 *   never converged.
 *
 * @example
 * ```ts
 * import { zigzag, zigzagFinding } from "./zigzag.ts";
 * import assert from "node:assert/strict";
 * const r = zigzag({ points: 20, draws: 1, lrs: [0.1], batchSizes: [1], maxSteps: 50, optimum: [1, 2] });
 * assert.equal(zigzagFinding(r).verdict, "inconclusive");
 * ```
 */
export function zigzagFinding(result: ZigzagResult): Finding {
  const raw = result.setups[1];
  const cen = result.setups[3];
  const { draws } = result.options;
  const { sgdSlower, sgdFaster } = result;
  const p = signTest(sgdSlower, sgdSlower + sgdFaster);
  const numbers = {
    sameShare: raw.sameShare,
    centredShare: cen.sameShare,
    sgdSlower,
    sgdFaster,
    signTestP: p,
    draws,
    steps: raw.bestSteps,
    centredSteps: cen.bestSteps,
  };
  const base = {
    claim: "F7",
    article: "same-sign updates zig-zag, and training slows",
    measured: `SGD: ${percent(raw.sameShare, 0)} same-sign updates; median best steps ${
      raw.bestSteps ?? "—"
    } vs ${cen.bestSteps ?? "—"} centred`,
    numbers,
  };
  if (!result.opposite || raw.bestSteps === null || cen.bestSteps === null) {
    return finding({
      ...base,
      verdict: "inconclusive",
      text: !result.opposite
        ? "Nothing to decide: from this start the optimum needs both weights to move the same way, so the sign rule forces no staircase."
        : "Nothing to decide: single-example SGD did not converge at any learning rate tried in every draw.",
    });
  }
  const text =
    `With one example per step and non-negative inputs ${
      percent(raw.sameShare)
    } of the updates moved w₁ and w₂ the same way (${
      percent(cen.sameShare)
    } with centred inputs); ` +
    `at its best rate it needed a median of ${raw.bestSteps} steps against ${cen.bestSteps}, and was slower in ${sgdSlower} of ${
      plural(draws, "draw")
    } and faster in ${sgdFaster} (sign test p = ${
      formatNumber(p, { digits: 2, style: "unicode" })
    }).`;
  const stair = raw.sameShare >= ZIGZAG_THRESHOLDS.staircase;
  const verdict = !stair || sgdSlower <= sgdFaster
    ? "does not hold"
    : p < ZIGZAG_THRESHOLDS.signLevel
    ? "holds"
    : "holds in part";
  return finding({ ...base, verdict, text });
}

/**
 * The finding on centring (CS231n), from full-batch descent: its steps are not bound to one sign,
 * but non-negative inputs stretch the loss bowl:
 * - `"holds"`: with non-negative inputs it needs at least 1.5 × the steps of centred inputs;
 * - `"holds in part"`: more steps, by less than 1.5 ×;
 * - `"does not hold"`: no more steps;
 * - `"inconclusive"`: a set-up never converged.
 *
 * @example
 * ```ts
 * import { centringFinding, zigzag } from "./zigzag.ts";
 * import assert from "node:assert/strict";
 * const r = zigzag({ points: 20, draws: 1, lrs: [1e-6], batchSizes: [1], maxSteps: 5 });
 * assert.equal(centringFinding(r).verdict, "inconclusive");
 * ```
 */
export function centringFinding(result: ZigzagResult): Finding {
  const raw = result.setups[0];
  const cen = result.setups[2];
  const base = {
    claim: "F7 (centring)",
    article: "zero-centred inputs avoid the zig-zag",
    measured: `full batch: median best steps ${raw.bestSteps ?? "—"} vs ${
      cen.bestSteps ?? "—"
    } centred; largest lr ${raw.largestLr === null ? "—" : u(raw.largestLr)} vs ${
      cen.largestLr === null ? "—" : u(cen.largestLr)
    }`,
  };
  if (raw.bestSteps === null || cen.bestSteps === null) {
    return finding({
      ...base,
      numbers: {},
      verdict: "inconclusive",
      text:
        "Nothing to decide: full-batch descent did not converge at any learning rate tried in every draw.",
    });
  }
  const ratio = raw.bestSteps / cen.bestSteps;
  const numbers = { ratio, sameShare: raw.sameShare, fullSlower: result.fullSlower };
  const text = `Full-batch descent is not bound to one sign (${
    percent(raw.sameShare)
  } of its steps were same-sign), yet with non-negative inputs it needed ${
    u(ratio)
  }× the steps of centred ones (median ${raw.bestSteps} against ${cen.bestSteps}). `;
  const verdict = ratio >= ZIGZAG_THRESHOLDS.slower
    ? "holds"
    : ratio > 1
    ? "holds in part"
    : "does not hold";
  return finding({
    ...base,
    numbers,
    verdict,
    text: text +
      (ratio > 1
        ? "The cause is the bowl's shape, not the sign rule: the inputs' common mean makes it long and narrow, and centring makes it round."
        : "Centring does not speed it up here."),
  });
}

/**
 * The finding on CS231n's "minibatch averaging softens it", from the same-sign share of minibatch
 * updates with non-negative inputs, the smallest batch against the largest:
 * - `"holds"`: the share falls by at least 0.1;
 * - `"holds in part"`: it falls, by less;
 * - `"does not hold"`: it does not fall;
 * - `"inconclusive"`: only one batch size was tried.
 *
 * @example
 * ```ts
 * import { minibatchFinding, zigzag } from "./zigzag.ts";
 * import assert from "node:assert/strict";
 * const r = zigzag({ points: 20, draws: 1, lrs: [0.1], batchSizes: [5], maxSteps: 50 });
 * assert.equal(minibatchFinding(r).verdict, "inconclusive");
 * ```
 */
export function minibatchFinding(result: ZigzagResult): Finding {
  const shares = result.batchShares[0];
  const sizes = result.options.batchSizes;
  const first = shares[0];
  const last = shares[shares.length - 1];
  const base = {
    claim: "F7 (minibatches)",
    article: "minibatch averaging softens the same-sign updates",
    measured: `same-sign updates: ${percent(first, 0)} at batch ${sizes[0]}, ${
      percent(last, 0)
    } at batch ${sizes[sizes.length - 1]}`,
    numbers: { first, last, sizes: [...sizes] },
  };
  if (sizes.length < 2) {
    return finding({
      ...base,
      verdict: "inconclusive",
      text: "Nothing to decide: only one batch size was tried.",
    });
  }
  const drop = first - last;
  const verdict = drop >= ZIGZAG_THRESHOLDS.falls
    ? "holds"
    : drop > 0
    ? "holds in part"
    : "does not hold";
  return finding({
    ...base,
    verdict,
    text: `With non-negative inputs ${
      percent(first)
    } of the updates were same-sign with batches of ${sizes[0]} and ${
      percent(last)
    } with batches of ${sizes[sizes.length - 1]}: ${
      drop > 0
        ? "averaging lets the update's signs differ, as CS231n says"
        : "averaging does not change the signs here"
    }.`,
  });
}
