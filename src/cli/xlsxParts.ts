/**
 * The parts of an .xlsx the reader needs besides the sheet: the sheet list (with hidden state and
 * file paths), the date system, the styles that make a number a date, and the shared strings.
 * XML is parsed with saxes, fed text from a stateful UTF-8 decoder so that a character split
 * between two chunks is decoded whole (exceljs decodes each chunk alone and corrupts it).
 */
import type { Readable } from "stream";
import { StringDecoder } from "string_decoder";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { ZipReader } from "./zip";
import { damaged } from "./zip";

export interface SheetInfo {
  name: string;
  /** Zip path of the sheet XML, e.g. xl/worksheets/sheet1.xml. */
  path: string;
  /** "visible", "hidden" or "veryHidden". */
  state: string;
}

export interface WorkbookInfo {
  sheets: SheetInfo[];
  /** The 1904 date system (Mac Excel, LibreOffice may write `true`): serial 0 = 1904-01-01. */
  date1904: boolean;
}

export interface Styles {
  /** Per cell style index (`s`): its number format code ("General" when none). */
  formats: string[];
  /** Per cell style index: true when its format shows a date. */
  isDate: boolean[];
}

/**
 * A copy of `s` that does not keep its source alive. saxes hands out slices of each 64 KB chunk
 * of decoded XML; V8 keeps a slice of 13 or more characters as a view on the whole chunk, so a
 * million cells would pin the whole sheet's text (4 GB measured on 1 M rows × 25 columns).
 * Concatenating flattens into a new string of the slice's own size.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

/** Local name of a tag (some generators write prefixed names: `x:row`). */
export const local = (name: string): string => {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
};

/**
 * Feeds a byte stream to a fresh saxes parser. The decoder is stateful: a UTF-8 sequence cut
 * by a chunk boundary is held back until its last byte arrives.
 */
export async function parseXml(
  stream: Readable,
  setup: (parser: SaxesParser) => void,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  const parser = new SaxesParser({ position: false });
  setup(parser);
  const decoder = new StringDecoder("utf8");
  try {
    for await (const chunk of stream) {
      parser.write(decoder.write(chunk as Buffer));
      if (shouldStop()) {
        stream.destroy();
        return;
      }
    }
    parser.write(decoder.end());
    parser.close();
  } finally {
    stream.destroy();
  }
}

/** Built-in number formats that show dates (ECMA-376 §18.8.30 and the zh-CN/ja/ko built-ins). */
const BUILTIN_DATE_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);
/** The built-in codes a writer may need to put back (the zh-CN long dates among them). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  14: "yyyy-mm-dd",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "yyyy-mm-dd h:mm",
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: 'yyyy"年"m"月"',
  35: 'm"月"d"日"',
  36: 'yyyy"年"m"月"',
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mm:ss.0",
  49: "@",
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: 'yyyy"年"m"月"',
  56: 'm"月"d"日"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** A custom format shows a date when it has y, m or d outside quotes, brackets and escapes. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .split(";")[0];
  return /[ymd]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

export async function readWorkbookInfo(zip: ZipReader): Promise<WorkbookInfo> {
  if (!zip.has("xl/workbook.xml")) throw damaged(zip.file, "no xl/workbook.xml");
  const rels = new Map<string, string>();
  if (zip.has("xl/_rels/workbook.xml.rels")) {
    await parseXml(await zip.stream("xl/_rels/workbook.xml.rels"), (p) =>
      p.on("opentag", (t: SaxesTagPlain) => {
        if (local(t.name) === "Relationship") rels.set(String(t.attributes.Id), String(t.attributes.Target));
      }),
    );
  }
  const info: WorkbookInfo = { sheets: [], date1904: false };
  await parseXml(await zip.stream("xl/workbook.xml"), (p) =>
    p.on("opentag", (t: SaxesTagPlain) => {
      const n = local(t.name);
      if (n === "workbookPr") {
        const v = String(t.attributes.date1904 ?? "").trim();
        info.date1904 = v === "1" || v === "true";
      } else if (n === "sheet") {
        const a = t.attributes;
        const rid = String(a["r:id"] ?? Object.entries(a).find(([k]) => local(k) === "id")?.[1] ?? "");
        const target = rels.get(rid) ?? `worksheets/sheet${a.sheetId}.xml`;
        const path = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
        info.sheets.push({ name: String(a.name), path, state: String(a.state ?? "visible") });
      }
    }),
  );
  return info;
}

export async function readStyles(zip: ZipReader): Promise<Styles> {
  const styles: Styles = { formats: [], isDate: [] };
  if (!zip.has("xl/styles.xml")) return styles;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  await parseXml(await zip.stream("xl/styles.xml"), (p) => {
    p.on("opentag", (t: SaxesTagPlain) => {
      const n = local(t.name);
      if (n === "numFmt") custom.set(Number(t.attributes.numFmtId), String(t.attributes.formatCode ?? ""));
      else if (n === "cellXfs") inCellXfs = true;
      else if (n === "xf" && inCellXfs) {
        const id = Number(t.attributes.numFmtId ?? 0);
        const code = custom.get(id) ?? BUILTIN_FORMATS[id] ?? "General";
        styles.formats.push(code);
        styles.isDate.push(custom.has(id) ? isDateFormatCode(code) : BUILTIN_DATE_IDS.has(id));
      }
    });
    p.on("closetag", (t) => {
      if (local(t.name) === "cellXfs") inCellXfs = false;
    });
  });
  return styles;
}

export interface SharedStrings {
  strings: string[];
  /** Rich text entries: index → the runs' XML (`<r><rPr>…</rPr><t>…</t></r>…`), to write back. */
  rich: Map<number, string>;
}

const escText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escAttr = (s: string) => escText(s).replace(/"/g, "&quot;");

/** The shared strings, rich text joined into its plain text (phonetic runs left out) and its runs kept. */
export async function readSharedStrings(zip: ZipReader): Promise<SharedStrings> {
  const out: SharedStrings = { strings: [], rich: new Map() };
  const name = zip.has("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : null;
  if (!name) return out;
  let text = "";
  let inT = false;
  let inPhonetic = 0;
  let inRun = false;
  let inRunProps = false;
  let runText = "";
  let runs = "";
  await parseXml(await zip.stream(name), (p) => {
    p.on("opentag", (t: SaxesTagPlain) => {
      const n = local(t.name);
      if (n === "si") ((text = ""), (runs = ""));
      else if (n === "t") inT = inPhonetic === 0;
      else if (n === "rPh") inPhonetic++;
      else if (n === "r" && inPhonetic === 0) ((inRun = true), (runText = ""), (runs += "<r>"));
      else if (n === "rPr" && inRun) ((inRunProps = true), (runs += "<rPr>"));
      else if (inRunProps) {
        const attrs = Object.entries(t.attributes)
          .map(([k, v]) => ` ${k}="${escAttr(String(v))}"`)
          .join("");
        runs += `<${n}${attrs}/>`;
      }
    });
    const onText = (s: string) => {
      if (!inT) return;
      text += s;
      if (inRun) runText += s;
    };
    p.on("text", onText);
    p.on("cdata", onText);
    p.on("closetag", (t) => {
      const n = local(t.name);
      if (n === "t") inT = false;
      else if (n === "rPh") inPhonetic--;
      else if (n === "rPr" && inRunProps) ((inRunProps = false), (runs += "</rPr>"));
      else if (n === "r" && inRun) {
        inRun = false;
        runs += `<t xml:space="preserve">${escText(runText)}</t></r>`;
      } else if (n === "si") {
        if (runs !== "") out.rich.set(out.strings.length, detached(runs));
        out.strings.push(detached(text));
      }
    });
  });
  return out;
}
