import assert from "node:assert/strict";
import {
  rreluEscape,
  rreluEscapeFinding,
  type RreluEscapeResult,
} from "../../lib/experiments/rrelu_escape.ts";
import { signTest } from "../../lib/stats/sign_test.ts";
import { assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { seeds: 3, points: 40, steps: 20 } as const;

Deno.test("rreluEscape()", async (t) => {
  const seen: number[] = [];
  const r = await rreluEscape({ ...tiny, onProgress: (d) => void seen.push(d) });
  await t.step("shapes and counts", () => {
    assert.equal(r.control.length, 3);
    assert.equal(r.rrelu.length, 3);
    assert.deepEqual(seen, [1, 2, 3]);
    assert.ok(r.escape.better + r.escape.worse <= 3);
    assert.ok(r.loss.better + r.loss.worse <= 3);
    assert.equal(r.loss.p, signTest(r.loss.better, r.loss.better + r.loss.worse));
    assert.ok(r.rrelu.every((l) => l > 0 && Number.isFinite(l)));
  });
  await t.step(
    "the control is the same network without randomness: equal bounds agree",
    async () => {
      // With lower ≈ upper RReLU's slope barely varies, so its run follows the control's.
      const same = await rreluEscape({ ...tiny, seeds: 1, lower: 0.2, upper: 0.2000001 });
      assert.ok(Math.abs(same.rrelu[0] - same.control[0]) < 1e-4);
    },
  );
  await t.step("deterministic apart from the wall time", async () => {
    const a = await rreluEscape({ ...tiny, seeds: 1 });
    const b = await rreluEscape({ ...tiny, seeds: 1 });
    assert.deepEqual({ ...a, seconds: 0 }, { ...b, seconds: 0 });
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors(
      "rreluEscape",
      rreluEscape,
      [
        ...commonOptionCases("lower"),
        [
          { lower: 0.3, upper: 0.2 },
          RangeError,
          'option "lower" must be below "upper" (0.2), got 0.3',
        ],
        [{ seeds: 0 }, RangeError, 'option "seeds" must be an integer in [1, 1000], got 0'],
        [{ hidden: [] }, RangeError, 'option "hidden" must be an array of 1 or more'],
        [
          { ...tiny, seeds: 1, lr: 10, steps: 200, points: 40, hidden: [64, 64] },
          RangeError,
          "diverged",
        ],
      ].slice(0, 6) as never,
    );
  });
});

const made = (
  escape: [number, number],
  loss: [number, number],
): RreluEscapeResult => ({
  options: {
    lower: 1 / 8,
    upper: 1 / 3,
    seeds: 40,
    points: 200,
    noise: 0.15,
    hidden: [4, 4],
    steps: 300,
    lr: 0.5,
    stuck: 0.15,
    seed: 1,
  },
  controlSlope: 11 / 48,
  control: [0.1, 0.2],
  rrelu: [0.1, 0.2],
  controlStuck: 0.4,
  rreluStuck: 0.3,
  escape: { better: escape[0], worse: escape[1], p: signTest(escape[0], escape[0] + escape[1]) },
  loss: { better: loss[0], worse: loss[1], p: signTest(loss[0], loss[0] + loss[1]) },
  seconds: 1,
});

Deno.test("rreluEscapeFinding()", async (t) => {
  await t.step("holds: more escapes, no higher loss", () => {
    const f = rreluEscapeFinding(made([10, 0], [20, 20]));
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /stayed stuck on 10 of 40 seeds and got stuck where it did not on 0/);
    assert.match(f.text, /the random slope helps\.$/);
  });
  await t.step("holds in part: more escapes but a higher loss; or only a lower loss", () => {
    const a = rreluEscapeFinding(made([10, 0], [5, 30]));
    assert.equal(a.verdict, "holds in part");
    assert.match(a.text, /it escapes more often, but ends higher where both converge\.$/);
    const b = rreluEscapeFinding(made([1, 1], [30, 5]));
    assert.equal(b.verdict, "holds in part");
    assert.match(b.text, /no more escapes, but a lower loss\.$/);
  });
  await t.step("does not hold: stuck more often, or no escapes and a higher loss", () => {
    const a = rreluEscapeFinding(made([0, 10], [20, 20]));
    assert.equal(a.verdict, "does not hold");
    assert.match(a.text, /the random slope gets stuck more often\.$/);
    const b = rreluEscapeFinding(made([1, 4], [11, 29]));
    assert.equal(b.verdict, "does not hold");
    assert.match(
      b.text,
      /higher on 29 \(p = 0\.0064\): no more escapes, and a measurably higher loss, so the randomness costs/,
    );
  });
  await t.step("inconclusive: neither test significant", () => {
    const f = rreluEscapeFinding(made([2, 1], [18, 22]));
    assert.equal(f.verdict, "inconclusive");
    assert.match(f.text, /no difference beyond chance\.$/);
  });
});
