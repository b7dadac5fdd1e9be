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
