/**
 * A scalar reverse-mode autograd engine for teaching the chain rule (after Karpathy's micrograd).
 *
 * Gradients are written only for primitives (add, mul, pow, exp, log, the registry's
 * activations and PReLU's α); everything else is composed from them. Each node keeps its op, a
 * label, its parents and the local derivative along each edge, so a notebook can draw a chain of
 * neurons and print every factor of the chain rule. Gradients accumulate (`+=`), so a node used
 * twice is right, and `backward()` sorts the graph iteratively: a chain of 100,000 nodes is fine.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import type { Params } from "../activations/types.ts";
import { topologicalOrder } from "./topological_order.ts";

/** A number or a {@linkcode Value}; plain numbers become constants. */
export type Scalar = number | Value;

/** Options for a new {@linkcode Value}. */
export interface ValueOptions {
  /** A name for drawing and printing. */
  label?: string;
}

/** One edge of the graph: a parent and ∂child/∂parent at the current values. */
export interface Edge {
  readonly parent: Value;
  readonly local: number;
}

/**
 * A scalar node of a computation graph.
 *
 * @example The gradient of a one-neuron chain
 * ```ts
 * import { Value } from "./value.ts";
 * import assert from "node:assert/strict";
 * const x = new Value(2, { label: "x" });
 * const w = new Value(-0.5, { label: "w" });
 * const y = x.mul(w).add(1).apply("sigmoid");
 * y.backward();
 * const s = 1 / (1 + Math.exp(-0));
 * assert.equal(w.grad, s * (1 - s) * 2);
 * ```
 */
export class Value {
  /** The value. */
  readonly data: number;
  /** ∂(output of the last `backward()`)/∂(this); accumulates. */
  grad = 0;
  /** The operation that made this node ("" for a leaf). */
  readonly op: string;
  /** A name for drawing and printing. */
  label: string;
  /** The inputs of the operation, with the local derivative along each edge. */
  readonly edges: readonly Edge[];

  constructor(data: number, options: ValueOptions = {}, op = "", edges: readonly Edge[] = []) {
    if (typeof data !== "number") {
      throw new TypeError(`Value: data must be a number, got ${typeof data} ${String(data)}`);
    }
    this.data = data;
    this.label = options.label ?? "";
    this.op = op;
    this.edges = edges;
  }

  /** The parents of this node. */
  get parents(): Value[] {
    return this.edges.map((e) => e.parent);
  }

  /** `x` itself if it is a Value, else a constant node holding it. */
  static from(x: Scalar): Value {
    return x instanceof Value ? x : new Value(x, { label: String(x) });
  }

  /** this + other. */
  add(other: Scalar): Value {
    const o = Value.from(other);
    return new Value(this.data + o.data, {}, "+", [
      { parent: this, local: 1 },
      { parent: o, local: 1 },
    ]);
  }

  /** this · other. */
  mul(other: Scalar): Value {
    const o = Value.from(other);
    return new Value(this.data * o.data, {}, "×", [
      { parent: this, local: o.data },
      { parent: o, local: this.data },
    ]);
  }

  /** this^n for a constant exponent n. */
  pow(n: number): Value {
    if (typeof n !== "number" || !Number.isFinite(n)) {
      throw new TypeError(`Value.pow: the exponent must be a finite number, got ${String(n)}`);
    }
    if (this.data === 0 && n < 1 && n !== 0) {
      throw new RangeError(`Value.pow: 0^${n} has no finite derivative`);
    }
    return new Value(this.data ** n, {}, `^${n}`, [
      { parent: this, local: n * this.data ** (n - 1) },
    ]);
  }

  /** e^this. */
  exp(): Value {
    const e = Math.exp(this.data);
    return new Value(e, {}, "exp", [{ parent: this, local: e }]);
  }

  /** ln(this); a RangeError for this ≤ 0. */
  log(): Value {
    if (!(this.data > 0)) {
      throw new RangeError(`Value.log: the argument must be positive, got ${this.data}`);
    }
    return new Value(Math.log(this.data), {}, "log", [{ parent: this, local: 1 / this.data }]);
  }

  /** −this (composed: this · −1). */
  neg(): Value {
    return this.mul(-1);
  }

  /** this − other (composed: this + (−other)). */
  sub(other: Scalar): Value {
    return this.add(Value.from(other).neg());
  }

  /** this / other (composed: this · other⁻¹); a RangeError when other is 0. */
  div(other: Scalar): Value {
    const o = Value.from(other);
    if (o.data === 0) throw new RangeError("Value.div: division by zero");
    return this.mul(o.pow(-1));
  }

  /**
   * A registry activation applied to this node; its local derivative is the registry's `df`.
   *
   * @example
   * ```ts
   * import { Value } from "./value.ts";
   * import assert from "node:assert/strict";
   * const z = new Value(-2);
   * const y = z.apply("leakyRelu", { alpha: 0.1 });
   * y.backward();
   * assert.equal(y.data, -0.2);
   * assert.equal(z.grad, 0.1);
   * ```
   */
  apply(name: string, params?: Partial<Params>): Value {
    const act = getActivation(name);
    return new Value(act.f(this.data, params), {}, name, [
      { parent: this, local: act.df(this.data, params) },
    ]);
  }

  /** PReLU with a learnable slope: gradients flow to both this and `alpha`. */
  prelu(alpha: Scalar): Value {
    const a = Value.from(alpha);
    const act = getActivation("prelu");
    const p = { alpha: a.data };
    return new Value(act.f(this.data, p), {}, "prelu", [
      { parent: this, local: act.df(this.data, p) },
      { parent: a, local: act.dparams(this.data, p).alpha },
    ]);
  }

  /** Every node this one depends on, parents before children, found without recursion. */
  topologicalOrder(): Value[] {
    return topologicalOrder<Value>(this, (v) => v.parents);
  }

  /** Sets this node's gradient to 1 and accumulates ∂this/∂node into every node's `grad`. */
  backward(): void {
    const order = this.topologicalOrder();
    this.grad += 1;
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      for (const { parent, local } of node.edges) parent.grad += local * node.grad;
    }
  }

  /** Sets `grad` to 0 on this node and everything it depends on. */
  zeroGrad(): void {
    for (const node of this.topologicalOrder()) node.grad = 0;
  }

  /** A short description: label, value, gradient. */
  toString(): string {
    return `Value(${this.label ? this.label + " = " : ""}${this.data}, grad ${this.grad})`;
  }
}
