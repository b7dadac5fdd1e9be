/** Properties of classify over random tables (fast-check). */
import fc from "fast-check";
import { classify } from "../../src/engine/classify";
import { readText } from "../../src/engine/cells";
import { dayFromYmd } from "../../src/engine/days";
import { outputRow } from "../../src/engine/output";
import { csvSafeText, looksLikeFormula } from "../../src/cli/cellSafety";
import { asTextConstant } from "../../src/excel/cellText";
import { Abc, FIELD_KEYS, Tier } from "../../src/engine/types";
import type { CellValue, FieldKey, TableInput } from "../../src/engine/types";

const T = dayFromYmd(2027, 3, 10);

const messy = fc.constantFrom<CellValue>(
  "#N/A",
  "#VALUE!",
  "¥1,234",
  "1.2万",
  "30%",
  "2026-03-05",
  "2027-12-31",
  "2026年3月5日",
  "3月5日",
  "2月29日",
  "是",
  "否",
  "强",
  "弱",
  "很熟悉",
  "nan",
  "1e999",
  "  ",
  "",
  "-5",
  "=1+1",
);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.double(),
  fc.integer({ min: -1000, max: 100000 }),
  fc.integer({ min: 40000, max: 47000 }), // date serials
  fc.string({ maxLength: 8 }),
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  messy,
);

const randomTable: fc.Arbitrary<TableInput> = fc
  .tuple(fc.integer({ min: 0, max: 25 }), fc.subarray([...FIELD_KEYS], { minLength: 1 }))
  .chain(([rows, fields]) =>
    fc.tuple(...fields.map((f) => fc.array(cell, { minLength: 0, maxLength: rows + 2 }).map((c) => [f, c] as const))).map(
      (pairs) => ({ rowCount: rows, columns: Object.fromEntries(pairs) as Partial<Record<FieldKey, CellValue[]>> }),
    ),
  );

describe("classify on random tables", () => {
  test("never throws; every row exactly one tier; problems indexed by row", () => {
    fc.assert(
      fc.property(randomTable, (t) => {
        const r = classify(t, { today: T });
        expect(r.rowCount).toBe(t.rowCount);
        for (let i = 0; i < r.rowCount; i++) {
          expect([Tier.Insufficient, Tier.Fading, Tier.Star, Tier.Rising, Tier.Regular]).toContain(r.tier[i]);
          expect(r.tier[i] === Tier.Insufficient).toBe(Number.isNaN(r.value[i]));
          expect(r.problemStart[i + 1]).toBeGreaterThanOrEqual(r.problemStart[i]);
          for (let k = r.problemStart[i]; k < r.problemStart[i + 1]; k++) expect(r.problems[k].row).toBe(i);
          const k = r.keyIndex[i];
          if (r.tier[i] === Tier.Insufficient) expect(k).toBeNaN();
          else {
            expect(Number.isInteger(k)).toBe(true);
            expect(k).toBeGreaterThanOrEqual(0);
            expect(k).toBeLessThanOrEqual(100);
          }
          const row = outputRow(r, i, i % 2 ? "en" : "zh");
          expect(row).toHaveLength(14);
          // texts come out raw; once through the writers' guards none can start a formula
          for (const c of row) {
            if (typeof c !== "string") continue;
            expect("=+-@\t\r").not.toContain(String(asTextConstant(c))[0]);
            expect(looksLikeFormula(csvSafeText(c))).toBe(false);
          }
        }
        expect(r.problemStart[r.rowCount]).toBe(r.problems.length);
      }),
      { numRuns: 300 },
    );
  });

  const values = fc.array(fc.oneof(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.constant(0), fc.constant(null)), {
    minLength: 1,
    maxLength: 40,
  });

  test("shares of valued rows sum to 1 when the total is positive", () => {
    fc.assert(
      fc.property(values, (profit) => {
        const r = classify({ rowCount: profit.length, columns: { profit } }, { today: T });
        let total = 0;
        let sum = 0;
        for (let i = 0; i < r.rowCount; i++) {
          if (!Number.isNaN(r.value[i])) {
            total += r.value[i];
            sum += r.share[i];
          }
        }
        if (total > 0) expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 300 },
    );
  });

  test("raising one customer's value never lowers its ABC class", () => {
    fc.assert(
      fc.property(values, fc.nat(), fc.double({ min: 0, max: 1e9, noNaN: true }), (profit, pick, extra) => {
        const i = pick % profit.length;
        const before = classify({ rowCount: profit.length, columns: { profit } }, { today: T });
        const raised = profit.slice();
        raised[i] = ((raised[i] as number | null) ?? 0) + extra;
        const after = classify({ rowCount: raised.length, columns: { profit: raised } }, { today: T });
        if (before.abc[i] !== Abc.None) expect(after.abc[i]).toBeLessThanOrEqual(before.abc[i]); // A=1 < B < C
      }),
      { numRuns: 300 },
    );
  });

  test("shuffling rows changes no row's result when values are distinct; volumePct and RFM never", () => {
    const row = fc.record({
      name: fc.string({ maxLength: 6 }),
      profit: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(null)),
      orders: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(null)),
      lastOrder: fc.oneof(fc.integer({ min: T - 400, max: T }), fc.constant(null)),
      lastContact: fc.oneof(fc.integer({ min: T - 200, max: T }), fc.constant(null)),
      familiarity: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(null)),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.nat(), (rows, seed) => {
        // Dates as Excel serials, as Office.js gives them.
        const toInput = (rs: typeof rows): TableInput => ({
          rowCount: rs.length,
          columns: {
            name: rs.map((x) => x.name),
            profit: rs.map((x) => x.profit),
            orders: rs.map((x) => x.orders),
            lastOrder: rs.map((x) => (x.lastOrder === null ? null : x.lastOrder + 25569)),
            lastContact: rs.map((x) => (x.lastContact === null ? null : x.lastContact + 25569)),
            familiarity: rs.map((x) => x.familiarity),
          },
        });
        const perm = rows.map((_, k) => k);
        let s = seed;
        for (let k = perm.length - 1; k > 0; k--) {
          s = (s * 1103515245 + 12345) % 2147483648;
          const j = s % (k + 1);
          [perm[k], perm[j]] = [perm[j], perm[k]];
        }
        const a = classify(toInput(rows), { today: T });
        const b = classify(toInput(perm.map((k) => rows[k])), { today: T });
        const known = rows.map((x) => x.profit).filter((p) => p !== null);
        const distinct = new Set(known).size === known.length;
        // Which of two same-named rows is the duplicate depends on their order (the later one,
        // METHOD-NOTES): with repeated names only the Problems cell may move, and the number
        // of duplicate problems (rows − distinct names) never changes.
        const names = rows.map((x) => readText(x.name)).filter((t) => t !== "");
        const uniqueNames = new Set(names).size;
        perm.forEach((from, to) => {
          expect(b.volumePct[to]).toEqual(a.volumePct[from]);
          expect([b.rfmR[to], b.rfmF[to], b.rfmM[to]]).toEqual([a.rfmR[from], a.rfmF[from], a.rfmM[from]]);
          if (distinct && uniqueNames === names.length) expect(outputRow(b, to, "en")).toEqual(outputRow(a, from, "en"));
          else if (distinct) expect(outputRow(b, to, "en").slice(0, -1)).toEqual(outputRow(a, from, "en").slice(0, -1));
        });
        const duplicates = (r: typeof a) => r.problems.filter((p) => p.reason === "duplicate").length;
        expect(duplicates(a)).toBe(names.length - uniqueNames);
        expect(duplicates(b)).toBe(names.length - uniqueNames);
      }),
      { numRuns: 300 },
    );
  });
});

describe("classify's shortcuts agree with the plain rules", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rules = require("../../src/engine/rules") as typeof import("../../src/engine/rules");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DEFAULT_SETTINGS } = require("../../src/engine/settings") as typeof import("../../src/engine/settings");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { releaseClassifyWorkspace } = require("../../src/engine/classify") as typeof import("../../src/engine/classify");

  const row = fc.record({
    name: fc.string({ maxLength: 6 }),
    profit: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(null)),
    prevRevenue: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(null)),
    orders: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(null)),
    lastOrder: fc.oneof(fc.integer({ min: T - 400, max: T }), fc.constant(null)),
    lastContact: fc.oneof(fc.integer({ min: T - 200, max: T }), fc.constant(null)),
    familiarity: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(null)),
    referrals: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant(null)),
    birthday: fc.oneof(fc.integer({ min: 1, max: 12 }).map((m) => `${m}月${(T % 28) + 1}日`), fc.constant(null)),
  });
  type Row = Record<string, CellValue>;
  const toInput = (rs: Row[]): TableInput => {
    const col = (k: string, f: (x: CellValue) => CellValue = (x) => x) => rs.map((x) => f(x[k]));
    const serial = (x: CellValue) => (typeof x === "number" ? x + 25569 : null);
    return {
      rowCount: rs.length,
      columns: {
        name: col("name"),
        profit: col("profit"),
        revenue: col("profit"),
        prevRevenue: col("prevRevenue"),
        orders: col("orders"),
        lastOrder: col("lastOrder", serial),
        lastContact: col("lastContact", serial),
        familiarity: col("familiarity"),
        referrals: col("referrals"),
        birthday: col("birthday"),
      },
    };
  };

  test("next action and overdue equal nextAction with the real jitter on every row", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.integer({ min: -20, max: 20 }), (rows, shift) => {
        const today = T + shift;
        const r = classify(toInput(rows), { today, settings: { ...DEFAULT_SETTINGS } });
        rows.forEach((x, i) => {
          const lc = x.lastContact === null || x.lastContact > today ? NaN : x.lastContact;
          const lo = x.lastOrder === null || x.lastOrder > today ? NaN : x.lastOrder;
          const md = x.birthday === null ? NaN : Number(x.birthday.split("月")[0]) * 100 + ((T % 28) + 1);
          const out = rules.nextAction(
            {
              today,
              tier: r.tier[i] as Tier,
              abc: r.abc[i] as Abc,
              orders: x.orders ?? NaN,
              birthdayDay: rules.nextBirthday(md, today),
              holiday: r.holiday,
              lastOrder: lo,
              lastContact: lc,
              familiarity: x.familiarity ?? NaN,
              referrals: x.referrals ?? NaN,
              gap: r.gap[i],
              jitter: rules.jitterDays(x.name),
            },
            DEFAULT_SETTINGS,
          );
          expect([r.action[i], r.actionVariant[i], r.nextContact[i], r.overdue[i]]).toEqual([
            out.kind,
            out.variant,
            out.due,
            out.overdue,
          ]);
        });
      }),
      { numRuns: 300 },
    );
  });

  test("reusing the kept scratch memory (large then small tables) changes nothing", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.array(row, { minLength: 1, maxLength: 10 }), (big, small) => {
        releaseClassifyWorkspace();
        const fresh = classify(toInput(small), { today: T });
        const rowsFresh = small.map((_, i) => outputRow(fresh, i, "zh"));
        classify(toInput(big), { today: T }); // leaves a bigger scratch buffer behind
        const reused = classify(toInput(small), { today: T });
        expect(small.map((_, i) => outputRow(reused, i, "zh"))).toEqual(rowsFresh);
      }),
      { numRuns: 100 },
    );
  });
});
