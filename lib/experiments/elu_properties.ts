/**
 * C5.1's second property, one-sided saturation, decided for ELU from the introduction's
 * properties table ({@linkcode activationProperties}): the sides on which f′ → 0, measured at
 * ±∞ beside what the registry declares, and which other activations share it.
 *
 * @module
 */

import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import type { ActivationPropertiesResult } from "./activation_properties.ts";
import { type Finding, finding } from "./finding.ts";

const u = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });

/**
 * The finding on C5.1's "ELU saturates on one side only", from ELU's row of an
 * {@linkcode activationProperties} result:
 * - `"holds"`: f′ → 0 as x → −∞ and not as x → +∞ (or the mirror image);
 * - `"holds in part"`: f′ → 0 on both sides (it saturates, but not on one side only);
 * - `"does not hold"`: on neither side;
 * - `"inconclusive"`: ELU is not in the table, or its measured sides differ from the declared.
 *
 * @example
 * ```ts
 * import { activationProperties } from "./activation_properties.ts";
 * import { eluPropertiesFinding } from "./elu_properties.ts";
 * import assert from "node:assert/strict";
 * const f = eluPropertiesFinding(activationProperties({ activations: ["elu", "relu", "tanh"] }));
 * assert.equal(f.verdict, "holds");
 * assert.match(f.text, /ELU saturates on the left only, as does ReLU/);
 * ```
 */
export function eluPropertiesFinding(result: ActivationPropertiesResult): Finding {
  const claim = "C5.1 (one-sided saturation)";
  const article = "ELU saturates on one side only";
  const elu = result.rows.find((r) => r.activation === "elu");
  if (!elu || elu.sides !== elu.declaredSides) {
    const why = !elu
      ? "ELU is not among the activations measured"
      : `ELU's measured sides (${elu.sides}) differ from the registry's (${elu.declaredSides})`;
    return finding({
      claim,
      article,
      measured: why,
      verdict: "inconclusive",
      numbers: {},
      text: `Nothing to decide: ${why}.`,
    });
  }
  const numbers = {
    slopeLeft: elu.slopeLeft,
    slopeRight: elu.slopeRight,
    meanOutput: elu.meanOutput,
  };
  const measured = `ELU′(−∞) = ${u(elu.slopeLeft)}, ELU′(+∞) = ${u(elu.slopeRight)}`;
  const slopes = `ELU′ tends to ${u(elu.slopeLeft)} as x → −∞ and to ${
    u(elu.slopeRight)
  } as x → +∞`;
  if (elu.sides === "left" || elu.sides === "right") {
    const same = result.rows.filter((r) => r.activation !== "elu" && r.sides === elu.sides);
    const others = same.length === 0
      ? ", alone among the activations measured"
      : `, as ${same.length === 1 ? "does" : "do"} ${listText(same.map((r) => r.label))}`;
    return finding({
      claim,
      article,
      measured,
      verdict: "holds",
      numbers,
      text: `${slopes}: ELU saturates on the ${elu.sides} only${others}.`,
    });
  }
  return finding({
    claim,
    article,
    measured,
    verdict: elu.sides === "both" ? "holds in part" : "does not hold",
    numbers,
    text: `${slopes}: ELU saturates ${
      elu.sides === "both" ? "on both sides, not on one only" : "on neither side"
    }.`,
  });
}
