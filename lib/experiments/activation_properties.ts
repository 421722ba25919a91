/**
 * The introduction's two properties, activation by activation: on which sides the derivative
 * saturates (f′ → 0 as x → ∓∞, read from the registry's `df` at ±∞) beside what the registry
 * declares, and the mean output E[f(Z)] and mean slope E[f′(Z)] for standard normal inputs Z —
 * what a unit passes on when its pre-activations are centred.
 *
 * @module
 */

import { activationNames, articleActivations, getActivation } from "../activations/registry.ts";
import type { ActivationName } from "../activations/types.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { texText } from "../display/tex_text.ts";
import { activationList, type Options, type OptionsInput, parseOptions } from "../options.ts";
import { normalExpectation } from "../stats/normal_expectation.ts";
import {
  declaredSides,
  eluAlphaOption,
  leakyAlphaOption,
  paramsFor,
  saturationSides,
  type Sides,
} from "./_activation_params.ts";

export type { Sides } from "./_activation_params.ts";

/** The options of {@linkcode activationProperties}, with their defaults. */
export const ACTIVATION_PROPERTIES_OPTIONS = {
  /** The activations described (default: the whole registry). */
  activations: activationList(activationNames),
  /** LeakyReLU's slope α for x ≤ 0. */
  alpha: leakyAlphaOption(),
  /** ELU's α. */
  eluAlpha: eluAlphaOption(),
};

/** What {@linkcode activationProperties} takes: every field optional. */
export type ActivationPropertiesOptions = OptionsInput<typeof ACTIVATION_PROPERTIES_OPTIONS>;

/** One activation's properties. */
export interface ActivationPropertiesRow {
  /** The registry name. */
  readonly activation: ActivationName;
  /** Its label. */
  readonly label: string;
  /** Whether it is one of the article's seven. */
  readonly article: boolean;
  /** The sides the registry declares it saturates on. */
  readonly declaredSides: Sides;
  /** f′(−∞), the registry's df at −∞. */
  readonly slopeLeft: number;
  /** f′(+∞). */
  readonly slopeRight: number;
  /** The sides measured: where f′(∓∞) = 0. */
  readonly sides: Sides;
  /** Whether the registry declares its output zero-centred: "yes", "near" or "no". */
  readonly declaredZeroCentred: "yes" | "near" | "no";
  /** E[f(Z)] for Z ~ N(0, 1). */
  readonly meanOutput: number;
  /** E[f′(Z)] for Z ~ N(0, 1), computed as E[Z·f(Z)] (Stein's lemma; f is continuous). */
  readonly meanSlope: number;
  /** The output range, as plain text: "(0, 1)", "[0, ∞)". */
  readonly range: string;
  /** Its learnable parameters (PReLU: ["alpha"]). */
  readonly learnable: readonly string[];
}

/** What {@linkcode activationProperties} returns: plain data. */
export interface ActivationPropertiesResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof ACTIVATION_PROPERTIES_OPTIONS>;
  /** One row per activation, in the order given. */
  readonly rows: readonly ActivationPropertiesRow[];
  /** The labels of the activations whose measured sides differ from the declared ones. */
  readonly disagreements: readonly string[];
}

/**
 * The saturation sides and mean output of each activation, with LeakyReLU's and ELU's α as
 * given (the others at PyTorch's defaults). Deterministic: no randomness is involved.
 *
 * @example ReLU saturates on the left only and its mean output is 1/√(2π)
 * ```ts
 * import { activationProperties } from "./activation_properties.ts";
 * import assert from "node:assert/strict";
 * const { rows } = activationProperties({ activations: ["relu", "tanh"] });
 * assert.equal(rows[0].sides, "left");
 * assert.ok(Math.abs(rows[0].meanOutput - 1 / Math.sqrt(2 * Math.PI)) < 1e-9);
 * assert.equal(rows[1].sides, "both");
 * ```
 */
export function activationProperties(
  options?: ActivationPropertiesOptions,
): ActivationPropertiesResult {
  const o = parseOptions("activationProperties", options, ACTIVATION_PROPERTIES_OPTIONS);
  const rows = o.activations.map((name): ActivationPropertiesRow => {
    const a = getActivation(name);
    const p = paramsFor(name, o);
    const f = (z: Float64Array) => a.fArray(z, undefined, p);
    return {
      activation: name,
      label: a.label,
      article: articleActivations.includes(name),
      declaredSides: declaredSides(name),
      slopeLeft: a.df(-Infinity, p),
      slopeRight: a.df(Infinity, p),
      sides: saturationSides(name, p),
      declaredZeroCentred: a.zeroCentred,
      meanOutput: normalExpectation(f),
      meanSlope: normalExpectation((z) => f(z).map((v, i) => v * z[i])),
      range: texText(a.range(p).tex),
      learnable: [...a.learnable],
    };
  });
  const disagreements = rows.filter((r) => r.sides !== r.declaredSides).map((r) => r.label);
  return { options: o, rows, disagreements };
}

/** The thresholds {@linkcode activationPropertiesText} describes by. */
export const ACTIVATION_PROPERTIES_THRESHOLDS = {
  /** A mean output counts as zero when its magnitude is below this (the integration's accuracy). */
  zeroMean: 1e-9,
};

const n = (x: number) => formatNumber(x, { style: "unicode" });
const SIDE_WORDS: Record<Sides, string> = {
  both: "on both sides",
  left: "on the left only",
  right: "on the right only",
  none: "on neither side",
};

/**
 * What the properties table shows, in three sentences of Markdown: which activations saturate on
 * which side (and whether that is what the registry declares), which have a zero mean output for
 * standard normal inputs, and which of the article's activations come closest to having both
 * properties.
 *
 * @example
 * ```ts
 * import { activationProperties, activationPropertiesText } from "./activation_properties.ts";
 * import assert from "node:assert/strict";
 * const text = activationPropertiesText(activationProperties({ activations: ["relu", "tanh"] }));
 * assert.match(text, /^Measured at ±∞, Tanh saturates on both sides; ReLU on the left only/);
 * assert.match(text, /only Tanh has a zero mean output/);
 * ```
 */
export function activationPropertiesText(result: ActivationPropertiesResult): string {
  const { rows, disagreements } = result;
  const { zeroMean } = ACTIVATION_PROPERTIES_THRESHOLDS;
  const groups = (["both", "left", "right", "none"] as const)
    .map((side) => ({ side, labels: rows.filter((r) => r.sides === side).map((r) => r.label) }))
    .filter((g) => g.labels.length > 0);
  const sideText = groups.map((g, i) => {
    const verb = i > 0 ? "" : g.labels.length === 1 ? " saturates" : " saturate";
    return `${listText(g.labels)}${verb} ${SIDE_WORDS[g.side]}`;
  });
  const declared = disagreements.length === 0
    ? `, as the registry declares`
    : `; with the parameters used here, ${listText([...disagreements])} ${
      disagreements.length === 1 ? "saturates" : "saturate"
    } otherwise than the registry declares for PyTorch's defaults`;
  const first = `Measured at ±∞, ${sideText.join("; ")}${declared}.`;

  const zero = rows.filter((r) => Math.abs(r.meanOutput) < zeroMean);
  const second = zero.length === 0
    ? `For standard normal inputs no activation here has a zero mean output (to 10⁻⁹).`
    : `For standard normal inputs ${zero.length === 1 ? "only " : ""}${
      listText(zero.map((r) => r.label))
    } ${zero.length === 1 ? "has" : "have"} a zero mean output (to 10⁻⁹).`;

  const oneSided = rows
    .filter((r) => r.article && (r.sides === "left" || r.sides === "right"))
    .sort((a, b) => Math.abs(a.meanOutput) - Math.abs(b.meanOutput));
  let third: string;
  if (oneSided.length === 0) {
    third = "None of the article's activations here saturates on one side only.";
  } else if (Math.abs(oneSided[0].meanOutput) < zeroMean) {
    const both = oneSided.filter((r) => Math.abs(r.meanOutput) < zeroMean);
    third = `Of the article's activations, ${listText(both.map((r) => r.label))} ${
      both.length === 1 ? "has" : "have"
    } both properties.`;
  } else {
    const means = listText(oneSided.map((r) => `${r.label}'s ${n(r.meanOutput)}`));
    const nearest = oneSided.filter((r) =>
      Math.abs(r.meanOutput) - Math.abs(oneSided[0].meanOutput) < zeroMean
    );
    const closest = nearest.length === 1
      ? `${nearest[0].label} comes closest`
      : `${listText(nearest.map((r) => r.label))} come equally close`;
    third = oneSided.length === 1
      ? `The only one of the article's activations that saturates on one side only is ` +
        `${oneSided[0].label}, and its mean output is ${n(oneSided[0].meanOutput)}: none has ` +
        `both properties.`
      : `None of the article's activations has both properties: of those that saturate on one ` +
        `side only, the mean outputs are ${means}, so ${closest}.`;
  }
  return `${first} ${second} ${third}`;
}

/** Column labels for a table of the rows (`table(result.rows, { columns })`). */
export const ACTIVATION_PROPERTIES_COLUMNS = [
  { key: "label", label: "activation" },
  { key: "slopeLeft", label: "f′(−∞)" },
  { key: "slopeRight", label: "f′(+∞)" },
  { key: "sides", label: "saturates" },
  { key: "declaredZeroCentred", label: "zero-centred (declared)" },
  { key: "meanOutput", label: "E[f(Z)]" },
  { key: "range", label: "range" },
] as const;
