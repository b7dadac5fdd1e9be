/**
 * deriveCustomers (typed arrays, buckets, one-line caches) against a plain reading of §12 written
 * line by line from METHOD.md, on random small ledgers (fast-check).
 */
import fc from "fast-check";
import { dayFromYmd, ymdFromDay } from "../../src/engine/days";
import { deriveCustomers, ledgerPeriods } from "../../src/engine/ledger";

const TODAY = dayFromYmd(2026, 3, 31);

interface Line {
  id: string | null;
  name: string | null;
  day: number | Boundary; // offset from TODAY (may be after today), or a period boundary
  amount: number | null; // null: blank
  order: string | null;
}

type Boundary = "start" | "start+1" | "prevStart" | "prevStart+1" | "today" | "tomorrow";
const BOUNDARIES: Boundary[] = ["start", "start+1", "prevStart", "prevStart+1", "today", "tomorrow"];

function dayOf(l: Line, P: number): number {
  if (typeof l.day === "number") return TODAY + l.day;
  const { start, prevStart } = ledgerPeriods(TODAY, P);
  const at = {
    start,
    "start+1": start + 1,
    prevStart,
    "prevStart+1": prevStart + 1,
    today: TODAY,
    tomorrow: TODAY + 1,
  };
  return at[l.day];
}

const lineArb: fc.Arbitrary<Line> = fc.record({
  id: fc.constantFrom(null, "", "1", "2", "3"),
  name: fc.constantFrom(null, "甲", "乙", " 甲 ", "合计"),
  day: fc.oneof(fc.integer({ min: -900, max: 5 }), fc.constantFrom(...BOUNDARIES)),
  amount: fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: -50, max: 500 })),
  order: fc.constantFrom(null, "A", "B", "C", "D"),
});

/** §12 read plainly: one object per customer, filters and sets. */
function reference(lines: Line[], P: number) {
  const { start, prevStart } = ledgerPeriods(TODAY, P);
  const keyOf = (l: Line) => {
    const id = (l.id ?? "").trim();
    if (id) return "i" + id;
    const name = (l.name ?? "").trim();
    return name ? "n" + name : "";
  };
  const read = lines
    .map((l) => ({ ...l, key: keyOf(l), date: dayOf(l, P) }))
    .filter((l) => l.key && l.key !== "n合计" && l.amount !== null && l.date <= TODAY);
  const keys = [...new Set(read.map((l) => l.key))];
  return keys.map((key) => {
    const mine = read.filter((l) => l.key === key);
    const current = mine.filter((l) => l.date > start);
    const previous = mine.filter((l) => l.date > prevStart && l.date <= start);
    const purchases = mine.filter((l) => l.amount! >= 0);
    const firstOrder = purchases.length ? Math.min(...purchases.map((l) => l.date)) : NaN;
    const lastOrder = purchases.length ? Math.max(...purchases.map((l) => l.date)) : NaN;
    const currentPurchases = current.filter((l) => l.amount! >= 0);
    const ids = new Set(currentPurchases.filter((l) => l.order).map((l) => l.order));
    const noIdDates = new Set(currentPurchases.filter((l) => !l.order).map((l) => l.date));
    const months = new Set(
      currentPurchases.map((l) => {
        const { y, m } = ymdFromDay(l.date);
        return y * 12 + m;
      }),
    );
    return {
      revenue: current.reduce((s, l) => s + l.amount!, 0),
      prevRevenue: firstOrder <= start ? previous.reduce((s, l) => s + l.amount!, 0) : NaN,
      orders: ids.size + noIdDates.size,
      activeMonths: Math.min(12, months.size),
      firstOrder,
      lastOrder,
      dates: [...new Set(purchases.map((l) => l.date))].sort((a, b) => a - b),
    };
  });
}

test("the fast aggregation equals §12 read plainly", () => {
  fc.assert(
    fc.property(fc.array(lineArb, { maxLength: 40 }), fc.constantFrom(1, 6, 12), (lines, P) => {
      const d = deriveCustomers(
        {
          rowCount: lines.length,
          columns: {
            id: lines.map((l) => l.id),
            name: lines.map((l) => l.name),
            orderDate: lines.map((l) => dayOf(l, P) + 25569), // Excel serials
            amount: lines.map((l) => l.amount),
            orderId: lines.map((l) => l.order),
          },
        },
        { today: TODAY, periodMonths: P },
      );
      const ref = reference(lines, P);
      expect(d.count).toBe(ref.length);
      ref.forEach((r, c) => {
        expect([
          c,
          d.revenue[c],
          d.prevRevenue[c],
          d.orders[c],
          d.activeMonths[c],
          d.firstOrder[c],
          d.lastOrder[c],
        ]).toEqual([c, r.revenue, r.prevRevenue, r.orders, r.activeMonths, r.firstOrder, r.lastOrder]);
        expect(Array.from(d.purchaseDays.subarray(d.purchaseStart[c], d.purchaseStart[c + 1]))).toEqual(
          r.dates,
        );
      });
    }),
    { numRuns: 300 },
  );
});
