/**
 * webpack.config.js: one page with three chunks, Office.js URL choice, PUBLIC_URL rewriting of
 * the manifest, and the plugin that emits functions.zh-CN.json (or fails the build).
 */
import fs from "fs";
import os from "os";
import path from "path";
import webpack from "webpack";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(__dirname, "fixtures");

/** webpack-dev-server's typings add `devServer`; ours stays independent of them. */
type Config = webpack.Configuration & { devServer?: unknown };
type ConfigFactory = ((env: Record<string, unknown>, argv: { mode?: string }) => Config) & {
  rewriteManifestUrls: (xml: string, publicUrl: string) => string;
  FunctionsZhCnPlugin: new (options?: { translator?: string }) => webpack.WebpackPluginInstance;
  FunctionsErrorInputsPlugin: new () => webpack.WebpackPluginInstance;
  IE11_SCRIPT: string;
  IE11_MESSAGE: { zh: string; en: string };
  OFFICE_JS_CDN: string;
  devServerConfig: (port: number, certsDir?: string) => { server: unknown };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../webpack.config.js") as ConfigFactory;

/** Options given to HtmlWebpackPlugin (it keeps them in `userOptions`). */
function htmlOptions(c: webpack.Configuration): Record<string, unknown> {
  const html = (c.plugins ?? []).find((p) => p?.constructor.name === "HtmlWebpackPlugin") as unknown as {
    userOptions: Record<string, unknown>;
  };
  return html.userOptions;
}

describe("webpack configuration", () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  test("three entries, one page, one runtime chunk", () => {
    const c = config({}, { mode: "production" });
    expect(c.entry).toEqual({
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
      commands: "./src/commands/commands.ts",
    });
    expect(c.output?.path).toBe(path.join(ROOT, "dist"));
    expect(c.output?.filename).toBe("[name].js");
    expect(c.optimization?.runtimeChunk).toBe("single");
    const html = htmlOptions(c);
    expect(html.filename).toBe("taskpane.html");
    expect(html.template).toBe("./src/taskpane/taskpane.html");
    expect(html.chunks).toEqual(["runtime", "functions", "commands", "taskpane"]);
    expect(c.devServer).toBeUndefined(); // a build needs no server and no certificates
  });

  test("Office.js comes from the official CDN unless OFFICE_JS_URL says otherwise", () => {
    delete process.env.OFFICE_JS_URL;
    expect(htmlOptions(config({}, { mode: "production" })).officeJsUrl).toBe(
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
    );
    process.env.OFFICE_JS_URL = "/office-js/office.js";
    expect(htmlOptions(config({}, { mode: "development" })).officeJsUrl).toBe("/office-js/office.js");
  });

  test("the dev server serves the local Office.js folder at /office-js on port 3000", () => {
    delete process.env.DEV_SERVER_PORT;
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const c = config({ WEBPACK_SERVE: true }, { mode: "development" });
    warn.mockRestore();
    const server = c.devServer as { port: number; static: { directory: string; publicPath: string }[] };
    expect(server.port).toBe(3000);
    expect(server.static[0]).toMatchObject({
      directory: path.join(ROOT, "node_modules/@microsoft/office-js/dist"),
      publicPath: "/office-js",
    });
    expect(fs.existsSync(path.join(server.static[0].directory, "office.js"))).toBe(true);
  });

  describe("dev server certificates (~/.office-addin-dev-certs)", () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-certs-"));
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });
    function serve(): { server: unknown; warnings: string[] } {
      const warnings: string[] = [];
      const warn = jest.spyOn(console, "warn").mockImplementation((m: string) => void warnings.push(m));
      const c = config.devServerConfig(3000, dir);
      warn.mockRestore();
      return { server: c.server, warnings };
    }
    function writeCerts(names: string[]) {
      for (const n of names) fs.writeFileSync(path.join(dir, n), `pem of ${n}`);
    }

    test("all three files: https with them, no warning", () => {
      writeCerts(["localhost.key", "localhost.crt", "ca.crt"]);
      const { server, warnings } = serve();
      expect(server).toEqual({
        type: "https",
        options: {
          key: Buffer.from("pem of localhost.key"),
          cert: Buffer.from("pem of localhost.crt"),
          ca: Buffer.from("pem of ca.crt"),
        },
      });
      expect(warnings).toEqual([]);
    });

    test("one file missing: plain http and a warning in Chinese and English", () => {
      writeCerts(["localhost.key", "localhost.crt"]);
      const { server, warnings } = serve();
      expect(server).toBe("http");
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain("未找到开发证书 / No dev certificates in ~/.office-addin-dev-certs: serving plain http");
    });
  });

  test("the template loads Office.js before the bundles, into the element the task pane renders in", () => {
    const template = fs.readFileSync(path.join(ROOT, "src/taskpane/taskpane.html"), "utf8");
    expect(template).toContain('<script type="text/javascript" src="<%= htmlWebpackPlugin.options.officeJsUrl %>"></script>');
    expect(template).toContain('<div id="root">');
    const entry = fs.readFileSync(path.join(ROOT, "src/taskpane/index.tsx"), "utf8");
    expect(entry).toContain('document.getElementById("root")');
  });
});

describe("rewriteManifestUrls (PUBLIC_URL)", () => {
  const xml =
    "<AppDomain>https://localhost:3000</AppDomain>" +
    '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>' +
    '<bt:Url id="M" DefaultValue="https://localhost:3000/functions.json"/>';

  test("hosts every URL below PUBLIC_URL and the AppDomain at its origin", () => {
    expect(config.rewriteManifestUrls(xml, "https://crm.example.com/addin/")).toBe(
      "<AppDomain>https://crm.example.com</AppDomain>" +
        '<SourceLocation DefaultValue="https://crm.example.com/addin/taskpane.html"/>' +
        '<bt:Url id="M" DefaultValue="https://crm.example.com/addin/functions.json"/>',
    );
  });

  test("adds the missing trailing slash", () => {
    expect(config.rewriteManifestUrls(xml, "https://crm.example.com:8443/x")).toBe(
      "<AppDomain>https://crm.example.com:8443</AppDomain>" +
        '<SourceLocation DefaultValue="https://crm.example.com:8443/x/taskpane.html"/>' +
        '<bt:Url id="M" DefaultValue="https://crm.example.com:8443/x/functions.json"/>',
    );
  });

  test("refuses an http or malformed address with a clear message", () => {
    expect(() => config.rewriteManifestUrls(xml, "http://crm.example.com/")).toThrow(
      'PUBLIC_URL "http://crm.example.com/" must start with https:// (Office loads add-ins over https only)',
    );
    expect(() => config.rewriteManifestUrls(xml, "crm.example.com")).toThrow(
      'PUBLIC_URL "crm.example.com" is not a URL (expected e.g. https://crm.example.com/addin/)',
    );
  });
});

describe("FunctionsZhCnPlugin", () => {
  /** Builds a one-line bundle whose compilation holds fixtures/<metadataFile> as functions.json. */
  async function build(
    metadataFile: string,
    translator: string,
    before: webpack.WebpackPluginInstance[] = [],
  ): Promise<{ errors: string[]; zh: string | null; en: string | null }> {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "crm-zh-"));
    const emitMetadata: webpack.WebpackPluginInstance = {
      apply(compiler) {
        compiler.hooks.thisCompilation.tap("EmitMetadata", (compilation) => {
          compilation.emitAsset(
            "functions.json",
            new webpack.sources.RawSource(fs.readFileSync(path.join(FIXTURES, metadataFile), "utf8")),
          );
        });
      },
    };
    const compiler = webpack({
      mode: "none",
      context: FIXTURES,
      entry: "./entry.js",
      output: { path: out },
      plugins: [emitMetadata, ...before, new config.FunctionsZhCnPlugin({ translator: path.join(FIXTURES, translator) })],
    });
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      compiler.run((err, s) => (err || !s ? reject(err) : resolve(s))),
    );
    await new Promise((resolve) => compiler.close(resolve));
    const file = path.join(out, "functions.zh-CN.json");
    const zh = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
    const enFile = path.join(out, "functions.json");
    const en = fs.existsSync(enFile) ? fs.readFileSync(enFile, "utf8") : null;
    fs.rmSync(out, { recursive: true, force: true });
    return { errors: stats.compilation.errors.map((e) => e.message), zh, en };
  }

  test("emits functions.zh-CN.json from functions.json", async () => {
    const { errors, zh } = await build("functions.json", "translate-ok.js");
    expect(errors).toEqual([]);
    expect(JSON.parse(zh ?? "null")).toEqual({
      functions: [
        {
          id: "TIER",
          name: "价值等级",
          description: "Value tier",
          parameters: [{ name: "values", type: "number" }],
          result: { type: "string" },
        },
      ],
    });
  }, 30_000);

  test("allowErrorForDataTypeAny is set in functions.json and in functions.zh-CN.json", async () => {
    const { errors, zh, en } = await build("functions.json", "translate-ok.js", [new config.FunctionsErrorInputsPlugin()]);
    expect(errors).toEqual([]);
    const options = (json: string | null) =>
      (JSON.parse(json ?? "null") as { functions: { id: string; options?: unknown }[] }).functions.map((f) => [f.id, f.options]);
    expect(options(en)).toEqual([["TIER", { allowErrorForDataTypeAny: true }]]);
    expect(options(zh)).toEqual([["TIER", { allowErrorForDataTypeAny: true }]]);
  }, 30_000);

  test("the build adds the error-inputs option before it makes the zh-CN copy", () => {
    const names = (config({}, { mode: "production" }).plugins ?? []).map((p) => p?.constructor.name);
    expect(names.indexOf("FunctionsErrorInputsPlugin")).toBeGreaterThan(names.indexOf("CustomFunctionsMetadataPlugin"));
    expect(names.indexOf("FunctionsErrorInputsPlugin")).toBeLessThan(names.indexOf("FunctionsZhCnPlugin"));
  });

  test("a missing translation fails the build and names the function", async () => {
    const { errors, zh } = await build("functions-untranslated.json", "translate-ok.js");
    expect(errors).toEqual([
      "functions.zh-CN.json: tests/manifest/fixtures/translate-ok.js failed: function LEVEL has no zh-CN translation",
    ]);
    expect(zh).toBeNull();
  }, 30_000);
});

describe("Internet Explorer 11", () => {
  /** Runs the inlined snippet against a minimal page; returns what #root shows. */
  function page(userAgent: string, documentMode?: number): string {
    const root = { innerHTML: "正在加载客户分级助手… / Loading CRM Tiers…" };
    const document = { documentMode, readyState: "complete", getElementById: () => root };
    new Function("document", "navigator", config.IE11_SCRIPT)(document, { userAgent });
    return root.innerHTML;
  }

  test("a pane shown by IE11 gets a readable bilingual message instead of a blank page", () => {
    const shown = page("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", 11);
    expect(shown).toContain(config.IE11_MESSAGE.zh);
    expect(shown).toContain(config.IE11_MESSAGE.en);
  });

  test("other browsers keep the page as it is", () => {
    expect(page("Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120 Edg/120")).toBe("正在加载客户分级助手… / Loading CRM Tiers…");
  });

  test("the snippet is ES5 (no arrow functions, let/const, template strings) and is in the build", () => {
    expect(config.IE11_SCRIPT).not.toMatch(/=>|\blet\b|\bconst\b|`/);
    const names = (config({}, { mode: "production" }).plugins ?? []).map((p) => p?.constructor.name);
    expect(names).toContain("Ie11MessagePlugin");
  });
});
