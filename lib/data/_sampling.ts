/**
 * Seeded, class-aware choices of rows: balanced subsets and stratified splits. Works on label
 * arrays only, so the MNIST loader can choose digits before it copies any pixels.
 *
 * @module
 */

import type { Rng } from "../random.ts";

/** The rows of each class, in increasing order. */
export function rowsByClass(y: Int32Array, classes: number): Int32Array[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  const rows = counts.map((c) => new Int32Array(c));
  const fill = new Array<number>(classes).fill(0);
  for (let i = 0; i < y.length; i++) rows[y[i]][fill[y[i]]++] = i;
  return rows;
}

/**
 * Shares `total` among the classes as equally as possible without taking more than a class has:
 * a class with fewer than its share gives all it has and the rest is shared among the others. The
 * last few units (when the share is not whole) go to the classes first in `order`.
 */
export function balancedAllocation(
  available: readonly number[],
  total: number,
  order: ArrayLike<number>,
): number[] {
  const alloc = available.map(() => 0);
  let active = available.map((_, c) => c).filter((c) => available[c] > 0);
  let rest = total;
  while (rest > 0 && active.length > 0) {
    const share = Math.floor(rest / active.length);
    const capped = active.filter((c) => available[c] <= share);
    if (capped.length > 0) {
      for (const c of capped) {
        alloc[c] = available[c];
        rest -= available[c];
      }
      active = active.filter((c) => available[c] > share);
      continue;
    }
    for (const c of active) alloc[c] = share;
    rest -= share * active.length;
    for (let k = 0; k < order.length && rest > 0; k++) {
      const c = order[k];
      if (active.includes(c)) {
        alloc[c]++;
        rest--;
      }
    }
  }
  return alloc;
}

/**
 * Shares `total` among the classes in proportion to `sizes` (largest remainder): each class gets
 * the floor or the ceiling of its exact quota `total · size / Σ sizes`. Ties go to the classes
 * first in `order`.
 */
export function proportionalAllocation(
  sizes: readonly number[],
  total: number,
  order: ArrayLike<number>,
): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const alloc = sizes.map((s) => Math.floor((total * s) / n));
  let rest = total - alloc.reduce((a, b) => a + b, 0);
  const rank = new Array<number>(sizes.length);
  for (let k = 0; k < order.length; k++) rank[order[k]] = k;
  const byRemainder = sizes
    .map((_, c) => c)
    .sort((a, b) => ((total * sizes[b]) % n) - ((total * sizes[a]) % n) || rank[a] - rank[b]);
  for (const c of byRemainder) {
    if (rest === 0) break;
    alloc[c]++;
    rest--;
  }
  return alloc;
}

/** `count` rows, as balanced across classes as the classes allow, in random order. */
export function balancedRows(y: Int32Array, classes: number, count: number, rng: Rng): Int32Array {
  const byClass = rowsByClass(y, classes);
  for (const rows of byClass) rng.shuffle(rows);
  const alloc = balancedAllocation(byClass.map((r) => r.length), count, rng.permutation(classes));
  const out = new Int32Array(count);
  let k = 0;
  byClass.forEach((rows, c) => {
    out.set(rows.subarray(0, alloc[c]), k);
    k += alloc[c];
  });
  return rng.shuffle(out);
}

/**
 * A stratified split of the rows: `validation` of them, each class in proportion to its size
 * (within one of its exact share), the rest for training; both in random order.
 */
export function stratifiedRows(
  y: Int32Array,
  classes: number,
  validation: number,
  rng: Rng,
): { train: Int32Array; validation: Int32Array } {
  const byClass = rowsByClass(y, classes);
  for (const rows of byClass) rng.shuffle(rows);
  const alloc = proportionalAllocation(
    byClass.map((r) => r.length),
    validation,
    rng.permutation(classes),
  );
  const train = new Int32Array(y.length - validation);
  const val = new Int32Array(validation);
  let t = 0;
  let v = 0;
  byClass.forEach((rows, c) => {
    val.set(rows.subarray(0, alloc[c]), v);
    v += alloc[c];
    train.set(rows.subarray(alloc[c]), t);
    t += rows.length - alloc[c];
  });
  return { train: rng.shuffle(train), validation: rng.shuffle(val) };
}
