/**
 * Killing hidden units on purpose, and checking on them: a unit of an MLP's first hidden layer is
 * killed by a negative bias that puts its largest pre-activation over a data set a margin below
 * zero, so it is negative for every example; later one asks how many killed units are positive
 * again on some example, and how far their incoming weights have moved.
 *
 * @module
 */

import { noGrad, type Tensor } from "../autograd/tensor.ts";
import type { MLP } from "../nn/mlp.ts";

function checkUnits(where: string, model: MLP, count: number): number {
  const units = model.sizes[1];
  if (!Number.isInteger(count) || count < 0 || count > units) {
    throw new RangeError(
      `${where}: count must be an integer in [0, ${units}] (the first hidden layer's units), got ${count}`,
    );
  }
  return units;
}

/** The first hidden layer's pre-activations `x·W₁ + b₁` for a batch `x`, shape `[n, units]`. */
function firstPre(model: MLP, x: Tensor): Tensor {
  return noGrad(() => model.layers[0].linear.forward(x));
}

/**
 * Kills units 0 … count − 1 of the first hidden layer of `model` for the inputs `x` (shape
 * `[n, inputs]`): each one's bias becomes −max over x of w·x − margin, so its largest
 * pre-activation on `x` is exactly −margin. Returns the biases set.
 *
 * @example
 * ```ts
 * import { killUnits, revivedUnits } from "./kill_units.ts";
 * import { MLP } from "../nn/mlp.ts";
 * import { Tensor } from "../autograd/tensor.ts";
 * import assert from "node:assert/strict";
 * const net = new MLP([3, 4, 2], { seed: 1 });
 * const x = Tensor.from([[1, 2, 3], [-1, 0, 2], [0.5, -2, 1]]);
 * killUnits(net, x, 2, 0.1);
 * assert.equal(revivedUnits(net, x, 2), 0); // both killed units are negative on every input
 * ```
 */
export function killUnits(model: MLP, x: Tensor, count: number, margin: number): number[] {
  const units = checkUnits("killUnits", model, count);
  if (!Number.isFinite(margin) || margin < 0) {
    throw new RangeError(`killUnits: margin must be a finite number ≥ 0, got ${margin}`);
  }
  const b = model.layers[0].linear.bias.data;
  const z = firstPre(model, x).data;
  const n = z.length / units;
  const set: number[] = [];
  for (let j = 0; j < count; j++) {
    let max = -Infinity;
    for (let i = 0; i < n; i++) max = Math.max(max, z[i * units + j] - b[j]);
    b[j] = -max - margin;
    set.push(b[j]);
  }
  return set;
}

/**
 * How many of units 0 … count − 1 of the first hidden layer are positive on at least one row of
 * `x`: the killed units that have come back.
 *
 * @example
 * ```ts
 * import { revivedUnits } from "./kill_units.ts";
 * import { MLP } from "../nn/mlp.ts";
 * import { Tensor } from "../autograd/tensor.ts";
 * import assert from "node:assert/strict";
 * const net = new MLP([1, 2, 2], { bias: 1 }); // every pre-activation is w·x + 1
 * assert.equal(revivedUnits(net, Tensor.from([[0]]), 2), 2);
 * ```
 */
export function revivedUnits(model: MLP, x: Tensor, count: number): number {
  const units = checkUnits("revivedUnits", model, count);
  const z = firstPre(model, x).data;
  const n = z.length / units;
  let alive = 0;
  for (let j = 0; j < count; j++) {
    for (let i = 0; i < n; i++) {
      if (z[i * units + j] > 0) {
        alive++;
        break;
      }
    }
  }
  return alive;
}

/**
 * ‖W − W₀‖ over the incoming weights of units 0 … count − 1 of the first hidden layer, against
 * `initial`, a copy of that layer's weights taken before training (`weight.data.slice()`).
 *
 * @example
 * ```ts
 * import { killedWeightChange } from "./kill_units.ts";
 * import { MLP } from "../nn/mlp.ts";
 * import assert from "node:assert/strict";
 * const net = new MLP([2, 3, 2], { seed: 1 });
 * const w0 = net.layers[0].linear.weight.data.slice();
 * net.layers[0].linear.weight.data[1] += 3; // input 0 → unit 1
 * net.layers[0].linear.weight.data[2] += 4; // input 0 → unit 2
 * assert.equal(killedWeightChange(net, w0, 1), 0);
 * assert.equal(killedWeightChange(net, w0, 3), 5);
 * ```
 */
export function killedWeightChange(model: MLP, initial: Float64Array, count: number): number {
  const units = checkUnits("killedWeightChange", model, count);
  const w = model.layers[0].linear.weight.data;
  if (initial.length !== w.length) {
    throw new RangeError(
      `killedWeightChange: initial has ${initial.length} weights, the layer ${w.length}`,
    );
  }
  let s = 0;
  for (let i = 0; i < w.length; i++) {
    if (i % units < count) s += (w[i] - initial[i]) ** 2;
  }
  return Math.sqrt(s);
}
