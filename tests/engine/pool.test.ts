/** The one-slot result pool: a result handed back is reused, and the next result is the same as a fresh one. */
import {
  classify,
  releaseResult,
  releaseClassifyWorkspace,
  type ClassifyResult,
} from "../../src/engine/classify";
import { dayFromYmd } from "../../src/engine/days";
import type { TableInput } from "../../src/engine/types";

const T = dayFromYmd(2027, 3, 10);

function table(n: number, seed: number): TableInput {
  const rows = Array.from({ length: n }, (_, i) => i);
  return {
    rowCount: n,
    columns: {
      name: rows.map((i) => `客户${i}`),
      revenue: rows.map((i) => ((i * 7919 + seed) % 1000) - (i % 17 === 0 ? 50 : 0)),
      prevRevenue: rows.map((i) => (i % 5 === 0 ? null : (i * 31 + seed) % 900)),
      marginRate: rows.map((i) => (i % 3 === 0 ? "" : `${(i * 13 + seed) % 40}%`)),
      orders: rows.map((i) => (i + seed) % 20),
      lastContact: rows.map((i) => (i % 4 === 0 ? null : `2027-0${1 + (i % 3)}-1${i % 10}`)),
      familiarity: rows.map((i) => 1 + ((i + seed) % 5)),
    },
  };
}

/** Every array of a result, as plain arrays (NaN compared as equal). */
function plain(r: ClassifyResult): Record<string, unknown> {
  const out: Record<string, unknown> = { problems: r.problems, excluded: r.excluded };
  for (const [k, v] of Object.entries(r)) if (ArrayBuffer.isView(v)) out[k] = Array.from(v as Float64Array);
  return out;
}

test("a handed-back result's buffer is reused and the next result equals a fresh one", () => {
  releaseClassifyWorkspace();
  const fresh = plain(classify(table(300, 2), { today: T }));
  const first = classify(table(300, 1), { today: T });
  const buffer = first.value.buffer;
  releaseResult(first);
  const second = classify(table(300, 2), { today: T });
  expect(second.value.buffer).toBe(buffer);
  expect(plain(second)).toEqual(fresh);
  // Smaller tables reuse it too; a far smaller one lets it go.
  releaseResult(second);
  expect(plain(classify(table(250, 2), { today: T }))).toEqual(plain(classify(table(250, 2), { today: T })));
});

test("without a hand-back every result has its own buffer", () => {
  const a = classify(table(10, 1), { today: T });
  const b = classify(table(10, 1), { today: T });
  expect(a.value.buffer).not.toBe(b.value.buffer);
});

test("resultMemory: every array of the result lives in the memory given, and the result is the same", () => {
  const asked: number[] = [];
  let given: SharedArrayBuffer | null = null;
  const shared = classify(table(300, 2), {
    today: T,
    resultMemory: (bytes) => {
      asked.push(bytes);
      return (given = new SharedArrayBuffer(bytes));
    },
  });
  expect(asked).toHaveLength(1);
  const views = Object.values(shared).filter((v) => ArrayBuffer.isView(v)) as Uint8Array[];
  expect(views.length).toBeGreaterThan(20);
  for (const v of views) expect(v.buffer).toBe(given);
  expect(plain(shared)).toEqual(plain(classify(table(300, 2), { today: T })));
  // Handing it back does not put shared memory in the pool.
  releaseResult(shared);
  expect(classify(table(300, 2), { today: T }).value.buffer).not.toBe(given);
});
