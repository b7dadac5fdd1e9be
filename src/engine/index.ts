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
