/**
 * A small reverse-mode autograd engine over `Float64Array` tensors of rank 0, 1 and 2 (row-major),
 * fast enough to train MLPs on MNIST in a notebook.
 *
 * Each op records the inputs it saves and a backward function that accumulates one gradient per
 * input; `backward()` walks the graph in an iteratively computed topological order. Activations
 * come from the registry's kernels, so each formula exists once.
 *
 * @module
 */

import { leakyBackward, leakyForward } from "../activations/leaky_relu.ts";
import { getActivation } from "../activations/registry.ts";
import type { Params } from "../activations/types.ts";
import { Rng } from "../random.ts";
import { matmulKernels } from "./matmul_backend.ts";
import { topologicalOrder } from "./topological_order.ts";

/** Nested arrays accepted by {@linkcode Tensor.from}. */
export type NestedArray = number | number[] | number[][];

let gradEnabled = true;

/**
 * Runs `fn` without recording the graph (for evaluation), and returns its result.
 *
 * @example
 * ```ts
 * import { noGrad, Tensor } from "./tensor.ts";
 * import assert from "node:assert/strict";
 * const w = Tensor.from([1, 2], { requiresGrad: true });
 * const y = noGrad(() => w.mul(w).sum());
 * assert.equal(y.requiresGrad, false);
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  const before = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = before;
  }
}

/** Whether ops currently record the graph (false inside {@linkcode noGrad}). */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

const showShape = (s: readonly number[]) => `[${s.join(", ")}]`;
const sizeOf = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/**
 * A tensor: data, shape, and (when it requires a gradient) its place in the graph.
 *
 * @example Gradient of a linear layer
 * ```ts
 * import { Tensor } from "./tensor.ts";
 * import assert from "node:assert/strict";
 * const x = Tensor.from([[1, 2], [3, 4]]);
 * const w = Tensor.from([[0.5], [-1]], { requiresGrad: true });
 * const loss = x.matmul(w).sum();
 * loss.backward();
 * assert.deepEqual(loss.item(), -4);
 * assert.deepEqual(w.grad?.toArray(), [[4], [6]]);
 * ```
 */
export class Tensor {
  /** The values, row-major. */
  readonly data: Float64Array;
  /** The shape: `[]`, `[n]` or `[n, m]`. */
  readonly shape: readonly number[];
  /** Whether gradients flow into this tensor. */
  readonly requiresGrad: boolean;
  /** The op that made it ("" for a leaf). */
  readonly op: string;
  /** A name, for messages and drawings. */
  label: string;
  /** The inputs of the op (only recorded when a gradient is needed). */
  readonly parents: readonly Tensor[];
  #gradData: Float64Array | null = null;
  #grad: Tensor | null = null;
  #backward: (() => void) | null;

  constructor(
    data: Float64Array,
    shape: readonly number[],
    options: {
      requiresGrad?: boolean;
      op?: string;
      label?: string;
      parents?: readonly Tensor[];
      backward?: () => void;
    } = {},
  ) {
    if (!(data instanceof Float64Array)) {
      throw new TypeError(`Tensor: data must be a Float64Array, got ${typeof data}`);
    }
    if (shape.length > 2 || shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new RangeError(`Tensor: shape must be [], [n] or [n, m], got ${showShape(shape)}`);
    }
    if (sizeOf(shape) !== data.length) {
      throw new RangeError(
        `Tensor: shape ${showShape(shape)} needs ${sizeOf(shape)} values, got ${data.length}`,
      );
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.requiresGrad = options.requiresGrad ?? false;
    this.op = options.op ?? "";
    this.label = options.label ?? "";
    this.parents = options.parents ?? [];
    this.#backward = options.backward ?? null;
  }

  /** A tensor from a number, `number[]` or `number[][]` (rows of equal length). */
  static from(nested: NestedArray, options: { requiresGrad?: boolean; label?: string } = {}) {
    let data: Float64Array;
    let shape: number[];
    if (typeof nested === "number") {
      data = Float64Array.of(nested);
      shape = [];
    } else if (Array.isArray(nested) && nested.every((v) => typeof v === "number")) {
      data = Float64Array.from(nested as number[]);
      shape = [nested.length];
    } else if (Array.isArray(nested) && nested.every((r) => Array.isArray(r))) {
      const rows = nested as number[][];
      const m = rows.length ? rows[0].length : 0;
      rows.forEach((r, i) => {
        if (r.length !== m || r.some((v) => typeof v !== "number")) {
          throw new TypeError(
            `Tensor.from: row ${i} must hold ${m} numbers like row 0, got ${JSON.stringify(r)}`,
          );
        }
      });
      data = new Float64Array(rows.length * m);
      rows.forEach((r, i) => data.set(r, i * m));
      shape = [rows.length, m];
    } else {
      throw new TypeError(
        `Tensor.from: expected a number, number[] or number[][], got ${JSON.stringify(nested)}`,
      );
    }
    return new Tensor(data, shape, options);
  }

  /** A tensor of zeros. */
  static zeros(shape: readonly number[], options: { requiresGrad?: boolean } = {}): Tensor {
    return new Tensor(new Float64Array(sizeOf(shape)), shape, options);
  }

  /** A tensor of N(0, std²) values drawn from `rng`. */
  static randn(
    shape: readonly number[],
    rng: Rng,
    { std = 1, requiresGrad = false }: { std?: number; requiresGrad?: boolean } = {},
  ): Tensor {
    return new Tensor(rng.fillNormal(new Float64Array(sizeOf(shape)), 0, std), shape, {
      requiresGrad,
    });
  }

  /** The number of values. */
  get size(): number {
    return this.data.length;
  }

  /** The accumulated gradient, or null before any `backward()` reached this tensor. */
  get grad(): Tensor | null {
    if (!this.#gradData) return null;
    this.#grad ??= new Tensor(this.#gradData, this.shape);
    return this.#grad;
  }

  /** The gradient buffer, allocated (zeroed) on first use; for ops and optimizers. */
  gradBuffer(): Float64Array {
    this.#gradData ??= new Float64Array(this.data.length);
    return this.#gradData;
  }

  /** Sets the gradient to zero (keeping the buffer). */
  zeroGrad(): void {
    this.#gradData?.fill(0);
  }

  /** The single value of a tensor with one element. */
  item(): number {
    if (this.data.length !== 1) {
      throw new RangeError(`item: the tensor has shape ${showShape(this.shape)}, not one value`);
    }
    return this.data[0];
  }

  /** The values as nested arrays of the tensor's shape. */
  toArray(): NestedArray {
    if (this.shape.length === 0) return this.data[0];
    if (this.shape.length === 1) return Array.from(this.data);
    const [n, m] = this.shape;
    return Array.from({ length: n }, (_, i) => Array.from(this.data.subarray(i * m, (i + 1) * m)));
  }

  /** A copy outside the graph. */
  detach(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /** Makes a result of an op, recording the graph only when a gradient is needed. */
  #result(
    op: string,
    data: Float64Array,
    shape: readonly number[],
    inputs: readonly Tensor[],
    backward: (out: Tensor) => void,
  ): Tensor {
    const needs = gradEnabled && inputs.some((t) => t.requiresGrad);
    if (!needs) return new Tensor(data, shape, { op });
    const out: Tensor = new Tensor(data, shape, {
      op,
      requiresGrad: true,
      parents: inputs,
      backward: () => backward(out),
    });
    return out;
  }

  /** The matrix product of `[n, k]` and `[k, m]`. */
  matmul(other: Tensor): Tensor {
    const a = this as Tensor;
    const b = other;
    if (a.shape.length !== 2 || b.shape.length !== 2 || a.shape[1] !== b.shape[0]) {
      throw new Error(
        `matmul: shapes ${showShape(a.shape)} and ${
          showShape(b.shape)
        } do not fit ([n, k] · [k, m])`,
      );
    }
    const [n, k] = a.shape;
    const m = b.shape[1];
    const out = new Float64Array(n * m);
    matmulKernels().matmulAdd(a.data, b.data, out, n, k, m);
    return this.#result("matmul", out, [n, m], [a, b], (res) => {
      const g = res.gradBuffer();
      const kernels = matmulKernels();
      if (a.requiresGrad) kernels.matmulAddBt(g, b.data, a.gradBuffer(), n, m, k);
      if (b.requiresGrad) kernels.matmulAddAt(a.data, g, b.gradBuffer(), n, k, m);
    });
  }

  /** Elementwise op with broadcasting of a scalar or a row vector `[m]` over `[n, m]`. */
  #binary(
    op: "add" | "sub" | "mul",
    other: Tensor | number,
  ): Tensor {
    const a = this as Tensor;
    const b = typeof other === "number" ? Tensor.from(other) : other;
    const period = broadcastPeriod(op, a.shape, b.shape);
    const big = period.swapped ? b : a;
    const small = period.swapped ? a : b;
    const n = big.data.length;
    const p = small.data.length;
    const out = new Float64Array(n);
    const x = big.data;
    const y = small.data;
    // out = big ∘ small, with small repeating every p values; "sub" keeps the operands' order.
    const bigSign = op === "sub" && period.swapped ? -1 : 1;
    const smallSign = op === "sub" && !period.swapped ? -1 : 1;
    if (op === "mul") {
      for (let i = 0; i < n; i += p) for (let j = 0; j < p; j++) out[i + j] = x[i + j] * y[j];
    } else {
      for (let i = 0; i < n; i += p) {
        for (let j = 0; j < p; j++) out[i + j] = bigSign * x[i + j] + smallSign * y[j];
      }
    }
    return this.#result(op, out, big.shape, [a, b], (res) => {
      const g = res.gradBuffer();
      if (big.requiresGrad) {
        const gb = big.gradBuffer();
        if (op === "mul") {
          for (let i = 0; i < n; i += p) for (let j = 0; j < p; j++) gb[i + j] += g[i + j] * y[j];
        } else {
          for (let i = 0; i < n; i++) gb[i] += bigSign * g[i];
        }
      }
      if (small.requiresGrad) {
        const gs = small.gradBuffer();
        if (op === "mul") {
          for (let i = 0; i < n; i += p) for (let j = 0; j < p; j++) gs[j] += g[i + j] * x[i + j];
        } else {
          for (let i = 0; i < n; i += p) for (let j = 0; j < p; j++) gs[j] += smallSign * g[i + j];
        }
      }
    });
  }

  /** this + other (other: same shape, a row vector `[m]` for `[n, m]`, or a scalar). */
  add(other: Tensor | number): Tensor {
    return this.#binary("add", other);
  }

  /** this − other, broadcasting as {@linkcode Tensor.add}. */
  sub(other: Tensor | number): Tensor {
    return this.#binary("sub", other);
  }

  /** this · other elementwise, broadcasting as {@linkcode Tensor.add}. */
  mul(other: Tensor | number): Tensor {
    return this.#binary("mul", other);
  }

  /** The sum of all values, a scalar. */
  sum(): Tensor {
    let s = 0;
    for (let i = 0; i < this.data.length; i++) s += this.data[i];
    return this.#result("sum", Float64Array.of(s), [], [this], (res) => {
      const g = res.gradBuffer()[0];
      const gx = this.gradBuffer();
      for (let i = 0; i < gx.length; i++) gx[i] += g;
    });
  }

  /** The mean of all values, a scalar. */
  mean(): Tensor {
    const n = this.data.length;
    if (n === 0) throw new RangeError("mean: the tensor is empty");
    let s = 0;
    for (let i = 0; i < n; i++) s += this.data[i];
    return this.#result("mean", Float64Array.of(s / n), [], [this], (res) => {
      const g = res.gradBuffer()[0] / n;
      const gx = this.gradBuffer();
      for (let i = 0; i < n; i++) gx[i] += g;
    });
  }

  /** The transpose of a matrix (a vector or scalar is returned as is, as a new node). */
  transpose(): Tensor {
    if (this.shape.length < 2) {
      return this.#result("transpose", this.data.slice(), this.shape, [this], (res) => {
        const g = res.gradBuffer();
        const gx = this.gradBuffer();
        for (let i = 0; i < g.length; i++) gx[i] += g[i];
      });
    }
    const [n, m] = this.shape;
    const out = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = this.data[i * m + j];
    return this.#result("transpose", out, [m, n], [this], (res) => {
      const g = res.gradBuffer();
      const gx = this.gradBuffer();
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) gx[i * m + j] += g[j * n + i];
    });
  }

  /**
   * A registry activation, elementwise, through the registry's own kernels.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   * const x = Tensor.from([-2, 0, 3], { requiresGrad: true });
   * const y = x.apply("elu", { alpha: 0.5 });
   * y.sum().backward();
   * assert.deepEqual(x.grad?.toArray(), [0.5 * Math.exp(-2), 0.5, 1]);
   * ```
   */
  apply(name: string, params?: Partial<Params>): Tensor {
    const act = getActivation(name);
    const p = act.resolve(params);
    const out = new Float64Array(this.data.length);
    act.kernels.forward(this.data, out, p);
    return this.#result(name, out, this.shape, [this], (res) => {
      act.kernels.backward(this.data, res.data, res.gradBuffer(), this.gradBuffer(), p);
    });
  }

  /**
   * PReLU with a learnable slope tensor: shape `[1]` (shared by all features) or `[features]`
   * (one per feature, the last dimension). ∂f/∂α = x where x ≤ 0.
   */
  prelu(alpha: Tensor): Tensor {
    const features = this.shape.length ? this.shape[this.shape.length - 1] : 1;
    if (alpha.shape.length !== 1 || (alpha.size !== 1 && alpha.size !== features)) {
      throw new Error(
        `prelu: alpha must have shape [1] or [${features}] for input ${showShape(this.shape)}, ` +
          `got ${showShape(alpha.shape)}`,
      );
    }
    return this.#leaky("prelu", alpha.data, [this, alpha], alpha);
  }

  /**
   * RReLU: in training, one slope per element drawn from U(lower, upper) with `rng`; otherwise the
   * fixed slope (lower + upper)/2. Bounds are checked by the registry.
   */
  rrelu(
    options: { lower?: number; upper?: number; training?: boolean; rng?: Rng } = {},
  ): Tensor {
    const { training = false, rng, ...bounds } = options;
    const act = getActivation("rrelu");
    const p = act.resolve(bounds);
    if (!training) return this.apply("rrelu", p);
    if (!(rng instanceof Rng)) {
      throw new TypeError(
        "rrelu: training mode draws random slopes and needs { rng: new Rng(seed) }",
      );
    }
    const slopes = rng.fillUniform(new Float64Array(this.data.length), p.lower, p.upper);
    return this.#leaky("rrelu", slopes, [this]);
  }

  /** The leaky family through the registry's slope kernels. */
  #leaky(op: string, slopes: Float64Array, inputs: Tensor[], alpha?: Tensor): Tensor {
    const out = new Float64Array(this.data.length);
    leakyForward(this.data, slopes, out);
    return this.#result(op, out, this.shape, inputs, (res) => {
      const g = res.gradBuffer();
      const dx = this.requiresGrad ? this.gradBuffer() : new Float64Array(this.data.length);
      leakyBackward(
        this.data,
        slopes,
        g,
        dx,
        alpha?.requiresGrad ? alpha.gradBuffer() : undefined,
      );
    });
  }

  /**
   * Softmax cross-entropy of logits `[n, classes]` against integer labels, averaged over the
   * batch; stable for logits of any finite size (log-sum-exp with the row maximum subtracted).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   * const logits = Tensor.from([[1e4, 0], [0, 0]], { requiresGrad: true });
   * const loss = logits.crossEntropy([0, 1]);
   * assert.equal(loss.item(), Math.LN2 / 2);
   * ```
   */
  crossEntropy(labels: ArrayLike<number>): Tensor {
    if (this.shape.length !== 2) {
      throw new Error(`crossEntropy: logits must be [n, classes], got ${showShape(this.shape)}`);
    }
    const [n, c] = this.shape;
    if (labels.length !== n) {
      throw new Error(`crossEntropy: ${labels.length} labels for ${n} rows of logits`);
    }
    const probs = new Float64Array(n * c);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const label = labels[i];
      if (!Number.isInteger(label) || label < 0 || label >= c) {
        throw new RangeError(
          `crossEntropy: label ${label} at row ${i} is outside the classes 0…${c - 1}`,
        );
      }
      const row = i * c;
      let max = -Infinity;
      for (let j = 0; j < c; j++) max = Math.max(max, this.data[row + j]);
      let s = 0;
      for (let j = 0; j < c; j++) {
        const e = Math.exp(this.data[row + j] - max);
        probs[row + j] = e;
        s += e;
      }
      for (let j = 0; j < c; j++) probs[row + j] /= s;
      total += Math.log(s) + max - this.data[row + label];
    }
    const labelsCopy = Int32Array.from(labels);
    return this.#result("crossEntropy", Float64Array.of(total / n), [], [this], (res) => {
      const g = res.gradBuffer()[0] / n;
      const gx = this.gradBuffer();
      for (let i = 0; i < n; i++) {
        const row = i * c;
        for (let j = 0; j < c; j++) gx[row + j] += g * probs[row + j];
        gx[row + labelsCopy[i]] -= g;
      }
    });
  }

  /** Mean squared error against a target of the same shape. */
  mse(target: Tensor | NestedArray): Tensor {
    const t = target instanceof Tensor ? target : Tensor.from(target);
    if (!sameShape(this.shape, t.shape)) {
      throw new Error(`mse: shapes ${showShape(this.shape)} and ${showShape(t.shape)} differ`);
    }
    return this.sub(t).square().mean();
  }

  /** this², elementwise. */
  square(): Tensor {
    const out = new Float64Array(this.data.length);
    for (let i = 0; i < out.length; i++) out[i] = this.data[i] * this.data[i];
    return this.#result("square", out, this.shape, [this], (res) => {
      const g = res.gradBuffer();
      const gx = this.gradBuffer();
      for (let i = 0; i < g.length; i++) gx[i] += 2 * this.data[i] * g[i];
    });
  }

  /** The row-wise index of the largest value of `[n, m]` (predicted classes). */
  argmax(): Int32Array {
    if (this.shape.length !== 2) {
      throw new Error(`argmax: expects [n, m], got ${showShape(this.shape)}`);
    }
    const [n, m] = this.shape;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let j = 1; j < m; j++) if (this.data[i * m + j] > this.data[i * m + best]) best = j;
      out[i] = best;
    }
    return out;
  }

  /** Every tensor this one depends on through tensors requiring a gradient, inputs first. */
  topologicalOrder(): Tensor[] {
    return topologicalOrder<Tensor>(this, (t) => t.parents.filter((p) => p.requiresGrad));
  }

  /**
   * Accumulates gradients of this tensor into every tensor it depends on. A scalar is seeded with
   * 1; anything else needs an explicit `seed` gradient of its shape.
   */
  backward(seed?: Tensor | NestedArray): void {
    if (!this.requiresGrad) {
      throw new Error(
        "backward: this tensor does not require a gradient (no input had requiresGrad)",
      );
    }
    let s: Float64Array;
    if (seed === undefined) {
      if (this.data.length !== 1) {
        throw new Error(
          `backward: a tensor of shape ${
            showShape(this.shape)
          } is not a scalar; pass a seed gradient`,
        );
      }
      s = Float64Array.of(1);
    } else {
      const st = seed instanceof Tensor ? seed : Tensor.from(seed);
      if (st.data.length !== this.data.length) {
        throw new Error(
          `backward: seed of shape ${showShape(st.shape)} for a tensor of shape ${
            showShape(this.shape)
          }`,
        );
      }
      s = st.data;
    }
    const order = this.topologicalOrder();
    const g = this.gradBuffer();
    for (let i = 0; i < g.length; i++) g[i] += s[i];
    for (let i = order.length - 1; i >= 0; i--) order[i].#backward?.();
  }

  /** A short description. */
  toString(): string {
    return `Tensor(${showShape(this.shape)}${this.op ? `, op ${this.op}` : ""}${
      this.requiresGrad ? ", requiresGrad" : ""
    })`;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** How `b` broadcasts against `a`: equal shapes, a scalar, or a row vector over a matrix. */
function broadcastPeriod(
  op: string,
  a: readonly number[],
  b: readonly number[],
): { swapped: boolean } {
  if (sameShape(a, b)) return { swapped: false };
  const fits = (big: readonly number[], small: readonly number[]) =>
    sizeOf(small) === 1 && small.length <= big.length ||
    (big.length === 2 && small.length === 1 && small[0] === big[1]);
  if (fits(a, b)) return { swapped: false };
  if (fits(b, a)) return { swapped: true };
  throw new Error(`${op}: shapes ${showShape(a)} and ${showShape(b)} do not broadcast`);
}
