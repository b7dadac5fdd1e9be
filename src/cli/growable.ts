/**
 * The CSV reader's columns grow as records arrive (its file's row count is not known until the
 * end): each is a typed array doubled when full, never a JavaScript array of a million numbers.
 */
type Growable = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/** `a` itself when it has room for `length` entries, else a copy of it doubled until it has. */
export function withRoom<T extends Growable>(a: T, length: number): T {
  if (length <= a.length) return a;
  let size = Math.max(a.length, 1);
  while (size < length) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
