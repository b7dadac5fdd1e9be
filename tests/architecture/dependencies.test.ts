/**
 * The layering of docs/ARCHITECTURE.md, checked on the source text: UI/CLI/functions → excel
 * or CLI file I/O → engine; the engine stays pure so the CLI, the custom functions and the
 * task pane can share it; nothing imports UI.
 */
import { readdirSync, readFileSync } from "fs";
import { join, relative } from "path";

const ROOT = join(__dirname, "..", "..");
const SRC = join(ROOT, "src");

function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** Every module specifier a file imports (static imports, re-exports, require, dynamic import). */
function importsOf(file: string): string[] {
  const text = withoutComments(readFileSync(file, "utf8"));
  const specs: string[] = [];
  const patterns = [
    /\bfrom\s+["']([^"']+)["']/g,
    /\bimport\s+["']([^"']+)["']/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) specs.push(m[1]);
  return specs;
}

/** The src/ area ("engine", "excel", …) a relative import of `file` lands in, or null for a package. */
function areaOf(file: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const target = relative(SRC, join(file, "..", spec));
  return target.split(/[\\/]/)[0];
}

function violations(area: string, allowedAreas: string[], allowedPackages: RegExp): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(join(SRC, area))) {
    for (const spec of importsOf(file)) {
      const target = areaOf(file, spec);
      const ok = target === null ? allowedPackages.test(spec) : target === area || allowedAreas.includes(target);
      if (!ok) out.push(`${relative(ROOT, file)} imports ${spec}`);
    }
  }
  return out;
}

describe("layering", () => {
  test("the engine imports only itself, src/types and lunar-javascript (no Office.js, React, DOM or Node)", () => {
    expect(violations("engine", ["types"], /^lunar-javascript$/)).toEqual([]);
  });

  test("the engine uses no Office, DOM or Node globals", () => {
    const found: string[] = [];
    const globals = /\b(Office|Excel|CustomFunctions|window|document|Buffer|process|require|TextEncoder)\b\s*[.(]/;
    for (const file of sourceFiles(join(SRC, "engine"))) {
      const code = withoutComments(readFileSync(file, "utf8"));
      const m = globals.exec(code);
      if (m) found.push(`${relative(ROOT, file)}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });

  test("the Excel adapter depends on the engine only", () => {
    expect(violations("excel", ["engine"], /^$/)).toEqual([]);
  });

  test("custom functions use the engine only (no Office.js, no task-pane code)", () => {
    expect(violations("functions", ["engine"], /^$/)).toEqual([]);
    const officeCalls = sourceFiles(join(SRC, "functions")).filter((f) =>
      /\b(Office|Excel)\.\w/.test(withoutComments(readFileSync(f, "utf8"))),
    );
    expect(officeCalls.map((f) => relative(ROOT, f))).toEqual([]);
  });

  test("the CLI uses the engine and its own file libraries, never Office or UI code", () => {
    expect(violations("cli", ["engine"], /^(saxes|commander|buffer|string_decoder|fs|path|os|crypto|stream|zlib|util|events|worker_threads|fs\/promises|node:.+)$/)).toEqual([]);
  });

  test("nothing outside the task pane imports it", () => {
    const out: string[] = [];
    for (const area of ["engine", "excel", "functions", "cli", "commands"]) {
      for (const file of sourceFiles(join(SRC, area))) {
        for (const spec of importsOf(file)) if (areaOf(file, spec) === "taskpane") out.push(`${relative(ROOT, file)} → ${spec}`);
      }
    }
    expect(out).toEqual([]);
  });
});
