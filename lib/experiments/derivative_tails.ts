/**
 * How each derivative behaves far from 0: |f′(x)| on a grid out to ±30, where a side that
 * saturates plunges toward 0 and a side that does not stays level — and, where the registry's f′
 * is 0, whether that zero is exact (the derivative of the registry's formula, taken
 * symbolically, is 0 there too) or only float64 rounding (tanh′ = sech² x underflows for
 * |x| ≳ 19).
 *
 * @module
 */

import { activationNames, getActivation } from "../activations/registry.ts";
import type { ActivationName } from "../activations/types.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import {
  activationList,
  number,
  type Options,
  type OptionsInput,
  parseOptions,
} from "../options.ts";
import { derivative } from "../symbolic.ts";
import { eluAlphaOption, leakyAlphaOption, paramsFor } from "./_activation_params.ts";

/** The options of {@linkcode derivativeTails}, with their defaults. */
export const DERIVATIVE_TAILS_OPTIONS = {
  /** The activations measured (default: the whole registry). */
  activations: activationList(activationNames),
  /** The grid runs over [−reach, reach]. */
  reach: number(30, { min: 1, max: 1000 }),
  /** The grid's spacing. */
  step: number(0.5, { min: 0.001, max: 10 }),
  /** LeakyReLU's slope α for x ≤ 0. */
  alpha: leakyAlphaOption(),
  /** ELU's α. */
  eluAlpha: eluAlphaOption(),
};

/** What {@linkcode derivativeTails} takes: every field optional. */
export type DerivativeTailsOptions = OptionsInput<typeof DERIVATIVE_TAILS_OPTIONS>;

/** One activation's tails. */
export interface DerivativeTail {
  /** The registry name. */
  readonly activation: ActivationName;
  /** Its label. */
  readonly label: string;
  /** |f′(x)| at each grid point, from the registry's df. */
  readonly slope: readonly number[];
  /** The grid points where f′ is exactly 0 by its formula. */
  readonly exactZeros: number;
  /** The smallest and largest x where f′ is exactly 0 ([] when it never is). */
  readonly exactZeroRange: readonly number[];
  /** The grid points where the registry's f′ rounds to 0 in float64 but the formula's is not 0. */
  readonly roundedZeros: number;
  /** The smallest |x| at which f′ rounds to 0, or null when it never does. */
  readonly roundedFrom: number | null;
  /** The smallest and largest exact |f′| where it rounds to 0 ([] when it never does). */
  readonly roundedRange: readonly number[];
  /** The exact derivative, as mathjs writes it ("sech(x) ^ 2"); null when f′ has no zero. */
  readonly exactDerivative: string | null;
}

/** What {@linkcode derivativeTails} returns: plain data. */
export interface DerivativeTailsResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof DERIVATIVE_TAILS_OPTIONS>;
  /** The grid: −reach, −reach + step, …, up to reach. */
  readonly x: readonly number[];
  /** One entry per activation, in the order given. */
  readonly tails: readonly DerivativeTail[];
}

/**
 * |f′(x)| on [−reach, reach] for each activation, with its zeros told apart: exact (the
 * symbolic derivative of the registry's expression is 0 too) or rounding (it is not).
 * Deterministic.
 *
 * @example Tanh′ rounds to 0 far out; ReLU′ is exactly 0 on the left
 * ```ts
 * import { derivativeTails } from "./derivative_tails.ts";
 * import assert from "node:assert/strict";
 * const { tails } = derivativeTails({ activations: ["tanh", "relu"], reach: 25, step: 1 });
 * assert.equal(tails[0].exactZeros, 0);
 * assert.ok(tails[0].roundedZeros > 0 && tails[0].roundedFrom! >= 19);
 * assert.equal(tails[1].exactZeros, 26); // x = −25 … 0 (PyTorch: relu′(0) = 0)
 * ```
 */
export function derivativeTails(options?: DerivativeTailsOptions): DerivativeTailsResult {
  const o = parseOptions("derivativeTails", options, DERIVATIVE_TAILS_OPTIONS);
  const count = Math.floor((2 * o.reach) / o.step + 1e-9) + 1;
  if (count > 100_001) {
    throw new RangeError(
      `derivativeTails: options "reach" (${o.reach}) and "step" (${o.step}) give ${count} ` +
        "grid points; at most 100001 are allowed",
    );
  }
  const x = Array.from({ length: count }, (_, i) => -o.reach + i * o.step);
  const tails = o.activations.map((name): DerivativeTail => {
    const a = getActivation(name);
    const p = paramsFor(name, o);
    const slope = x.map((v) => Math.abs(a.df(v, p)));
    const zeros = x.filter((_, i) => slope[i] === 0);
    // The symbolic derivative costs up to a second (GELU's): taken only where f′ has zeros.
    const exact = zeros.length > 0 ? derivative(a.expression) : null;
    const scope = { ...a.constants, ...a.resolve(p) };
    const exactAt = (v: number) => Math.abs(Number(exact!.evaluate({ ...scope, x: v })));
    const rounded = zeros.filter((v) => exactAt(v) !== 0);
    const exactZeros = zeros.filter((v) => !rounded.includes(v));
    const values = rounded.map(exactAt);
    return {
      activation: name,
      label: a.label,
      slope,
      exactZeros: exactZeros.length,
      exactZeroRange: exactZeros.length ? [Math.min(...exactZeros), Math.max(...exactZeros)] : [],
      roundedZeros: rounded.length,
      roundedFrom: rounded.length ? Math.min(...rounded.map(Math.abs)) : null,
      roundedRange: rounded.length ? [Math.min(...values), Math.max(...values)] : [],
      exactDerivative: exact ? exact.toString() : null,
    };
  });
  return { options: o, x, tails };
}

const n = (v: number) => formatNumber(v, { style: "unicode" });

/**
 * The zeros of a tails figure in a sentence or two, for its caption: which activations' f′ is
 * exactly 0 at some points, and which only rounds to 0 in float64 (with the exact values
 * there); "" when no f′ is 0 anywhere on the grid. `only` restricts the note to some of the
 * activations (those of one figure).
 *
 * @example
 * ```ts
 * import { derivativeTails, derivativeTailsNote } from "./derivative_tails.ts";
 * import assert from "node:assert/strict";
 * const r = derivativeTails({ activations: ["tanh", "relu", "selu"] });
 * assert.match(derivativeTailsNote(r), /^ReLU's f′ is exactly 0 on \[−30, 0\]/);
 * assert.match(derivativeTailsNote(r), /Tanh's f′ rounds to 0 in float64 for \|x\| ≥ 19\.5/);
 * assert.equal(derivativeTailsNote(r, ["selu"]), "");
 * ```
 */
export function derivativeTailsNote(
  result: DerivativeTailsResult,
  only?: readonly ActivationName[],
): string {
  const tails = result.tails.filter((t) => !only || only.includes(t.activation));
  const exact = tails.filter((t) => t.exactZeros > 0);
  const rounded = tails.filter((t) => t.roundedZeros > 0);
  const notes: string[] = [];
  // Activations whose exact zeros cover the same stretch are named together.
  const stretches = new Map<string, string[]>();
  for (const t of exact) {
    const [lo, hi] = t.exactZeroRange;
    const where = lo === hi ? `at x = ${n(lo)}` : `on [${n(lo)}, ${n(hi)}]`;
    stretches.set(where, [...(stretches.get(where) ?? []), t.label]);
  }
  for (const [where, labels] of stretches) {
    notes.push(
      labels.length === 1
        ? `${labels[0]}'s f′ is exactly 0 ${where} (its formula's derivative is 0 there)`
        : `the f′ of ${listText(labels)} is exactly 0 ${where} (their formulas' derivatives ` +
          "are 0 there)",
    );
  }
  for (const t of rounded) {
    const [lo, hi] = t.roundedRange;
    const formula = t.exactDerivative?.replace(/ \^ 2/g, "²");
    notes.push(
      `${t.label}'s f′ rounds to 0 in float64 for |x| ≥ ${n(t.roundedFrom!)}, where the exact ` +
        `${formula!} is ${lo === hi ? n(lo) : `between ${n(lo)} and ${n(hi)}`}`,
    );
  }
  if (notes.length === 0) return "";
  const text = `${notes.join("; ")}.`;
  return text[0].toUpperCase() + text.slice(1);
}
