/**
 * C4.1, the derivative that lets α be learned: PReLU's ∂f/∂α = x for x ≤ 0 and 0 for x > 0, from
 * the activations registry on a grid of x, and ∂L/∂α through the Tensor engine (`Tensor.prelu`
 * with a learnable α, shared or one per feature) on a random batch — each against central finite
 * differences.
 *
 * @module
 */

import { prelu } from "../activations/prelu.ts";
import { noGrad, Tensor } from "../autograd/tensor.ts";
import { formatNumber } from "../display/format_number.ts";
import {
  integer,
  number,
  numbers,
  type Options,
  type OptionsInput,
  parseOptions,
} from "../options.ts";
import { Rng } from "../random.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode preluAlphaGradient}, with their defaults. */
export const PRELU_ALPHA_GRADIENT_OPTIONS = {
  /** The α of the figure and of the engine check (He et al.'s and PyTorch's initial 0.25). */
  alpha: number(0.25, { min: -10, max: 10 }),
  /** More α checked on the grid, beside `alpha`. */
  alphas: numbers([-0.5, 0, 1, 3], { min: -10, max: 10 }, { minLength: 0, maxLength: 10 }),
  /** The step h of the central differences (f(α + h) − f(α − h)) / 2h. */
  fdStep: number(1e-6, { min: 0, max: 0.1, open: "min" }),
  /** Points of the grid of x on [−3, 3]. */
  points: integer(121, { min: 3, max: 10_001 }),
  /** Rows of the engine's random batch. */
  rows: integer(64, { min: 1, max: 4096 }),
  /** Features (columns) of the batch: the per-feature α has this many values. */
  features: integer(8, { min: 1, max: 256 }),
  /** Seed of the batch and of the upstream gradient. */
  seed: integer(0, { min: 0 }),
};

/** What {@linkcode preluAlphaGradient} takes: every field optional. */
export type PreluAlphaGradientOptions = OptionsInput<typeof PRELU_ALPHA_GRADIENT_OPTIONS>;

/** The registry's ∂f/∂α at one α, on the grid and at three points. */
export interface AlphaGradientRow {
  /** The slope α. */
  readonly alpha: number;
  /** ∂f/∂α at x = −2, 0 and 2. */
  readonly atMinus2: number;
  readonly atZero: number;
  readonly atPlus2: number;
  /** The largest |registry − central difference| over the grid. */
  readonly maxError: number;
}

/** ∂L/∂α through the engine, for one form of α. */
export interface EngineGradient {
  /** `"shared"`: one α for the whole batch; `"channel"`: one per feature. */
  readonly mode: "shared" | "channel";
  /** Values of α (1, or `features`). */
  readonly size: number;
  /** ∂L/∂α from `backward()`. */
  readonly engine: readonly number[];
  /** The registry's ∂f/∂α summed over the entries each α scales, weighted by the upstream G. */
  readonly registry: readonly number[];
  /** Central differences of the loss, one α at a time. */
  readonly numeric: readonly number[];
  /** The largest |engine − registry|. */
  readonly engineVsRegistry: number;
  /** The largest |engine − central difference|. */
  readonly engineVsNumeric: number;
  /** The rounding a central difference of this loss can carry: ε·Σ|G·f| / h. */
  readonly roundoff: number;
}

/** What {@linkcode preluAlphaGradient} returns: plain data. */
export interface PreluAlphaGradientResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof PRELU_ALPHA_GRADIENT_OPTIONS>;
  /** The grid of x, and at `alpha` the registry's ∂f/∂α and its central difference there. */
  readonly grid: {
    readonly x: readonly number[];
    readonly registry: readonly number[];
    readonly numeric: readonly number[];
  };
  /** One row per α checked (`alpha` first). */
  readonly rows: readonly AlphaGradientRow[];
  /** The largest registry error over every α and x. */
  readonly registryError: number;
  /** The rounding a central difference of f can carry on the grid: ε·max|f| / h. */
  readonly gridRoundoff: number;
  /** The shared and the per-feature α. */
  readonly engine: readonly EngineGradient[];
  /** |shared ∂L/∂α − Σ of the per-feature ones|: a shared α collects every column's gradient. */
  readonly sharedMinusSum: number;
}

const maxAbsDiff = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i])));

/**
 * Checks PReLU's ∂f/∂α from the registry against central differences on a grid of x in [−3, 3]
 * at several α, and ∂L/∂α through `Tensor.prelu` for L = Σ G·PReLU(X; α) on a random batch.
 *
 * @example
 * ```ts
 * import { preluAlphaGradient } from "./prelu_alpha_gradient.ts";
 * import assert from "node:assert/strict";
 * const r = preluAlphaGradient({ points: 5, rows: 4, features: 2 });
 * assert.deepEqual(r.grid.x, [-3, -1.5, 0, 1.5, 3]);
 * assert.deepEqual(r.grid.registry, [-3, -1.5, 0, 0, 0]); // x for x ≤ 0, else 0
 * assert.ok(r.registryError < 1e-8);
 * ```
 */
export function preluAlphaGradient(options?: PreluAlphaGradientOptions): PreluAlphaGradientResult {
  const o = parseOptions("preluAlphaGradient", options, PRELU_ALPHA_GRADIENT_OPTIONS);
  const h = o.fdStep;
  const x = Array.from({ length: o.points }, (_, i) => -3 + (6 * i) / (o.points - 1));
  const registryAt = (alpha: number) => x.map((v) => prelu.dparams(v, { alpha }).alpha);
  const numericAt = (alpha: number) =>
    x.map((v) => (prelu.f(v, { alpha: alpha + h }) - prelu.f(v, { alpha: alpha - h })) / (2 * h));
  const rows = [o.alpha, ...o.alphas].map((alpha): AlphaGradientRow => ({
    alpha,
    atMinus2: prelu.dparams(-2, { alpha }).alpha,
    atZero: prelu.dparams(0, { alpha }).alpha,
    atPlus2: prelu.dparams(2, { alpha }).alpha,
    maxError: maxAbsDiff(registryAt(alpha), numericAt(alpha)),
  }));
  const biggestF = Math.max(
    ...[o.alpha, ...o.alphas].flatMap((a) => [3, 3 * (Math.abs(a) + h)]),
  );

  const rng = new Rng(o.seed);
  const shape = [o.rows, o.features];
  const X = Tensor.randn(shape, rng);
  const G = Tensor.randn(shape, rng);
  const engine = (["shared", "channel"] as const).map((mode): EngineGradient => {
    const size = mode === "shared" ? 1 : o.features;
    const alpha = new Tensor(new Float64Array(size).fill(o.alpha), [size], { requiresGrad: true });
    X.prelu(alpha).mul(G).sum().backward();
    const grad = Array.from(alpha.grad!.data);
    const registry = new Array<number>(size).fill(0);
    let scale = 0;
    for (let i = 0; i < X.data.length; i++) {
      const xi = X.data[i];
      registry[size === 1 ? 0 : i % o.features] += G.data[i] *
        prelu.dparams(xi, { alpha: o.alpha }).alpha;
      scale += Math.abs(G.data[i] * prelu.f(xi, { alpha: o.alpha }));
    }
    const lossAt = (a: Float64Array) =>
      noGrad(() => X.prelu(new Tensor(a, [size])).mul(G).sum().item());
    const numeric = grad.map((_, k) => {
      const up = alpha.data.slice();
      const down = alpha.data.slice();
      up[k] += h;
      down[k] -= h;
      return (lossAt(up) - lossAt(down)) / (2 * h);
    });
    return {
      mode,
      size,
      engine: grad,
      registry,
      numeric,
      engineVsRegistry: maxAbsDiff(grad, registry),
      engineVsNumeric: maxAbsDiff(grad, numeric),
      roundoff: (Number.EPSILON * scale) / h,
    };
  });
  const [shared, channel] = engine;
  return {
    options: o,
    grid: { x, registry: registryAt(o.alpha), numeric: numericAt(o.alpha) },
    rows,
    registryError: Math.max(...rows.map((r) => r.maxError)),
    gridRoundoff: (Number.EPSILON * biggestF) / h,
    engine,
    sharedMinusSum: Math.abs(shared.engine[0] - channel.engine.reduce((s, v) => s + v, 0)),
  };
}

/** The thresholds {@linkcode preluAlphaGradientFinding} decides by. */
export const PRELU_ALPHA_GRADIENT_THRESHOLDS = {
  /** A gradient "agrees" with its central differences within this absolute error. */
  agree: 1e-6,
  /** The engine's sum "is" the registry's within this (only the order of the additions differs). */
  exact: 1e-9,
};

const n = (x: number) => formatNumber(x, { style: "unicode", digits: 2 });

/** Column labels for the table of {@linkcode PreluAlphaGradientResult.rows}. */
export const PRELU_ALPHA_GRADIENT_COLUMNS = [
  { key: "alpha", label: "α" },
  { key: "atMinus2", label: "∂f/∂α at x = −2" },
  { key: "atZero", label: "∂f/∂α at x = 0" },
  { key: "atPlus2", label: "∂f/∂α at x = 2" },
  { key: "maxError", label: "max |registry − finite difference|" },
] as const;

/** Column labels for the table of {@linkcode PreluAlphaGradientResult.engine}. */
export const PRELU_ENGINE_COLUMNS = [
  { key: "mode", label: "α" },
  { key: "size", label: "values" },
  { key: "engineVsRegistry", label: "max |engine − registry sum|" },
  { key: "engineVsNumeric", label: "max |engine − finite difference|" },
  { key: "roundoff", label: "rounding of the difference (ε·Σ|G·f|/h)" },
] as const;

/**
 * The finding on C4.1's gradient, ∂f/∂α = x for x ≤ 0:
 * - `"holds"`: the registry agrees with its central differences within 10⁻⁶ on the grid, and the
 *   engine agrees with the registry's sum within 10⁻⁹ and with its central differences within
 *   10⁻⁶, shared and per feature;
 * - `"holds in part"`: one of the two (registry, engine) agrees and the other does not;
 * - `"does not hold"`: neither agrees;
 * - `"inconclusive"`: the step h is so small that the rounding of a central difference alone can
 *   exceed 10⁻⁶, so a disagreement would say nothing about the gradient.
 *
 * @example
 * ```ts
 * import { preluAlphaGradient, preluAlphaGradientFinding } from "./prelu_alpha_gradient.ts";
 * import assert from "node:assert/strict";
 * const r = preluAlphaGradient({ points: 5, rows: 4, features: 2 });
 * assert.equal(preluAlphaGradientFinding(r).verdict, "holds");
 * assert.equal(preluAlphaGradientFinding(preluAlphaGradient({ fdStep: 1e-14 })).verdict, "inconclusive");
 * ```
 */
export function preluAlphaGradientFinding(result: PreluAlphaGradientResult): Finding {
  const claim = "C4.1 (∂f/∂α)";
  const article = "α is a learned parameter: ∂f/∂α = x for x ≤ 0, 0 for x > 0";
  const { agree, exact } = PRELU_ALPHA_GRADIENT_THRESHOLDS;
  const h = result.options.fdStep;
  const roundoff = Math.max(result.gridRoundoff, ...result.engine.map((e) => e.roundoff));
  const vsRegistry = Math.max(...result.engine.map((e) => e.engineVsRegistry));
  const vsNumeric = Math.max(...result.engine.map((e) => e.engineVsNumeric));
  const numbers = {
    registryError: result.registryError,
    engineVsRegistry: vsRegistry,
    engineVsNumeric: vsNumeric,
    roundoff,
    fdStep: h,
  };
  const measured = `registry vs finite differences ${n(result.registryError)}; engine vs ` +
    `registry ${n(vsRegistry)}, vs finite differences ${n(vsNumeric)}`;
  if (roundoff > agree) {
    return finding({
      claim,
      article,
      measured: `h = ${n(h)} too small to check to ${n(agree)}`,
      verdict: "inconclusive",
      numbers,
      text: `With h = ${n(h)} a central difference can be off by ${
        n(roundoff)
      } from rounding alone, more than the ${n(agree)} a check needs: choose a larger step.`,
    });
  }
  const registryOk = result.registryError <= agree;
  const engineOk = vsRegistry <= exact && vsNumeric <= agree;
  const rows = result.rows.length;
  const registryText = `The registry's ∂f/∂α is x for x ≤ 0 and 0 for x > 0 at ${
    rows === 1 ? "the α checked" : `all ${rows} α checked`
  }, within ${n(result.registryError)} of central differences`;
  const engineText = `through Tensor.prelu, ∂L/∂α matches the registry's sum to ${
    n(vsRegistry)
  } and a central difference of the loss to ${n(vsNumeric)}, shared and per feature`;
  if (registryOk && engineOk) {
    return finding({
      claim,
      article,
      measured,
      verdict: "holds",
      numbers,
      text:
        `${registryText}; ${engineText}. The gradient is exact, so α can be trained like a weight.`,
    });
  }
  if (registryOk || engineOk) {
    return finding({
      claim,
      article,
      measured,
      verdict: "holds in part",
      numbers,
      text: registryOk
        ? `${registryText}, but the engine disagrees: ${engineText}.`
        : `The engine is consistent (${engineText}), but the registry's ∂f/∂α is off by ${
          n(result.registryError)
        } from its central differences.`,
    });
  }
  return finding({
    claim,
    article,
    measured,
    verdict: "does not hold",
    numbers,
    text: `Neither gradient matches: the registry is off by ${
      n(result.registryError)
    } from its central differences and the engine by ${n(vsNumeric)}.`,
  });
}
