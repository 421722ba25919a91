import assert from "node:assert/strict";
import {
  centringFinding,
  minibatchFinding,
  quadraticLoss,
  zigzag,
  zigzagFinding,
  type ZigzagResult,
} from "../../lib/experiments/zigzag.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { points: 40, draws: 2, lrs: [0.05, 0.2, 0.5], batchSizes: [1, 8, 40], maxSteps: 400 };
const r = zigzag(tiny);

Deno.test("zigzag()", async (t) => {
  await t.step("shapes", () => {
    assert.deepEqual(r.setups.map((s) => s.label), [
      "full batch, non-negative x",
      "one example per step, non-negative x",
      "full batch, zero-centred x",
      "one example per step, zero-centred x",
    ]);
    for (const s of r.setups) {
      assert.equal(s.best.length, 2);
      assert.equal(s.sweep.length, 3);
    }
    assert.equal(r.batchShares[0].length, 3);
    assert.equal(r.curvature.length, 2);
    assert.ok(r.opposite);
  });
  await t.step(
    "the claim's property: single non-negative examples move both weights one way",
    () => {
      assert.equal(r.setups[1].sameShare, 1);
      assert.equal(r.batchShares[0][0], 1);
      const path = r.setups[0].path;
      assert.deepEqual(path[0], [0, 0]);
      const loss = quadraticLoss(r.curvature[0], r.options.optimum);
      assert.equal(loss(-1, 2), 0);
      assert.ok(loss(...path[path.length - 1]) < loss(0, 0));
    },
  );
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => zigzag({ ...tiny, draws: 1 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("zigzag", zigzag, [
      ...commonOptionCases("points"),
      [{ points: 1 }, RangeError, 'option "points" must be an integer in [2, 100000], got 1'],
      [{ start: [0] }, RangeError, 'option "start" must be an array of 2 items'],
      [
        { lrs: [0.2, 0.1] },
        RangeError,
        'option "lrs" must be in increasing order, got lrs[0] = 0.2',
      ],
      [{ points: 10, batchSizes: [20] }, RangeError, 'sizes of at most "points" (10), got 20'],
      [{ tol: 0 }, RangeError, 'option "tol" must be a finite number in (0, 1]'],
    ]);
  });
});

const setup = (i: number, s: Partial<ZigzagResult["setups"][0]>) =>
  r.setups.map((x, j) => (j === i ? { ...x, ...s } : x));

Deno.test("zigzagFinding()", async (t) => {
  await t.step("holds, holds in part, does not hold, inconclusive", () => {
    const base = {
      ...r,
      options: { ...r.options, draws: 8 },
      setups: setup(1, { sameShare: 1, bestSteps: 40 }),
      sgdSlower: 7,
      sgdFaster: 1,
    };
    const centred = base.setups.map((x, j) =>
      j === 3 ? { ...x, bestSteps: 30, sameShare: 0.5 } : x
    );
    const inPart = zigzagFinding({ ...base, setups: centred });
    assert.equal(inPart.claim, "F7");
    assert.match(
      inPart.text,
      /100 % of the updates .* \(50\.0 % with centred inputs\); .* 40 steps against 30, and was slower in 7 of 8 draws and faster in 1 \(sign test p = 0\.07\)\.$/,
    );
    assert.equal(inPart.verdict, "holds in part", "7 of 8: p = 0.070");
    assert.equal(inPart.numbers.signTestP, 18 / 256);
    const all = zigzagFinding({ ...base, setups: centred, sgdSlower: 8, sgdFaster: 0 });
    assert.equal(all.verdict, "holds", "8 of 8: p = 0.0078");
    assert.match(all.text, /slower in 8 of 8 draws and faster in 0 \(sign test p = 0\.0078\)\.$/);
    assert.equal(zigzagFinding({ ...base, sgdSlower: 6, sgdFaster: 0 }).verdict, "holds");
    assert.equal(zigzagFinding({ ...base, sgdSlower: 5, sgdFaster: 0 }).verdict, "holds in part");
    assert.equal(zigzagFinding({ ...base, sgdSlower: 4, sgdFaster: 4 }).verdict, "does not hold");
    assert.equal(zigzagFinding({ ...base, sgdSlower: 0, sgdFaster: 0 }).verdict, "does not hold");
    assert.equal(
      zigzagFinding({ ...base, setups: setup(1, { sameShare: 0.6 }) }).verdict,
      "does not hold",
    );
    const same = zigzagFinding({ ...base, opposite: false });
    assert.equal(same.verdict, "inconclusive");
    assert.match(same.text, /forces no staircase\.$/);
    assert.match(
      zigzagFinding({ ...base, setups: setup(1, { bestSteps: null }) }).text,
      /did not converge/,
    );
  });
});

Deno.test("centringFinding()", async (t) => {
  const at = (raw: number | null, cen: number) =>
    centringFinding({
      ...r,
      setups: setup(0, { bestSteps: raw, largestLr: null }).map((x, j) =>
        j === 2 ? { ...x, bestSteps: cen } : x
      ),
    });
  await t.step("holds, holds in part, does not hold, inconclusive", () => {
    const holds = at(20, 4);
    assert.equal(holds.verdict, "holds");
    assert.match(
      holds.text,
      /needed 5× the steps of centred ones \(median 20 against 4\)\. The cause is the bowl's shape/,
    );
    assert.equal(at(5, 4).verdict, "holds in part");
    const no = at(4, 4);
    assert.equal(no.verdict, "does not hold");
    assert.match(no.text, /Centring does not speed it up here\.$/);
    assert.equal(at(null, 4).verdict, "inconclusive");
  });
});

Deno.test("minibatchFinding()", async (t) => {
  const at = (shares: number[]) => minibatchFinding({ ...r, batchShares: [shares, shares] });
  await t.step("holds, holds in part, does not hold, inconclusive", () => {
    const holds = at([1, 0.5, 0.2]);
    assert.equal(holds.verdict, "holds");
    assert.match(
      holds.text,
      /100 % .* batches of 1 and 20\.0 % with batches of 40: averaging lets/,
    );
    assert.equal(at([1, 0.99, 0.95]).verdict, "holds in part");
    const no = at([0.5, 0.6, 0.7]);
    assert.equal(no.verdict, "does not hold");
    assert.match(no.text, /averaging does not change the signs here\.$/);
    const one = minibatchFinding(zigzag({ ...tiny, draws: 1, batchSizes: [4] }));
    assert.equal(one.verdict, "inconclusive");
  });
});
