/**
 * A reader for the IDX format of the MNIST files (LeCun, Cortes & Burges): a big-endian header,
 * then the values row-major. The header is a 32-bit magic number `0x000008NN` (two zero bytes,
 * the type code `0x08` for unsigned bytes, then NN the number of dimensions), then NN 32-bit
 * dimensions. Only unsigned bytes are read, the one type MNIST uses.
 *
 * Nothing is silently cut or padded: a wrong magic number, a file shorter than its header says
 * (truncated) or longer (trailing bytes), dimensions other than the expected ones, or a SHA-256
 * other than the recorded one throws an `Error` that names the file and says what is wrong.
 *
 * @module
 */

import { show } from "./_options.ts";

/** The IDX type code of unsigned bytes, the third byte of the magic number. */
const UBYTE = 0x08;

/** The other IDX type codes, named in the error for a file of another type. */
const OTHER_TYPES: Readonly<Record<number, string>> = {
  0x09: "signed bytes",
  0x0b: "16-bit integers",
  0x0c: "32-bit integers",
  0x0d: "32-bit floats",
  0x0e: "64-bit floats",
};

/** The contents of an IDX file of unsigned bytes. */
export interface IdxArray {
  /** The dimensions from the header, outermost first, e.g. `[60000, 28, 28]`. */
  readonly dims: readonly number[];
  /** The values, row-major: a view into the file's bytes after the header, not a copy. */
  readonly data: Uint8Array;
}

/** Options of {@linkcode parseIdx}. */
export interface ParseIdxOptions {
  /** The file's name, for error messages (e.g. `"t10k-labels-idx1-ubyte"`). */
  file: string;
  /** The dimensions the header must give; when omitted, any dimensions are accepted. */
  dims?: readonly number[];
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, "0")}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function shape(dims: readonly number[]): string {
  return dims.map((d) => d.toLocaleString("en-US")).join(" × ");
}

function bytesOf(n: number): string {
  return `${n.toLocaleString("en-US")} byte${n === 1 ? "" : "s"}`;
}

/**
 * Reads the header of an IDX file of unsigned bytes and checks it against the file: the magic
 * number, the dimensions (against `options.dims` when given) and the length, which must be exactly
 * the header plus one byte per value. Returns the dimensions and a view of the values.
 *
 * @example
 * ```ts
 * import { parseIdx } from "./idx.ts";
 * import assert from "node:assert/strict";
 * // Two 2 × 3 images: magic 0x00000803, dimensions 2, 2, 3, then 12 bytes.
 * const file = Uint8Array.of(0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, ...Array(12).keys());
 * const { dims, data } = parseIdx(file, { file: "tiny-images", dims: [2, 2, 3] });
 * assert.deepEqual(dims, [2, 2, 3]);
 * assert.deepEqual([...data], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
 * assert.throws(() => parseIdx(file.subarray(0, 20), { file: "tiny-images" }), /is truncated/);
 * ```
 */
export function parseIdx(bytes: Uint8Array, options: ParseIdxOptions): IdxArray {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`parseIdx: bytes must be a Uint8Array, got ${show(bytes)}`);
  }
  const file = options?.file;
  if (typeof file !== "string" || file === "") {
    throw new TypeError(`parseIdx: options.file must be the file's name, got ${show(file)}`);
  }
  const expected = options.dims;
  if (
    expected !== undefined &&
    (!Array.isArray(expected) || expected.length === 0 ||
      !expected.every((d) => Number.isInteger(d) && d >= 0 && d <= 0xffffffff))
  ) {
    throw new TypeError(
      `parseIdx: options.dims must be a non-empty array of 32-bit unsigned integers, got ${
        show(expected)
      }`,
    );
  }
  const where = `parseIdx: "${file}"`;
  if (bytes.length < 4) {
    throw new Error(
      `${where} is truncated: ${bytesOf(bytes.length)}, shorter than the 4-byte magic number`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const rank = bytes[3];
  const type = bytes[2];
  const wanted = expected === undefined
    ? "0x000008NN (unsigned bytes, NN dimensions, NN ≥ 1)"
    : `${hex(UBYTE << 8 | expected.length)} (unsigned bytes, ${
      plural(expected.length, "dimension")
    })`;
  if (bytes[0] !== 0 || bytes[1] !== 0 || type !== UBYTE || rank === 0) {
    const what = bytes[0] !== 0 || bytes[1] !== 0
      ? "not an IDX file: its first two bytes are not 0"
      : type !== UBYTE
      ? `values of type ${hex(type).slice(-2)} (${OTHER_TYPES[type] ?? "no IDX type"}), not ` +
        "unsigned bytes (08)"
      : "0 dimensions";
    throw new Error(`${where} has magic number ${hex(magic)}, ${what}; expected ${wanted}`);
  }
  if (expected !== undefined && rank !== expected.length) {
    throw new Error(
      `${where} has magic number ${hex(magic)} (unsigned bytes, ${
        plural(rank, "dimension")
      }); expected ${wanted}`,
    );
  }
  const header = 4 + 4 * rank;
  if (bytes.length < header) {
    throw new Error(
      `${where} is truncated: ${bytesOf(bytes.length)}, shorter than its ${header}-byte header ` +
        `(the magic number and ${plural(rank, "dimension")})`,
    );
  }
  const dims: number[] = [];
  for (let k = 0; k < rank; k++) dims.push(view.getUint32(4 + 4 * k));
  if (expected !== undefined && dims.some((d, k) => d !== expected[k])) {
    throw new Error(`${where} has dimensions ${shape(dims)}; expected ${shape(expected)}`);
  }
  const values = dims.reduce((a, b) => a * b, 1);
  const needed = header + values;
  if (bytes.length !== needed) {
    const says = `its header (${shape(dims)} unsigned bytes) needs ${bytesOf(needed)}`;
    throw new Error(
      bytes.length < needed
        ? `${where} is truncated: ${says}, the file has ${bytesOf(bytes.length)}`
        : `${where} is longer than its header says: ${says}, the file has ${
          bytesOf(bytes.length)
        } (${bytesOf(bytes.length - needed)} too many)`,
    );
  }
  return Object.freeze({ dims: Object.freeze(dims), data: bytes.subarray(header) });
}

/**
 * The SHA-256 of `bytes` as 64 lowercase hexadecimal digits (Web Crypto, no permission needed).
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./idx.ts";
 * import assert from "node:assert/strict";
 * assert.equal(
 *   await sha256Hex(new TextEncoder().encode("abc")),
 *   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
 * );
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`sha256Hex: bytes must be a Uint8Array, got ${show(bytes)}`);
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Checks that the SHA-256 of a file's bytes is the recorded one; rejects with an `Error` naming
 * the file and both digests when it is not.
 *
 * @example
 * ```ts
 * import { verifySha256 } from "./idx.ts";
 * import assert from "node:assert/strict";
 * const abc = new TextEncoder().encode("abc");
 * await verifySha256(abc, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc");
 * await assert.rejects(() => verifySha256(abc, "0".repeat(64), "abc"), /"abc" has SHA-256 ba78/);
 * ```
 */
export async function verifySha256(
  bytes: Uint8Array,
  expected: string,
  file: string,
): Promise<void> {
  if (typeof expected !== "string" || !/^[0-9a-f]{64}$/.test(expected)) {
    throw new TypeError(
      `verifySha256: expected must be 64 lowercase hexadecimal digits, got ${show(expected)}`,
    );
  }
  const actual = await sha256Hex(bytes);
  if (actual !== expected) {
    throw new Error(
      `verifySha256: "${file}" has SHA-256 ${actual}; expected ${expected}: it is not the ` +
        `file the library records (${bytesOf(bytes.length)} read)`,
    );
  }
}
