/**
 * crm-classify end to end on CSV fixtures, in-process, with --today 2026-11-22.
 *
 * small-zh.csv, checked by hand against METHOD.md (value = revenue, no margin column):
 *   甲 600, 乙 250, 丙 100, 丁 50, 戊 "abc" → total 1000.
 *   §2 ABC: before(甲)=0, before(乙)=600 < 800 → A, A; before(丙)=850 < 950 → B; before(丁)=950 → C.
 *   §4 tiers: 乙 growth (250−500)/500 = −0.5 ≤ −0.3 → Fading; 甲 class A → Star;
 *        丙 growth (100−50)/50 = +1.0 ≥ 0.3 → Rising; 丁 → Regular; 戊 no value → Insufficient.
 *   §5 index (weights .40 volume, .25 continuity, .15 growth; payment unknown):
 *        甲 (.4·1 + .25·10/12 + .15·1)/.8 = .9479 → 95; 乙 (.4·2/3 + .25·5/12 + .15·0)/.8 = .4635 → 46;
 *        丙 (.4·1/3 + .25·3/12 + .15·1)/.8 = .4323 → 43; 丁 (.25·1/12)/.65 = .0321 → 3 (growth unknown).
 *   §7 no margin → medium band: A → 主动, B → 可靠, C → 反应, Insufficient → 一般.
 *   §10 RFM: recency 21/52/82/7 days, orders 10/5/3/1, value 600/250/100/50 → 455, 344, 233, 522.
 *   §8 甲: Star, last contact 2 days ago → 情感电话, due 11-20 + 14 + jitter(甲公司)=+1 → 2026-12-05
 *        (FNV-1a of "甲公司" = 1271803138, mod 7 = 4, jitter = 4 − 3 = 1).
 *      乙: Fading → win-back due today, class A → 登门拜访; regular due ≈ 10-31 → overdue.
 *      丙: regular due ≈ 10-01 → today, 电话回访, overdue. 丁: after-sale due 11-15 + 7 = 11-22 ties
 *      with the regular contact (no last contact → today); lower number wins → 售后回访.
 *      戊: no last contact → regular contact today.
 */
import { readFileSync, existsSync } from "fs";
import { fixture, readCsvOut, runCli, sha256, tempDir } from "./helpers";

// Workbooks are zipped and unzipped; leave room on a busy 2-core machine.
jest.setTimeout(30_000);
const TODAY = ["--today", "2026-11-22"];
const INPUT_COLUMNS = 7;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe("CSV → CSV, Chinese headers", () => {
  it("keeps the input columns and adds the §11 columns with hand-checked values", async () => {
    const out = tmp.file("out.csv");
    const before = sha256(fixture("small-zh.csv"));
    const r = await runCli([fixture("small-zh.csv"), "--out", out, ...TODAY]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(sha256(fixture("small-zh.csv"))).toBe(before);

    const { raw, rows } = readCsvOut(out);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows[0]).toEqual([
      "客户名称", "销售额", "上期销售额", "订单数", "最近下单日期", "最近联系日期", "备注",
      "价值等级", "ABC分类", "价值占比", "大客户指数", "潜力得分", "建议关系水平", "关系差距",
      "下一步行动", "下次联系日期", "风险提示", "销售策略", "RFM", "依据", "数据问题",
    ]);
    expect(rows).toHaveLength(6);
    const out14 = rows.slice(1).map((r) => r.slice(INPUT_COLUMNS));
    const noWhy = out14.map((r) => [...r.slice(0, 12), r[13]]);
    expect(noWhy).toEqual([
      ["天王巨星", "A", "0.6", "95", "", "主动", "", "定期联系：情感电话", "2026-12-05", "", "", "455", ""],
      ["明日黄花", "A", "0.25", "46", "", "主动", "", "挽回：登门拜访，了解下滑原因", "2026-11-22", "", "", "344", ""],
      ["后起之秀", "B", "0.1", "43", "", "可靠", "", "定期联系：电话回访", "2026-11-22", "", "", "233", ""],
      ["一般客户", "C", "0.05", "3", "", "反应", "", "售后回访：回访使用情况和满意度", "2026-11-22", "", "", "522", ""],
      ["数据不足", "", "", "", "", "一般", "", "定期联系：电话回访", "2026-11-22", "", "", "", '销售额：无法识别为数字（"abc"）'],
    ]);
    // Why: overdue regular contacts end with 逾期N天; the others do not.
    expect(out14.map((r) => /超期未联系\d+天$/.test(r[12]))).toEqual([false, true, true, false, false]);
    expect(out14[0][12]).toMatch(/^A类/);
  });

  it("passes input cells through as read, neutralising formula-like strings but not numbers", async () => {
    const out = tmp.file("out.csv");
    await runCli([fixture("small-zh.csv"), "--out", out, ...TODAY]);
    const { rows } = readCsvOut(out);
    expect(rows.slice(1).map((r) => r.slice(0, INPUT_COLUMNS))).toEqual([
      ["甲公司", "600", "400", "10", "2026-11-01", "2026-11-20", `'=HYPERLINK("http://x")`],
      ["乙公司", "250", "500", "5", "2026-10-01", "2026-10-01", "-5"],
      ["丙公司", "100", "50", "3", "2026-09-01", "2026-09-01", "+86 138 0000 0000"], // a phone number stays as it is (report/inert.ts)
      ["丁公司", "50", "", "1", "2026-11-15", "", "'@SUM(A1)"],
      ["戊公司", "abc", "", "", "", "", ""],
    ]);
  });

  it("prints the summary on stdout: customers and value share per tier, problems", async () => {
    const out = tmp.file("out.csv");
    const r = await runCli([fixture("small-zh.csv"), "--out", out, ...TODAY]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`已分级 5 位客户 → ${out}`);
    expect(lines.slice(1, 7).map((l) => l.trim().split(/\s+/))).toEqual([
      ["价值等级", "客户数", "价值占比"],
      ["天王巨星", "1", "60.0%"],
      ["后起之秀", "1", "10.0%"],
      ["一般客户", "1", "5.0%"],
      ["明日黄花", "1", "25.0%"],
      ["数据不足", "1", "0.0%"],
    ]);
    expect(lines.slice(7, 11).map((l) => l.trim().split(/\s+/))).toEqual([
      ["ABC分类", "客户数", "价值占比"],
      ["A", "2", "85.0%"],
      ["B", "1", "10.0%"],
      ["C", "1", "5.0%"],
    ]);
    expect(lines[11]).toBe("超期未联系：2 位客户");
    expect(lines[12]).toBe("数据问题：1 个单元格（1 位客户），详见“数据问题”列");
  });
});

describe("progress", () => {
  it("goes to stderr only on a terminal, and is cleared before the summary", async () => {
    const { run } = await import("../../src/cli/main");
    let stderr = "";
    const code = await run([fixture("small-zh.csv"), "--out", tmp.file("o.csv"), ...TODAY], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      isTTY: true,
    });
    expect(code).toBe(0);
    expect(stderr).toContain("正在分级 5 位客户… / classifying 5 customers…");
    expect(stderr.endsWith("\r\x1b[K")).toBe(true);
  });
});

describe("re-running on its own output", () => {
  it("replaces the earlier §11 block instead of appending a second one (same file again)", async () => {
    const first = tmp.file("first.csv");
    const second = tmp.file("second.csv");
    await runCli([fixture("small-zh.csv"), "--out", first, ...TODAY]);
    const r = await runCli([first, "--out", second, ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("已用本次结果替换");
    expect(readFileSync(second, "utf8")).toBe(readFileSync(first, "utf8"));
  });
});

describe("CSV → CSV, English headers", () => {
  it("answers in English when the headers are English", async () => {
    const out = tmp.file("out.csv");
    const r = await runCli([fixture("small-en.csv"), "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    const { rows } = readCsvOut(out);
    expect(rows[0].slice(INPUT_COLUMNS)).toEqual([
      "Tier", "ABC", "Value share", "Key account index", "Potential", "Relationship level", "Familiarity gap",
      "Next action", "Next contact", "Risk flags", "Strategy", "RFM", "Why", "Problems",
    ]);
    const noWhy = rows.slice(1).map((row) => row.slice(INPUT_COLUMNS)).map((r) => [...r.slice(0, 12), r[13]]);
    // FNV-1a("Alpha Ltd") = 3431711895, mod 7 = 3 → jitter 0 → 11-20 + 14 = 12-04.
    expect(noWhy).toEqual([
      ["Star", "A", "0.6", "95", "", "Proactive", "", "Regular contact: Personal call to keep in touch", "2026-12-04", "", "", "455", ""],
      ["Fading", "A", "0.25", "46", "", "Proactive", "", "Win-back: Visit in person to learn why business has dropped", "2026-11-22", "", "", "344", ""],
      ["Rising", "B", "0.1", "43", "", "Accountable", "", "Regular contact: Follow-up call", "2026-11-22", "", "", "233", ""],
      ["Regular", "C", "0.05", "3", "", "Reactive", "", "After-sale follow-up: Check how the order went and whether they are satisfied", "2026-11-22", "", "", "522", ""],
      ["Insufficient data", "", "", "", "", "Basic", "", "Regular contact: Follow-up call", "2026-11-22", "", "", "", 'Revenue: not a number ("abc")'],
    ]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`Classified 5 customers → ${out}`);
    expect(lines.slice(-4)).toEqual([
      "Contacts overdue: 2 customers",
      "Problems: 1 cell (1 customer); see the Problems column",
      "Value share of the Stars: 60.0%",
      "Evaluation date: 2026-11-22",
    ]);
  });

  it("--lang zh overrides the headers' language", async () => {
    const out = tmp.file("out.csv");
    await runCli([fixture("small-en.csv"), "--out", out, ...TODAY, "--lang", "zh"]);
    const { rows } = readCsvOut(out);
    expect(rows[0][INPUT_COLUMNS]).toBe("价值等级");
    expect(rows[1][INPUT_COLUMNS]).toBe("天王巨星");
  });
});

describe("the CSV contract", () => {
  it("joins risk flags with ；, keeps the share an unrounded fraction and dates ISO", async () => {
    // One customer: class A (nothing ranks above it); orders 1 → one-off; margin 0.40 → 0.30 → squeeze;
    // 45 days late > 30 → payment risk. Two more rows make the shares non-round: 1/3 each.
    const input = tmp.file("risk.csv");
    require("fs").writeFileSync(
      input,
      "客户名称,毛利,订单数,毛利率,上期毛利率,平均逾期天数\n甲,100,1,0.30,0.40,45\n乙,100,5,,,\n丙,100,5,,,\n",
    );
    const out = tmp.file("risk.out.csv");
    const r = await runCli([input, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    const { rows } = readCsvOut(out);
    const col = (h: string) => rows[0].indexOf(h);
    expect(rows[1][col("风险提示")]).toBe("一次性大单；压价风险；回款风险");
    expect(rows[1][col("价值占比")]).toBe(String(1 / 3));
    expect(Number(rows[1][col("价值占比")])).toBe(1 / 3);
    expect(rows[1][col("下次联系日期")]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("decodes a GB18030 (GBK) file and says so on stderr", async () => {
    const input = tmp.file("gbk.csv");
    // "客户名称,销售额\r\n甲公司,100\r\n" in GBK.
    require("fs").writeFileSync(input, Buffer.from("BFCDBBA7C3FBB3C62CCFFACADBB6EE0D0ABCD7B9ABCBBE2C3130300D0A", "hex"));
    const out = tmp.file("gbk.out.csv");
    const r = await runCli([input, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("GB18030");
    const { rows } = readCsvOut(out);
    expect(rows[0].slice(0, 3)).toEqual(["客户名称", "销售额", "价值等级"]);
    expect(rows[1].slice(0, 4)).toEqual(["甲公司", "100", "天王巨星", "A"]);
  });

  it("reads a UTF-8 file with BOM, semicolons and blank lines", async () => {
    const input = tmp.file("bom.csv");
    require("fs").writeFileSync(input, "\uFEFF客户名称;销售额\r\n\r\n甲公司;100\r\n;\r\n乙公司;900\r\n");
    const out = tmp.file("bom.out.csv");
    const r = await runCli([input, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    const { rows } = readCsvOut(out);
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      ["客户名称", "销售额", "价值等级", "ABC分类"],
      // 乙 900 ranks first → A; 甲: 900 before it ≥ 80 % of 1000 → B, no history, no growth → Regular.
      ["甲公司", "100", "一般客户", "B"],
      ["乙公司", "900", "天王巨星", "A"],
    ]);
  });

  it("says on stderr which column it uses when two columns name the same field", async () => {
    const input = tmp.file("dup.csv");
    require("fs").writeFileSync(input, "客户名称,销售额,本期销售额\n甲,100,200\n");
    const out = tmp.file("dup.out.csv");
    const r = await runCli([input, "--out", out, ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("注意：有多列都像“本期销售额”：B 列、C 列；使用 B 列\n");
  });

  it("writes no output file when the run fails", async () => {
    const out = tmp.file("never.csv");
    const r = await runCli([fixture("no-value.csv"), "--out", out, ...TODAY]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(fixture("no-value.csv"), "utf8")).toBe("客户名称,备注\n甲公司,x\n");
  });
});
