/**
 * Small seeded 2-D data sets for decision-boundary plots: two interleaving moons and k spirals.
 * Every random number comes from the library's seeded {@linkcode Rng}, so a seed reproduces a set
 * bit for bit. Split them with `split` and scale them with `standardize` (from `ops.ts`).
 *
 * @module
 */

import type { Rng, Seed } from "../random.ts";
import type { Dataset } from "./dataset.ts";
import { checkOptions, fmt, intOption, numberOption, seedOption } from "./_options.ts";

/** Options of {@linkcode twoMoons}. */
export interface TwoMoonsOptions {
  /** The number of points, an integer ≥ 2; default 200 (half per moon, the upper one gets the odd one). */
  n?: number;
  /** The standard deviation of the Gaussian noise added to each coordinate, ≥ 0; default 0.1. */
  noise?: number;
  /** The seed (a number, or an `Rng` to fork); default 0. */
  seed?: Seed;
}

/** Options of {@linkcode spirals}. */
export interface SpiralsOptions {
  /** The number of points, an integer ≥ `classes`; default 300 (shared equally by the arms). */
  n?: number;
  /** The number of arms (classes), an integer ≥ 2; default 2. */
  classes?: number;
  /** The standard deviation of the Gaussian noise added to each coordinate, ≥ 0; default 0.05. */
  noise?: number;
  /** How many times each arm winds around the centre, > 0; default 1. */
  turns?: number;
  /** The seed (a number, or an `Rng` to fork); default 0. */
  seed?: Seed;
}

/** Builds a data set from per-class point lists, in an order shuffled by `rng`. */
function assemble(points: number[][][], rng: Rng, name: string): Dataset {
  const all = points.flatMap((pts, c) => pts.map((p) => [p[0], p[1], c]));
  rng.shuffle(all);
  const n = all.length;
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  all.forEach(([a, b, c], i) => {
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = c;
  });
  return { x, y, n, features: 2, classes: points.length, name };
}

/** `m` angles evenly spaced from 0 to π inclusive. */
function halfTurn(m: number, i: number): number {
  return m > 1 ? (Math.PI * i) / (m - 1) : 0;
}

/**
 * Two interleaving half circles, as scikit-learn's `make_moons`: class 0 is the upper moon
 * (cos t, sin t) and class 1 the lower one (1 − cos t, ½ − sin t), t evenly spaced in [0, π], plus
 * Gaussian noise; shuffled. The classes are balanced (within one) and not linearly separable: the
 * tips of each moon reach into the other's hollow, so the best straight line gets under 90 % right,
 * while "the nearer arc" gets every noiseless point right.
 *
 * @example
 * ```ts
 * import { twoMoons } from "./synthetic.ts";
 * import assert from "node:assert/strict";
 * const moons = twoMoons({ n: 200, noise: 0.1, seed: 7 });
 * assert.equal(moons.x.length, 400);
 * assert.equal(moons.y.filter((c) => c === 1).length, 100);
 * assert.deepEqual(twoMoons({ n: 200, noise: 0.1, seed: 7 }).x, moons.x);
 * ```
 */
export function twoMoons(options?: TwoMoonsOptions): Dataset {
  const o = checkOptions("twoMoons", options, ["n", "noise", "seed"]);
  const n = intOption("twoMoons", "n", o.n, 200, 2);
  const noise = numberOption("twoMoons", "noise", o.noise, 0.1, 0);
  const rng = seedOption("twoMoons", o.seed);
  const upper = Math.ceil(n / 2);
  const lower = n - upper;
  const moons = [
    Array.from({ length: upper }, (_, i) => {
      const t = halfTurn(upper, i);
      return [Math.cos(t), Math.sin(t)];
    }),
    Array.from({ length: lower }, (_, i) => {
      const t = halfTurn(lower, i);
      return [1 - Math.cos(t), 0.5 - Math.sin(t)];
    }),
  ];
  for (const p of moons.flat()) {
    p[0] += rng.normal(0, noise);
    p[1] += rng.normal(0, noise);
  }
  return assemble(moons, rng, `two moons (${fmt(n)})`);
}

/**
 * `classes` interleaved spiral arms around the origin, one class per arm. Point i of the m points
 * of arm k has radius r = (i + 1) / m ∈ (0, 1] and angle 2π (turns · r + k / classes), plus
 * Gaussian noise; shuffled. The classes are balanced (within one). The arms are 1 / (classes ·
 * turns) apart along a ray, so more arms, more turns or more noise make the task harder.
 *
 * @example
 * ```ts
 * import { spirals } from "./synthetic.ts";
 * import assert from "node:assert/strict";
 * const s = spirals({ n: 300, classes: 3, noise: 0, turns: 1, seed: 1 });
 * assert.equal(s.name, "3 spirals (300)");
 * assert.equal(s.classes, 3);
 * assert.ok(s.x.every((v) => Math.abs(v) <= 1));
 * ```
 */
export function spirals(options?: SpiralsOptions): Dataset {
  const o = checkOptions("spirals", options, ["n", "classes", "noise", "turns", "seed"]);
  const classes = intOption("spirals", "classes", o.classes, 2, 2);
  const n = intOption("spirals", "n", o.n, 300, classes);
  const noise = numberOption("spirals", "noise", o.noise, 0.05, 0);
  const turns = numberOption("spirals", "turns", o.turns, 1, 0, true);
  const rng = seedOption("spirals", o.seed);
  const arms = Array.from({ length: classes }, (_, k) => {
    const m = Math.floor(n / classes) + (k < n % classes ? 1 : 0);
    return Array.from({ length: m }, (_, i) => {
      const r = (i + 1) / m;
      const angle = 2 * Math.PI * (turns * r + k / classes);
      return [r * Math.cos(angle), r * Math.sin(angle)];
    });
  });
  for (const p of arms.flat()) {
    p[0] += rng.normal(0, noise);
    p[1] += rng.normal(0, noise);
  }
  return assemble(arms, rng, `${classes} spirals (${fmt(n)})`);
}
