/**
 * Checks every experiment's tests share: its bad options are clear errors, and the same options
 * give the same result.
 *
 * @module
 */

import assert from "node:assert/strict";

/** A bad options object, the error it must raise, and a part of the message it must contain. */
export type OptionCase = readonly [options: unknown, type: ErrorConstructor, message: string];

/**
 * Asserts that `run(options)` rejects (or throws) for each case with the error's type, a message
 * that starts with `where: ` and contains the case's text.
 */
export async function assertOptionErrors(
  where: string,
  run: (options: never) => unknown,
  cases: readonly OptionCase[],
): Promise<void> {
  for (const [options, type, message] of cases) {
    await assert.rejects(
      async () => await run(options as never),
      (e: Error) => {
        assert.ok(
          e instanceof type,
          `${
            JSON.stringify(options)
          }: expected a ${type.name}, got ${e.constructor.name}: ${e.message}`,
        );
        assert.ok(
          e.message.startsWith(`${where}: `),
          `"${e.message}" should start with "${where}: "`,
        );
        assert.ok(e.message.includes(message), `"${e.message}" should contain "${message}"`);
        return true;
      },
    );
  }
}

/** The standard cases every experiment rejects: not an object, an unknown option. */
export function commonOptionCases(firstOption: string): OptionCase[] {
  return [
    [42, TypeError, "options must be an object with"],
    [[], TypeError, "options must be an object with"],
    [
      { notAnOption: 1 },
      TypeError,
      `unknown option "notAnOption" (value 1); allowed: "${firstOption}"`,
    ],
  ];
}

/** Asserts that two runs with the same options give deep-equal results (wall times set aside). */
export async function assertDeterministic<T>(
  run: () => Promise<T> | T,
  withoutTimes: (result: T) => unknown = (r) => r,
): Promise<void> {
  const a = withoutTimes(await run());
  const b = withoutTimes(await run());
  assert.deepEqual(a, b);
  assert.doesNotThrow(() => JSON.stringify(a), "the result must be JSON-serialisable");
}
