/**
 * The experiments behind the course's claims: one module per experiment, each a function of one
 * options object (every option has a default and is checked) that returns plain data for the
 * notebook to plot, beside the function that turns that data into a {@linkcode Finding} — the
 * claim, a verdict decided by the numbers, and the sentence that says why.
 *
 * @example
 * ```ts
 * import { finding, findingsTable } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const f = finding({
 *   claim: "C2.2", article: "ReLU saturates on the left only", measured: "f′ → 0 only as x → −∞",
 *   verdict: "holds", text: "ReLU′ is 0 for every x < 0 and 1 for every x > 0.", numbers: {},
 * });
 * assert.match(findingsTable([f]).markdown, /\| C2.2 \|/);
 * ```
 *
 * @module
 */

export * from "./finding.ts";
export * from "./activation_properties.ts";
export * from "./derivative_tails.ts";
export * from "./zero_mean_inputs.ts";
export * from "./one_sided_saturation.ts";
export * from "./vanishing_gradient.ts";
export * from "./slope_bound.ts";
export * from "./chain_rule.ts";
export * from "./uneven_learning.ts";
export * from "./saturation_sides.ts";
export * from "./saturated_units.ts";
export * from "./cell_state.ts";
export * from "./elu_shape.ts";
export * from "./elu_properties.ts";
export * from "./elu_alpha.ts";
export * from "./elu_mean_activations.ts";
export * from "./kernel_cost.ts";
export * from "./code_simplicity.ts";
export * from "./activation_comparison.ts";
export * from "./choosing_guide.ts";
export * from "./prelu_alpha_gradient.ts";
export * from "./alpha_weight_decay.ts";
export * from "./learned_alpha.ts";
export * from "./data_size_gap.ts";
export * from "./leaky_relu_slope.ts";
export * from "./killed_units.ts";
export * from "./high_learning_rate.ts";
export * from "./rrelu_slopes.ts";
export * from "./rrelu_escape.ts";
export * from "./relu_gradient_factors.ts";
export * from "./sparsity.ts";
export * from "./dying_units.ts";
export * from "./same_sign_gradients.ts";
export * from "./zigzag.ts";
