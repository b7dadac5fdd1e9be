import { blockAddress, columnIndex, columnLetters, parseAddress, rangeA1 } from "../../src/excel/a1";
import { asTextConstant, cellBytes, rowBytes, utf8Bytes } from "../../src/excel/cellText";
import { DEFAULT_BYTE_BUDGET, planChunks, writeInChunks } from "../../src/excel/chunkedWrite";
import { detectOwnColumns, planLayout } from "../../src/excel/layout";
import { restorableCell, runsOf } from "../../src/excel/snapshot";
import { Capabilities } from "../../src/excel/requirements";
import { columnFormat } from "../../src/excel/formats";

describe("A1 addresses", () => {
  test("column letters at the boundaries", () => {
    expect(columnLetters(0)).toBe("A");
    expect(columnLetters(25)).toBe("Z");
    expect(columnLetters(26)).toBe("AA");
    expect(columnLetters(701)).toBe("ZZ");
    expect(columnLetters(702)).toBe("AAA");
    expect(columnLetters(16383)).toBe("XFD");
    expect(columnIndex("XFD")).toBe(16383);
    expect(columnIndex("aa")).toBe(26);
  });
  test("ranges and sheet quoting", () => {
    expect(rangeA1(0, 0)).toBe("A1");
    expect(rangeA1(1, 1, 1048575, 14)).toBe("B2:O1048576");
    expect(blockAddress({ sheet: "Sheet1", row: 0, col: 0, rowCount: 2, colCount: 2 })).toBe("Sheet1!A1:B2");
    expect(blockAddress({ sheet: "客户 表", row: 0, col: 0, rowCount: 1, colCount: 1 })).toBe("'客户 表'!A1");
    expect(blockAddress({ sheet: "O'Brien", row: 0, col: 0, rowCount: 1, colCount: 1 })).toBe("'O''Brien'!A1");
  });
  test("parsing", () => {
    expect(parseAddress("Sheet1!B2:D9")).toEqual({ sheet: "Sheet1", row: 1, col: 1, rowCount: 8, colCount: 3 });
    expect(parseAddress("'My ''x'' sheet'!$C$3")).toEqual({ sheet: "My 'x' sheet", row: 2, col: 2, rowCount: 1, colCount: 1 });
    expect(parseAddress("A:C")).toEqual({ sheet: "", row: 0, col: 0, rowCount: 1048576, colCount: 3 });
    expect(parseAddress("3:5")).toEqual({ sheet: "", row: 2, col: 0, rowCount: 3, colCount: 16384 });
    expect(parseAddress("not an address")).toBeNull();
  });
});

describe("cell text: formula-looking strings become text constants", () => {
  test("= + - @ get Excel's quote prefix; others are unchanged", () => {
    expect(asTextConstant("=SUM(A1:A3)")).toBe("'=SUM(A1:A3)");
    expect(asTextConstant("+86 10 1234")).toBe("'+86 10 1234");
    expect(asTextConstant("-5%")).toBe("'-5%");
    expect(asTextConstant("@home")).toBe("'@home");
    expect(asTextConstant("'quoted")).toBe("''quoted");
    expect(asTextConstant("甲公司=好")).toBe("甲公司=好");
    expect(asTextConstant(null)).toBe("");
    expect(asTextConstant(NaN)).toBe("");
    expect(asTextConstant(-5)).toBe(-5);
  });
  test("the engine's raw texts: RFM with an unknown R, tab/CR starts, labels", () => {
    expect(asTextConstant("-45")).toBe("'-45");
    expect(asTextConstant("=1+2")).toBe("'=1+2");
    expect(asTextConstant("\tx")).toBe("'\tx");
    expect(asTextConstant("\rx")).toBe("'\rx");
    expect(asTextConstant("A类")).toBe("A类");
  });
  test("byte estimates", () => {
    expect(utf8Bytes("abc")).toBe(3);
    expect(utf8Bytes("天王巨星")).toBe(12);
    expect(utf8Bytes('a"b')).toBe(4); // the quote is escaped
    expect(utf8Bytes("😀")).toBe(4);
    expect(cellBytes("abc")).toBe(6);
    expect(cellBytes(12.5)).toBe(5);
    expect(cellBytes(null)).toBe(5);
    expect(rowBytes(["ab", 1], ["@", "0"])).toBe(2 + 5 + 2 + 2 + 4 + 4);
  });
});

describe("chunk planner", () => {
  // 14 cells of 10 ASCII characters (13 bytes each) plus 14 formats "@" (4 bytes each):
  // 2 + 14×13 = 184 bytes of values, 2 + 14×4 = 58 of formats → 242 bytes a row.
  const row = Array.from({ length: 14 }, () => "abcdefghij");
  const fmt = Array.from({ length: 14 }, () => "@");
  test("a row of 14 columns is 242 bytes", () => {
    expect(rowBytes(row, fmt)).toBe(242);
  });
  test("1,048,575 rows × 14 columns: 61 chunks of at most 17,331 rows, none over 4 MB", () => {
    const chunks = planChunks(1048575, () => 242);
    // floor(4,194,304 / 242) = 17,331 rows a chunk; ceil(1,048,575 / 17,331) = 61 chunks.
    expect(chunks).toHaveLength(61);
    expect(chunks[0]).toEqual({ start: 0, end: 17331, bytes: 17331 * 242 });
    expect(Math.max(...chunks.map((c) => c.bytes))).toBe(4194102);
    expect(chunks[60]).toEqual({ start: 60 * 17331, end: 1048575, bytes: (1048575 - 60 * 17331) * 242 });
    expect(DEFAULT_BYTE_BUDGET).toBe(4194304);
  });
  test("boundaries: exactly the budget fits, one byte more starts a new chunk", () => {
    expect(planChunks(4, () => 25, 100).map((c) => [c.start, c.end])).toEqual([[0, 4]]);
    expect(planChunks(5, () => 25, 100).map((c) => [c.start, c.end])).toEqual([[0, 4], [4, 5]]);
    expect(planChunks(2, () => 150, 100).map((c) => [c.start, c.end])).toEqual([[0, 1], [1, 2]]);
    expect(planChunks(0, () => 1)).toEqual([]);
  });
  test("the writer: one sync per chunk, progress after each, rows in order", async () => {
    const writes: [number, number][] = [];
    let flushes = 0;
    const progress: number[] = [];
    const out = await writeInChunks(
      { rowCount: 1048575, row: () => row, formats: () => fmt },
      {
        write: (start, values, formats) => {
          writes.push([start, values.length]);
          expect(formats).toHaveLength(values.length);
        },
        flush: async () => {
          flushes++;
        },
      },
      { onProgress: (f) => progress.push(f) },
    );
    expect(out).toEqual({ rowsWritten: 1048575, cancelled: false, syncs: 61, largestChunkBytes: 4194102 });
    expect(flushes).toBe(61);
    expect(writes[1]).toEqual([17331, 17331]);
    expect(writes.reduce((n, w) => n + w[1], 0)).toBe(1048575);
    expect(progress).toHaveLength(61);
    expect(progress[60]).toBe(1);
  });
  test("the writer stops between chunks when cancelled", async () => {
    const ac = new AbortController();
    let flushes = 0;
    const out = await writeInChunks(
      { rowCount: 10, row: () => ["x"] },
      { write: () => undefined, flush: async () => void (++flushes === 2 && ac.abort()) },
      { budget: 12, signal: ac.signal },
    );
    // ["x"] is 2 + 4 = 6 bytes: two rows a chunk; cancelled after the second chunk.
    expect(out).toEqual({ rowsWritten: 4, cancelled: true, syncs: 2, largestChunkBytes: 12 });
  });
});

describe("own columns and layout", () => {
  const ours = ["价值等级", "ABC分类", "价值占比", "大客户指数", "潜力得分", "建议关系水平", "关系差距", "下一步行动", "下次联系日期", "风险提示", "销售策略", "RFM", "依据", "数据问题"];
  test("ours = all 14 §11 headers in order (the CLI's rule too); fewer, or a lone one, is the user's", () => {
    expect(detectOwnColumns(["客户名称", "潜力得分", "销售额"])).toEqual([]);
    expect(detectOwnColumns(["客户名称", "RFM", "价值等级", "ABC分类"])).toEqual([]);
    expect(detectOwnColumns(["客户名称", "价值等级", "ABC分类", "价值占比"])).toEqual([]);
    expect(detectOwnColumns(["Name", "Tier", "ABC", "Value share", "Key account index"])).toEqual([]);
    // 潜力得分 (input) then our block: the input column is not part of our run.
    expect(detectOwnColumns(["客户名称", "潜力得分", ...ours])).toEqual(ours.map((_, i) => i + 2));
  });
  test("fresh columns go right after the block when it is free", () => {
    const l = planLayout({ firstColumn: 0, columnCount: 4, headers: ["a", "b", "c", "d"], emptyRight: Array(30).fill(true), emptyFrom: 4 });
    expect(l.columns).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(l.adjacent).toBe(true);
  });
  test("data to the right pushes them past it, never over it", () => {
    const empty = Array(30).fill(true);
    empty[3] = false; // column H (4 + 3) holds user data
    const l = planLayout({ firstColumn: 0, columnCount: 4, headers: ["a", "b", "c", "d"], emptyRight: empty, emptyFrom: 8 });
    expect(l.columns[0]).toBe(8);
    expect(l.columns[13]).toBe(21);
    expect(l.adjacent).toBe(false);
  });
  test("a re-run reuses its columns and writes nothing new", () => {
    const l = planLayout({ firstColumn: 0, columnCount: 18, headers: ["a", "b", "c", "d", ...ours], emptyRight: [], emptyFrom: 18 });
    expect(l.columns).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(l.newColumns).toEqual([]);
  });
  test("runs group adjacent columns", () => {
    expect(runsOf([5, 6, 7, 10, 11, 2])).toEqual([{ col: 2, count: 1 }, { col: 5, count: 3 }, { col: 10, count: 2 }]);
  });
});

describe("snapshot cells and formats", () => {
  test("a real formula is kept, a text that looks like one is quoted", () => {
    expect(restorableCell("=A1*2", 4)).toBe("=A1*2");
    expect(restorableCell("=abc", "=abc")).toBe("'=abc");
    expect(restorableCell(5, 5)).toBe(5);
    expect(restorableCell("", "")).toBe("");
  });
  test("column formats", () => {
    expect(columnFormat("share")).toBe("0.0%");
    expect(columnFormat("nextContact")).toBe("yyyy-mm-dd");
    expect(columnFormat("keyIndex")).toBe("0");
    expect(columnFormat("rfm")).toBe("@");
    expect(columnFormat("gap")).toBe("0");
    expect(columnFormat("potential")).toBe("General");
  });
  test("capabilities name the missing set", () => {
    const caps = new Capabilities((_, v) => v === "1.1");
    expect(caps.has("charts")).toBe(true);
    expect(caps.has("tableResize")).toBe(false);
    expect(caps.warning("tableResize", "en")).toBe(
      "This version of Excel does not support adding the result columns to the Excel table (needs ExcelApi 1.13); skipped.",
    );
    expect(caps.warning("charts", "zh")).toBe("此 Excel 版本不支持帕累托图（需要 ExcelApi 1.1），已跳过。");
    expect(new Capabilities(() => { throw new Error("no Office"); }).has("sort")).toBe(false);
  });
});
