import assert from "node:assert/strict";
import {
  chainProductFinding,
  chainRule,
  type ChainRuleResult,
  expandedFactorFinding,
  neuronFactorFinding,
  sigmoidChain,
  weightGradientFinding,
} from "../../lib/experiments/chain_rule.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

Deno.test("sigmoidChain()", async (t) => {
  const chain = sigmoidChain({ seed: 4 });
  await t.step("a → b → c → d → L, backward() done", () => {
    assert.deepEqual(chain.neurons.map((n) => n.name), ["b", "c", "d"]);
    assert.equal(chain.neurons[0].input, chain.input);
    assert.equal(chain.neurons[1].input, chain.neurons[0].out);
    assert.equal(chain.path.length, 1 + 3 * 3 + 3);
    assert.equal(chain.path[chain.path.length - 1], chain.loss);
    const d = chain.neurons[2].out.data;
    assert.equal(chain.loss.data, 0.5 * (d - 1) ** 2);
    assert.equal(chain.neurons[2].out.grad, d - 1);
  });
  await t.step("the seed decides the values; a bad option is a clear error", async () => {
    assert.equal(sigmoidChain({ seed: 4 }).input.data, chain.input.data);
    assert.notEqual(sigmoidChain({ seed: 5 }).input.data, chain.input.data);
    await assertOptionErrors("sigmoidChain", sigmoidChain, [
      ...commonOptionCases("seed"),
      [{ weightStd: 0 }, RangeError, 'option "weightStd" must be a finite number in (0, 100]'],
    ]);
  });
});

Deno.test("chainRule()", async (t) => {
  const r = chainRule({ points: 4 });

  await t.step("F1: the symbolic derivative is the product of the three factors", () => {
    assert.equal(r.weightGradient.points.length, 4);
    for (const p of r.weightGradient.points) {
      assert.ok(p.t === 0 || p.t === 1);
      assert.equal(p.z, p.w * p.x + p.b);
      assert.ok(p.slope > 0 && p.slope <= 0.25);
      assert.ok(p.relativeDifference < 1e-12);
    }
    assert.match(r.weightGradient.lossTex, /^L = /);
    assert.match(r.weightGradient.gradientTex, /\\frac\{\\partial L\}\{\\partial w\}/);
    assert.doesNotMatch(r.weightGradient.gradientTex, /mathrm|\\_/);
  });
  await t.step("F3: four factors whose product is backward()'s gradient", () => {
    const { factors, product, backward } = r.chain;
    assert.deepEqual(factors.map((f) => f.factor), ["∂L/∂d", "∂d/∂c", "∂c/∂b", "∂b/∂a"]);
    for (const f of factors) assert.ok(Math.abs(f.edges - f.fromFormula) <= 1e-15);
    for (const f of factors.slice(1)) {
      assert.ok(f.slope !== null && f.slope > 0 && f.slope <= 0.25);
    }
    assert.ok(Math.abs(product - backward) <= 1e-15 * Math.abs(backward));
    assert.equal(r.chain.values.length, 4);
    assert.match(r.chain.tex, /^\\frac\{\\partial L\}\{\\partial a\} = /);
  });
  await t.step("F4: mathjs's ∂d/∂c over w_d is σ′(z_d)", () => {
    const e = r.expanded;
    assert.ok(Math.abs(e.quotient - e.slope) < 1e-15);
    assert.ok(Math.abs(e.symbolic - e.fromGraph) < 1e-15);
    assert.equal(e.fromRegistry, e.slope * e.weight);
    assert.match(e.tex, /\\qquad/);
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => chainRule({ points: 2, seed: 3 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("chainRule", chainRule, [
      ...commonOptionCases("seed"),
      [{ points: 0 }, RangeError, 'option "points" must be an integer in [1, 1000], got 0'],
      [{ seed: 1.5 }, RangeError, 'option "seed" must be an integer ≥ 0, got 1.5'],
      [{ weightStd: -1 }, RangeError, 'option "weightStd" must be a finite number in (0, 100]'],
    ]);
  });
});

const base = chainRule({ points: 2 });
/** The default result with some parts replaced. */
const made = (
  parts: {
    weightGradient?: Partial<ChainRuleResult["weightGradient"]>;
    chain?: Partial<ChainRuleResult["chain"]>;
    expanded?: Partial<ChainRuleResult["expanded"]>;
  },
): ChainRuleResult => ({
  ...base,
  weightGradient: { ...base.weightGradient, ...parts.weightGradient },
  chain: { ...base.chain, ...parts.chain },
  expanded: { ...base.expanded, ...parts.expanded },
});
const point = base.weightGradient.points[0];
const factor = (slope: number, weight: number, name: string) => ({
  factor: name,
  edges: slope * weight,
  formula: "σ′(z)·w",
  fromFormula: slope * weight,
  slope,
  weight,
});
const dLdd = { ...base.chain.factors[0] };

Deno.test("weightGradientFinding()", async (t) => {
  await t.step("holds: equal at every point", () => {
    const f = weightGradientFinding(made({
      weightGradient: {
        points: [{ ...point, slope: 0.2, relativeDifference: 1e-16 }],
        worst: 1e-16,
      },
    }));
    assert.equal(f.claim, "F1");
    assert.equal(f.verdict, "holds");
    assert.equal(
      f.text,
      "At the 1 random point mathjs's ∂L/∂w equals ∂L/∂y · σ′(z) · x to a relative difference " +
        "of 1×10⁻¹⁶ (rounding); the middle factor σ′(z) is 0.2 there, never above 1/4.",
    );
    const exact = weightGradientFinding(made({
      weightGradient: {
        points: [{ ...point, slope: 0.1, relativeDifference: 0 }, { ...point, slope: 0.2 }],
        worst: 0,
      },
    }));
    assert.match(
      exact.text,
      /at all 2 random points .* x exactly; .* ranges over 0.1 … 0.2 there/i,
    );
    assert.match(weightGradientFinding(base).text, /^At all 2 random points/);
  });
  await t.step("does not hold: a point where they differ", () => {
    const bad = { ...point, relativeDifference: 0.01 };
    const f = weightGradientFinding(
      made({ weightGradient: { points: [point, bad], worst: 0.01 } }),
    );
    assert.equal(f.verdict, "does not hold");
    assert.match(
      f.text,
      /^At 1 of 2 random points .* by more than 1×10⁻¹² \(relative difference up to 0.01\)/,
    );
  });
});

Deno.test("chainProductFinding()", async (t) => {
  await t.step("holds: the product is backward()'s gradient", () => {
    const f = chainProductFinding(made({ chain: { product: 0.5, backward: 0.5 } }));
    assert.equal(f.claim, "F2, F3");
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /multiply to 0.5, and `backward\(\)` stored 0.5 in a \(relative difference 0\)/,
    );
  });
  await t.step("does not hold: they differ", () => {
    const f = chainProductFinding(made({ chain: { product: 0.5, backward: 0.25 } }));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /but `backward\(\)` stored 0.25 in a \(relative difference 0.5\)/);
  });
});

Deno.test("expandedFactorFinding()", async (t) => {
  await t.step("holds: ∂d/∂c ÷ w_d is σ′(z_d)", () => {
    const expanded = { symbolic: 0.3, fromGraph: 0.3, weight: 1.5, quotient: 0.2, slope: 0.2 };
    const f = expandedFactorFinding(made({ expanded }));
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /divided by w_d = 1.5 it leaves 0.2, which is σ′\(z_d\)/);
  });
  await t.step("does not hold: it is not, or the graph disagrees", () => {
    const f = expandedFactorFinding(made({ expanded: { quotient: 0.3, slope: 0.2 } }));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /is 0.3, not σ′\(z_d\) = 0.2/);
    const g = expandedFactorFinding(made({ expanded: { fromGraph: base.expanded.symbolic * 2 } }));
    assert.equal(g.verdict, "does not hold");
  });
});

Deno.test("neuronFactorFinding()", async (t) => {
  const chain = (...f: ReturnType<typeof factor>[]) => made({ chain: { factors: [dLdd, ...f] } });
  await t.step("holds: every |σ′(z)·w| at most 1/4", () => {
    const f = neuronFactorFinding(chain(factor(0.2, 1, "∂d/∂c"), factor(0.25, -0.5, "∂c/∂b")));
    assert.equal(f.claim, "C1.2 (per neuron)");
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /the σ′ parts are 0.2 and 0.25 and the weights 1 and −0.5, and every factor/,
    );
    assert.match(f.text, /\(largest 0.2\)\.$/);
  });
  await t.step("holds in part: the weights make one or more factors larger", () => {
    const one = neuronFactorFinding(chain(factor(0.2, 2, "∂d/∂c"), factor(0.2, 1, "∂c/∂b")));
    assert.equal(one.verdict, "holds in part");
    assert.match(one.text, /so ∂d\/∂c is larger than 1\/4 in size \(0.4\)/);
    const two = neuronFactorFinding(chain(factor(0.2, 2, "∂d/∂c"), factor(0.2, -3, "∂c/∂b")));
    assert.match(two.text, /so ∂d\/∂c and ∂c\/∂b are larger than 1\/4 in size \(up to 0.6\)/);
  });
  await t.step("does not hold: a σ′ above 1/4", () => {
    const f = neuronFactorFinding(chain(factor(0.3, 1, "∂d/∂c")));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /^Some neuron's σ′ exceeds 1\/4 in this chain: the σ′ parts are 0.3/);
  });
});
