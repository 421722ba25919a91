import assert from "node:assert/strict";
import { parseIdx, sha256Hex, verifySha256 } from "../lib/data/mod.ts";

/** A generated IDX file: the big-endian header for `dims` (magic `0x000008NN`), then `values`. */
function idx(dims: number[], values: ArrayLike<number>, magic = 0x0800 | dims.length): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, k) => view.setUint32(4 + 4 * k, d));
  out.set(values, 4 + 4 * dims.length);
  return out;
}

/** Three 2 × 2 "images" with values 0 … 11, and their 3 labels. */
const images = idx([3, 2, 2], Array.from({ length: 12 }, (_, i) => i));
const labels = idx([3], [7, 2, 1]);

function fails(bytes: Uint8Array, options: { file: string; dims?: number[] }, message: string) {
  assert.throws(() => parseIdx(bytes, options), { name: "Error", message });
}

Deno.test("parseIdx: reads the header and the values", async (t) => {
  await t.step("images and labels, with and without expected dimensions", () => {
    const a = parseIdx(images, { file: "tiny-images", dims: [3, 2, 2] });
    assert.deepEqual(a.dims, [3, 2, 2]);
    assert.deepEqual([...a.data], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const b = parseIdx(labels, { file: "tiny-labels" });
    assert.deepEqual(b.dims, [3]);
    assert.deepEqual([...b.data], [7, 2, 1]);
  });

  await t.step("the values are a view of the bytes, not a copy", () => {
    const { data } = parseIdx(images, { file: "tiny-images" });
    assert.equal(data.buffer, images.buffer);
    assert.equal(data.byteOffset, 16);
  });

  await t.step("a view into a larger buffer, and an empty file of 0 images", () => {
    const padded = new Uint8Array(5 + labels.length);
    padded.set(labels, 5);
    assert.deepEqual([...parseIdx(padded.subarray(5), { file: "offset" }).data], [7, 2, 1]);
    const empty = parseIdx(idx([0, 28, 28], []), { file: "empty", dims: [0, 28, 28] });
    assert.equal(empty.data.length, 0);
  });

  await t.step("dimensions up to 2^32 − 1 are read as unsigned", () => {
    const huge = idx([0xffffffff, 0], []);
    assert.deepEqual(parseIdx(huge, { file: "huge" }).dims, [4294967295, 0]);
  });
});

Deno.test("parseIdx: every malformed file throws an Error naming it", async (t) => {
  await t.step("a wrong magic number", () => {
    fails(
      images,
      { file: "t10k-labels", dims: [3] },
      'parseIdx: "t10k-labels" has magic number 0x00000803 (unsigned bytes, 3 dimensions); ' +
        "expected 0x00000801 (unsigned bytes, 1 dimension)",
    );
    fails(
      idx([3], [1, 2, 3], 0x00000d01),
      { file: "floats" },
      'parseIdx: "floats" has magic number 0x00000d01, values of type 0d (32-bit floats), not ' +
        "unsigned bytes (08); expected 0x000008NN (unsigned bytes, NN dimensions, NN ≥ 1)",
    );
    fails(
      idx([3], [1, 2, 3], 0x00000701),
      { file: "odd", dims: [3] },
      'parseIdx: "odd" has magic number 0x00000701, values of type 07 (no IDX type), not ' +
        "unsigned bytes (08); expected 0x00000801 (unsigned bytes, 1 dimension)",
    );
    fails(
      new TextEncoder().encode("GIF89a, not an IDX file"),
      { file: "picture.gif" },
      'parseIdx: "picture.gif" has magic number 0x47494638, not an IDX file: its first two ' +
        "bytes are not 0; expected 0x000008NN (unsigned bytes, NN dimensions, NN ≥ 1)",
    );
    fails(
      Uint8Array.of(0, 0, 8, 0),
      { file: "scalar" },
      'parseIdx: "scalar" has magic number 0x00000800, 0 dimensions; expected 0x000008NN ' +
        "(unsigned bytes, NN dimensions, NN ≥ 1)",
    );
  });

  await t.step("a file truncated inside its magic number or its header", () => {
    fails(
      Uint8Array.of(0, 0, 8),
      { file: "stub" },
      'parseIdx: "stub" is truncated: 3 bytes, shorter than the 4-byte magic number',
    );
    fails(
      new Uint8Array(0),
      { file: "empty" },
      'parseIdx: "empty" is truncated: 0 bytes, shorter than the 4-byte magic number',
    );
    fails(
      images.subarray(0, 10),
      { file: "tiny-images" },
      'parseIdx: "tiny-images" is truncated: 10 bytes, shorter than its 16-byte header (the ' +
        "magic number and 3 dimensions)",
    );
  });

  await t.step("a file truncated in its values", () => {
    fails(
      images.subarray(0, 27),
      { file: "tiny-images", dims: [3, 2, 2] },
      'parseIdx: "tiny-images" is truncated: its header (3 × 2 × 2 unsigned bytes) needs 28 ' +
        "bytes, the file has 27 bytes",
    );
    fails(
      idx([60000, 28, 28], new Uint8Array(1000)),
      { file: "train-images-idx3-ubyte" },
      'parseIdx: "train-images-idx3-ubyte" is truncated: its header (60,000 × 28 × 28 unsigned ' +
        "bytes) needs 47,040,016 bytes, the file has 1,016 bytes",
    );
  });

  await t.step("a header that says less than the file holds", () => {
    const long = new Uint8Array(labels.length + 2);
    long.set(labels);
    fails(
      long,
      { file: "tiny-labels" },
      'parseIdx: "tiny-labels" is longer than its header says: its header (3 unsigned bytes) ' +
        "needs 11 bytes, the file has 13 bytes (2 bytes too many)",
    );
    fails(
      idx([2], [1, 2, 3]),
      { file: "one-more" },
      'parseIdx: "one-more" is longer than its header says: its header (2 unsigned bytes) ' +
        "needs 10 bytes, the file has 11 bytes (1 byte too many)",
    );
  });

  await t.step("dimensions other than the expected ones", () => {
    fails(
      images,
      { file: "tiny-images", dims: [3, 28, 28] },
      'parseIdx: "tiny-images" has dimensions 3 × 2 × 2; expected 3 × 28 × 28',
    );
    fails(
      labels,
      { file: "t10k-labels-idx1-ubyte", dims: [10000] },
      'parseIdx: "t10k-labels-idx1-ubyte" has dimensions 3; expected 10,000',
    );
  });

  await t.step("bad arguments are a TypeError", () => {
    assert.throws(() => parseIdx([0, 0, 8, 1] as never, { file: "a" }), {
      name: "TypeError",
      message: "parseIdx: bytes must be a Uint8Array, got [0,0,8,1]",
    });
    assert.throws(() => parseIdx(labels, {} as never), {
      name: "TypeError",
      message: "parseIdx: options.file must be the file's name, got undefined",
    });
    assert.throws(() => parseIdx(labels, { file: "a", dims: [] }), {
      name: "TypeError",
      message: /^parseIdx: options.dims must be a non-empty array of 32-bit unsigned integers/,
    });
    assert.throws(() => parseIdx(labels, { file: "a", dims: [2.5] }), TypeError);
  });
});

Deno.test("sha256Hex and verifySha256", async (t) => {
  await t.step("the FIPS 180-2 test vectors", async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    assert.equal(
      await sha256Hex(text("")),
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    assert.equal(
      await sha256Hex(text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  await t.step("a view hashes only its own bytes", async () => {
    const padded = new Uint8Array(20);
    padded.set(labels, 4);
    assert.equal(await sha256Hex(padded.subarray(4, 4 + labels.length)), await sha256Hex(labels));
  });

  await t.step(
    "a digest mismatch rejects with an Error naming the file and both digests",
    async () => {
      const right = await sha256Hex(labels);
      await verifySha256(labels, right, "tiny-labels");
      const changed = labels.slice();
      changed[10] = 9; // one label changed: the header still checks out, the digest does not
      assert.deepEqual([...parseIdx(changed, { file: "tiny-labels" }).data], [7, 2, 9]);
      await assert.rejects(() => verifySha256(changed, right, "tiny-labels"), {
        name: "Error",
        message: `verifySha256: "tiny-labels" has SHA-256 ${await sha256Hex(
          changed,
        )}; expected ${right}: ` +
          "it is not the file the library records (11 bytes read)",
      });
    },
  );

  await t.step("bad arguments are a TypeError", async () => {
    await assert.rejects(() => sha256Hex("abc" as never), {
      name: "TypeError",
      message: 'sha256Hex: bytes must be a Uint8Array, got "abc"',
    });
    await assert.rejects(() => verifySha256(labels, "ABC", "x"), {
      name: "TypeError",
      message: 'verifySha256: expected must be 64 lowercase hexadecimal digits, got "ABC"',
    });
  });
});
