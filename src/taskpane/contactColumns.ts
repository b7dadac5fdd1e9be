/**
 * The user's own ways to reach a customer (phone, mobile, contact person, e-mail, WeChat):
 * columns no METHOD field uses, shown beside each customer in the Worklist so the rep can
 * call straight from the list. Dates (最近联系日期, Last contact) are never contact columns.
 */
import type { HeaderMapping } from "../engine/headers";

const CONTACT = /电话|手机|座机|联系人|联系方式|邮箱|微信|phone|mobile|\btel\b|contact|e-?mail|wechat/i;
const DATE_LIKE = /日期|时间|date|time/i;

/** At most this many, in table order: the list item stays one or two lines. */
export const MAX_CONTACT_COLUMNS = 3;

/** Table column indices of the contact columns (unmapped, header matches, not a date). */
export function contactColumns(mapping: HeaderMapping): number[] {
  return mapping.unmapped
    .filter((c) => {
      const h = (mapping.headers[c] ?? "").trim();
      return h !== "" && CONTACT.test(h) && !DATE_LIKE.test(h);
    })
    .slice(0, MAX_CONTACT_COLUMNS);
}
