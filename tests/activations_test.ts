/**
 * The activation registry, checked entry by entry against PyTorch, finite differences, mathjs's
 * symbolic derivative, properties, edge inputs and its own metadata.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { parse } from "mathjs";
import fixture from "./fixtures/torch_activations.json" with { type: "json" };
import {
  type Activation,
  type ActivationName,
  activationNames,
  activations,
  derivative,
  getActivation,
  type Params,
  SELU_ALPHA,
  SELU_SCALE,
} from "../lib/mod.ts";
import {
  assertClose,
  assertSame,
  closeToReference,
  decode,
  MIN_NORMAL,
  relativeError,
} from "./assert_close.ts";

type Case = {
  activation: string;
  params: Record<string, number>;
  f: (number | string)[];
  df: (number | string)[];
  dparams?: Record<string, (number | string)[]>;
};
const xs = (fixture.x as (number | string)[]).map(decode);
const cases = fixture.cases as Case[];
const casesOf = (name: string) => cases.filter((c) => c.activation === name);

/** f(−∞), f(+∞), f'(−∞), f'(+∞) with default parameters: the mathematical limits. */
const LIMITS: Record<ActivationName, [number, number, number, number]> = {
  sigmoid: [0, 1, 0, 0],
  tanh: [-1, 1, 0, 0],
  relu: [0, Infinity, 0, 1],
  leakyRelu: [-Infinity, Infinity, 0.01, 1],
  rrelu: [-Infinity, Infinity, 11 / 48, 1],
  prelu: [-Infinity, Infinity, 0.25, 1],
  elu: [-1, Infinity, 0, 1],
  selu: [-SELU_ALPHA * SELU_SCALE, Infinity, 0, SELU_SCALE],
  gelu: [-0, Infinity, 0, 1],
  silu: [-0, Infinity, 0, 1],
  softplus: [0, Infinity, 0, 1],
};

/** Where PyTorch's formula is NaN but the mathematical limit exists, we return the limit. */
const LIMIT_NOT_TORCH: Partial<Record<ActivationName, boolean>> = { gelu: true, silu: true };

/** Points for smooth checks, away from every kink (0, and softplus's threshold). */
const SMOOTH = Array.from({ length: 161 }, (_, i) => -8 + i * 0.1).filter((x) =>
  Math.abs(x) > 0.05
);

/** Kinks besides 0: softplus switches to x where βx exceeds its threshold. */
const awayFromKinks = (name: ActivationName, p: Params) => (x: number) =>
  name !== "softplus" || Math.abs(x * p.beta - p.threshold) > 0.05;

/** The parameter sets to try: defaults plus every set in the PyTorch fixture. */
function paramSets(e: Activation): Params[] {
  const sets: Params[] = [e.resolve()];
  for (const c of casesOf(e.name)) sets.push(c.params);
  return sets;
}

const FC = { seed: 20240413, numRuns: 400 } as const;
const finite = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Property steps particular to one activation. */
const PROPERTIES: Record<ActivationName, [string, () => void][]> = {
  sigmoid: [
    ["0 ≤ σ'(x) ≤ 1/4, with the maximum 1/4 at x = 0", () => {
      assert.equal(activations.sigmoid.df(0), 0.25);
      fc.assert(
        fc.property(finite(-1e6, 1e6), (x) => {
          const d = activations.sigmoid.df(x);
          return d >= 0 && d <= 0.25 && (x === 0 || d <= activations.sigmoid.df(0));
        }),
        FC,
      );
    }],
    ["σ is non-decreasing and σ(x) + σ(−x) = 1", () => {
      fc.assert(
        fc.property(finite(-50, 50), finite(-50, 50), (a, b) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const s = activations.sigmoid;
          return s.f(lo) <= s.f(hi) && Math.abs(s.f(a) + s.f(-a) - 1) <= 2 ** -52;
        }),
        FC,
      );
    }],
  ],
  tanh: [
    ["tanh is odd: tanh(−x) = −tanh(x) exactly, and so is tanh' even", () => {
      fc.assert(
        fc.property(finite(-1e3, 1e3), (x) => {
          const t = activations.tanh;
          return Object.is(t.f(-x), -t.f(x)) && t.df(-x) === t.df(x);
        }),
        FC,
      );
    }],
    ["0 ≤ tanh'(x) ≤ 1 and tanh is non-decreasing", () => {
      fc.assert(
        fc.property(finite(-100, 100), finite(-100, 100), (a, b) => {
          const t = activations.tanh;
          const [lo, hi] = a < b ? [a, b] : [b, a];
          return t.df(a) >= 0 && t.df(a) <= 1 && t.f(lo) <= t.f(hi);
        }),
        FC,
      );
    }],
  ],
  relu: [
    ["relu'(x) is exactly 0 or 1, and relu(x) = x·relu'(x)", () => {
      fc.assert(
        fc.property(finite(-1e300, 1e300), (x) => {
          const r = activations.relu;
          const d = r.df(x);
          return (d === 0 || d === 1) && r.f(x) === x * d;
        }),
        FC,
      );
    }],
  ],
  leakyRelu: [
    ["for 0 ≤ α ≤ 1 it is non-decreasing, continuous at 0, with slope exactly 1 or α", () => {
      fc.assert(
        fc.property(finite(0, 1), finite(-1e3, 1e3), finite(-1e3, 1e3), (alpha, a, b) => {
          const l = activations.leakyRelu;
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const d = l.df(a, { alpha });
          return l.f(lo, { alpha }) <= l.f(hi, { alpha }) && (d === 1 || d === alpha) &&
            Math.abs(l.f(1e-12, { alpha }) - l.f(-1e-12, { alpha })) <= 2e-12;
        }),
        FC,
      );
    }],
  ],
  rrelu: [
    ["the evaluation slope is (lower + upper)/2, between the bounds", () => {
      fc.assert(
        fc.property(finite(0, 1), finite(0, 1), finite(-1e3, -1e-3), (a, b, x) => {
          const [lower, upper] = a < b ? [a, b] : [b, a];
          const r = activations.rrelu;
          const slope = r.df(x, { lower, upper });
          return slope === (lower + upper) / 2 && slope >= lower && slope <= upper &&
            r.f(x, { lower, upper }) === x * slope;
        }),
        FC,
      );
    }],
  ],
  prelu: [
    ["∂f/∂α = x for x ≤ 0 and 0 for x > 0; ∂f/∂x = α or 1", () => {
      fc.assert(
        fc.property(finite(-10, 10), finite(-1e6, 1e6), (alpha, x) => {
          const p = activations.prelu;
          const da = p.dparams(x, { alpha }).alpha;
          const dx = p.df(x, { alpha });
          return x > 0 ? da === 0 && dx === 1 : da === x && dx === alpha;
        }),
        FC,
      );
    }],
    ["f(x) = x·∂f/∂x: PReLU is positively homogeneous", () => {
      fc.assert(
        fc.property(finite(-10, 10), finite(-1e6, 1e6), (alpha, x) => {
          const p = activations.prelu;
          return p.f(x, { alpha }) === x * p.df(x, { alpha });
        }),
        FC,
      );
    }],
  ],
  elu: [
    ["elu(x) > −α where e^x − 1 > −1 in float64 (x > −36), and ≥ −α everywhere", () => {
      fc.assert(
        fc.property(finite(0.01, 10), finite(-1e300, 1e300), (alpha, x) => {
          const y = activations.elu.f(x, { alpha });
          return y >= -alpha && (x <= -36 || y > -alpha);
        }),
        FC,
      );
    }],
    ["for α > 0 it is increasing and continuous at 0, with elu'(0) = α", () => {
      fc.assert(
        fc.property(finite(0.01, 10), finite(-30, 30), finite(-30, 30), (alpha, a, b) => {
          const e = activations.elu;
          const [lo, hi] = a < b ? [a, b] : [b, a];
          return e.f(lo, { alpha }) <= e.f(hi, { alpha }) && e.df(0, { alpha }) === alpha &&
            Math.abs(e.f(1e-9, { alpha }) - e.f(-1e-9, { alpha })) < 1e-8 * (1 + alpha);
        }),
        FC,
      );
    }],
  ],
  selu: [
    ["self-normalising: for z ~ N(0, 1), E[selu(z)] ≈ 0 and E[selu(z)²] ≈ 1", () => {
      const m1 = gaussMean((x) => activations.selu.f(x));
      const m2 = gaussMean((x) => activations.selu.f(x) ** 2);
      assertClose(m1, 0, { atol: 1e-6, at: "mean" });
      assertClose(m2, 1, { atol: 1e-6, at: "second moment" });
    }],
    ["selu = λ·elu with α = 1.6733, and selu'(0) = λα", () => {
      assert.equal(activations.selu.df(0), SELU_ALPHA * SELU_SCALE);
      fc.assert(
        fc.property(finite(-50, 50), (x) => {
          const want = SELU_SCALE * activations.elu.f(x, { alpha: SELU_ALPHA });
          return relativeError(activations.selu.f(x), want) <= 4e-16;
        }),
        FC,
      );
    }],
  ],
  gelu: [
    ["gelu(x) − gelu(−x) = x, since Φ(x) + Φ(−x) = 1", () => {
      fc.assert(
        fc.property(finite(-30, 30), (x) => {
          const g = activations.gelu;
          return Math.abs(g.f(x) - g.f(-x) - x) <= 4e-16 * (1 + Math.abs(x));
        }),
        FC,
      );
    }],
    ["gelu ≥ its computed minimum ≈ −0.17, reached near x = −0.75", () => {
      const { min } = activations.gelu.range();
      assertClose(min, -0.16997120747, { atol: 1e-10 });
      fc.assert(fc.property(finite(-1e6, 1e6), (x) => activations.gelu.f(x) >= min), FC);
    }],
  ],
  silu: [
    ["silu(x) − silu(−x) = x, since σ(x) + σ(−x) = 1", () => {
      fc.assert(
        fc.property(finite(-30, 30), (x) => {
          const s = activations.silu;
          return Math.abs(s.f(x) - s.f(-x) - x) <= 4e-16 * (1 + Math.abs(x));
        }),
        FC,
      );
    }],
    ["silu ≥ its computed minimum ≈ −0.278, and silu' = σ(1 + x(1 − σ))", () => {
      const { min } = activations.silu.range();
      assertClose(min, -0.27846454276, { atol: 1e-10 });
      fc.assert(
        fc.property(finite(-1e6, 1e6), (x) => activations.silu.f(x) >= min),
        FC,
      );
    }],
  ],
  softplus: [
    ["softplus(x) − softplus(−x) = x below the threshold, and softplus' = σ(βx)", () => {
      fc.assert(
        fc.property(finite(-19, 19), (x) => {
          const s = activations.softplus;
          return Math.abs(s.f(x) - s.f(-x) - x) <= 1e-15 * (1 + Math.abs(x)) &&
            relativeError(s.df(x), activations.sigmoid.f(x)) <= 1e-15;
        }),
        FC,
      );
    }],
    ["softplus > 0 while e^(βx) does not underflow, and ≥ relu everywhere", () => {
      fc.assert(
        fc.property(finite(-700, 1e6), (x) => {
          const s = activations.softplus;
          return s.f(x) > 0 && s.f(x) >= activations.relu.f(x);
        }),
        FC,
      );
    }],
  ],
};

/** E[g(z)] for z ~ N(0, 1), by the composite Simpson rule on [−12, 12]. */
function gaussMean(g: (x: number) => number): number {
  const n = 24000;
  const a = -12;
  const h = 24 / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const x = a + i * h;
    const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
    s += w * g(x) * Math.exp(-x * x / 2);
  }
  return (s * h) / 3 / Math.sqrt(2 * Math.PI);
}

for (const name of activationNames) {
  const e = activations[name];
  Deno.test(`${name}`, async (t) => {
    await t.step("values agree with PyTorch (1e-9 relative) for every parameter set", () => {
      for (const c of casesOf(name)) {
        let floors = 0;
        const want = c.f.map(decode);
        for (let i = 0; i < xs.length; i++) {
          const x = xs[i];
          if (LIMIT_NOT_TORCH[name] && !Number.isFinite(x) && !Number.isNaN(x)) continue;
          const got = e.f(x, c.params);
          const ok = closeToReference(got, want[i]);
          assert.ok(ok, `${name}(${x}; ${JSON.stringify(c.params)}) = ${got}, torch ${want[i]}`);
          if (ok === "floor") floors++;
        }
        assert.ok(floors <= 2, `${floors} values agree only at the rounding floor`);
      }
    });

    await t.step("derivatives agree with PyTorch (1e-9 relative) for every parameter set", () => {
      for (const c of casesOf(name)) {
        let floors = 0;
        const want = c.df.map(decode);
        for (let i = 0; i < xs.length; i++) {
          const x = xs[i];
          if (Number.isNaN(x)) continue; // we answer NaN; see "edge inputs"
          if (LIMIT_NOT_TORCH[name] && !Number.isFinite(x)) continue;
          const got = e.df(x, c.params);
          const ok = closeToReference(got, want[i]);
          assert.ok(ok, `${name}'(${x}; ${JSON.stringify(c.params)}) = ${got}, torch ${want[i]}`);
          if (ok === "floor") floors++;
        }
        assert.ok(floors <= 2, `${floors} derivatives agree only at the rounding floor`);
      }
    });

    await t.step("parameter gradients agree with PyTorch, or there are none", () => {
      for (const c of casesOf(name)) {
        if (!c.dparams) {
          assert.deepEqual(e.learnable, []);
          assert.deepEqual(e.dparams(1.5, c.params), {});
          continue;
        }
        assert.deepEqual(Object.keys(c.dparams), [...e.learnable]);
        for (const k of e.learnable) {
          const want = c.dparams[k].map(decode);
          for (let i = 0; i < xs.length; i++) {
            const got = e.dparams(xs[i], c.params)[k];
            assert.ok(
              closeToReference(got, want[i]) === "equal",
              `∂${name}/∂${k} at ${xs[i]} = ${got}, torch ${want[i]}`,
            );
          }
        }
      }
    });

    await t.step("df matches central finite differences away from kinks", () => {
      for (const p of paramSets(e)) {
        for (const x of SMOOTH.filter(awayFromKinks(name, p))) {
          const h = 1e-5;
          const fd = (e.f(x + h, p) - e.f(x - h, p)) / (2 * h);
          assertClose(e.df(x, p), fd, { rtol: 1e-6, atol: 1e-8, at: `${name}'(${x})` });
        }
      }
    });

    await t.step("f is its mathjs expression, and df is mathjs's symbolic derivative of it", () => {
      const expr = parse(e.expression).compile();
      const dexpr = derivative(e.expression).compile();
      for (const p of paramSets(e)) {
        for (const x of SMOOTH.filter(awayFromKinks(name, p))) {
          const scope = { x, ...e.constants, ...p };
          assertClose(e.f(x, p), expr.evaluate(scope), { rtol: 1e-12, atol: 1e-15, at: `f(${x})` });
          assertClose(e.df(x, p), dexpr.evaluate(scope), {
            rtol: 1e-10,
            atol: 1e-14,
            at: `${name}'(${x}) symbolic`,
          });
        }
      }
    });

    await t.step("edge inputs: NaN, ±Infinity, −0, ±1e308, subnormals", () => {
      assert.ok(Number.isNaN(e.f(NaN)), "f(NaN) is NaN");
      assert.ok(Number.isNaN(e.df(NaN)), "f'(NaN) is NaN");
      for (const k of e.learnable) assert.ok(Number.isNaN(e.dparams(NaN)[k]));
      const [fNeg, fPos, dNeg, dPos] = LIMITS[name];
      assertSame(e.f(-Infinity), fNeg, "f(-Infinity)");
      assertSame(e.f(Infinity), fPos, "f(Infinity)");
      assert.equal(e.df(-Infinity), dNeg, "f'(-Infinity)");
      assert.equal(e.df(Infinity), dPos, "f'(Infinity)");
      assert.ok(e.f(-0) === e.f(0), "f(-0) = f(0)");
      assert.ok(e.df(-0) === e.df(0), "f'(-0) = f'(0)");
      for (const x of [1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE, 1000, -1000, 40, -40]) {
        assert.ok(!Number.isNaN(e.f(x)), `f(${x}) is not NaN`);
        assert.ok(!Number.isNaN(e.df(x)), `f'(${x}) is not NaN`);
      }
      for (const x of [5e-324, -5e-324, MIN_NORMAL / 3, -MIN_NORMAL]) {
        assertClose(e.f(x), e.f(0), { atol: 1e-300, at: `f(${x})` });
        assert.ok(Number.isFinite(e.df(x)), `f'(${x}) is finite`);
      }
    });

    await t.step("metadata: the declared saturation is where f' vanishes at ±∞", () => {
      assert.equal(e.saturation.left, e.df(-Infinity) === 0 && Math.abs(e.df(-40)) < 1e-12);
      assert.equal(e.saturation.right, e.df(Infinity) === 0 && Math.abs(e.df(40)) < 1e-12);
    });

    await t.step("metadata: f stays inside its declared range", () => {
      for (const p of paramSets(e)) {
        const { min, max, tex } = e.range(p);
        assert.ok(typeof tex === "string" && tex.length > 0);
        for (const x of [...SMOOTH, -1e3, 1e3, -50, 50]) {
          const y = e.f(x, p);
          assert.ok(y >= min && y <= max, `${name}(${x}) = ${y} outside [${min}, ${max}]`);
        }
        if (Number.isFinite(min)) {
          assertClose(Math.min(...SMOOTH.map((x) => e.f(x, p)), e.f(-1e3, p), e.f(0, p)), min, {
            atol: 1e-3,
            at: "the minimum is approached",
          });
        }
      }
    });

    await t.step(
      "metadata: zero-centredness agrees with the mean output for N(0, 1) inputs",
      () => {
        const mean = gaussMean((x) => e.f(x));
        const reluMean = 1 / Math.sqrt(2 * Math.PI);
        const measured = Math.abs(mean) < 1e-9
          ? "yes"
          : Math.abs(mean) < reluMean / 2
          ? "near"
          : "no";
        // SELU is built for zero mean but is not odd, so it is declared "near" though it measures ~0.
        const declared = e.zeroCentred === "near" && measured === "yes" ? "yes" : e.zeroCentred;
        assert.equal(declared, measured, `mean output ${mean}`);
      },
    );

    await t.step("array forms equal the scalar forms and honour the out argument", () => {
      for (const p of paramSets(e)) {
        const x = Float64Array.from([...SMOOTH, 0, -0, NaN, Infinity, -Infinity, 1e308]);
        const out = new Float64Array(x.length);
        assert.equal(e.fArray(x, out, p), out);
        const d = e.dfArray(x, undefined, p);
        for (let i = 0; i < x.length; i++) {
          assertSame(out[i], e.f(x[i], p), `fArray[${i}]`);
          assert.ok(Object.is(d[i], e.df(x[i], p)) || d[i] === e.df(x[i], p), `dfArray[${i}]`);
        }
      }
      assert.throws(() => e.fArray(new Float64Array(3), new Float64Array(2)), {
        name: "TypeError",
        message: new RegExp(`${name}\\.fArray: out must be a Float64Array of length 3`),
      });
      assert.throws(
        () => e.dfArray([1, 2] as unknown as Float64Array),
        { name: "TypeError", message: /x must be a Float64Array/ },
      );
    });

    await t.step(`metadata: the backward kernel reads only the ${e.saves} it declares`, () => {
      const x = Float64Array.from([-2.5, -0.3, 0.7, 3]);
      const y = e.fArray(x);
      const dy = Float64Array.from([1, -2, 0.5, 3]);
      const run = (xs: Float64Array, ys: Float64Array) => {
        const dx = new Float64Array(4);
        e.kernels.backward(xs, ys, dy, dx, e.resolve());
        return [...dx];
      };
      const junk = new Float64Array(4).fill(NaN);
      const want = run(x, y);
      assert.deepEqual(e.saves === "output" ? run(junk, y) : run(x, junk), want);
    });

    await t.step("bad parameters are clear errors, never a silent NaN", () => {
      assert.throws(() => e.f(0, { nope: 1 }), {
        name: "TypeError",
        message: new RegExp(`^${name}: unknown parameter "nope" \\(value 1\\); ${name} takes`),
      });
      assert.throws(() => e.df(0, 0.1 as unknown as Params), {
        name: "TypeError",
        message: new RegExp(`^${name}: parameters must be an object`),
      });
      for (const k of Object.keys(e.params)) {
        for (const bad of [NaN, Infinity, -Infinity]) {
          assert.throws(() => e.f(1, { [k]: bad }), {
            name: "RangeError",
            message: new RegExp(`^${name}: parameter "${k}" must be a finite number .*got ${bad}`),
          });
        }
        assert.throws(() => e.df(1, { [k]: "0.1" as unknown as number }), {
          name: "TypeError",
          message: new RegExp(`^${name}: parameter "${k}" must be a number .*got string "0.1"`),
        });
      }
    });

    for (const [label, body] of PROPERTIES[name]) await t.step(label, body);
  });
}

Deno.test("registry", async (t) => {
  await t.step("holds the article's seven activations and four for comparison", () => {
    assert.deepEqual(activationNames, [
      "sigmoid",
      "tanh",
      "relu",
      "leakyRelu",
      "rrelu",
      "prelu",
      "elu",
      "selu",
      "gelu",
      "silu",
      "softplus",
    ]);
    for (const n of activationNames) assert.equal(activations[n].name, n);
  });

  await t.step("defaults are PyTorch's", () => {
    assert.deepEqual(activations.leakyRelu.resolve(), { alpha: 0.01 });
    assert.deepEqual(activations.rrelu.resolve(), { lower: 1 / 8, upper: 1 / 3 });
    assert.deepEqual(activations.prelu.resolve(), { alpha: 0.25 });
    assert.deepEqual(activations.elu.resolve(), { alpha: 1 });
    assert.deepEqual(activations.softplus.resolve(), { beta: 1, threshold: 20 });
    assert.equal(activations.rrelu.df(-1), 11 / 48);
  });

  await t.step("kinks follow PyTorch", () => {
    assert.equal(activations.relu.df(0), 0);
    assert.equal(activations.leakyRelu.df(0, { alpha: 0.3 }), 0.3);
    assert.equal(activations.prelu.df(0, { alpha: 0.3 }), 0.3);
    assert.deepEqual(activations.prelu.dparams(0), { alpha: 0 });
    assert.deepEqual(activations.prelu.dparams(-0.5), { alpha: -0.5 });
    assert.equal(activations.elu.df(0, { alpha: 0.7 }), 0.7);
    assert.equal(activations.selu.df(0), SELU_SCALE * SELU_ALPHA);
  });

  await t.step("an unknown name is a TypeError that lists the known ones", () => {
    assert.throws(() => getActivation("swish"), {
      name: "TypeError",
      message: /unknown activation "swish"; known activations: sigmoid, tanh, relu/,
    });
    assert.throws(() => getActivation(42 as unknown as string), { name: "TypeError" });
  });

  await t.step("rrelu's bounds must satisfy 0 ≤ lower ≤ upper ≤ 1", () => {
    const r = activations.rrelu;
    assert.throws(() => r.f(-1, { lower: 0.5, upper: 0.2 }), {
      name: "RangeError",
      message:
        /rrelu: parameters must satisfy 0 ≤ lower ≤ upper ≤ 1, got lower = 0.5 > upper = 0.2/,
    });
    assert.throws(() => r.f(-1, { lower: -0.1 }), {
      name: "RangeError",
      message: /rrelu: parameter "lower" must be a number in \[0, 1\], got -0.1/,
    });
    assert.throws(() => r.f(-1, { upper: 1.5 }), {
      name: "RangeError",
      message: /rrelu: parameter "upper" must be a number in \[0, 1\], got 1.5/,
    });
    assert.equal(r.f(-2, { lower: 0.3, upper: 0.3 }), -0.6);
  });

  await t.step("softplus's beta must be positive", () => {
    assert.throws(() => activations.softplus.f(1, { beta: 0 }), {
      name: "RangeError",
      message: /softplus: parameter "beta" must be a number > 0, got 0/,
    });
  });

  await t.step("entries without parameters say so", () => {
    assert.throws(() => activations.relu.f(1, { alpha: 0.1 }), {
      message: /relu: unknown parameter "alpha" \(value 0.1\); relu takes no parameters/,
    });
  });
});
