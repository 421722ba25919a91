/**
 * The Jupyter display protocol of the Deno kernel, and a robust test for running inside it.
 *
 * An object with a method under {@linkcode jupyterDisplay} (`Symbol.for("Jupyter.display")`)
 * returning a MIME bundle is shown by the Deno kernel in that form when it ends a cell, or when
 * passed to `Deno.jupyter.display`. Everything displayable in the library (figures, formulas,
 * tables, progress bars) implements {@linkcode Displayable}.
 *
 * @module
 */

/**
 * The key under which the Deno kernel looks for an object's MIME bundle.
 *
 * @example
 * ```ts
 * import { jupyterDisplay } from "./jupyter.ts";
 * import assert from "node:assert/strict";
 * assert.equal(jupyterDisplay, Symbol.for("Jupyter.display"));
 * ```
 */
export const jupyterDisplay: unique symbol = Symbol.for("Jupyter.display");

/**
 * A MIME bundle: the same content in several forms, keyed by MIME type; the frontend picks the
 * richest one it can render. `text/plain` is always present (terminals, logs, `console.log`).
 */
export interface MimeBundle {
  /** The plain-text form. */
  "text/plain": string;
  /** Other forms: `text/html`, `text/markdown`, `text/latex`, … */
  [mime: string]: string;
}

/** Anything the Deno Jupyter kernel can show as a rich output. */
export interface Displayable {
  /** The MIME bundle to show. */
  [jupyterDisplay](): MimeBundle;
}

/** The part of `Deno.jupyter` the library uses (a stand-in can be passed for tests). */
export interface JupyterApi {
  /** `Deno.jupyter.display`: sends a bundle (with `raw: true`), optionally under a display id. */
  display(
    bundle: unknown,
    options?: { raw?: boolean; update?: boolean; display_id?: string },
  ): Promise<void>;
}

/**
 * `Deno.jupyter` when this code runs in the Deno Jupyter kernel, `undefined` anywhere else.
 *
 * `"jupyter" in Deno` is true in every Deno 2 process, but outside `deno jupyter` reading
 * `Deno.jupyter` throws ("only available in `deno jupyter` subcommand"); inside the kernel it is
 * an object with `broadcast` and `display` functions. Needs no permission.
 *
 * @example
 * ```ts
 * import { jupyterApi } from "./jupyter.ts";
 * import assert from "node:assert/strict";
 * assert.equal(jupyterApi(), undefined); // `deno test` is not a Jupyter kernel
 * ```
 */
export function jupyterApi(): JupyterApi | undefined {
  try {
    const api = (Deno as unknown as { jupyter?: Record<string, unknown> }).jupyter;
    return typeof api?.broadcast === "function" && typeof api?.display === "function"
      ? api as unknown as JupyterApi
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether this code runs in the Deno Jupyter kernel.
 *
 * @example
 * ```ts
 * import { isJupyter } from "./jupyter.ts";
 * import assert from "node:assert/strict";
 * assert.equal(isJupyter(), false);
 * ```
 */
export function isJupyter(): boolean {
  return jupyterApi() !== undefined;
}

/**
 * The MIME bundle of `value`: its own if it is {@linkcode Displayable}, else a `text/plain` one.
 *
 * @example
 * ```ts
 * import { jupyterDisplay, mimeBundle } from "./jupyter.ts";
 * import assert from "node:assert/strict";
 * const shown = { [jupyterDisplay]: () => ({ "text/plain": "hi", "text/html": "<b>hi</b>" }) };
 * assert.equal(mimeBundle(shown)["text/html"], "<b>hi</b>");
 * assert.deepEqual(mimeBundle(42), { "text/plain": "42" });
 * ```
 */
export function mimeBundle(value: unknown): MimeBundle {
  if (isDisplayable(value)) return value[jupyterDisplay]();
  return { "text/plain": typeof value === "string" ? value : Deno.inspect(value) };
}

/**
 * Whether `value` has a {@linkcode jupyterDisplay} method.
 *
 * @example
 * ```ts
 * import { isDisplayable, jupyterDisplay } from "./jupyter.ts";
 * import assert from "node:assert/strict";
 * assert.ok(isDisplayable({ [jupyterDisplay]: () => ({ "text/plain": "" }) }));
 * assert.ok(!isDisplayable({}));
 * ```
 */
export function isDisplayable(value: unknown): value is Displayable {
  return typeof value === "object" && value !== null &&
    typeof (value as Record<symbol, unknown>)[jupyterDisplay] === "function";
}

/**
 * How long, in ms, {@linkcode show} waits after handing a display to the Deno kernel, so that
 * the kernel has published it before the cell can end.
 *
 * Deno's kernel (2.9) queues `Deno.jupyter.display` messages and a cell's trailing value for a
 * separate task that publishes them with the header of whatever cell is current when it gets to
 * them; a message still queued when the cell goes idle is published after that `idle` (Jupyter
 * drops it) or, once the next cell has started, as the next cell's output (Jupyter shows it
 * there). The queue is usually drained within a few ms; 25 ms covers what was measured on a
 * busy 2-core machine (README, Known issues).
 */
export const DISPLAY_SETTLE_MS = 25;

/** A promise that resolves after `ms` milliseconds. */
export function settle(ms: number = DISPLAY_SETTLE_MS): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Options of {@linkcode show}. */
export interface ShowOptions {
  /**
   * Where to show it: the Jupyter API to display through, or `false` for text on stdout.
   * Default: `Deno.jupyter` inside the Deno kernel, text anywhere else.
   */
  jupyter?: JupyterApi | false;
  /** How long to wait after the display, in ms (default {@linkcode DISPLAY_SETTLE_MS}). */
  settleMs?: number;
}

/**
 * Shows `value` now: with `Deno.jupyter.display` in a notebook (so one cell can show several
 * figures), as its `text/plain` form on stdout anywhere else. Await it: in a notebook the
 * promise resolves {@linkcode DISPLAY_SETTLE_MS} after the display was handed to the kernel,
 * so the output is published under its own cell before the cell ends. (A cell's trailing
 * expression is not: the notebooks show everything with `await show(...)`.)
 *
 * The value is rendered before anything is awaited, so an error in it (a table's formatter that
 * throws, say) is thrown by the call itself: a cell that forgets to `await` the result still
 * fails, instead of losing the error in a rejected promise.
 *
 * @example
 * ```ts
 * import { show } from "./jupyter.ts";
 * await show("printed outside Jupyter");
 * ```
 */
export function show(value: unknown, options: ShowOptions = {}): Promise<void> {
  const bundle = mimeBundle(value);
  const api = options.jupyter === false ? undefined : options.jupyter ?? jupyterApi();
  if (api) return api.display(bundle, { raw: true }).then(() => settle(options.settleMs));
  console.log(bundle["text/plain"]);
  return Promise.resolve();
}
