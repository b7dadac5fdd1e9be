/**
 * The task pane's own strings, Chinese first and English second. Labels of values
 * (tiers, fields, problems) come from the engine's labels.ts so a tier reads the same
 * in the pane as in the sheet.
 */
import type { Lang } from "../engine/types";
import { langFromLocale } from "../engine/labels";

export interface PaneStrings {
  appTitle: string;
  appSubtitle: string;
  tabClassify: string;
  tabSettings: string;
  tabWorklist: string;
  tabSummary: string;
  // Worklist 本周待办
  worklistTitle: (count: number) => string;
  worklistRange: (from: string, to: string) => string;
  worklistEmpty: string;
  worklistDay: (date: string, isToday: boolean, count: number) => string;
  worklistWhy: string;
  worklistRow: (row: number) => string;
  worklistMore: (count: number) => string;
  worklistNeedsTable: string;
  // Summary
  summaryTitle: string;
  headCustomers: string;
  headStarShare: string;
  headOverdue: string;
  headProblems: string;
  byTier: string;
  byAbc: string;
  byOwner: string;
  byRegion: string;
  abcCol: string;
  ownerCol: string;
  regionCol: string;
  customersColShort: string;
  valueShareColShort: string;
  starsCol: string;
  fadingCol: string;
  overdueCol: string;
  blankGroup: string;
  topTitle: (count: number) => string;
  topLine: (index: number, tier: string, share: string) => string;
  // Step 1: the table and its mapping
  findTable: string;
  findingTable: string;
  refreshTable: string;
  tableFound: (address: string, rows: number) => string;
  tableNotFound: string;
  mappingTitle: string;
  mappingHint: string;
  fieldColumn: string;
  columnHeader: string;
  notMapped: string;
  showAllFields: string;
  showMappedFields: string;
  requiredMark: string;
  cannotApply: string;
  mappingRecognised: (columns: number) => string;
  mappingChange: string;
  mappingHide: string;
  unusedColumns: (list: string) => string;
  // The evaluation date and progress
  evalDate: string;
  evalDateHint: string;
  evalDateInvalid: (kept: string) => string;
  evalDateToday: string;
  evalDateUsed: (date: string) => string;
  computingPreview: string;
  sorting: string;
  filtering: string;
  restoring: string;
  // Step 2: settings
  settingsTitle: string;
  saveSettings: string;
  restoreDefaults: string;
  settingsSaved: string;
  settingsInvalid: string;
  settingsUnsaved: string;
  volumeWeightHelp: string;
  weightTotalOk: string;
  weightTotalWrong: (total: number) => string;
  advancedShow: (count: number) => string;
  advancedHide: string;
  savingSettings: string;
  // Step 3: preview
  previewTitle: string;
  previewEmpty: string;
  previewDetails: string;
  tierCol: string;
  customersCol: string;
  valueShareCol: string;
  totalRow: string;
  paretoTitle: string;
  paretoCaption: (customerPct: string, valuePct: string) => string;
  paretoAxisCustomers: string;
  paretoAxisValue: string;
  problemsTitle: (count: number) => string;
  noProblems: string;
  moreProblems: (count: number) => string;
  overdueCount: (count: number) => string;
  // Step 4: apply
  applyTitle: string;
  apply: string;
  applying: string;
  cancel: string;
  applyDone: (rows: number, address: string) => string;
  summarySheet: (name: string) => string;
  applyCancelled: string;
  applyFailed: string;
  freezeOffer: string;
  freezeHint: string;
  // Step 5/6: manager tools and restore
  toolsTitle: string;
  sortByKeyIndex: string;
  sortByPotential: string;
  sortByNextContact: string;
  filterTier: string;
  allTiers: string;
  restore: string;
  restoreHint: string;
  done: string;
  // Errors and hosts
  somethingWrong: string;
  tryAgain: string;
  openInExcel: string;
  openInExcelDetail: string;
}

const zh: PaneStrings = {
  appTitle: "客户分级助手",
  appSubtitle: "按价值分级，给出关系水平与下一步行动",
  tabClassify: "分级",
  tabSettings: "设置",
  tabWorklist: "本周待办",
  tabSummary: "汇总",
  worklistTitle: (n) => `本周待办：${n} 位客户`,
  worklistRange: (from, to) =>
    `下次联系日期在 ${from} 至 ${to} 的客户，按先后和重要程度排好。点客户名称可在表格中选中该行。`,
  worklistEmpty: "这几天没有需要联系的客户。",
  worklistDay: (date, isToday, n) => `${isToday ? "今天 " : ""}${date}（${n} 位）`,
  worklistWhy: "依据：",
  worklistRow: (row) => `第 ${row} 行`,
  worklistMore: (n) => `另有 ${n} 位未列出；写入表格后见“本周待办”工作表。`,
  worklistNeedsTable: "先在“分级”页读取客户表并对应好列。",
  summaryTitle: "汇总",
  headCustomers: "客户数",
  headStarShare: "天王巨星价值占比",
  headOverdue: "超期未联系",
  headProblems: "有数据问题的客户",
  byTier: "按价值等级",
  byAbc: "按 ABC 分类",
  byOwner: "按负责销售",
  byRegion: "按区域",
  abcCol: "ABC分类",
  ownerCol: "负责销售",
  regionCol: "区域",
  customersColShort: "客户",
  valueShareColShort: "占比",
  starsCol: "巨星",
  fadingCol: "黄花",
  overdueCol: "超期",
  blankGroup: "（未填）",
  topTitle: (n) => `大客户指数前 ${n} 名`,
  topLine: (index, tier, share) => `指数 ${index} · ${tier} · 占比 ${share}`,
  findTable: "查找客户表",
  findingTable: "正在读取客户表…",
  refreshTable: "重新读取客户表",
  tableFound: (address, rows) => `客户表：${address}（${rows} 行）`,
  tableNotFound: "没有找到客户表。请选中客户表中的任一单元格，再点“查找客户表”。",
  mappingTitle: "1. 列对应",
  mappingHint: "已按表头自动识别。如有不对，可在下拉框中改选。",
  fieldColumn: "字段",
  columnHeader: "表中的列",
  notMapped: "（无）",
  showAllFields: "显示全部字段",
  showMappedFields: "只显示已对应的字段",
  requiredMark: "（必填）",
  cannotApply: "缺少必填列，不会写入任何内容。",
  mappingRecognised: (n) => `已识别 ${n} 列`,
  mappingChange: "修改",
  mappingHide: "收起",
  unusedColumns: (list) => `未参与分级的列（不影响结果）：${list}`,
  evalDate: "评估日期",
  evalDateHint: "等级、超期未联系和下次联系日期都按这一天计算。",
  evalDateInvalid: (kept) => `请输入完整的日期；仍按 ${kept} 计算。`,
  evalDateToday: "今天",
  evalDateUsed: (date) => `评估日期：${date}`,
  computingPreview: "正在计算预览…",
  sorting: "正在排序…",
  filtering: "正在筛选…",
  restoring: "正在恢复原表…",
  settingsTitle: "分级设置",
  saveSettings: "保存设置",
  restoreDefaults: "恢复默认",
  settingsSaved: "设置已保存到本工作簿。",
  settingsInvalid: "有设置无效，请先修改标红的项。",
  settingsUnsaved: "设置有改动，尚未保存；预览仍按已保存的设置计算。",
  volumeWeightHelp:
    "“大单不等于大客户”：销售规模的权重越高，下单金额越决定大客户指数；越低，持续下单、按时回款和增长越重要。",
  weightTotalOk: "四项权重合计 100%。",
  weightTotalWrong: (t) => `四项权重合计 ${Number.isFinite(t) ? t : "?"}%，应为 100%。`,
  advancedShow: (n) => `更多设置（${n} 项）`,
  advancedHide: "收起更多设置",
  savingSettings: "正在保存…",
  previewTitle: "2. 预览",
  previewEmpty: "表中没有可分级的客户。",
  previewDetails: "数据问题",
  tierCol: "价值等级",
  customersCol: "客户数",
  valueShareCol: "价值占比",
  totalRow: "合计",
  paretoTitle: "帕累托曲线（80/20）",
  paretoCaption: (c, v) => `前 ${c} 的客户贡献 ${v} 的价值`,
  paretoAxisCustomers: "客户（按价值从大到小）",
  paretoAxisValue: "累计价值占比",
  problemsTitle: (n) => `数据问题（${n}）`,
  noProblems: "没有发现数据问题。",
  moreProblems: (n) => `另有 ${n} 个问题未列出，见“数据问题”列。`,
  overdueCount: (n) => `超期未联系的客户：${n}`,
  applyTitle: "3. 写入表格",
  apply: "写入分级结果",
  applying: "正在写入…",
  cancel: "取消",
  applyDone: (rows, address) => `已写入 ${rows} 行：${address}`,
  summarySheet: (name) => `汇总表：${name}`,
  applyCancelled: "已取消，表格已恢复原样。",
  applyFailed: "写入失败：",
  freezeOffer: "冻结客户名称列",
  freezeHint: "向右看结果列时，表头和客户名称留在原处；“恢复原表”会还原您原来的冻结设置。",
  toolsTitle: "4. 管理工具",
  sortByKeyIndex: "按大客户指数排序",
  sortByPotential: "按潜力得分排序",
  sortByNextContact: "按下次联系日期排序",
  filterTier: "只看某一等级",
  allTiers: "全部等级",
  restore: "恢复原表",
  restoreHint: "撤销上次写入，表格回到写入前的样子。",
  done: "完成。",
  somethingWrong: "出了点问题：",
  tryAgain: "重试",
  openInExcel: "请在 Excel 中打开客户分级助手",
  openInExcelDetail: "此页面是 Excel 加载项的任务窗格，需要在 Excel（桌面版或网页版）中使用。",
};

const en: PaneStrings = {
  appTitle: "CRM Tiers",
  appSubtitle: "Value tiers, relationship levels and next actions",
  tabClassify: "Tiers",
  tabSettings: "Settings",
  tabWorklist: "This week",
  tabSummary: "Summary",
  worklistTitle: (n) => `This week: ${n} ${n === 1 ? "customer" : "customers"}`,
  worklistRange: (from, to) =>
    `Customers due ${from} to ${to}, in the order to work through them. Click a name to select its row in the sheet.`,
  worklistEmpty: "No customer is due in these days.",
  worklistDay: (date, isToday, n) => `${isToday ? "Today " : ""}${date} (${n})`,
  worklistWhy: "Why: ",
  worklistRow: (row) => `Row ${row}`,
  worklistMore: (n) => `${n} more are not listed; after writing, see the Worklist sheet.`,
  worklistNeedsTable: "First read the customer table and check its columns on the Classify tab.",
  summaryTitle: "Summary",
  headCustomers: "Customers",
  headStarShare: "Stars' value share",
  headOverdue: "Contacts overdue",
  headProblems: "Customers with data problems",
  byTier: "By tier",
  byAbc: "By ABC class",
  byOwner: "By owner",
  byRegion: "By region",
  abcCol: "ABC",
  ownerCol: "Owner",
  regionCol: "Region",
  customersColShort: "Cust.",
  valueShareColShort: "Share",
  starsCol: "Stars",
  fadingCol: "Fading",
  overdueCol: "Overdue",
  blankGroup: "(blank)",
  topTitle: (n) => `Top ${n} by key-account index`,
  topLine: (index, tier, share) => `index ${index} · ${tier} · ${share} of value`,
  findTable: "Find customer table",
  findingTable: "Reading the customer table…",
  refreshTable: "Read again",
  tableFound: (address, rows) => `Customer table: ${address} (${rows} rows)`,
  tableNotFound:
    "No customer table found. Select any cell of the customer table, then click “Find customer table”.",
  mappingTitle: "1. Columns",
  mappingHint: "Matched by header. Change any field with its dropdown.",
  fieldColumn: "Field",
  columnHeader: "Column in the table",
  notMapped: "(none)",
  showAllFields: "Show all fields",
  showMappedFields: "Show mapped fields only",
  requiredMark: " (required)",
  cannotApply: "A required column is missing; nothing will be written.",
  mappingRecognised: (n) => `${n} columns recognised`,
  mappingChange: "Change",
  mappingHide: "Hide",
  unusedColumns: (list) => `Columns not used for tiers (no effect on the results): ${list}`,
  evalDate: "Evaluation date",
  evalDateHint: "Tiers, overdue contacts and next contact dates are counted from this day.",
  evalDateInvalid: (kept) => `Enter a complete date; still using ${kept}.`,
  evalDateToday: "Today",
  evalDateUsed: (date) => `Evaluation date: ${date}`,
  computingPreview: "Computing the preview…",
  sorting: "Sorting…",
  filtering: "Filtering…",
  restoring: "Restoring the sheet…",
  settingsTitle: "Settings",
  saveSettings: "Save settings",
  restoreDefaults: "Restore defaults",
  settingsSaved: "Settings saved in this workbook.",
  settingsInvalid: "Some settings are invalid; fix the ones marked in red first.",
  settingsUnsaved: "Unsaved changes; the preview still uses the saved settings.",
  volumeWeightHelp:
    "“A big order is not a big customer”: the higher the volume weight, the more order size decides the key-account index; the lower, the more steady ordering, paying on time and growth count.",
  weightTotalOk: "The four weights add up to 100 %.",
  weightTotalWrong: (t) =>
    `The four weights add up to ${Number.isFinite(t) ? t : "?"} %; they must add up to 100 %.`,
  advancedShow: (n) => `More settings (${n})`,
  advancedHide: "Fewer settings",
  savingSettings: "Saving…",
  previewTitle: "2. Preview",
  previewEmpty: "The table has no customers to classify.",
  previewDetails: "Data problems",
  tierCol: "Tier",
  customersCol: "Customers",
  valueShareCol: "Value share",
  totalRow: "Total",
  paretoTitle: "Pareto curve (80/20)",
  paretoCaption: (c, v) => `The top ${c} of customers bring ${v} of the value`,
  paretoAxisCustomers: "Customers (largest value first)",
  paretoAxisValue: "Cumulative value share",
  problemsTitle: (n) => `Data problems (${n})`,
  noProblems: "No data problems found.",
  moreProblems: (n) => `${n} more problems are not listed; see the Problems column.`,
  overdueCount: (n) => `Customers overdue for contact: ${n}`,
  applyTitle: "3. Write to the sheet",
  apply: "Write tiers",
  applying: "Writing…",
  cancel: "Cancel",
  applyDone: (rows, address) => `Wrote ${rows} rows: ${address}`,
  summarySheet: (name) => `Summary sheet: ${name}`,
  applyCancelled: "Cancelled; the sheet is back as it was.",
  applyFailed: "Writing failed: ",
  freezeOffer: "Freeze the name column",
  freezeHint:
    "The header and the customer's name stay in view while you scroll to the results; Restore puts your own frozen panes back.",
  toolsTitle: "4. Manager tools",
  sortByKeyIndex: "Sort by key-account index",
  sortByPotential: "Sort by potential",
  sortByNextContact: "Sort by next contact date",
  filterTier: "Show one tier",
  allTiers: "All tiers",
  restore: "Restore the sheet",
  restoreHint: "Undo the last write: the sheet goes back to how it was.",
  done: "Done.",
  somethingWrong: "Something went wrong: ",
  tryAgain: "Try again",
  openInExcel: "Open CRM Tiers in Excel",
  openInExcelDetail:
    "This page is the task pane of an Excel add-in; use it inside Excel (desktop or on the web).",
};

export function paneStrings(lang: Lang): PaneStrings {
  return lang === "zh" ? zh : en;
}

/** Office reports e.g. "zh-CN", "zh-TW", "en-US"; anything Chinese gets the Chinese pane. */
export function langFromUiLanguage(uiLanguage: string | null | undefined): Lang {
  return langFromLocale((uiLanguage ?? "").trim());
}
