import assert from "node:assert/strict";
import {
  activationProperties,
  type ActivationPropertiesResult,
} from "../../lib/experiments/activation_properties.ts";
import { eluPropertiesFinding } from "../../lib/experiments/elu_properties.ts";

const base = activationProperties({ activations: ["elu", "relu", "tanh"] });
const eluAs = (sides: "both" | "none" | "left" | "right", declared = sides) =>
  ({
    ...base,
    rows: base.rows.map((r) =>
      r.activation === "elu" ? { ...r, sides, declaredSides: declared } : r
    ),
  }) as ActivationPropertiesResult;

Deno.test("eluPropertiesFinding()", async (t) => {
  await t.step("holds: left only, with the others that share it", () => {
    const f = eluPropertiesFinding(base);
    assert.equal(f.claim, "C5.1 (one-sided saturation)");
    assert.equal(f.verdict, "holds");
    assert.equal(
      f.text,
      "ELU′ tends to 0 as x → −∞ and to 1 as x → +∞: ELU saturates on the left only, as does ReLU.",
    );
    const alone = eluPropertiesFinding(activationProperties({ activations: ["elu", "tanh"] }));
    assert.match(alone.text, /on the left only, alone among the activations measured\.$/);
    const many = eluPropertiesFinding(
      activationProperties({ activations: ["elu", "relu", "softplus"] }),
    );
    assert.match(many.text, /as do ReLU and Softplus\.$/);
  });
  await t.step("holds in part: both sides; does not hold: neither", () => {
    assert.equal(eluPropertiesFinding(eluAs("both")).verdict, "holds in part");
    assert.match(eluPropertiesFinding(eluAs("both")).text, /on both sides, not on one only\.$/);
    const none = eluPropertiesFinding(eluAs("none"));
    assert.equal(none.verdict, "does not hold");
    assert.match(none.text, /saturates on neither side\.$/);
  });
  await t.step("inconclusive: no ELU, or measured ≠ declared", () => {
    const no = eluPropertiesFinding(activationProperties({ activations: ["relu"] }));
    assert.equal(no.verdict, "inconclusive");
    assert.match(no.text, /ELU is not among the activations measured/);
    const odd = eluPropertiesFinding(eluAs("left", "both"));
    assert.equal(odd.verdict, "inconclusive");
    assert.match(odd.text, /measured sides \(left\) differ from the registry's \(both\)/);
  });
});
