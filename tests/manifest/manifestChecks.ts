/**
 * Structural checks of manifest.xml that the XSD cannot express (resids that resolve,
 * one shared-runtime page, https everywhere, zh-CN overrides). Returns problems as text
 * so that a test can show both "no problems" and "this broken copy is caught".
 * Parsing uses jsdom's XML DOMParser (jsdom ships with jest-environment-jsdom).
 */
import { JSDOM } from "jsdom";

export const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

const { DOMParser } = new JSDOM("").window;

export function parseManifest(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const err = doc.getElementsByTagName("parsererror")[0];
  if (err) throw new Error(`manifest is not well-formed XML: ${err.textContent}`);
  return doc;
}

function all(root: Document | Element, ns: string, name: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, name));
}

function xsiType(el: Element): string | null {
  return el.getAttributeNS(NS.xsi, "type");
}

/** Which Resources list a resid on this element must come from. */
const RESOURCE_KIND_BY_ELEMENT: Record<string, "Images" | "Urls" | "ShortStrings" | "LongStrings"> = {
  Image: "Images",
  SourceLocation: "Urls",
  Runtime: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};

export interface Resources {
  /** id → { kind, default value, overrides by locale } */
  byId: Map<string, { kind: string; value: string; overrides: Map<string, string> }>;
  duplicates: string[];
}

export function readResources(doc: Document): Resources {
  const byId: Resources["byId"] = new Map();
  const duplicates: string[] = [];
  for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"]) {
    for (const list of all(doc, NS.bt, kind)) {
      for (const item of Array.from(list.children)) {
        const id = item.getAttribute("id") ?? "";
        if (byId.has(id)) duplicates.push(id);
        const overrides = new Map<string, string>();
        for (const o of all(item, NS.bt, "Override")) {
          overrides.set(o.getAttribute("Locale") ?? "", o.getAttribute("Value") ?? "");
        }
        byId.set(id, { kind, value: item.getAttribute("DefaultValue") ?? "", overrides });
      }
    }
  }
  return { byId, duplicates };
}

/** The resid of the SourceLocation inside the first `child` element of `parent`. */
function sourceResid(parent: Element | undefined, child: string): string | null {
  const holder = parent ? all(parent, NS.ov, child)[0] : undefined;
  const loc = holder ? all(holder, NS.ov, "SourceLocation")[0] : undefined;
  return loc?.getAttribute("resid") ?? null;
}

/** Every URL in the manifest, with where it was found. */
export function allUrls(doc: Document): { where: string; url: string }[] {
  const out: { where: string; url: string }[] = [];
  const walk = (el: Element) => {
    for (const attr of ["DefaultValue", "Value"]) {
      const v = el.getAttribute(attr);
      if (v && /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) out.push({ where: `${el.localName}@${attr}`, url: v });
    }
    for (const c of Array.from(el.children)) walk(c);
  };
  walk(doc.documentElement);
  for (const d of all(doc, NS.app, "AppDomain")) out.push({ where: "AppDomain", url: (d.textContent ?? "").trim() });
  return out;
}

export const SHARED_PAGE_USES = ["Runtime", "CustomFunctions Page", "FunctionFile", "ShowTaskpane"] as const;

/** resids of the four places that must name the shared-runtime page. */
export function sharedPageResids(doc: Document): Record<(typeof SHARED_PAGE_USES)[number], string | null> {
  const cf = all(doc, NS.ov, "ExtensionPoint").find((e) => xsiType(e) === "CustomFunctions");
  const show = all(doc, NS.ov, "Action").find((e) => xsiType(e) === "ShowTaskpane");
  return {
    Runtime: all(doc, NS.ov, "Runtime")[0]?.getAttribute("resid") ?? null,
    "CustomFunctions Page": sourceResid(cf, "Page"),
    FunctionFile: all(doc, NS.ov, "FunctionFile")[0]?.getAttribute("resid") ?? null,
    ShowTaskpane: show ? (all(show, NS.ov, "SourceLocation")[0]?.getAttribute("resid") ?? null) : null,
  };
}

export function checkManifest(xml: string): string[] {
  const problems: string[] = [];
  const doc = parseManifest(xml);
  const res = readResources(doc);
  for (const id of res.duplicates) problems.push(`resource id ${id} is defined twice`);

  // 1. every resid resolves, to the right kind of resource
  for (const el of Array.from(doc.getElementsByTagName("*"))) {
    const resid = el.getAttribute("resid");
    if (resid === null) continue;
    const entry = res.byId.get(resid);
    const want = RESOURCE_KIND_BY_ELEMENT[el.localName];
    if (!entry) problems.push(`${el.localName} resid="${resid}" has no Resources entry`);
    else if (want && entry.kind !== want) {
      problems.push(`${el.localName} resid="${resid}" is in ${entry.kind}, expected ${want}`);
    }
  }

  // 2. one page for the shared runtime
  const resids = sharedPageResids(doc);
  const distinct = new Set(Object.values(resids));
  if (distinct.size !== 1 || distinct.has(null)) {
    problems.push(
      "shared runtime: Runtime, CustomFunctions Page, FunctionFile and ShowTaskpane must name the same page, found " +
        SHARED_PAGE_USES.map((k) => `${k}=${resids[k]}`).join(", "),
    );
  } else {
    const pageUrl = res.byId.get(resids.Runtime ?? "")?.value;
    const defaultPage = all(doc, NS.app, "DefaultSettings")[0]
      ?.getElementsByTagNameNS(NS.app, "SourceLocation")[0]
      ?.getAttribute("DefaultValue");
    if (pageUrl !== defaultPage) {
      problems.push(`shared runtime page ${pageUrl} differs from DefaultSettings SourceLocation ${defaultPage}`);
    }
  }
  const runtime = all(doc, NS.ov, "Runtime")[0];
  if (runtime?.getAttribute("lifetime") !== "long") {
    problems.push(`Runtime lifetime must be "long" (found ${runtime?.getAttribute("lifetime") ?? "none"})`);
  }

  // 3. https everywhere
  for (const { where, url } of allUrls(doc)) {
    if (!url.startsWith("https://")) problems.push(`${where} ${url} is not https`);
  }

  // 4. zh-CN: display name, every string, and the zh-CN functions metadata
  const display = all(doc, NS.app, "DisplayName")[0];
  const zhName = display ? all(display, NS.app, "Override").find((o) => o.getAttribute("Locale") === "zh-CN") : undefined;
  if (!zhName) problems.push("DisplayName has no zh-CN Override");
  for (const [id, r] of res.byId) {
    if ((r.kind === "ShortStrings" || r.kind === "LongStrings") && !r.overrides.has("zh-CN")) {
      problems.push(`string ${id} has no zh-CN Override`);
    }
  }
  const metadataResid = sourceResid(
    all(doc, NS.ov, "ExtensionPoint").find((e) => xsiType(e) === "CustomFunctions"),
    "Metadata",
  );
  const metadata = metadataResid ? res.byId.get(metadataResid) : undefined;
  if (!metadata) problems.push("CustomFunctions Metadata has no URL");
  else {
    if (!metadata.value.endsWith("/functions.json")) problems.push(`metadata URL ${metadata.value} is not functions.json`);
    const zh = metadata.overrides.get("zh-CN");
    if (!zh) problems.push("functions metadata URL has no zh-CN Override");
    else if (!zh.endsWith("/functions.zh-CN.json")) problems.push(`zh-CN metadata URL ${zh} is not functions.zh-CN.json`);
  }
  return problems;
}
