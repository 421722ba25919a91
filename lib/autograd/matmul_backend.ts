/**
 * Which kernels compute the matrix products of {@linkcode Tensor.matmul}: the WebAssembly SIMD
 * ones of {@link ./matmul_wasm.ts} where the runtime supports them (Deno, current browsers), else
 * the JavaScript ones of {@link ./matmul.ts}, the readable reference. Both compute the same
 * products; they differ only in rounding, since a fused multiply-add rounds once where JavaScript
 * rounds twice.
 *
 * @module
 */

import { matmulAdd, matmulAddAt, matmulAddBt } from "./matmul.ts";
import { type MatmulKernels, wasmMatmul } from "./matmul_wasm.ts";

export type { MatmulKernels } from "./matmul_wasm.ts";

/** The two sets of kernels: `"wasm-simd"` (WebAssembly, 128-bit SIMD) or `"js"` (JavaScript). */
export type MatmulBackend = "wasm-simd" | "js";

const jsMatmul: MatmulKernels = { matmulAdd, matmulAddBt, matmulAddAt };
let active: MatmulKernels = wasmMatmul ?? jsMatmul;

/**
 * The backend in use: `"wasm-simd"` by default where WebAssembly SIMD is available, else `"js"`.
 *
 * @example
 * ```ts
 * import { matmulBackend } from "./matmul_backend.ts";
 * import assert from "node:assert/strict";
 * assert.ok(["wasm-simd", "js"].includes(matmulBackend()));
 * ```
 */
export function matmulBackend(): MatmulBackend {
  return active === jsMatmul ? "js" : "wasm-simd";
}

/**
 * Chooses the kernels of every later matrix product: `"js"` forces the JavaScript ones (to compare
 * the two, or to read the code that runs), `"wasm-simd"` the WebAssembly ones, `"auto"` the
 * default. Returns the backend in use before, so that a caller can restore it.
 *
 * @example
 * ```ts
 * import { matmulBackend, setMatmulBackend } from "./matmul_backend.ts";
 * import assert from "node:assert/strict";
 * const before = setMatmulBackend("js");
 * assert.equal(matmulBackend(), "js");
 * setMatmulBackend(before);
 * ```
 */
export function setMatmulBackend(backend: MatmulBackend | "auto"): MatmulBackend {
  const before = matmulBackend();
  if (backend === "js") active = jsMatmul;
  else if (backend === "auto") active = wasmMatmul ?? jsMatmul;
  else if (backend === "wasm-simd") {
    if (!wasmMatmul) {
      throw new Error(
        'setMatmulBackend: "wasm-simd" is unavailable here (this runtime lacks WebAssembly SIMD or relaxed SIMD); use "js" or "auto"',
      );
    }
    active = wasmMatmul;
  } else {
    throw new TypeError(
      `setMatmulBackend: backend must be "wasm-simd", "js" or "auto", got ${
        JSON.stringify(backend)
      }`,
    );
  }
  return before;
}

/** The kernels in use (for {@linkcode Tensor.matmul}). */
export function matmulKernels(): MatmulKernels {
  return active;
}
