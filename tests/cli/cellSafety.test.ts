/** Unit rules behind the CSV contract: formula neutralising, plain numbers, XML-safe text. */
import fc from "fast-check";
import {
  csvSafeText,
  looksLikeFormula,
  PLAIN_NUMBER_MAX_BYTES,
  plainNumber,
  plainNumberInto,
  xmlSafeText,
} from "../../src/cli/cellSafety";
import { csvInputCell, csvOutputCell } from "../../src/cli/writeCsv";
import { xlsxOutputValue } from "../../src/cli/writeXlsx";
import { decodeCsvBytes, detectDelimiter } from "../../src/cli/readCsv";
import { isDateFormat } from "../../src/cli/readXlsx";

describe("csvSafeText", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+86 138", "+86 138"], // a phone number (report/inert.ts)
    ["+86 138x", "'+86 138x"],
    ["-A1", "'-A1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["-5", "-5"],
    ["+5", "+5"],
    ["-1.5e3", "-1.5e3"],
    ["-", "'-"],
    ["a=b", "a=b"],
    ["", ""],
    ["'=x", "'=x"],
  ])("%j → %j", (input, expected) => {
    expect(csvSafeText(input)).toBe(expected);
    expect(looksLikeFormula(input)).toBe(expected !== input);
  });
});

describe("plainNumber", () => {
  it.each([
    [0.1, "0.1"],
    [-5, "-5"],
    [1 / 3, "0.3333333333333333"],
    [1.5e-7, "0.00000015"],
    [-1.234e-9, "-0.000000001234"],
    [1e21, "1000000000000000000000"],
    [1.2345e22, "12345000000000000000000"],
  ])("%p → %s", (n, text) => {
    expect(plainNumber(n)).toBe(text);
    expect(Number(text)).toBe(n);
    const buf = new Uint8Array(PLAIN_NUMBER_MAX_BYTES + 3);
    const end = plainNumberInto(n, buf, 3);
    expect(Buffer.from(buf.subarray(3, end)).toString("latin1")).toBe(text);
  });

  test("plainNumberInto writes the bytes of plainNumber for any double", () => {
    const buf = new Uint8Array(PLAIN_NUMBER_MAX_BYTES);
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()), (n) => {
        const end = plainNumberInto(n, buf, 0);
        expect(Buffer.from(buf.subarray(0, end)).toString("latin1")).toBe(plainNumber(n));
      }),
      { numRuns: 5000 },
    );
    for (const n of [-0, 5e-324, -Number.MAX_VALUE, 1e-7, 123456789012345680000, -1000, 1000, 1001])
      expect(Buffer.from(buf.subarray(0, plainNumberInto(n, buf, 0))).toString("latin1")).toBe(
        plainNumber(n),
      );
  });
});

describe("CSV cells", () => {
  it("input cells from a workbook", () => {
    expect(csvInputCell(null)).toBe("");
    expect(csvInputCell(-5)).toBe("-5");
    expect(csvInputCell(true)).toBe("TRUE");
    expect(csvInputCell(new Date("2026-03-05T00:00:00Z"))).toBe("2026-03-05");
    expect(csvInputCell(new Date("2026-03-05T08:30:00Z"))).toBe("2026-03-05 08:30:00");
    expect(csvInputCell("=cmd|'/c calc'!A1")).toBe("'=cmd|'/c calc'!A1");
  });
  it("output cells: DayNumber → ISO date, NaN/null → empty, text neutralised once", () => {
    expect(csvOutputCell(20779, "date")).toBe("2026-11-22");
    expect(csvOutputCell(null, "date")).toBe("");
    expect(csvOutputCell(NaN, "number")).toBe("");
    expect(csvOutputCell(2e-7, "percent")).toBe("0.0000002");
    expect(csvOutputCell("'=x", "text")).toBe("'=x");
    expect(csvOutputCell("=x", "text")).toBe("'=x");
  });
});

describe("XLSX cells", () => {
  it("writes text as it is (string cells are inert), formula-like or not", () => {
    expect(xlsxOutputValue("=x", "text")).toBe("=x");
    expect(xlsxOutputValue("-45", "text")).toBe("-45");
    expect(xlsxOutputValue("'abc", "text")).toBe("'abc");
    expect(xlsxOutputValue(20779, "date")).toEqual(new Date("2026-11-22T00:00:00Z"));
    // Characters XML cannot hold are kept too: the XML writer escapes them as _x0000_.
    expect(xlsxOutputValue("a\u0000b", "text")).toBe("a\u0000b");
  });
  it("xmlSafeText drops characters XML forbids, keeps tabs and line breaks", () => {
    expect(xmlSafeText("a\u0001b\tc\nd\u001f")).toBe("ab\tc\nd");
    expect(xmlSafeText("a\u0001b")).toBe("ab"); // twice: no regex state carried over
  });
  it("isDateFormat", () => {
    expect(["yyyy-mm-dd", "m月d日", '[$-804]yyyy"年"m"月"d"日"', "h:mm"].map(isDateFormat)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["General", "0.0%", "#,##0", '"¥"#,##0.00', undefined].map(isDateFormat)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("CSV reading", () => {
  it("detects the delimiter from the header line", () => {
    expect(detectDelimiter("a,b;c\n1,2")).toBe(",");
    expect(detectDelimiter("a;b;c\n")).toBe(";");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter("a")).toBe(",");
  });
  it("strips a UTF-8 BOM; falls back to GB18030 with a note", () => {
    expect(decodeCsvBytes(Buffer.from("\uFEFF甲,1", "utf8"))).toEqual({ text: "甲,1", note: null });
    const gbk = decodeCsvBytes(Buffer.from("BCD72C31", "hex"));
    expect(gbk.text).toBe("甲,1");
    expect(gbk.note).toContain("GB18030");
  });
});
