/**
 * A progress bar for long computations: an HTML bar updated in place in Jupyter, plain lines on
 * stdout anywhere else.
 *
 * @module
 */

import {
  type Displayable,
  type JupyterApi,
  jupyterApi,
  jupyterDisplay,
  settle,
} from "./jupyter.ts";
import type { MimeBundle } from "./jupyter.ts";

/** Options of {@linkcode progressBar}. */
export interface ProgressBarOptions {
  /** The number of steps of the whole task (a positive finite number). */
  total: number;
  /** What is being done, e.g. `"training"` (default `"progress"`). */
  label?: string;
  /**
   * Where to show it: the Jupyter API to display through, or `false` for text lines on stdout.
   * Default: `Deno.jupyter` inside the Deno kernel, text anywhere else.
   */
  jupyter?: JupyterApi | false;
  /** The minimum time between two Jupyter updates, in ms (default 100: at most ~10 a second). */
  minInterval?: number;
  /** The clock, in ms (default `performance.now`); for tests. */
  now?: () => number;
}

let barCount = 0;
// Unique across kernel restarts without randomness: the process start time plus a counter.
const processToken = Math.round(performance.timeOrigin).toString(36);

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A progress bar; make one with {@linkcode progressBar}. */
export class ProgressBar implements Displayable {
  /** The number of steps of the whole task. */
  readonly total: number;
  /** What is being done. */
  readonly label: string;
  /** The Jupyter display id it updates (unique per bar). */
  readonly id: string;
  #done = 0;
  #info = "";
  #finished = false;
  #shown = false;
  #lastSent = -Infinity;
  #decile = 0;
  #sending: Promise<void> = Promise.resolve();
  readonly #jupyter: JupyterApi | undefined;
  readonly #minInterval: number;
  readonly #now: () => number;
  readonly #start: number;

  /** @param options total, label, output and clock */
  constructor(options: ProgressBarOptions) {
    const { total, label = "progress", minInterval = 100 } = options ?? {};
    if (typeof total !== "number" || !Number.isFinite(total) || total <= 0) {
      throw new RangeError(`progressBar: total must be a positive finite number, got ${total}`);
    }
    this.total = total;
    this.label = label;
    this.id = `progress-${processToken}-${++barCount}`;
    this.#jupyter = options.jupyter === false ? undefined : options.jupyter ?? jupyterApi();
    this.#minInterval = minInterval;
    this.#now = options.now ?? (() => performance.now());
    this.#start = this.#now();
  }

  /** The steps done so far. */
  get done(): number {
    return this.#done;
  }

  /** Whether {@linkcode ProgressBar.finish} was called (or `done` reached `total`). */
  get finished(): boolean {
    return this.#finished;
  }

  #elapsed(): string {
    const s = (this.#now() - this.#start) / 1000;
    return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  }

  /** The current state in one line, e.g. `training: 30/100 (30%) · 1.2 s · loss 0.41`. */
  get text(): string {
    const pct = Math.floor((100 * this.#done) / this.total);
    const parts = [`${this.label}: ${this.#done}/${this.total} (${pct}%)`, this.#elapsed()];
    if (this.#info) parts.push(this.#info);
    return parts.join(" · ");
  }

  /** The current state as an HTML bar (drawn in `currentColor`, so it suits any theme). */
  get html(): string {
    const w = 240;
    const filled = ((w - 1) * this.#done) / this.total;
    return `<div style="font: 12px/1.5 system-ui, sans-serif; font-variant-numeric: tabular-nums">` +
      `<svg width="${w}" height="10" style="vertical-align: middle; margin-right: 0.5em" ` +
      `role="progressbar" aria-valuemin="0" aria-valuemax="${this.total}" ` +
      `aria-valuenow="${this.#done}"><rect x="0.5" y="0.5" width="${w - 1}" height="9" rx="2" ` +
      `fill="none" stroke="currentColor" stroke-opacity="0.6"/><rect x="0.5" y="0.5" ` +
      `width="${filled.toFixed(1)}" height="9" rx="2" fill="currentColor" fill-opacity="0.6"/>` +
      `</svg><span>${escapeHtml(this.text)}</span></div>`;
  }

  /** The MIME bundle of the current state. */
  [jupyterDisplay](): MimeBundle {
    return { "text/html": this.html, "text/plain": this.text };
  }

  #send(): Promise<void> {
    const api = this.#jupyter!;
    const bundle = this[jupyterDisplay]();
    const options = this.#shown
      ? { raw: true, update: true, "display_id": this.id }
      : { raw: true, "display_id": this.id };
    this.#shown = true;
    this.#lastSent = this.#now();
    // Chain the sends so the frontend receives them in order.
    this.#sending = this.#sending.then(() => api.display(bundle, options));
    return this.#sending;
  }

  /**
   * Records that `done` steps are done, with optional `info` (e.g. the current loss). In
   * Jupyter the bar is redrawn at most every `minInterval` ms; in text, a line is printed each
   * time another tenth of the task is done. Reaching `total` finishes the bar.
   */
  update(done: number, info?: string): Promise<void> {
    if (this.#finished) return this.#sending;
    if (typeof done !== "number" || Number.isNaN(done)) {
      throw new TypeError(`progressBar.update: done must be a number, got ${done}`);
    }
    this.#done = Math.min(Math.max(done, 0), this.total);
    if (info !== undefined) this.#info = info;
    if (this.#done >= this.total) return this.finish();
    if (this.#jupyter) {
      return !this.#shown || this.#now() - this.#lastSent >= this.#minInterval
        ? this.#send()
        : this.#sending;
    }
    const decile = Math.floor((10 * this.#done) / this.total);
    if (decile > this.#decile) {
      this.#decile = decile;
      console.log(this.text);
    }
    return Promise.resolve();
  }

  /**
   * Marks the whole task done and shows the final state (always, whatever the throttle). In
   * Jupyter the promise resolves once the kernel has had time to publish it (as
   * {@linkcode show} does), so the bar is not left at its last update when the cell ends.
   */
  finish(info?: string): Promise<void> {
    if (this.#finished) return this.#sending;
    this.#finished = true;
    this.#done = this.total;
    if (info !== undefined) this.#info = info;
    if (this.#jupyter) {
      this.#sending = this.#send().then(() => settle());
      return this.#sending;
    }
    console.log(this.text);
    return Promise.resolve();
  }
}

/**
 * A progress bar over `total` steps. In a notebook, `await bar.update(i)` in the loop: the
 * kernel sends a redraw only when the loop yields to it.
 *
 * @example Outside Jupyter: a line per tenth of the task, and one at the end
 * ```ts
 * import { progressBar } from "./progress_bar.ts";
 * import assert from "node:assert/strict";
 * const bar = progressBar({ total: 4, label: "demo" });
 * for (let i = 1; i <= 4; i++) await bar.update(i, `step ${i}`);
 * assert.ok(bar.finished);
 * assert.match(bar.text, /^demo: 4\/4 \(100%\) · \d+\.\d s · step 4$/);
 * ```
 */
export function progressBar(options: ProgressBarOptions): ProgressBar {
  return new ProgressBar(options);
}

/**
 * A progress callback, as the experiments in `lib/experiments/` take it: called with the steps
 * done so far and the total, and awaited, so that a notebook's bar redraws between the steps of a
 * synchronous computation.
 */
export type Progress = (done: number, total: number, info?: string) => void | Promise<void>;

/**
 * A {@linkcode Progress} callback that draws a {@linkcode progressBar} labelled `label`: the bar
 * is made on the first call, with the total it is given, and finishes when `done` reaches that
 * total; a call after that, with any total, starts a new bar (a second phase). In a notebook:
 * `await experiment({ onProgress: progress("training") })`.
 *
 * @example Outside Jupyter: a line per tenth, as progressBar prints them
 * ```ts
 * import { progress } from "./progress_bar.ts";
 * import assert from "node:assert/strict";
 * const onProgress = progress("runs", { jupyter: false });
 * for (let i = 1; i <= 3; i++) await onProgress(i, 3, `run ${i}`);
 * assert.equal(onProgress.bar?.finished, true);
 * assert.throws(() => { onProgress(1, 4); onProgress(2, 5); }, /total changed from 4 to 5/);
 * ```
 */
export function progress(
  label: string,
  options: Omit<ProgressBarOptions, "total" | "label"> = {},
): Progress & { readonly bar: ProgressBar | undefined } {
  let bar: ProgressBar | undefined;
  const callback = (done: number, total: number, info?: string): Promise<void> => {
    if (bar === undefined || bar.finished) bar = progressBar({ ...options, total, label });
    else if (bar.total !== total) {
      throw new RangeError(
        `progress("${label}"): the total changed from ${bar.total} to ${total} before the bar ` +
          "finished",
      );
    }
    return bar.update(done, info);
  };
  return Object.defineProperty(callback, "bar", { get: () => bar }) as
    & Progress
    & { readonly bar: ProgressBar | undefined };
}
