import { withRoom } from "../../src/cli/growable";

describe("withRoom: the CSV reader's growing columns", () => {
  it("returns the same array while it has room, up to its exact length", () => {
    const a = new Int32Array([7, 8, 9, 10]);
    expect(withRoom(a, 0)).toBe(a);
    expect(withRoom(a, 4)).toBe(a);
  });

  it("doubles a full array, keeping its entries and its type, the new entries zero", () => {
    const a = new Uint16Array([1, 2, 3, 65535]);
    const b = withRoom(a, 5);
    expect(b).toBeInstanceOf(Uint16Array);
    expect(Array.from(b)).toEqual([1, 2, 3, 65535, 0, 0, 0, 0]);
    expect(Array.from(a)).toEqual([1, 2, 3, 65535]);
  });

  it("doubles as often as the request needs (4 → 32 for 17 entries), NaN and -1 kept", () => {
    const f = withRoom(new Float64Array([NaN, -0.5, 1e-6, 2]), 17);
    expect(f).toBeInstanceOf(Float64Array);
    expect(f.length).toBe(32);
    expect(Array.from(f.subarray(0, 5))).toEqual([NaN, -0.5, 1e-6, 2, 0]);
    const i = withRoom(new Int32Array([-1, -1]), 3);
    expect(Array.from(i)).toEqual([-1, -1, 0, 0]);
  });

  it("grows an empty array to the smallest power of two that holds the request", () => {
    const e = withRoom(new Uint8Array(0), 3);
    expect(e).toBeInstanceOf(Uint8Array);
    expect(e.length).toBe(4);
  });
});
