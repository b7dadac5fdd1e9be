/**
 * The run's summary as the CLI shows it: the engine's one summary model
 * (engine/report/summary.ts) with labels in the output language. Printed on stdout and written
 * to the workbook's Summary sheet; no figure is computed here.
 */
import type { ClassifyResult } from "../engine/classify";
import { abcLabel, tierLabel } from "../engine/labels";
import { summarize, TIER_ORDER, type Summary } from "../engine/report/summary";
import { formatIsoDay } from "../engine/days";
import type { Lang } from "../engine/types";
import { rhythmStdoutLines } from "./rhythmSummary";

export { TIER_ORDER };

export interface SummaryLine {
  label: string;
  count: number;
  /** Fraction of all value (0..1); 0 when the total is 0. */
  valueShare: number;
}

export interface CliSummary {
  customers: number;
  totalValue: number;
  /** In TIER_ORDER: Star, Rising, Regular, Fading, Insufficient. */
  byTier: SummaryLine[];
  /** A, B, C. */
  byAbc: SummaryLine[];
  /** Customers whose regular contact is overdue (§8). */
  overdue: number;
  /** Unreadable cells, and the number of customers having at least one. */
  problems: number;
  problemRows: number;
  /** The one summary model (report/summary.ts) the Summary sheet is written from. */
  model: Summary;
}

/** The engine's one summary, with labels in the output language for stdout. */
export function summarizeRun(result: ClassifyResult, lang: Lang): CliSummary {
  const s = summarize(result);
  return {
    customers: s.headline.customers,
    totalValue: s.totalValue,
    byTier: s.tiers.map((t) => ({ label: tierLabel(t.tier, lang), count: t.count, valueShare: t.share })),
    byAbc: s.abc.map((a) => ({ label: abcLabel(a.abc), count: a.count, valueShare: a.share })),
    overdue: s.headline.overdue,
    problems: s.problemCount,
    problemRows: s.problemRowCount,
    model: s,
  };
}

/** Terminal width of a string: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w +=
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

const padEnd = (s: string, w: number) => s + " ".repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number) => " ".repeat(Math.max(0, w - displayWidth(s))) + s;

/** A share as a percentage with one decimal, e.g. 0.7854 → "78.5%". */
export function percentText(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

/** The stdout summary: a small table per tier and per class, then overdue and problems. */
export function formatSummary(s: CliSummary, lang: Lang, outFile: string): string {
  const zh = lang === "zh";
  const head = zh ? ["价值等级", "客户数", "价值占比"] : ["Tier", "Customers", "Value share"];
  const abcHead = zh ? ["ABC分类", "客户数", "价值占比"] : ["ABC", "Customers", "Value share"];
  const lines: string[] = [];
  lines.push(
    zh ? `已分级 ${s.customers} 位客户 → ${outFile}` : `Classified ${s.customers} customers → ${outFile}`,
  );
  const table = (header: string[], rows: SummaryLine[]) => {
    const cells = [header, ...rows.map((r) => [r.label, String(r.count), percentText(r.valueShare)])];
    const widths = header.map((_, k) => Math.max(...cells.map((row) => displayWidth(row[k]))));
    for (const row of cells) {
      lines.push(
        `  ${padEnd(row[0], widths[0])}  ${padStart(row[1], widths[1])}  ${padStart(row[2], widths[2])}`,
      );
    }
  };
  table(head, s.byTier);
  table(abcHead, s.byAbc);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  lines.push(zh ? `超期未联系：${s.overdue} 位客户` : `Contacts overdue: ${plural(s.overdue, "customer")}`);
  if (s.problems === 0) {
    lines.push(zh ? "数据问题：无" : "Problems: none");
  } else {
    lines.push(
      zh
        ? `数据问题：${s.problems} 个单元格（${s.problemRows} 位客户），详见“数据问题”列`
        : `Problems: ${plural(s.problems, "cell")} (${plural(s.problemRows, "customer")}); see the Problems column`,
    );
  }
  const m = s.model;
  lines.push(
    zh
      ? `天王巨星的价值占比：${percentText(m.headline.starShare)}`
      : `Value share of the Stars: ${percentText(m.headline.starShare)}`,
  );
  const people = (title: string, list: typeof m.owners) => {
    if (list.length === 0) return;
    table(
      [title, zh ? "客户数" : "Customers", zh ? "价值占比" : "Value share"],
      list.map((p) => ({
        label: p.name || (zh ? "（未填写）" : "(blank)"),
        count: p.count,
        valueShare: p.share,
      })),
    );
  };
  people(zh ? "负责销售" : "Owner", m.owners);
  people(zh ? "区域" : "Region", m.regions);
  lines.push(
    zh ? `评估日期：${formatIsoDay(m.headline.today)}` : `Evaluation date: ${formatIsoDay(m.headline.today)}`,
  );
  if (s.model.rhythm) lines.push(...rhythmStdoutLines(s.model.rhythm, lang));
  return lines.join("\n") + "\n";
}
