/*
 * Webpack build of the CRM Tiers add-in: ONE page (taskpane.html) holding the task pane,
 * custom-functions and ribbon-commands chunks, so they share one JavaScript runtime.
 *
 * Environment variables (all optional):
 *   OFFICE_JS_URL  where taskpane.html loads Office.js from. Default: the official CDN
 *                  https://appsforoffice.microsoft.com/lib/1/hosted/office.js. The dev server
 *                  also serves node_modules/@microsoft/office-js/dist at /office-js/, so
 *                  OFFICE_JS_URL=/office-js/office.js works offline (e2e tests, no internet).
 *   PUBLIC_URL     production builds only: the https:// address the add-in is hosted at;
 *                  every https://localhost:3000/ in dist/manifest.xml is replaced by it.
 *   DEV_SERVER_PORT dev server port (default 3000, the port manifest.xml names).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require("fs");
const os = require("os");
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const DEV_URL = "https://localhost:3000/";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
const FUNCTIONS_JSON = "functions.json";
const FUNCTIONS_ZH_JSON = "functions.zh-CN.json";
const ZH_TRANSLATOR = path.resolve(__dirname, "scripts/functions-zh-cn.js");

/**
 * Rewrites the dev URLs of manifest.xml for hosting at publicUrl (an https:// address).
 * AppDomain takes the origin only; every other URL keeps its path below publicUrl.
 * Throws a clear error for an address Office would refuse (not https, not a URL).
 */
function rewriteManifestUrls(xml, publicUrl) {
  let url;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL "${publicUrl}" is not a URL (expected e.g. https://crm.example.com/addin/)`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`PUBLIC_URL "${publicUrl}" must start with https:// (Office loads add-ins over https only)`);
  }
  const base = url.href.endsWith("/") ? url.href : url.href + "/";
  return xml
    .split(`<AppDomain>${DEV_URL.slice(0, -1)}</AppDomain>`)
    .join(`<AppDomain>${url.origin}</AppDomain>`)
    .split(DEV_URL)
    .join(base);
}

/** Drops a module and the modules it loaded from Node's require cache. */
function forgetModule(file) {
  const cached = require.cache[file];
  if (!cached) return;
  for (const child of cached.children) delete require.cache[child.id];
  delete require.cache[file];
}

/**
 * Every CRM function takes `any` arguments and handles error values itself (METHOD-NOTES: an
 * error in a population is left out; in a customer's own cell it gives #VALUE! in that output
 * cell only). Without this option Excel does not call the function at all when an argument holds
 * an error. The metadata generator has no JSDoc tag for it, so it is added here.
 * learn.microsoft.com (custom-functions-json): allowErrorForDataTypeAny "If true, your custom
 * function can process errors as input values."
 */
function withErrorInputs(metadata) {
  const source = typeof metadata === "string" ? JSON.parse(metadata) : metadata;
  return {
    ...source,
    functions: source.functions.map((fn) => ({ ...fn, options: { ...fn.options, allowErrorForDataTypeAny: true } })),
  };
}

/** Rewrites the generated functions.json with withErrorInputs (before the zh-CN copy is made from it). */
class FunctionsErrorInputsPlugin {
  apply(compiler) {
    const name = "FunctionsErrorInputsPlugin";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset(FUNCTIONS_JSON);
          if (!asset) return;
          const text = JSON.stringify(withErrorInputs(asset.source.source().toString()), null, 4);
          compilation.updateAsset(FUNCTIONS_JSON, new webpack.sources.RawSource(text));
        },
      );
    });
  }
}

/**
 * After custom-functions-metadata-plugin has generated functions.json, emits
 * functions.zh-CN.json = scripts/functions-zh-cn.js translateMetadata(functions.json).
 * A translation error (e.g. a function without a Chinese name) fails the build.
 */
class FunctionsZhCnPlugin {
  /** @param {{ translator?: string }} [options] translator: module exporting translateMetadata (tests) */
  constructor(options = {}) {
    this.translator = options.translator || ZH_TRANSLATOR;
  }

  apply(compiler) {
    const translator = this.translator;
    const name = "FunctionsZhCnPlugin";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset(FUNCTIONS_JSON);
          if (!asset) return; // the metadata plugin already reported why
          compilation.fileDependencies.add(translator);
          try {
            forgetModule(translator); // pick up edits (and its zh-CN.json) in watch mode
            const { translateMetadata } = require(translator);
            for (const child of require.cache[translator]?.children ?? []) {
              compilation.fileDependencies.add(child.id);
            }
            const metadata = JSON.parse(asset.source.source().toString());
            const zh = translateMetadata(metadata);
            const text = JSON.stringify(zh, null, 2) + "\n";
            compilation.emitAsset(FUNCTIONS_ZH_JSON, new webpack.sources.RawSource(text));
          } catch (err) {
            const msg = err instanceof Error ? err.message : String(err);
            compilation.errors.push(
              new webpack.WebpackError(`${FUNCTIONS_ZH_JSON}: ${path.relative(__dirname, translator)} failed: ${msg}`),
            );
          }
        },
      );
    });
  }
}

/**
 * Office on Windows before Microsoft 365 / Office 2021 may show add-ins in Internet Explorer 11,
 * which cannot run the bundles (modern JavaScript): the pane would stay blank. This ES5 snippet,
 * inlined in taskpane.html, puts a readable bilingual message there instead.
 */
const IE11_MESSAGE = {
  zh: "此版本的 Office 使用 Internet Explorer 11 显示加载项，客户分级助手无法在其中运行。请更新到 Microsoft 365 或 Office 2021 及以上版本，或在 Excel 网页版中使用。",
  en: "This version of Office shows add-ins in Internet Explorer 11, which CRM Tiers cannot run in. Please update to Microsoft 365 or Office 2021 or later, or use Excel on the web.",
};
const IE11_SCRIPT =
  "(function(){var d=document;if(!d.documentMode&&!/Trident\\//.test(navigator.userAgent))return;" +
  "var show=function(){var r=d.getElementById('root');if(!r)return;" +
  "r.innerHTML='<p style=\"font-family:Segoe UI,Microsoft YaHei,sans-serif;padding:16px\">'+" +
  JSON.stringify(IE11_MESSAGE.zh) +
  "+'</p><p style=\"font-family:Segoe UI,sans-serif;padding:0 16px\">'+" +
  JSON.stringify(IE11_MESSAGE.en) +
  "+'</p>';};if(d.readyState!=='loading')show();else d.attachEvent?d.attachEvent('onreadystatechange',function(){if(d.readyState!=='loading')show();}):d.addEventListener('DOMContentLoaded',show);})();";

/** Inlines IE11_SCRIPT at the top of taskpane.html's head. */
class Ie11MessagePlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap("Ie11MessagePlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap("Ie11MessagePlugin", (data) => {
        data.headTags.unshift(HtmlWebpackPlugin.createHtmlTagObject("script", {}, IE11_SCRIPT));
        return data;
      });
    });
  }
}

const DEV_CERTS_DIR = path.join(os.homedir(), ".office-addin-dev-certs");

/** https options from the dev-certs folder when all three files exist, else null. */
function devCertificates(dir) {
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  const out = {};
  for (const [k, f] of Object.entries(files)) {
    const p = path.join(dir, f);
    if (!fs.existsSync(p)) return null;
    out[k] = fs.readFileSync(p);
  }
  return out;
}

function devServerConfig(port, certsDir = DEV_CERTS_DIR) {
  const certs = devCertificates(certsDir);
  if (!certs) {
    console.warn(
      "\n[crm-tiers] 未找到开发证书 / No dev certificates in ~/.office-addin-dev-certs: serving plain http " +
        `on port ${port}.\n  Excel needs https: run \`npx office-addin-dev-certs install\` for sideloading.\n`,
    );
  }
  return {
    port,
    server: certs ? { type: "https", options: certs } : "http",
    headers: { "Access-Control-Allow-Origin": "*" },
    // Office.js served locally, for e2e tests and offline work (see OFFICE_JS_URL).
    static: [
      {
        directory: path.resolve(__dirname, "node_modules/@microsoft/office-js/dist"),
        publicPath: "/office-js",
        watch: false,
      },
    ],
    hot: false, // Office caches the page; full reloads are more predictable
    client: { overlay: { warnings: false, errors: true } },
  };
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const publicUrl = process.env.PUBLIC_URL;
  const officeJsUrl = process.env.OFFICE_JS_URL || OFFICE_JS_CDN;
  const port = Number(process.env.DEV_SERVER_PORT || 3000);

  return {
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: FUNCTIONS_SOURCE,
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    // One runtime chunk for the page: a module imported by several chunks (the settings
    // store shared by task pane and custom functions) is then instantiated only once.
    // So functions.js is not standalone: Excel loads it through taskpane.html (the
    // manifest's CustomFunctions <Page>); <Script> is only the non-shared fallback.
    optimization: {
      runtimeChunk: "single",
      splitChunks: { chunks: "all" },
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              // Type-check only what the bundle contains: tests and CLI are checked by `npm run lint`.
              onlyCompileBundledFiles: true,
              compilerOptions: { module: "esnext", sourceMap: !production },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_SOURCE, output: FUNCTIONS_JSON }),
      new FunctionsErrorInputsPlugin(), // before the zh-CN copy, which keeps the options
      new FunctionsZhCnPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["runtime", "functions", "commands", "taskpane"],
        officeJsUrl,
      }),
      new Ie11MessagePlugin(),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              const xml = content.toString();
              return production && publicUrl ? rewriteManifestUrls(xml, publicUrl) : xml;
            },
          },
        ],
      }),
    ],
    performance: {
      hints: production ? "warning" : false,
      maxAssetSize: 3_000_000,
      maxEntrypointSize: 3_000_000,
    },
    // Only `webpack serve` needs the server (and its certificate check).
    devServer: env.WEBPACK_SERVE ? devServerConfig(port) : undefined,
  };
};

// Exposed for tests (tests/manifest).
module.exports.rewriteManifestUrls = rewriteManifestUrls;
module.exports.FunctionsZhCnPlugin = FunctionsZhCnPlugin;
module.exports.FunctionsErrorInputsPlugin = FunctionsErrorInputsPlugin;
module.exports.withErrorInputs = withErrorInputs;
module.exports.IE11_SCRIPT = IE11_SCRIPT;
module.exports.IE11_MESSAGE = IE11_MESSAGE;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.devServerConfig = devServerConfig;
