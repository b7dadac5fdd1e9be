/**
 * §13 on the CLI's stdout: the BG/NBD fit (r, α, a, b, log-likelihood, repeat buyers) or why
 * there is none, then the repeat buyers most at risk (lowest P(alive)).
 */
import { percentText as alivePercent } from "../engine/rhythm/analyse";
import type { RhythmSummary } from "../engine/rhythm/report";
import type { Lang } from "../engine/types";

/** At most this many at-risk customers on stdout (the summary keeps more). */
const AT_RISK_SHOWN = 5;

export function rhythmStdoutLines(r: RhythmSummary, lang: Lang): string[] {
  const zh = lang === "zh";
  if (!r.fit) return [(zh ? "购买节奏：" : "Buying rhythm: ") + (zh ? r.blankReason?.zh : r.blankReason?.en)];
  const f = r.fit;
  const lines = [
    zh
      ? `购买节奏（BG/NBD，${r.repeaters} 位复购客户）：r ${f.r.toFixed(4)}，α ${f.alpha.toFixed(3)} 天，a ${f.a.toFixed(4)}，b ${f.b.toFixed(4)}，对数似然 ${f.logLikelihood.toFixed(2)}`
      : `Buying rhythm (BG/NBD, ${r.repeaters} repeat buyers): r ${f.r.toFixed(4)}, α ${f.alpha.toFixed(3)} days, a ${f.a.toFixed(4)}, b ${f.b.toFixed(4)}, log-likelihood ${f.logLikelihood.toFixed(2)}`,
  ];
  const shown = r.atRisk.slice(0, AT_RISK_SHOWN);
  if (shown.length > 0) {
    lines.push(zh ? "最可能流失的复购客户：" : "Repeat buyers most at risk:");
    for (const c of shown) {
      const who = c.name || c.id;
      lines.push(
        zh
          ? `  ${who}：活跃概率${alivePercent(c.pAlive)}，通常每${c.interval}天下单，已${c.silentDays}天未下单`
          : `  ${who}: P(alive) ${alivePercent(c.pAlive)}, usually every ${c.interval} days, none for ${c.silentDays} days`,
      );
    }
  }
  return lines;
}

/** One Summary-sheet row: its cells, and the 0-based columns shown as percentages. */
export interface SheetRow {
  cells: (string | number)[];
  percent: number[];
  header?: boolean;
}

/** §13's block of the workbook's Summary sheet: the fit (or why none), then the at-risk list. */
export function rhythmSheetRows(r: RhythmSummary, lang: Lang): SheetRow[] {
  const zh = lang === "zh";
  const rows: SheetRow[] = [
    { cells: [zh ? "购买节奏（BG/NBD）" : "Buying rhythm (BG/NBD)"], percent: [], header: true },
  ];
  rows.push({ cells: [zh ? "复购客户" : "Repeat buyers", r.repeaters], percent: [] });
  if (!r.fit) {
    rows.push({ cells: [(zh ? r.blankReason?.zh : r.blankReason?.en) ?? ""], percent: [] });
    return rows;
  }
  const f = r.fit;
  rows.push(
    { cells: ["r", f.r], percent: [] },
    { cells: [zh ? "α（天）" : "α (days)", f.alpha], percent: [] },
    { cells: ["a", f.a], percent: [] },
    { cells: ["b", f.b], percent: [] },
    { cells: [zh ? "对数似然" : "Log-likelihood", f.logLikelihood], percent: [] },
  );
  if (r.atRisk.length === 0) return rows;
  rows.push({
    cells: zh
      ? ["最可能流失的复购客户", "活跃概率", "通常间隔(天)", "未下单天数", `预计订单(${r.forecastDays}天)`]
      : [
          "Repeat buyers most at risk",
          "P(alive)",
          "Typical interval (days)",
          "Days silent",
          `Expected orders (${r.forecastDays} days)`,
        ],
    percent: [],
    header: true,
  });
  for (const c of r.atRisk) {
    rows.push({
      cells: [c.name || c.id, c.pAlive, c.interval, c.silentDays, Math.round(c.expected * 100) / 100],
      percent: [1],
    });
  }
  return rows;
}
