import assert from "node:assert/strict";
import { activations, TEX_TEXT_SYMBOLS, texText } from "../lib/mod.ts";

Deno.test("texText()", async (t) => {
  await t.step("every range the registry writes has a plain text", () => {
    for (const a of Object.values(activations)) {
      const text = texText(a.range().tex);
      assert.doesNotMatch(text, /[\\-]/, `${a.name}: ${text}`);
    }
    assert.equal(texText(activations.relu.range().tex), "[0, ∞)");
  });
  await t.step("symbols and minus signs", () => {
    assert.equal(texText(String.raw`\sigma \cdot x \le 1`), "σ · x ≤ 1");
    assert.equal(TEX_TEXT_SYMBOLS.infty, "∞");
  });
  await t.step("an unknown command or a non-string is an error", () => {
    assert.throws(() => texText(String.raw`\sqrt{2}`), RangeError);
    assert.throws(() => texText(2 as never), /expected a LaTeX string, got number/);
  });
});
