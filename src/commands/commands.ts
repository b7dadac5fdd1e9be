/**
 * Ribbon-commands chunk of the shared runtime (loaded by taskpane.html with the task pane
 * and custom functions). The add-in's only ribbon button, CrmTiers.TaskpaneButton in
 * manifest.xml, is a ShowTaskpane action: Office opens the pane itself, no code needed.
 * Add ExecuteFunction buttons here with Office.actions.associate(id, handler), calling
 * event.completed() at the end of each handler.
 */

/** Handlers for ExecuteFunction buttons, by manifest action id (none yet). */
export const COMMAND_HANDLERS: Record<string, (event: Office.AddinCommands.Event) => void> = {};

/** Registers COMMAND_HANDLERS with Office; a no-op outside Office (plain browser, tests). */
export function registerCommands(office: typeof Office | undefined = globalThis.Office): number {
  const actions = office?.actions;
  if (!actions) return 0;
  const ids = Object.keys(COMMAND_HANDLERS);
  for (const id of ids) actions.associate(id, COMMAND_HANDLERS[id]);
  return ids.length;
}

if (typeof Office !== "undefined") {
  void Office.onReady(() => registerCommands(Office));
}
