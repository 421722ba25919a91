/**
 * C1.4, the LSTM remedy: the gradient carried back through time by an LSTM-style additive cell
 * state, c_t = f_t·c_{t−1} + i_t·g_t, against a chain of sigmoids, h_t = σ(w·h_{t−1} + u·x_t).
 * Along the cell state ∂c_t/∂c_{t−1} = f_t, the forget gate: no σ′ factor; the sigmoid chain
 * multiplies the gradient by w·σ′ at every step.
 *
 * @module
 */

import { Value } from "../autograd/value.ts";
import { formatNumber } from "../display/format_number.ts";
import { integer, number, type Options, type OptionsInput, parseOptions } from "../options.ts";
import { Rng } from "../random.ts";
import { mean } from "../stats/summary.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode cellState}, with their defaults. */
export const CELL_STATE_OPTIONS = {
  /** Time steps T. */
  steps: integer(50, { min: 1, max: 1000 }),
  /** Bias of the forget gate f_t = σ(u·x_t + forgetBias) (σ(4) ≈ 0.98). */
  forgetBias: number(4, { min: -20, max: 20 }),
  /** Recurrent weight w of the sigmoid RNN. */
  recurrentWeight: number(1, { min: -100, max: 100 }),
  /** Input weight u of every gate and of the RNN. */
  inputWeight: number(0.5, { min: -100, max: 100 }),
  /** Seed of the inputs x_t ~ N(0, 1) (drawn from `Rng(seed + 2)`). */
  seed: integer(1, { min: 0 }),
};

/** What {@linkcode cellState} takes: every field optional. */
export type CellStateOptions = OptionsInput<typeof CELL_STATE_OPTIONS>;

/** What {@linkcode cellState} returns: plain data. */
export interface CellStateResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof CELL_STATE_OPTIONS>;
  /** The time steps 1 … T. */
  readonly steps: readonly number[];
  /** ∂c_t/∂c_0 for t = 1 … T, with the forget bias of the options. */
  readonly cell: readonly number[];
  /** ∂c_t/∂c_0 for t = 1 … T, with forget-gate bias 0 (f_t ≈ 1/2). */
  readonly cellNoBias: readonly number[];
  /** ∂h_t/∂h_0 of the sigmoid RNN for t = 1 … T. */
  readonly rnn: readonly number[];
  /** The mean forget gate f_t with the options' bias. */
  readonly gateMean: number;
  /** The mean forget gate with bias 0. */
  readonly gateMeanNoBias: number;
  /** The product of the forget gates f_1 … f_T (equal to ∂c_T/∂c_0). */
  readonly gateProduct: number;
  /**
   * The RNN's shrink per step: the geometric mean of |∂h_t/∂h_0| / |∂h_{t−1}/∂h_0| over the
   * steps, which telescopes to |∂h_T/∂h_0|^(1/T).
   */
  readonly rnnPerStep: number;
}

/** The cell states c_0 … c_T of the LSTM-style cell, and its forget gates. */
function cellStates(xs: readonly number[], u: number, forgetBias: number) {
  const states = [new Value(0.5, { label: "c_0" })];
  const gates: number[] = [];
  for (const x of xs) {
    const f = new Value(u * x + forgetBias).apply("sigmoid");
    const i = new Value(u * x).apply("sigmoid");
    const g = new Value(u * x).apply("tanh");
    states.push(f.mul(states[states.length - 1]).add(i.mul(g)));
    gates.push(f.data);
  }
  return { states, gates };
}

/** ∂states[t]/∂states[0] for t = 1 … T, by `backward()` from each state. */
function gradientsToStart(states: readonly Value[]): number[] {
  return states.slice(1).map((s) => {
    s.zeroGrad();
    s.backward();
    return states[0].grad;
  });
}

/**
 * Builds the LSTM-style cell (with the given forget-gate bias, and with bias 0) and the sigmoid
 * RNN on the same random inputs with the scalar autograd engine, and differentiates every step's
 * state with respect to the initial one.
 *
 * @example The cell state carries the gradient; the sigmoid chain loses it
 * ```ts
 * import { cellState } from "./cell_state.ts";
 * import assert from "node:assert/strict";
 * const r = cellState({ steps: 10 });
 * assert.ok(r.cell[9] > 0.5);
 * assert.ok(r.rnn[9] < 1e-5);
 * ```
 */
export function cellState(options?: CellStateOptions): CellStateResult {
  const o = parseOptions("cellState", options, CELL_STATE_OPTIONS);
  const rng = new Rng(o.seed + 2);
  const xs = Array.from({ length: o.steps }, () => rng.normal(0, 1));
  const lstm = cellStates(xs, o.inputWeight, o.forgetBias);
  const lstm0 = cellStates(xs, o.inputWeight, 0);
  const hs = [new Value(0.5, { label: "h_0" })];
  for (const x of xs) {
    hs.push(hs[hs.length - 1].mul(o.recurrentWeight).add(o.inputWeight * x).apply("sigmoid"));
  }
  const rnn = gradientsToStart(hs);
  return {
    options: o,
    steps: xs.map((_, t) => t + 1),
    cell: gradientsToStart(lstm.states),
    cellNoBias: gradientsToStart(lstm0.states),
    rnn,
    gateMean: mean(lstm.gates),
    gateMeanNoBias: mean(lstm0.gates),
    gateProduct: lstm.gates.reduce((p, f) => p * f, 1),
    rnnPerStep: Math.abs(rnn[o.steps - 1]) ** (1 / o.steps),
  };
}

/** The thresholds {@linkcode cellStateFinding} decides by. */
export const CELL_STATE_THRESHOLDS = {
  /** The cell state "solves" the vanishing gradient: ∂c_T/∂c_0 at least this many times ∂h_T/∂h_0. */
  factor: 1000,
  /** A gradient "has vanished" below this. */
  vanished: 0.01,
  /** The forget gates are "near 1": their mean above this. */
  nearOne: 0.95,
};

const u = (x: number) => formatNumber(x, { style: "unicode" });

/**
 * The finding on C1.4's LSTM remedy, from the gradients at the last step T:
 * - `"holds"`: the cell state carries at least 1000 times the sigmoid chain's gradient back, and
 *   at least 0.01 of it (it has not vanished itself);
 * - `"holds in part"`: more than the chain's, but less than 1000 times, or it vanishes too;
 * - `"does not hold"`: no more than the chain's;
 * - `"inconclusive"`: both still carry more than 1/2 — too few steps (or too large a recurrent
 *   weight) for the sigmoid chain's gradient to vanish.
 * The text says whether the forget gates were near 1, and what bias 0 gives.
 *
 * @example
 * ```ts
 * import { cellState, cellStateFinding } from "./cell_state.ts";
 * import assert from "node:assert/strict";
 * assert.equal(cellStateFinding(cellState({ steps: 20 })).verdict, "holds");
 * assert.equal(cellStateFinding(cellState({ steps: 20, forgetBias: -4 })).verdict, "does not hold");
 * ```
 */
export function cellStateFinding(result: CellStateResult): Finding {
  const T = result.steps.length;
  const cell = Math.abs(result.cell[T - 1]);
  const rnn = Math.abs(result.rnn[T - 1]);
  const cell0 = Math.abs(result.cellNoBias[T - 1]);
  const { forgetBias, recurrentWeight } = result.options;
  const { factor, nearOne, vanished } = CELL_STATE_THRESHOLDS;
  const numbers = {
    cell,
    rnn,
    cellNoBias: cell0,
    gateMean: result.gateMean,
    gateMeanNoBias: result.gateMeanNoBias,
    rnnPerStep: result.rnnPerStep,
    steps: T,
  };
  const over = T === 1 ? "1 step" : `${T} steps`;
  const base = {
    claim: "C1.4 (LSTM)",
    article: "LSTMs solve the vanishing gradient of recurrent networks",
    measured: `after ${over}: cell state ${u(cell)}, sigmoid RNN ${u(rnn)}`,
    numbers,
  };
  const gates = `forget gates ${result.gateMean > nearOne ? "near 1" : "not near 1"} (mean ${
    u(result.gateMean)
  }, bias ${u(forgetBias)})`;
  const carried = `After ${over} the cell state carries ∂c_T/∂c_0 = ${
    u(cell)
  } of the gradient back, with ${gates}; the sigmoid RNN (w = ${
    u(recurrentWeight)
  }) carries ∂h_T/∂h_0 = ${u(rnn)}, shrinking by ${u(result.rnnPerStep)} per step.`;
  const noBias = forgetBias === 0 || cell0 >= vanished || cell < vanished
    ? ""
    : ` With forget-gate bias 0 (mean gate ${u(result.gateMeanNoBias)}) the cell state keeps only ${
      u(cell0)
    }: the additive path helps only while the forget gates stay near 1.`;
  if (cell > 0.5 && rnn > 0.5) {
    return finding({
      ...base,
      verdict: "inconclusive",
      text: `After ${over} both still carry more than half of the gradient (cell state ${
        u(cell)
      }, sigmoid RNN ${u(rnn)}): too short a sequence to show a vanishing gradient.`,
    });
  }
  const verdict = cell >= factor * rnn && cell >= vanished
    ? "holds"
    : cell > rnn
    ? "holds in part"
    : "does not hold";
  const qualifier = verdict !== "holds in part"
    ? ""
    : cell < vanished
    ? ` The cell state carries more than the sigmoid chain, but loses the gradient too.`
    : ` The cell state carries more, but less than ${u(factor)} times as much.`;
  return finding({ ...base, verdict, text: carried + qualifier + noBias });
}
