/** METHOD.md §13 (buying rhythm, BG/NBD): the module's public surface. */
export * from "./special";
export * from "./summary";
export * from "./likelihood";
export * from "./fit";
export * from "./predict";
export * from "./analyse";
export * from "./simulate";
