/**
 * Which Excel API features the host has. Each feature names the requirement set it needs
 * (from the Office.js reference); a missing one is skipped with a warning naming it.
 */
import type { Lang } from "../engine/types";

export const FEATURES = {
  selectedRanges: { set: "1.9", zh: "检查多区域选区", en: "checking for a multi-area selection" },
  surroundingRegion: { set: "1.7", zh: "按当前区域查找表格", en: "finding the current region" },
  suspendCalculation: { set: "1.6", zh: "写入时暂停计算", en: "pausing calculation while writing" },
  suspendScreen: { set: "1.9", zh: "写入时暂停屏幕刷新", en: "pausing screen updates while writing" },
  usedRangeOrNull: { set: "1.4", zh: "检查右侧空列", en: "checking for empty columns" },
  copyFrom: { set: "1.9", zh: "快照中保存填充色和字体", en: "keeping fills and fonts in the snapshot" },
  tableResize: {
    set: "1.13",
    zh: "把结果列并入Excel表格",
    en: "adding the result columns to the Excel table",
  },
  conditionalFormats: { set: "1.6", zh: "按等级着色", en: "colouring by tier" },
  charts: { set: "1.1", zh: "帕累托图", en: "Pareto chart" },
  comboChart: { set: "1.8", zh: "组合图（改用折线图）", en: "combo chart (a line chart is used instead)" },
  sort: { set: "1.2", zh: "排序", en: "sorting" },
  tableFilter: { set: "1.2", zh: "按等级筛选表格", en: "filtering the table by tier" },
  autoFilter: { set: "1.9", zh: "按等级筛选区域", en: "filtering the range by tier" },
  hideSheet: { set: "1.2", zh: "隐藏快照工作表", en: "hiding the snapshot sheet" },
  columnWidth: { set: "1.2", zh: "列宽", en: "column widths" },
  freezePanes: { set: "1.7", zh: "冻结窗格", en: "freezing panes" },
} as const;

export type Feature = keyof typeof FEATURES;

export type SetCheck = (name: string, version: string) => boolean;

export class Capabilities {
  constructor(private readonly check: SetCheck) {}

  has(feature: Feature): boolean {
    try {
      return this.check("ExcelApi", FEATURES[feature].set);
    } catch {
      return false; // an old host without the requirements API has none of them
    }
  }

  /** "此 Excel 版本不支持 X（需要 ExcelApi 1.n），已跳过。" / "This Excel lacks X (needs …); skipped." */
  warning(feature: Feature, lang: Lang): string {
    const f = FEATURES[feature];
    return lang === "zh"
      ? `此 Excel 版本不支持${f.zh}（需要 ExcelApi ${f.set}），已跳过。`
      : `This version of Excel does not support ${f.en} (needs ExcelApi ${f.set}); skipped.`;
  }
}

/** The host's own check; when Office is absent (tests, Node) every set is reported missing. */
export function officeSetCheck(): SetCheck {
  return (name, version) => {
    const office = (globalThis as { Office?: typeof Office }).Office;
    return !!office?.context?.requirements?.isSetSupported(name, version);
  };
}
