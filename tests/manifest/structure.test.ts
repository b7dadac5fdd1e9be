/**
 * What the XSD cannot check: resids resolve, one shared-runtime page, https, zh-CN overrides,
 * icons that exist at their declared sizes. Always runs (no schemas needed).
 */
import fs from "fs";
import path from "path";
import zlib from "zlib";
import { checkManifest, parseManifest, readResources, sharedPageResids, NS } from "./manifestChecks";

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const DEV_URL = "https://localhost:3000/";

function broken(from: string, to: string): string {
  expect(MANIFEST.split(from).length).toBeGreaterThan(1);
  return MANIFEST.split(from).join(to);
}

describe("manifest.xml structure", () => {
  test("has no structural problems", () => {
    expect(checkManifest(MANIFEST)).toEqual([]);
  });

  test("identity: fixed id, version, names in en-US and zh-CN", () => {
    const doc = parseManifest(MANIFEST);
    const text = (name: string) => doc.getElementsByTagNameNS(NS.app, name)[0]?.textContent;
    expect(text("Id")).toBe("87579e44-a3b3-42a2-9720-8458a7ec408d");
    expect(text("Version")).toBe("1.0.0.0");
    expect(text("DefaultLocale")).toBe("en-US");
    expect(text("Permissions")).toBe("ReadWriteDocument");
    const display = doc.getElementsByTagNameNS(NS.app, "DisplayName")[0];
    expect(display.getAttribute("DefaultValue")).toBe("CRM Tiers");
    expect(display.getElementsByTagNameNS(NS.app, "Override")[0].getAttribute("Value")).toBe("客户分级助手");
    const sets = Array.from(doc.getElementsByTagNameNS(NS.app, "Set")).map(
      (s) => `${s.getAttribute("Name")} ${s.getAttribute("MinVersion")}`,
    );
    expect(sets).toEqual(["SharedRuntime 1.1", "CustomFunctionsRuntime 1.3", "ExcelApi 1.4"]);
  });

  test("the shared runtime, custom functions page, function file and task pane are one page", () => {
    const doc = parseManifest(MANIFEST);
    expect(sharedPageResids(doc)).toEqual({
      Runtime: "Taskpane.Url",
      "CustomFunctions Page": "Taskpane.Url",
      FunctionFile: "Taskpane.Url",
      ShowTaskpane: "Taskpane.Url",
    });
    expect(readResources(doc).byId.get("Taskpane.Url")?.value).toBe(`${DEV_URL}taskpane.html`);
  });

  test("custom functions: namespace CRM, metadata in en and zh-CN, script from the build", () => {
    const res = readResources(parseManifest(MANIFEST)).byId;
    expect(res.get("Functions.Namespace")?.value).toBe("CRM");
    expect(res.get("Functions.Metadata.Url")?.value).toBe(`${DEV_URL}functions.json`);
    expect(res.get("Functions.Metadata.Url")?.overrides.get("zh-CN")).toBe(`${DEV_URL}functions.zh-CN.json`);
    expect(res.get("Functions.Script.Url")?.value).toBe(`${DEV_URL}functions.js`);
  });

  test("every label and tooltip has a zh-CN text", () => {
    const res = readResources(parseManifest(MANIFEST)).byId;
    const zh = (id: string) => res.get(id)?.overrides.get("zh-CN");
    expect(zh("CommandsGroup.Label")).toBe("客户分级");
    expect(zh("TaskpaneButton.Label")).toBe("客户分级助手");
    expect(zh("TaskpaneButton.Tooltip")).toBe("打开客户分级助手：为客户表计算价值等级、关系等级和下一步行动。");
    expect(zh("GetStarted.Title")).toBe("客户分级助手已就绪");
  });

  // The checks themselves must be able to fail: each broken copy yields the expected problem.
  test.each([
    [
      "the Runtime names another page",
      '<Runtime resid="Taskpane.Url"',
      '<Runtime resid="GetStarted.LearnMoreUrl"',
      "shared runtime: Runtime, CustomFunctions Page, FunctionFile and ShowTaskpane must name the same page, found " +
        "Runtime=GetStarted.LearnMoreUrl, CustomFunctions Page=Taskpane.Url, FunctionFile=Taskpane.Url, ShowTaskpane=Taskpane.Url",
    ],
    [
      "a resid with no resource",
      '<FunctionFile resid="Taskpane.Url"/>',
      '<FunctionFile resid="Commands.Url"/>',
      'FunctionFile resid="Commands.Url" has no Resources entry',
    ],
    [
      "a label pointing at a long string",
      '<Label resid="CommandsGroup.Label"/>',
      '<Label resid="TaskpaneButton.Tooltip"/>',
      'Label resid="TaskpaneButton.Tooltip" is in LongStrings, expected ShortStrings',
    ],
    ["a short lifetime", 'lifetime="long"', 'lifetime="short"', 'Runtime lifetime must be "long" (found short)'],
    [
      "an http URL",
      '"https://localhost:3000/assets/icon-16.png"',
      '"http://localhost:3000/assets/icon-16.png"',
      "Image@DefaultValue http://localhost:3000/assets/icon-16.png is not https",
    ],
    [
      "no zh-CN metadata",
      '<bt:Override Locale="zh-CN" Value="https://localhost:3000/functions.zh-CN.json"/>',
      "",
      "functions metadata URL has no zh-CN Override",
    ],
    [
      "a tooltip without Chinese",
      '<bt:Override Locale="zh-CN" Value="打开客户分级助手：为客户表计算价值等级、关系等级和下一步行动。"/>',
      "",
      "string TaskpaneButton.Tooltip has no zh-CN Override",
    ],
    [
      "a resource defined twice",
      '<bt:Image id="Icon.32x32"',
      '<bt:Image id="Icon.16x16"',
      "resource id Icon.16x16 is defined twice",
    ],
  ])("catches %s", (_name, from, to, problem) => {
    expect(checkManifest(broken(from, to))).toContain(problem);
  });
});

/** Width, height and RGBA pixels of one of our own PNGs (8-bit RGBA, filter 0 rows). */
function readPng(file: string): { width: number; height: number; pixel: (x: number, y: number) => string } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    if (buf.toString("ascii", at + 4, at + 8) === "IDAT") idat.push(buf.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const pixel = (x: number, y: number) => {
    const o = y * (width * 4 + 1) + 1 + x * 4;
    return Array.from(raw.subarray(o, o + 4), (b) => b.toString(16).padStart(2, "0")).join("");
  };
  return { width, height, pixel };
}

describe("icons", () => {
  const res = readResources(parseManifest(MANIFEST)).byId;
  const doc = parseManifest(MANIFEST);
  const appIcon = (name: string) => doc.getElementsByTagNameNS(NS.app, name)[0].getAttribute("DefaultValue") ?? "";

  test.each([
    ["Icon.16x16", res.get("Icon.16x16")?.value ?? "", 16],
    ["Icon.32x32", res.get("Icon.32x32")?.value ?? "", 32],
    ["Icon.80x80", res.get("Icon.80x80")?.value ?? "", 80],
    ["IconUrl", appIcon("IconUrl"), 32],
    ["HighResolutionIconUrl", appIcon("HighResolutionIconUrl"), 64],
  ])("%s exists at its declared size", (_id, url, size) => {
    expect(url.startsWith(`${DEV_URL}assets/`)).toBe(true);
    const png = readPng(path.join(ROOT, url.slice(DEV_URL.length)));
    expect([png.width, png.height]).toEqual([size, size]);
  });

  test("tiers are crisp: whole pixels of the exact palette, transparent background", () => {
    // 16-unit grid: tier 1 x 5..11 y 7..9, tier 2 x 3..13 y 10..12, tier 3 x 1..15 y 13..15.
    const i16 = readPng(path.join(ROOT, "assets/icon-16.png"));
    expect(i16.pixel(0, 0)).toBe("00000000");
    expect(i16.pixel(8, 8)).toBe("185c37ff");
    expect(i16.pixel(5, 7)).toBe("185c37ff");
    expect(i16.pixel(4, 7)).toBe("00000000");
    expect(i16.pixel(3, 11)).toBe("21a366ff");
    expect(i16.pixel(1, 14)).toBe("33c481ff");
    expect(i16.pixel(14, 14)).toBe("33c481ff");
    expect(i16.pixel(15, 14)).toBe("00000000");
    const i80 = readPng(path.join(ROOT, "assets/icon-80.png")); // ×5
    expect(i80.pixel(24, 35)).toBe("00000000");
    expect(i80.pixel(25, 35)).toBe("185c37ff");
    expect(i80.pixel(74, 74)).toBe("33c481ff");
    expect(i80.pixel(75, 74)).toBe("00000000");
    expect(i80.pixel(40, 19)).toBe("ffb900ff"); // star centre (8, 3.75) × 5
  });

  test("committed PNGs and icon.svg match what scripts/make-icons.js draws", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const icons = require("../../scripts/make-icons.js") as {
      SIZES: number[];
      toSvg: () => string;
      rasterize: (size: number) => Buffer;
      encodePng: (size: number, rgba: Buffer) => Buffer;
    };
    expect(icons.SIZES).toEqual([16, 32, 64, 80]);
    expect(fs.readFileSync(path.join(ROOT, "assets/icon.svg"), "utf8")).toBe(icons.toSvg());
    for (const size of icons.SIZES) {
      const committed = fs.readFileSync(path.join(ROOT, `assets/icon-${size}.png`));
      expect(committed.equals(icons.encodePng(size, icons.rasterize(size)))).toBe(true);
    }
  });
});
