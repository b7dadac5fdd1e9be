// Lint config for `npm run lint` (office-addin-lint check): office-addin-lint picks up this file
// when it exists in the project root, instead of its own config, so we extend its config here.
import officeAddinLint from "office-addin-lint/config/eslint.config.mjs";
import tseslint from "typescript-eslint";

// The plugin's recommended block (office-addins rules + prettier) only matches js/ts files;
// we reuse its plugins, parser and rules for .tsx too so the task pane gets the same checks.
const addinRules = officeAddinLint.find((c) => c.rules && "office-addins/call-sync-before-read" in c.rules);
if (!addinRules) throw new Error("eslint.config.mjs: office-addins recommended block not found");

export default [
  { ignores: ["dist/**", "build/**", "out/**", "coverage/**", "node_modules/**"] },
  ...officeAddinLint,
  { ...addinRules, files: ["**/*.tsx"] },
  // TypeScript already checks undefined names and redeclarations (and knows the Office,
  // Excel, CustomFunctions and Node globals from @types); typescript-eslint recommends
  // turning those core rules off for TS files rather than listing globals by hand.
  tseslint.configs.eslintRecommended,
];
