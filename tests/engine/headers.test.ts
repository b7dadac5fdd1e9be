import {
  columnLetter,
  fieldOfHeader,
  findHeaderRow,
  HEADER_SYNONYMS,
  LEDGER_FIELDS,
  LEDGER_HEADER_SYNONYMS,
  ledgerFieldOfHeader,
  mapHeaders,
  mapLedgerHeaders,
  mappingMessages,
  mapSummaryColumns,
  normalizeHeader,
  SUMMARY_HEADER_SYNONYMS,
  summaryFieldOfHeader,
} from "../../src/engine/headers";
import { FIELD_KEYS } from "../../src/engine/types";
import { isTotalsLabel } from "../../src/engine/text";

describe("normalizeHeader", () => {
  test("ignores case, spaces, full/half width and brackets", () => {
    expect(normalizeHeader(" Customer ID ")).toBe("customerid");
    expect(normalizeHeader("ＲＥＶＥＮＵＥ")).toBe("revenue");
    expect(normalizeHeader("销售额（元）")).toBe("销售额元");
    expect(normalizeHeader("Gross margin %")).toBe("grossmargin%");
    expect(normalizeHeader("last_order")).toBe("lastorder");
    expect(normalizeHeader("客户名称*")).toBe("客户名称");
    expect(normalizeHeader("客户\u3000名称")).toBe("客户名称");
  });
});

describe("fieldOfHeader", () => {
  test("every METHOD §1 synonym maps to its field", () => {
    for (const field of FIELD_KEYS) {
      for (const lang of ["zh", "en"] as const) {
        for (const word of HEADER_SYNONYMS[field][lang]) expect(fieldOfHeader(word)).toEqual({ field, lang });
      }
    }
  });
  test.each([
    ["销售额(元)", "revenue"],
    ["销售额（元）", "revenue"],
    ["本期销售额【万元】", "revenue"],
    ["Revenue (¥)", "revenue"],
    ["ＲＥＶＥＮＵＥ", "revenue"],
    ["毛利率(%)", "marginRate"],
    ["毛利率（％）", "marginRate"],
    ["Gross Margin (%)", "marginRate"],
    ["GROSS MARGIN %", "marginRate"],
    ["平均逾期天数（天）", "overdueDays"],
    ["Customer-ID", "id"],
    ["last order date (yyyy-mm-dd)", "lastOrder"],
    ["Last Order (date)", "lastOrder"],
    ["prevRevenue", "prevRevenue"],
    ["毛利", "profit"],
    ["毛利额", "profit"],
    ["备注", null],
    ["", null],
  ])("%j → %s", (header, field) => {
    expect(fieldOfHeader(header)?.field ?? null).toBe(field);
  });
});

describe("mapHeaders", () => {
  test("a Chinese header row", () => {
    const m = mapHeaders(["客户名称", "销售额（元）", "上期销售额", "毛利率(%)", "最近下单日期", "备注", null, "熟悉程度"]);
    expect(m.columns).toEqual({ name: 0, revenue: 1, prevRevenue: 2, marginRate: 3, lastOrder: 4, familiarity: 7 });
    expect(m.headers).toEqual(["客户名称", "销售额（元）", "上期销售额", "毛利率(%)", "最近下单日期", "备注", "", "熟悉程度"]);
    expect(m.unmapped).toEqual([5, 6]);
    expect(m.duplicates).toEqual([]);
    expect(m.missing).toEqual([]);
    expect(m.lang).toBe("zh");
  });

  test("an English header row, full-width and odd case", () => {
    const m = mapHeaders(["Customer ID", "Company", "ＲＥＶＥＮＵＥ", "gross profit", "Days Late", "Birthday", 2026]);
    expect(m.columns).toEqual({ id: 0, name: 1, revenue: 2, profit: 3, overdueDays: 4, birthday: 5 });
    expect(m.headers[6]).toBe("2026");
    expect(m.unmapped).toEqual([6]);
    expect(m.lang).toBe("en");
  });

  test("the first column wins; later ones are duplicates, not unused", () => {
    const m = mapHeaders(["客户", "销售额", "年销售额", "Name"]);
    expect(m.columns).toEqual({ name: 0, revenue: 1 });
    expect(m.duplicates).toEqual([
      { field: "name", columns: [0, 3] },
      { field: "revenue", columns: [1, 2] },
    ]);
    expect(m.unmapped).toEqual([]);
    expect(m.lang).toBe("zh"); // 3 Chinese headers, 1 English
  });

  test("missing required fields", () => {
    expect(mapHeaders(["备注", "毛利率"]).missing).toEqual(["name", "value"]);
    expect(mapHeaders(["编号", "毛利"]).missing).toEqual([]);
    expect(mapHeaders(["客户", "Margin rate"]).missing).toEqual(["value"]);
    expect(mapHeaders([]).missing).toEqual(["name", "value"]);
  });

  test("language: most mapped headers; ties go to Chinese", () => {
    expect(mapHeaders(["Name", "Revenue", "毛利"]).lang).toBe("en");
    expect(mapHeaders(["Name", "毛利"]).lang).toBe("zh");
    expect(mapHeaders(["foo", "bar"]).lang).toBe("en");
    expect(mapHeaders(["甲", "乙"]).lang).toBe("zh");
  });

  test("overrides map a column, take it from another field, or unmap", () => {
    const headers = ["客户名称", "销售额", "金额", "毛利"];
    const m = mapHeaders(headers, { revenue: 2, profit: null });
    expect(m.columns).toEqual({ name: 0, revenue: 2 });
    expect(m.unmapped).toEqual([1, 3]);
    const stolen = mapHeaders(headers, { profit: 1 });
    expect(stolen.columns).toEqual({ name: 0, profit: 1 });
    expect(stolen.unmapped).toEqual([2, 3]);
    expect(stolen.missing).toEqual([]);
  });

  test("an override to a column that does not exist is ignored", () => {
    const m = mapHeaders(["客户", "销售额"], { revenue: 9, orders: -1 });
    expect(m.columns).toEqual({ name: 0, revenue: 1 });
  });

  test("an override settles a duplicate", () => {
    const m = mapHeaders(["客户", "销售额", "年销售额"], { revenue: 2 });
    expect(m.columns).toEqual({ name: 0, revenue: 2 });
    expect(m.duplicates).toEqual([]);
    expect(m.unmapped).toEqual([1]);
  });
});

describe("columnLetter", () => {
  test.each([
    [0, "A"],
    [7, "H"],
    [25, "Z"],
    [26, "AA"],
    [51, "AZ"],
    [52, "BA"],
    [701, "ZZ"],
    [702, "AAA"],
  ])("%i → %s", (i, s) => expect(columnLetter(i)).toBe(s));
});

describe("mappingMessages", () => {
  test("zh: missing columns, duplicates, unused", () => {
    const m = mapHeaders(["客户", "客户名称", "备注", "", "价值等级"]);
    expect(mappingMessages(m, "zh", 0, ["价值等级"])).toEqual([
      "缺少必需的列：本期销售额（或毛利）",
      "有多列都像“客户名称”：A 列、B 列；使用 A 列",
      "C 列“备注”未使用",
    ]);
  });
  test("en with the table starting at column C", () => {
    const m = mapHeaders(["Revenue", "Foo", "Revenue"]);
    expect(mappingMessages(m, "en", 2)).toEqual([
      "Missing a required column: Customer (or Customer ID)",
      "Several columns look like “Revenue”: C, E; using C",
      "Column D “Foo” is not used",
    ]);
  });
  test("nothing to say for a clean mapping", () => {
    expect(mappingMessages(mapHeaders(["Name", "Revenue"]), "en")).toEqual([]);
  });
});

describe("METHOD v2 §1 synonyms (real exports)", () => {
  test.each([
    ["客户代码", "id"],
    ["Account ID", "id"],
    ["客户名", "name"],
    ["Customer name", "name"],
    ["Account Name", "name"],
    ["Account", "name"],
    ["Company name", "name"],
    ["销售金额", "revenue"],
    ["Sales Amount", "revenue"],
    ["Total Sales", "revenue"],
    ["上年同期金额", "prevRevenue"],
    ["上年同期", "prevRevenue"],
    ["Prior year sales", "prevRevenue"],
    ["最后交易日期", "lastOrder"],
    ["Last Order Date", "lastOrder"],
    ["Last purchase", "lastOrder"],
    // The account's own turnover in a CRM export, not sales to us (§1).
    ["Annual revenue", null],
    ["Annual Revenue", null],
    // A HubSpot company export (METHOD-NOTES "Headers"): Total Revenue is its closed-won deals.
    ["Record ID", "id"],
    ["Total Revenue", "revenue"],
    ["Recent Deal Close Date", "lastOrder"],
    ["Last Contacted", "lastContact"],
    ["Last Activity Date", null], // notes and tasks too, not only contacts
    ["Recent Deal Amount", null],
    ["Create Date", null],
  ])("%j → %s", (header, field) => {
    expect(fieldOfHeader(header)?.field ?? null).toBe(field);
  });

  test("a Salesforce-style header row maps its name, value and last order", () => {
    const m = mapHeaders(["Account Name", "Account ID", "Annual Revenue", "Sales Amount", "Last Order Date", "Account Owner"]);
    expect(m.columns).toEqual({ name: 0, id: 1, revenue: 3, lastOrder: 4 });
    expect(m.unmapped).toEqual([2, 5]);
    expect(m.missing).toEqual([]);
    expect(m.lang).toBe("en");
  });
});

test("a HubSpot company export's header row maps its id, name, value, last deal and last contacted", () => {
  // HubSpot's own column names and order (a companies export with the deal columns added).
  const m = mapHeaders([
    "Record ID", "Company name", "Company owner", "Create Date", "Phone Number", "Last Activity Date", "City",
    "Country/Region", "Industry", "Annual Revenue", "Total Revenue", "Number of Associated Deals",
    "Recent Deal Amount", "Recent Deal Close Date", "Last Contacted",
  ]); // prettier-ignore
  expect(m.columns).toEqual({ id: 0, name: 1, revenue: 10, lastOrder: 13, lastContact: 14 });
  expect(m.duplicates).toEqual([]);
  expect(m.unmapped).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11, 12]);
  expect(m.missing).toEqual([]);
  expect(m.lang).toBe("en");
  expect(mapSummaryColumns(m.headers)).toEqual({ owner: 2 });
});

describe("owner and region (summaries only)", () => {
  test("every synonym maps", () => {
    for (const field of ["owner", "region"] as const) {
      for (const lang of ["zh", "en"] as const) {
        for (const word of SUMMARY_HEADER_SYNONYMS[field][lang]) {
          expect(summaryFieldOfHeader(word)).toEqual({ field, lang });
        }
      }
    }
  });
  test("the first matching column of each", () => {
    expect(mapSummaryColumns(["客户名称", "区域", "负责销售", "业务员", "销售额"])).toEqual({ region: 1, owner: 2 });
    expect(mapSummaryColumns(["Customer", "Sales Rep", "Territory"])).toEqual({ owner: 1, region: 2 });
    expect(mapSummaryColumns(["Customer", "Revenue"])).toEqual({});
  });
});

describe("ledger headers (§12)", () => {
  test("every §12 synonym maps to its field", () => {
    for (const field of LEDGER_FIELDS) {
      for (const lang of ["zh", "en"] as const) {
        for (const word of LEDGER_HEADER_SYNONYMS[field][lang]) {
          expect(ledgerFieldOfHeader(word)).toEqual({ field, lang });
        }
      }
    }
  });
  test("a Chinese ERP ledger", () => {
    const m = mapLedgerHeaders(["单据日期", "单据编号", "购货单位", "价税合计", "毛利", "到期日", "回款日期", "业务员", "备注"]);
    expect(m.columns).toEqual({
      orderDate: 0,
      orderId: 1,
      name: 2,
      amount: 3,
      lineProfit: 4,
      dueDate: 5,
      paidDate: 6,
      owner: 7,
    });
    expect(m.missing).toEqual([]);
    expect(m.duplicates).toEqual([]);
    expect(m.lang).toBe("zh");
  });
  test("the UCI Online Retail invoice shape", () => {
    const m = mapLedgerHeaders(["InvoiceNo", "InvoiceDate", "CustomerID", "TotalPrice"]);
    expect(m.columns).toEqual({ orderId: 0, orderDate: 1, id: 2, amount: 3 });
    expect(m.missing).toEqual([]);
    expect(m.lang).toBe("en");
  });
  test("missing fields and duplicates", () => {
    const m = mapLedgerHeaders(["日期", "订单日期", "备注"]);
    expect(m.columns).toEqual({ orderDate: 0 });
    expect(m.duplicates).toEqual([{ field: "orderDate", columns: [0, 1] }]);
    expect(m.missing).toEqual(["key", "amount"]);
  });
  test("overrides", () => {
    const m = mapLedgerHeaders(["客户", "日期", "金额", "含税金额"], { amount: 3, name: null, id: 0 });
    expect(m.columns).toEqual({ id: 0, orderDate: 1, amount: 3 });
    expect(m.duplicates).toEqual([]);
  });
});

describe("findHeaderRow", () => {
  test("a bare table: row 0", () => {
    expect(findHeaderRow([["客户名称", "销售额"], ["甲", 1]])).toBe(0);
  });
  test("a merged title row, a blank row, then the header; a units row below is data's business", () => {
    const rows = [
      ["客户销售汇总表 2026年1-10月", null, null, null], // merged A1:D1: the value sits in A1
      [null, null, null, null],
      ["客户名称", "销售额", "毛利率", "最近下单日期"],
      ["", "（元）", "（%）", ""],
      ["甲公司", 1000, 0.3, 46000],
    ];
    expect(findHeaderRow(rows)).toBe(2);
  });
  test("a units row above the header and a report line are not headers", () => {
    const rows = [["单位：元"], ["制表日期", "2026-11-01"], ["Customer", "Sales Rep", "Revenue"]];
    // "制表日期" is no header word; the English header row is the first with two matches.
    expect(findHeaderRow(rows)).toBe(2);
  });
  test("one matching cell is not enough: a title row holding one header word", () => {
    expect(findHeaderRow([["客户", "2026年"], ["InvoiceNo", "InvoiceDate", "CustomerID", "TotalPrice"]])).toBe(1);
  });
  test("a ledger's header counts (§12 words)", () => {
    expect(findHeaderRow([["订单明细"], ["单号", "购货单位", "价税合计"]])).toBe(1);
  });
  test("none within the limit: -1", () => {
    expect(findHeaderRow([["a", "b"], [1, 2]])).toBe(-1);
    expect(findHeaderRow([["x"], ["客户", "销售额"]], 1)).toBe(-1);
    expect(findHeaderRow([])).toBe(-1);
  });
});

describe("isTotalsLabel (text.ts, the one rule for tables and ledgers)", () => {
  test.each([
    ["合计", true],
    ["合  计", true],
    ["总计：", true],
    ["小计", true],
    ["汇总", true],
    ["Total", true],
    ["Grand Total:", true],
    ["SUBTOTAL", true],
    ["合计公司", false],
    ["Totally Fresh Ltd", false],
    ["：合计", false], // only a trailing colon is ignored
    ["", false],
  ])("%j → %s", (text, yes) => expect(isTotalsLabel(text)).toBe(yes));
});
