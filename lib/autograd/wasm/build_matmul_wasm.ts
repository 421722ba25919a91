/**
 * Builds `matmul.wasm` from `matmul.wat` with the pinned `wabt` (1.0.39, the WebAssembly Binary
 * Toolkit compiled to WebAssembly, from npm): `deno task build:wasm`. The build is deterministic
 * (no names section, no debug information, so the bytes depend on the text alone), and
 * `tests/matmul_wasm_test.ts` rebuilds the binary and checks that it is the committed one.
 *
 * @module
 */

import wabtInit from "wabt";

/**
 * The WebAssembly binary of a module in text form that uses SIMD and relaxed SIMD.
 *
 * @example
 * ```ts
 * import { buildMatmulWasm } from "./build_matmul_wasm.ts";
 * import assert from "node:assert/strict";
 * const wasm = await buildMatmulWasm('(module (func (export "one") (result i32) (i32.const 1)))');
 * assert.ok(WebAssembly.validate(wasm));
 * ```
 */
export async function buildMatmulWasm(
  wat: string,
  name = "matmul.wat",
): Promise<Uint8Array<ArrayBuffer>> {
  const wabt = await wabtInit();
  const module = wabt.parseWat(name, wat, { simd: true, relaxed_simd: true });
  try {
    module.resolveNames();
    module.validate();
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

if (import.meta.main) {
  const dir = new URL(".", import.meta.url);
  const wasm = await buildMatmulWasm(await Deno.readTextFile(new URL("matmul.wat", dir)));
  await Deno.writeFile(new URL("matmul.wasm", dir), wasm);
  console.log(`lib/autograd/wasm/matmul.wasm: ${wasm.length} bytes`);
}
