/**
 * Types shared by every entry of the activation registry.
 *
 * @module
 */

/** The names of the registry's activations. */
export type ActivationName =
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leakyRelu"
  | "rrelu"
  | "prelu"
  | "elu"
  | "selu"
  | "gelu"
  | "silu"
  | "softplus";

/** Resolved parameters: every parameter of the entry, with its value. */
export type Params = Readonly<Record<string, number>>;

/** One parameter an activation takes. */
export interface ParamSpec {
  /** Its value when the caller leaves it out (PyTorch's default). */
  readonly default: number;
  /** What it does, in a sentence. */
  readonly description: string;
  /** The values it allows, as shown in error messages ("any finite number", "> 0"). */
  readonly allowed: string;
  /** Whether `value` (already known to be finite) is allowed. */
  readonly check?: (value: number) => boolean;
}

/**
 * The elementwise kernels of an activation: the only place its formula is written.
 * Everything else (scalar forms, array forms, the autograd engines) calls these.
 */
export interface Kernels<P extends Params = Params> {
  /** Writes `out[i] = f(x[i])`. `out` may be `x`. */
  forward(x: Float64Array, out: Float64Array, p: P): void;
  /**
   * Accumulates `dx[i] += dy[i] · f'(x[i])`. `y` is the output of {@linkcode forward} on `x`
   * (sigmoid and tanh use it, as PyTorch does; the others read `x`).
   */
  backward(x: Float64Array, y: Float64Array, dy: Float64Array, dx: Float64Array, p: P): void;
}

/** Which side(s) of the real line the derivative vanishes on (f'(x) → 0 as x → ∓∞). */
export interface Saturation {
  /** f'(x) → 0 as x → −∞. */
  readonly left: boolean;
  /** f'(x) → 0 as x → +∞. */
  readonly right: boolean;
}

/** The output range of an activation, for given parameters. */
export interface OutputRange {
  /** The infimum of f. */
  readonly min: number;
  /** The supremum of f. */
  readonly max: number;
  /** The range as LaTeX, e.g. `(0, 1)` or `[0, \infty)`. */
  readonly tex: string;
}

/** One registry entry: an activation with its derivative, formulas and metadata. */
export interface Activation {
  /** The registry key, e.g. `"leakyRelu"`. */
  readonly name: ActivationName;
  /** The usual printed name, e.g. `"LeakyReLU"`. */
  readonly label: string;
  /** The parameters it takes, with PyTorch's defaults. */
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Fixed constants its expression uses (SELU's λ and α). */
  readonly constants: Params;
  /** The parameters trained by gradient descent (PReLU: `["alpha"]`). */
  readonly learnable: readonly string[];
  /**
   * Which array its backward kernel reads: the input x, or the output y (sigmoid and tanh, as
   * PyTorch saves them). The engines keep both; the tests check the declaration.
   */
  readonly saves: "input" | "output";
  /** f(x). Parameters left out take their defaults. */
  f(x: number, params?: Partial<Params>): number;
  /** ∂f/∂x at x, with PyTorch's convention at kinks. */
  df(x: number, params?: Partial<Params>): number;
  /** ∂f/∂θ for each learnable parameter θ (empty for entries without learnable parameters). */
  dparams(x: number, params?: Partial<Params>): Record<string, number>;
  /** Writes f over a whole array into `out` and returns `out`. */
  fArray(x: Float64Array, out?: Float64Array, params?: Partial<Params>): Float64Array;
  /** Writes f' over a whole array into `out` and returns `out`. */
  dfArray(x: Float64Array, out?: Float64Array, params?: Partial<Params>): Float64Array;
  /** The kernels (used by the autograd engines). */
  readonly kernels: Kernels;
  /** Checks `params` and fills in defaults; throws a clear error for anything wrong. */
  resolve(params?: Partial<Params>): Params;
  /** LaTeX of f and f', for display. */
  readonly tex: { readonly f: string; readonly df: string };
  /**
   * f as a mathjs expression in `x`, the parameters and the constants. Piecewise entries use
   * mathjs's conditional `cond ? a : b`, whose branches can be differentiated one by one.
   */
  readonly expression: string;
  /** Where the derivative vanishes at ±∞ (declared; the tests check it against `df`). */
  readonly saturation: Saturation;
  /**
   * Whether the output is centred on zero: `"yes"` (odd function), `"near"` (mean close to zero
   * for zero-mean inputs), or `"no"` (mean clearly positive).
   */
  readonly zeroCentred: "yes" | "near" | "no";
  /** The output range for the given parameters. */
  range(params?: Partial<Params>): OutputRange;
  /** One sentence for tables. */
  readonly summary: string;
}
