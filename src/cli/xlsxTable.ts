/**
 * Excel tables (ListObjects): the table part's XML and the column names Excel requires
 * (unique, non-empty, equal to the header cells). xlsxWriter.ts adds the part to a sheet.
 */
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export interface TableSpec {
  /** Table name and displayName: a valid Excel name, unique in the workbook (e.g. "CRM_Customers"). */
  name: string;
  /** The whole block, header row included, e.g. "A1:U6". */
  ref: string;
  /** One name per column, already unique and non-empty (see tableColumnNames); equal to the header cells. */
  columns: readonly string[];
  /** Default TableStyleMedium2 (Excel's default blue), banded rows. */
  style?: string;
}

/**
 * Column names for a table whose header cells read `texts`, made valid as Excel makes them when
 * it turns a range into a table: a repeated header gets the lowest free number appended
 * ("名称", "名称2", "名称3"), and empty (or blank) headers become "Column1", "Column2"… in
 * order. Names compare without regard to case, as Excel's do. Columns listed in `keep` are
 * named first and never renamed (the output's own headers, which a re-run recognises); then the
 * other headers left to right, then the empty ones. A number added to a repeated header also
 * avoids every header still to come, so that one is not renamed in turn.
 */
export function tableColumnNames(texts: readonly string[], keep: ReadonlySet<number> = new Set()): string[] {
  const key = (s: string) => s.toLocaleLowerCase("en-US");
  const names: string[] = new Array(texts.length);
  const used = new Set<string>();
  const blank = (i: number) => texts[i].trim() === "";
  const all = texts.map((_, i) => i);
  const order = [...keep].sort((x, y) => x - y);
  order.push(...all.filter((i) => !keep.has(i) && !blank(i)));
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    let name = texts[i];
    if (used.has(key(name))) {
      const later = new Set(order.slice(k + 1).map((j) => key(texts[j])));
      let n = 2;
      while (used.has(key(`${texts[i]}${n}`)) || later.has(key(`${texts[i]}${n}`))) n++;
      name = `${texts[i]}${n}`;
    }
    used.add(key(name));
    names[i] = name;
  }
  let n = 1;
  for (const i of all.filter((j) => !keep.has(j) && blank(j))) {
    while (used.has(key(`Column${n}`))) n++;
    names[i] = `Column${n}`;
    used.add(key(names[i]));
  }
  return names;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Attribute-value escaping; line breaks and tabs as character references so they survive. */
export function xmlAttr(s: string): string {
  return s.replace(/[&<>"\t\n\r]/g, (c) => XML_ESCAPES[c] ?? `&#${c.charCodeAt(0)};`);
}
/** xl/tables/tableK.xml for one table. */
export function tableXml(id: number, spec: TableSpec): string {
  const cols = spec.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${xmlAttr(c)}"/>`).join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="${MAIN_NS}" id="${id}" name="${xmlAttr(spec.name)}" displayName="${xmlAttr(spec.name)}"` +
    ` ref="${spec.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${spec.ref}"/>` +
    `<tableColumns count="${spec.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${xmlAttr(spec.style ?? "TableStyleMedium2")}" showFirstColumn="0" showLastColumn="0"` +
    ` showRowStripes="1" showColumnStripes="0"/>` +
    "</table>"
  );
}
