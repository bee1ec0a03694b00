// Fractional index keys (BM7), mirrored from FractionalIndex.cs: base-62 fractions over 0–9 A–Z a–z whose ordinal
// order is their numeric order; never empty and never ending in "0", so there is always room between two keys.

const Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const MaxIndexLength = 64;

const digitOf = (c: string) => Digits.indexOf(c);

function isWellFormed(key: string): boolean {
  return key.length > 0 && !key.endsWith("0") && [...key].every((c) => digitOf(c) >= 0);
}

export function isValidIndex(key: unknown): key is string {
  return typeof key === "string" && key.length <= MaxIndexLength && isWellFormed(key);
}

/** A key strictly between the two (null: the start or the end); appending stays short. */
export function between(before: string | null, after: string | null): string {
  if ((before !== null && !isWellFormed(before)) || (after !== null && !isWellFormed(after))) {
    throw new Error("Fractional index keys must be non-empty base-62 strings that do not end in '0'.");
  }
  if (before !== null && after !== null && before >= after) throw new Error(`'${before}' is not below '${after}'.`);
  if (after === null) return increment(before ?? "");
  if (before === null) return decrement(after);
  return midpoint(before, after);
}

/** `count` ascending keys strictly between the bounds, spread by bisection. */
export function betweenMany(before: string | null, after: string | null, count: number): string[] {
  const keys: string[] = [];
  const fill = (low: string | null, high: string | null, n: number) => {
    if (n === 0) return;
    const middle = between(low, high);
    const left = Math.floor((n - 1) / 2);
    fill(low, middle, left);
    keys.push(middle);
    fill(middle, high, n - 1 - left);
  };
  fill(before, after, count);
  return keys;
}

/** FractionalIndex.Repair: new keys for duplicates among siblings, in (key, id) order; only the changed ones. */
export function repair(siblings: [id: string, index: string][]): [string, string][] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const ordered = [...siblings].sort((a, b) => cmp(a[1], b[1]) || cmp(a[0], b[0]));
  const repaired: [string, string][] = [];
  let i = 0;
  while (i < ordered.length) {
    let runEnd = i + 1;
    while (runEnd < ordered.length && ordered[runEnd][1] === ordered[i][1]) runEnd++;
    if (runEnd - i > 1) {
      const next = runEnd < ordered.length ? ordered[runEnd][1] : null;
      betweenMany(ordered[i][1], next, runEnd - i - 1).forEach((key, k) => repaired.push([ordered[i + 1 + k][0], key]));
    }
    i = runEnd;
  }
  return repaired;
}

function increment(key: string): string {
  for (let i = 0; i < key.length; i++) {
    const digit = digitOf(key[i]);
    if (digit < Digits.length - 1) return key.slice(0, i) + Digits[digit + 1];
  }
  return key + Digits[1];
}

function decrement(key: string): string {
  for (let i = 0; i < key.length; i++) {
    const digit = digitOf(key[i]);
    if (digit >= 2) return key.slice(0, i) + Digits[digit - 1];
    if (digit === 1 && i === key.length - 1) return key.slice(0, i) + "0" + Digits[Digits.length - 1];
  }
  throw new Error("A valid key ends in a non-zero digit.");
}

function midpoint(low: string, high: string): string {
  let common = 0;
  while (common < high.length && (common < low.length ? low[common] : "0") === high[common]) common++;
  if (common > 0) return high.slice(0, common) + midpoint(common < low.length ? low.slice(common) : "", high.slice(common));
  const lowDigit = low.length > 0 ? digitOf(low[0]) : 0;
  const highDigit = digitOf(high[0]);
  if (highDigit - lowDigit > 1) return Digits[Math.floor((lowDigit + highDigit + 1) / 2)];
  if (high.length > 1) return high.slice(0, 1);
  return Digits[lowDigit] + increment(low.length > 1 ? low.slice(1) : "");
}
