#!/usr/bin/env node
// crm-classify: classify a customer table (.xlsx/.csv).
// Runs the esbuild bundle build/crm-classify.js (made by `npm run build:cli`, which `npm ci` runs
// through `prepare`): it starts in about a third of the time tsx needs. When the bundle is missing
// or older than a source file (while developing), the TypeScript sources run through tsx instead.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const bundle = path.join(root, "build", "crm-classify.js");

/** Newest modification time of the .ts files under the CLI's and the engine's sources. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  try {
    const built = fs.statSync(bundle).mtimeMs;
    return ["src/cli", "src/engine"].every((d) => newestSource(path.join(root, d)) <= built);
  } catch {
    return false;
  }
}

if (bundleIsFresh()) {
  require(bundle).main();
} else {
  require("tsx/cjs");
  require("../src/cli/main.ts").main();
}
