/** The engine's public surface (METHOD.md as pure TypeScript). Import from here outside src/engine. */
export * from "./types";
export * from "./bilingual";
export * from "./days";
export * from "./cells";
export * from "./headers";
export * from "./settings";
export * from "./settingsStore";
export * from "./labels";
export * from "./holidays";
export * from "./rules";
export * from "./classify";
export * from "./output";
export * from "./tableInput";
export * from "./report/inert";
export * from "./report/worklist";
export * from "./report/summarySheet";
export {
  reportColumns,
  reportHeaders,
  findOwnColumns,
  isOwnHeader,
  cellFill,
  CORE_COLUMNS,
  TIER_FILLS,
  HEADER_FILL,
  NUMBER_FORMATS,
  OPTIONAL_GROUPS,
  type ColumnGroup,
  type ReportColumn,
  type ColumnKind,
} from "./report/columns";
