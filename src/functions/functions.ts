/**
 * CRM.* custom functions: thin, documented wrappers. custom-functions-metadata-plugin reads the
 * JSDoc below to generate functions.json (and appends CustomFunctions.associate itself); the
 * logic lives in ./impl.ts so that tests call it directly. No Office.js, no network here.
 *
 * Shapes: every per-customer argument is either the same shape as the first argument or a single
 * cell (used for every row). Dates are Excel serials; pass TODAY() as [today] to keep
 * recalculation predictable (without it, today is the machine's local date).
 * Labels follow the optional last [language] argument: "zh" (default) or "en".
 * Each function first waits for the workbook's settings (settingsGate.ts).
 */
import * as impl from "./impl";
import { guard } from "./errors";
import * as rhythm from "./rhythm";
import { whenSettingsLoaded } from "./settingsGate";

// The build appends CustomFunctions.associate(...) calls to this file. When Office.js did not
// load (offline, blocked CDN) the page shows "open this in Excel"; those calls must not throw.
const runtimeGlobal = globalThis as { CustomFunctions?: { associate?: unknown } };
if (runtimeGlobal.CustomFunctions === undefined)
  runtimeGlobal.CustomFunctions = { associate: () => undefined };

// `any` in the signatures below: Excel passes ranges of any cell type.

/**
 * Classifies a whole customer table (with its header row) and spills the result columns with a header row.
 * @customfunction CLASSIFY CLASSIFY
 * @param table Customer table including the header row (customer name or ID, and revenue or profit, are required).
 * @param [today] Evaluation date (Excel date); pass TODAY() for predictable recalculation. Default: today's local date.
 * @returns Tier, ABC, share, key-account index, potential, level, gap, next action, next contact, risks, strategy, RFM, why, problems.
 */
async function classifyTable(table: any[][], today?: any): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() => impl.classifyTable(table, today));
}

/**
 * Value tier of each customer: Star, Rising, Fading, Regular or Insufficient data.
 * @customfunction TIER TIER
 * @param values Value of each customer (profit, or revenue): one cell or a column.
 * @param population Values of all customers (the ABC class comes from the value's rank in it).
 * @param [prevRevenue] Previous-period revenue, same shape as values (or one cell).
 * @param [lastOrder] Date of the last order (Excel date), same shape as values.
 * @param [orders] Number of orders, same shape as values.
 * @param [overdueDays] Average days late in paying, same shape as values.
 * @param [potential] Potential score 0-7, same shape as values.
 * @param [today] Evaluation date; pass TODAY() for predictable recalculation.
 * @param [language] "zh" (default) or "en".
 * @returns The tier label for each value.
 */
async function tier(
  values: any[][],
  population: any[][],
  prevRevenue?: any[][],
  lastOrder?: any[][],
  orders?: any[][],
  overdueDays?: any[][],
  potential?: any[][],
  today?: any,
  language?: any,
): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() =>
    impl.tier(values, population, prevRevenue, lastOrder, orders, overdueDays, potential, today, language),
  );
}

/**
 * ABC class (80/20) of each value within the population: A, B or C.
 * @customfunction ABC ABC
 * @param values Value of each customer: one cell or a column.
 * @param [population] Values of all customers. Default: values itself.
 * @returns A, B or C for each value (blank when the value is blank).
 */
async function abc(values: any[][], population?: any[][]): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() => impl.abc(values, population));
}

/**
 * Cumulative share: the share of the total value held by this customer and all bigger ones.
 * @customfunction SHARE SHARE
 * @param values Value of each customer: one cell or a column.
 * @param [population] Values of all customers. Default: values itself.
 * @returns A fraction between 0 and 1 for each value.
 */
async function share(values: any[][], population?: any[][]): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() => impl.share(values, population));
}

/**
 * Key-account index 0-100: volume, continuity, payment and growth, weighted by the current settings.
 * @customfunction KEYINDEX KEYINDEX
 * @param values Value of each customer: one cell or a column.
 * @param population Values of all customers (volume is the value's percentile in it).
 * @param [orders] Number of orders, same shape as values.
 * @param [overdueDays] Average days late in paying, same shape as values.
 * @param [prevRevenue] Previous-period revenue (growth compares values with it), same shape as values.
 * @param [activeMonths] Months with an order in the last 12 (used instead of orders), same shape as values.
 * @returns An integer 0-100 for each value (blank when the value is blank).
 */
async function keyIndex(
  values: any[][],
  population: any[][],
  orders?: any[][],
  overdueDays?: any[][],
  prevRevenue?: any[][],
  activeMonths?: any[][],
): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() => impl.keyIndex(values, population, orders, overdueDays, prevRevenue, activeMonths));
}

/**
 * Potential score: the number of yes answers among the seven criteria, row by row.
 * @customfunction POTENTIAL POTENTIAL
 * @param criteria Up to 7 columns of yes/no (growth, business plan, funding, opportunities, solution fit, competitiveness, relationship).
 * @returns One column: the count of yes (0-7) for each row.
 */
async function potential(criteria: any[][]): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() => impl.potential(criteria));
}

/**
 * Suggested relationship level from the ABC class and the margin rate.
 * @customfunction LEVEL LEVEL
 * @param abc ABC class (A, B or C) of each customer.
 * @param marginRate Gross margin rate (0.3, 30% or 30), same shape as abc.
 * @param [tier] Value tier (Rising and Fading are raised to at least Accountable), same shape as abc.
 * @param [language] "zh" (default) or "en".
 * @returns Proactive, Accountable, Reactive or Basic for each customer.
 */
async function level(abc: any[][], marginRate: any[][], tier?: any[][], language?: any): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() => impl.level(abc, marginRate, tier, language));
}

/**
 * Next action for each customer (birthday, holiday, after-sale, win-back, regular contact, referral, deepen).
 * @customfunction NEXTACTION NEXTACTION
 * @param name Customer name (it sets the customer's fixed cadence jitter).
 * @param tier Value tier of each customer, same shape as name.
 * @param [lastContact] Date of the last contact, same shape as name.
 * @param [lastOrder] Date of the last order, same shape as name.
 * @param [birthday] Birthday of the contact person, same shape as name.
 * @param [abc] ABC class, same shape as name.
 * @param [level] Suggested relationship level, same shape as name.
 * @param [orders] Number of orders, same shape as name.
 * @param [familiarity] Familiarity 1-5 or a word, same shape as name.
 * @param [referrals] Number of referrals, same shape as name.
 * @param [today] Evaluation date; pass TODAY() for predictable recalculation.
 * @param [language] "zh" (default) or "en".
 * @returns The action text for each customer.
 */
async function nextAction(
  name: any[][],
  tier: any[][],
  lastContact?: any[][],
  lastOrder?: any[][],
  birthday?: any[][],
  abc?: any[][],
  level?: any[][],
  orders?: any[][],
  familiarity?: any[][],
  referrals?: any[][],
  today?: any,
  language?: any,
): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() =>
    impl.nextAction(
      { name, tier, lastContact, lastOrder, birthday, abc, level, orders, familiarity, referrals },
      today,
      language,
    ),
  );
}

/**
 * Date of the next contact (Excel date serial), with the same arguments as NEXTACTION.
 * @customfunction NEXTCONTACT NEXTCONTACT
 * @param name Customer name (it sets the customer's fixed cadence jitter).
 * @param tier Value tier of each customer, same shape as name.
 * @param [lastContact] Date of the last contact, same shape as name.
 * @param [lastOrder] Date of the last order, same shape as name.
 * @param [birthday] Birthday of the contact person, same shape as name.
 * @param [abc] ABC class, same shape as name.
 * @param [level] Suggested relationship level, same shape as name.
 * @param [orders] Number of orders, same shape as name.
 * @param [familiarity] Familiarity 1-5 or a word, same shape as name.
 * @param [referrals] Number of referrals, same shape as name.
 * @param [today] Evaluation date; pass TODAY() for predictable recalculation.
 * @returns An Excel date serial for each customer (format the cells as dates).
 */
async function nextContact(
  name: any[][],
  tier: any[][],
  lastContact?: any[][],
  lastOrder?: any[][],
  birthday?: any[][],
  abc?: any[][],
  level?: any[][],
  orders?: any[][],
  familiarity?: any[][],
  referrals?: any[][],
  today?: any,
): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() =>
    impl.nextContact(
      { name, tier, lastContact, lastOrder, birthday, abc, level, orders, familiarity, referrals },
      today,
    ),
  );
}

/**
 * Sales strategy from the competitive situation: Fortify, Frontal, Develop for future, Flank or Divide and conquer.
 * @customfunction STRATEGY STRATEGY
 * @param incumbent Are we the current supplier? (yes/no)
 * @param position Competitive position: strong, even or weak (强/平/弱), same shape as incumbent.
 * @param opportunity Is there an open opportunity? (yes/no), same shape as incumbent.
 * @param [language] "zh" (default) or "en".
 * @returns The strategy for each customer (blank when all three are unknown).
 */
async function strategy(
  incumbent: any[][],
  position: any[][],
  opportunity: any[][],
  language?: any,
): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() => impl.strategy(incumbent, position, opportunity, language));
}

/**
 * RFM scores (1-5 each) as text such as "545", ranked within the given columns.
 * @customfunction RFM RFM
 * @param recency Days since the last order (fewer is better).
 * @param frequency Number of orders, same shape as recency.
 * @param monetary Value of each customer, same shape as recency.
 * @returns Three digits for each customer, "_" for an unknown metric.
 */
async function rfm(recency: any[][], frequency: any[][], monetary: any[][]): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() => impl.rfm(recency, frequency, monetary));
}

/**
 * The next major Chinese holiday (today counts) and its date.
 * @customfunction HOLIDAY HOLIDAY
 * @param [today] Evaluation date; pass TODAY() for predictable recalculation.
 * @param [language] "zh" (default) or "en".
 * @returns One row: the holiday's name and its Excel date serial.
 */
async function holiday(today?: any, language?: any): Promise<any[][]> {
  await whenSettingsLoaded();
  return guard(() => impl.holiday(today, language));
}

/**
 * From a sales ledger (one row per order line) to one row per customer: revenue, previous revenue, orders, active months, first and last order.
 * @customfunction FROMORDERS FROMORDERS
 * @param customers Customer of each line (name or ID): a column.
 * @param dates Date of each line (Excel date), same shape as customers.
 * @param amounts Amount of each line (a return is negative), same shape as customers.
 * @param [orderIds] Order or invoice number of each line, same shape as customers (orders are then counted by number, else by date).
 * @param [today] Evaluation date; pass TODAY() for predictable recalculation.
 * @param [periodMonths] Length of the current period in months (default 12); the previous period is as long, just before it.
 * @param [language] "zh" (default) or "en".
 * @returns The customer table with a header row, one row per customer in order of first appearance.
 */
function fromOrders(
  customers: any[][],
  dates: any[][],
  amounts: any[][],
  orderIds?: any[][],
  today?: any,
  periodMonths?: any,
  language?: any,
): any[][] {
  return guard(() => impl.fromOrders(customers, dates, amounts, orderIds, today, periodMonths, language));
}

/**
 * Probability that a customer is still active (BG/NBD, METHOD §13), from the customer's history and the fitted parameters.
 * @customfunction PALIVE PALIVE
 * @param x Repeat purchases: distinct purchase dates minus 1 (one cell or a column; blank = no purchase).
 * @param t Time from the first to the last purchase, same shape as x (or one cell).
 * @param T Time from the first purchase to today, in the same unit as t, same shape as x (or one cell).
 * @param r Fitted r (first value spilled by RHYTHMFIT).
 * @param alpha Fitted alpha, in the unit of t and T (second value spilled by RHYTHMFIT).
 * @param a Fitted a (third value spilled by RHYTHMFIT).
 * @param b Fitted b (fourth value spilled by RHYTHMFIT).
 * @returns P(alive), a fraction in (0, 1], for each row.
 */
function palive(x: any[][], t: any[][], T: any[][], r: any, alpha: any, a: any, b: any): any[][] {
  return guard(() => rhythm.palive(x, t, T, r, alpha, a, b)); // no setting involved
}

/**
 * Fits the BG/NBD buying-rhythm model (METHOD §13) by maximum likelihood and spills r, alpha, a, b and the log-likelihood in one row.
 * @customfunction RHYTHMFIT RHYTHMFIT
 * @param x Repeat purchases of each customer: distinct purchase dates minus 1 (a column; blank = no purchase).
 * @param t Time from the first to the last purchase, same shape as x.
 * @param T Time from the first purchase to today, in the same unit as t, same shape as x.
 * @returns One row: r, alpha, a, b, log-likelihood.
 */
async function rhythmFit(x: any[][], t: any[][], T: any[][]): Promise<any[][]> {
  await whenSettingsLoaded(); // rhythmMinRepeaters is a setting
  return guard(() => rhythm.rhythmFit(x, t, T));
}

// Referenced so that strict compilers keep them; CustomFunctions.associate is appended by the plugin.
export const CRM_FUNCTIONS = {
  CLASSIFY: classifyTable,
  TIER: tier,
  ABC: abc,
  SHARE: share,
  KEYINDEX: keyIndex,
  POTENTIAL: potential,
  LEVEL: level,
  NEXTACTION: nextAction,
  NEXTCONTACT: nextContact,
  STRATEGY: strategy,
  RFM: rfm,
  HOLIDAY: holiday,
  FROMORDERS: fromOrders,
  PALIVE: palive,
  RHYTHMFIT: rhythmFit,
};
