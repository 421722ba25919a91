/**
 * The graph walk shared by both autograd engines.
 *
 * @module
 */

/**
 * Every node reachable from `root` through `parentsOf`, each after all of its parents, found with
 * an explicit stack rather than recursion, so a chain of 100,000 nodes cannot overflow the call
 * stack.
 *
 * @example
 * ```ts
 * import { topologicalOrder } from "./topological_order.ts";
 * import assert from "node:assert/strict";
 * const parents: Record<string, string[]> = { d: ["b", "c"], b: ["a"], c: ["a"], a: [] };
 * assert.deepEqual(topologicalOrder("d", (n) => parents[n]), ["a", "b", "c", "d"]);
 * ```
 */
export function topologicalOrder<T>(root: T, parentsOf: (node: T) => readonly T[]): T[] {
  const order: T[] = [];
  const seen = new Set<T>([root]);
  const stack: [T, readonly T[], number][] = [[root, parentsOf(root), 0]];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [node, parents, i] = top;
    if (i < parents.length) {
      top[2] = i + 1;
      const p = parents[i];
      if (!seen.has(p)) {
        seen.add(p);
        stack.push([p, parentsOf(p), 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order;
}
