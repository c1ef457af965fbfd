/** A typed array with room for `need` entries: `a` itself, or a copy at least twice as long. */
export function grow<T extends Int32Array | Uint8Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let n = Math.max(16, a.length);
  while (n < need) n *= 2;
  const b = new (a.constructor as { new (n: number): T })(n);
  b.set(a);
  return b;
}
