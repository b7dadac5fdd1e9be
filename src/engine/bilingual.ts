/**
 * The one way the engine writes a user-visible text: a pair of Chinese and English strings,
 * and `pick` to read it in the sheet's language. Chinese comes first (the product speaks
 * Chinese first, English second).
 */
import type { Lang } from "./types";

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** A bilingual text, Chinese first. */
export function bi(zh: string, en: string): Bilingual {
  return { zh, en };
}

/** The text in `lang`; "" for a missing text. */
export function pick(text: Bilingual | undefined, lang: Lang): string {
  if (!text) return "";
  return lang === "zh" ? text.zh : text.en;
}
