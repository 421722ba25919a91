/**
 * Builds a registry entry from its kernels: parameter checking, scalar forms and array forms are
 * derived here once, so each activation's formula is written only in its kernels.
 *
 * @module
 */

import type {
  Activation,
  ActivationName,
  Kernels,
  OutputRange,
  Params,
  ParamSpec,
  Saturation,
} from "./types.ts";

/** What an activation file declares; {@linkcode defineActivation} derives the rest. */
export interface ActivationSpec<P extends Params> {
  name: ActivationName;
  label: string;
  summary: string;
  params: { readonly [K in keyof P]: ParamSpec };
  constants?: Params;
  learnable?: readonly (keyof P & string)[];
  saves: "input" | "output";
  kernels: Kernels<P>;
  /** ∂f/∂θ of the learnable parameters at one point (PReLU). */
  dparams?: (x: number, p: P) => Record<string, number>;
  /** A check across parameters (RReLU's bounds); throws a RangeError. */
  validate?: (p: P) => void;
  tex: { f: string; df: string };
  expression: string;
  saturation: Saturation;
  zeroCentred: "yes" | "near" | "no";
  range: (p: P) => OutputRange;
}

/** A short, exact rendering of a value for error messages. */
export function show(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Checks `params` against `specs` and returns every parameter with its value. */
export function resolveParams<P extends Params>(
  name: string,
  specs: { readonly [K in keyof P]: ParamSpec },
  params: unknown,
  validate?: (p: P) => void,
): P {
  const keys = Object.keys(specs);
  if (params === undefined || params === null) {
    const p: Record<string, number> = {};
    for (const k of keys) p[k] = specs[k].default;
    return p as P;
  }
  if (typeof params !== "object" || Array.isArray(params)) {
    const example = keys.length ? `{ ${keys[0]}: ${specs[keys[0]].default} }` : "nothing";
    throw new TypeError(
      `${name}: parameters must be an object like ${example}, got ${show(params)}`,
    );
  }
  const given = params as Record<string, unknown>;
  for (const k of Object.keys(given)) {
    if (!Object.hasOwn(specs, k)) {
      const takes = keys.length
        ? `${name} takes ${keys.map((key) => `"${key}"`).join(", ")}`
        : `${name} takes no parameters`;
      throw new TypeError(
        `${name}: unknown parameter "${k}" (value ${show(given[k])}); ${takes}`,
      );
    }
  }
  const p: Record<string, number> = {};
  for (const k of keys) {
    const spec = specs[k];
    const v = given[k];
    if (v === undefined) {
      p[k] = spec.default;
      continue;
    }
    if (typeof v !== "number") {
      throw new TypeError(
        `${name}: parameter "${k}" must be a number (${spec.allowed}), got ${typeof v} ${show(v)}`,
      );
    }
    if (!Number.isFinite(v)) {
      throw new RangeError(
        `${name}: parameter "${k}" must be a finite number (${spec.allowed}), got ${show(v)}`,
      );
    }
    if (spec.check && !spec.check(v)) {
      throw new RangeError(
        `${name}: parameter "${k}" must be ${spec.allowed}, got ${show(v)}`,
      );
    }
    p[k] = v;
  }
  validate?.(p as P);
  return p as P;
}

/** Builds a full {@linkcode Activation} from its declaration. */
export function defineActivation<P extends Params>(spec: ActivationSpec<P>): Activation {
  const { name, kernels } = spec;
  const resolve = (params?: unknown): P =>
    resolveParams<P>(name, spec.params, params, spec.validate);
  // One-element buffers let the scalar forms run the array kernels: one formula, two forms.
  const xs = new Float64Array(1);
  const ys = new Float64Array(1);
  const dxs = new Float64Array(1);
  const one = Float64Array.of(1);
  const checkArrays = (what: string, x: unknown, out: unknown) => {
    if (!(x instanceof Float64Array)) {
      throw new TypeError(`${name}.${what}: x must be a Float64Array, got ${show(x)}`);
    }
    if (out !== undefined && (!(out instanceof Float64Array) || out.length !== x.length)) {
      throw new TypeError(
        `${name}.${what}: out must be a Float64Array of length ${x.length}, got ${
          out instanceof Float64Array ? `length ${out.length}` : show(out)
        }`,
      );
    }
  };
  const entry: Activation = {
    name,
    label: spec.label,
    summary: spec.summary,
    params: Object.freeze({ ...spec.params }),
    constants: Object.freeze({ ...(spec.constants ?? {}) }),
    learnable: Object.freeze([...(spec.learnable ?? [])]),
    saves: spec.saves,
    kernels: kernels as unknown as Kernels,
    resolve,
    f(x, params) {
      const p = resolve(params);
      xs[0] = x;
      kernels.forward(xs, ys, p);
      return ys[0];
    },
    df(x, params) {
      const p = resolve(params);
      xs[0] = x;
      kernels.forward(xs, ys, p);
      dxs[0] = 0;
      kernels.backward(xs, ys, one, dxs, p);
      return dxs[0];
    },
    dparams(x, params) {
      const p = resolve(params);
      return spec.dparams ? spec.dparams(x, p) : {};
    },
    fArray(x, out, params) {
      checkArrays("fArray", x, out);
      const p = resolve(params);
      const y = out ?? new Float64Array(x.length);
      kernels.forward(x, y, p);
      return y;
    },
    dfArray(x, out, params) {
      checkArrays("dfArray", x, out);
      const p = resolve(params);
      const y = new Float64Array(x.length);
      kernels.forward(x, y, p);
      const d = out ?? new Float64Array(x.length);
      d.fill(0);
      kernels.backward(x, y, new Float64Array(x.length).fill(1), d, p);
      return d;
    },
    tex: Object.freeze({ ...spec.tex }),
    expression: spec.expression,
    saturation: Object.freeze({ ...spec.saturation }),
    zeroCentred: spec.zeroCentred,
    range: (params) => spec.range(resolve(params)),
  };
  return Object.freeze(entry);
}

/** A parameter that may take any finite value. */
export function anyFinite(defaultValue: number, description: string): ParamSpec {
  return { default: defaultValue, description, allowed: "any finite number" };
}
