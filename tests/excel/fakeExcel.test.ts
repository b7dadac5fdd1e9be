/** The strict double itself behaves as the documentation says (each test names the rule). */
import { addTable, FakeHost, putGrid, readGrid, type FakeContext } from "./fakeExcel";

const run = <T>(host: FakeHost, f: (ctx: FakeContext) => Promise<T>) => host.run(f);
const code = async (p: Promise<unknown>) => p.then(() => "ok", (e: { code?: string }) => e.code);

describe("queue and sync", () => {
  test("nothing is applied before sync; a failing operation keeps what came before and drops the rest", async () => {
    const host = new FakeHost();
    const sheet = host.sheet("Sheet1");
    const result = await code(
      run(host, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Sheet1");
        ws.getRange("A1").values = [["before"]];
        expect(sheet.cell(0, 0)).toBeUndefined();
        ctx.workbook.worksheets.getItem("NoSuchSheet").getRange("A1").values = [["x"]];
        ws.getRange("A2").values = [["after"]];
        await ctx.sync();
      }),
    );
    expect(result).toBe("ItemNotFound");
    expect(readGrid(sheet, "A1:A2")).toEqual([["before"], [""]]);
  });

  test("reading a property before load and sync throws PropertyNotLoaded", async () => {
    const host = new FakeHost();
    await run(host, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      expect(() => r.address).toThrow(/The property .address. is not available/);
      r.load("address");
      expect(() => r.address).toThrow(/not available/);
      await ctx.sync();
      expect(r.address).toBe("Sheet1!A1:B2");
    });
  });

  test("reads see the state in queue order", async () => {
    const host = new FakeHost();
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const r = ws.getRange("A1");
      r.load("values");
      ws.getRange("A1").values = [[5]];
      const again = ws.getRange("A1");
      again.load("values");
      await ctx.sync();
      expect([r.values, again.values]).toEqual([[[""]], [[5]]]);
    });
  });
});

describe("payload limits", () => {
  test("a request over the limit fails with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
    const host = new FakeHost({ requestLimit: 1000 });
    const result = await code(
      run(host, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Sheet1");
        ws.getRange("A1").values = [["small"]];
        ws.getRange("A2:A101").values = Array.from({ length: 100 }, () => ["客户名称"]);
        await ctx.sync();
      }),
    );
    expect(result).toBe("RequestPayloadSizeLimitExceeded");
    expect(host.sheet("Sheet1").cell(0, 0)).toBeUndefined();
  });

  test("a response over the limit fails with ResponsePayloadSizeLimitExceeded; a read over 5 M cells fails", async () => {
    const host = new FakeHost({ responseLimit: 1000 });
    putGrid(host.sheet("Sheet1"), "A1", Array.from({ length: 100 }, () => ["客户名称很长很长"]));
    expect(await code(run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A100").load("values");
      await ctx.sync();
    }))).toBe("ResponsePayloadSizeLimitExceeded");
    expect(await code(run(new FakeHost(), async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:E1000001").load("values");
      await ctx.sync();
    }))).toBe("RangeExceedsLimit");
  });
});

describe("typed input through Range.values", () => {
  test("formulas, numbers, percentages, dates, booleans; a leading ' is a text constant; @ keeps strings", async () => {
    const host = new FakeHost();
    const inputs = ["=A1", "+1+1", "-x", "@SUM(A1)", "12%", "1,234", "2026-03-05", "TRUE", "007", "'=A1", "'007", "客户", "-5"];
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:M1").values = [inputs];
      ws.getRange("A2:C2").numberFormat = [["@", "@", "@"]];
      ws.getRange("A2:C2").values = [["=A1", "007", "2026-03-05"]];
      await ctx.sync();
    });
    const s = host.sheet("Sheet1");
    expect(readGrid(s, "A1:M1")[0]).toEqual(["#NAME?", "#NAME?", "#NAME?", "#NAME?", 0.12, 1234, 46086, true, 7, "=A1", "007", "客户", -5]);
    expect(readGrid(s, "A1:D1", (c) => c?.formula)[0]).toEqual(["=A1", "=+1+1", "=-x", "=@SUM(A1)"]);
    expect(readGrid(s, "A2:C2")[0]).toEqual(["=A1", "007", "2026-03-05"]);
  });
});

describe("worksheets", () => {
  test("a VeryHidden sheet cannot be deleted (InvalidOperation); Hidden first, then it can", async () => {
    const host = new FakeHost();
    host.addSheet("snap").visibility = "VeryHidden";
    expect(await code(run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem("snap").delete();
      await ctx.sync();
    }))).toBe("InvalidOperation");
    await run(host, async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("snap");
      s.visibility = "Hidden";
      s.delete();
      await ctx.sync();
    });
    expect(host.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  test("the last visible sheet can be neither deleted nor hidden", async () => {
    const host = new FakeHost();
    expect(await code(run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").visibility = "Hidden";
      await ctx.sync();
    }))).toBe("InvalidOperation");
    expect(await code(run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").delete();
      await ctx.sync();
    }))).toBe("InvalidOperation");
  });
});

describe("calculation", () => {
  test("writes under suspendApiCalculationUntilNextSync leave formulas stale until calculate", async () => {
    const host = new FakeHost();
    await run(host, async (ctx) => {
      ctx.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await ctx.sync();
      expect(host.formulasStale).toBe(true);
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [[2]];
      await ctx.sync();
      expect(host.formulasStale).toBe(true);
      ctx.application.calculate("Full");
      await ctx.sync();
    });
    expect([host.formulasStale, host.calculations]).toEqual([false, ["Full"]]);
  });
});

describe("tables", () => {
  test("getRange includes header and totals; getDataBodyRange follows showTotals", async () => {
    const host = new FakeHost();
    putGrid(host.sheet("Sheet1"), "A1", [["名称", "金额"], ["甲", 1], ["乙", 2], ["合计", 3]]);
    addTable(host, "Sheet1", "A1:B4", "T", { showTotals: true });
    const addrs = await run(host, async (ctx) => {
      const t = ctx.workbook.tables.getItem("T");
      const all = t.getRange().load("address");
      const body = t.getDataBodyRange().load("address");
      const head = t.getHeaderRowRange().load("address");
      await ctx.sync();
      t.showTotals = false;
      const body2 = t.getDataBodyRange().load("address");
      const all2 = t.getRange().load("address");
      await ctx.sync();
      return [all.address, head.address, body.address, all2.address, body2.address];
    });
    expect(addrs).toEqual(["Sheet1!A1:B4", "Sheet1!A1:B1", "Sheet1!A2:B3", "Sheet1!A1:B3", "Sheet1!A2:B3"]);
  });

  test("headers are unique: a resize over a repeated header renames the new one", async () => {
    const host = new FakeHost();
    const s = host.sheet("Sheet1");
    putGrid(s, "A1", [["名称", "潜力得分", "潜力得分", ""], ["甲", 1, 2, 3]]);
    addTable(host, "Sheet1", "A1:B2", "T");
    await run(host, async (ctx) => {
      ctx.workbook.tables.getItem("T").resize("Sheet1!A1:D2");
      await ctx.sync();
    });
    expect(readGrid(s, "A1:D1")[0]).toEqual(["名称", "潜力得分", "潜力得分2", "Column4"]);
  });
});

describe("selection and cell edit", () => {
  test("getSelectedRange fails on a multi-area selection", async () => {
    const host = new FakeHost();
    host.select("Sheet1", "A1:A3", "C1:C3");
    expect(await code(run(host, async (ctx) => {
      ctx.workbook.getSelectedRange().load("address");
      await ctx.sync();
    }))).toBe("InvalidSelection");
  });

  test("Excel.run fails in cell-edit mode unless delayForCellEdit, which waits for the edit to end", async () => {
    const host = new FakeHost();
    host.beginCellEdit();
    expect(await code(host.run(async () => 1))).toBe("InvalidOperationInCellEditMode");
    const delayed = host.run({ delayForCellEdit: true }, async () => "ran");
    let done = false;
    void delayed.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    host.endCellEdit();
    expect(await delayed).toBe("ran");
  });
});

describe("charts", () => {
  test("a blank top-left cell makes the first column the categories; otherwise numbers are a series", async () => {
    const host = new FakeHost();
    const s = host.sheet("Sheet1");
    putGrid(s, "A1", [["", "a", "b"], [0.5, 1, 2], [1, 3, 4]]);
    putGrid(s, "E1", [["x", "a", "b"], [0.5, 1, 2], [1, 3, 4]]);
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.charts.add("Line", ws.getRange("A1:C3"), "Columns");
      ws.charts.add("Line", ws.getRange("E1:G3"), "Columns");
      await ctx.sync();
    });
    expect(s.charts.map((c) => [c.categories, c.series.map((x) => x.name)])).toEqual([
      [[0.5, 1], ["a", "b"]],
      [null, ["x", "a", "b"]],
    ]);
  });
});

describe("requirement sets", () => {
  test("a member above the host's ExcelApi fails with ApiNotFound; hosts below 1.10 are refused", async () => {
    const host = new FakeHost({ excelApi: "1.12" });
    putGrid(host.sheet("Sheet1"), "A1", [["a"], ["b"]]);
    addTable(host, "Sheet1", "A1:A2", "T");
    expect(await code(run(host, async (ctx) => {
      ctx.workbook.tables.getItem("T").resize("A1:B2");
      await ctx.sync();
    }))).toBe("ApiNotFound");
    expect(host.isSetSupported("ExcelApi", "1.12")).toBe(true);
    expect(host.isSetSupported("ExcelApi", "1.13")).toBe(false);
    expect(() => new FakeHost({ excelApi: "1.9" })).toThrow(/SharedRuntime 1.1 hosts have ExcelApi ≥ 1.10/);
  });
});
