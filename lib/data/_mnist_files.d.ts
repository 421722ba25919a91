/** The `data` array of `src/digits/0.json` … `9.json`: 784 pixels in [0, 1] per digit. */
export function importDigitFiles(): Promise<ReadonlyArray<ReadonlyArray<number>>>;
