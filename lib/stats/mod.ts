/**
 * Statistics the notebooks decide their verdicts with: summaries of a sample, a moving average
 * and the exact sign test.
 *
 * @module
 */

export * from "./summary.ts";
export * from "./sign_test.ts";
export * from "./normal_expectation.ts";
export * from "./interval.ts";
export * from "./rank_correlation.ts";
export * from "./ks_test.ts";
