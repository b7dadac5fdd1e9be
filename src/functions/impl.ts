/**
 * The CRM.* functions' logic (functions.ts only wraps these). Each takes what Excel passes
 * (2-D arrays of cells, scalars, undefined for omitted arguments) and returns a 2-D array:
 * shaped like its first argument, except CLASSIFY (a block), POTENTIAL (one column) and
 * HOLIDAY (1×2). Rules come from src/engine/rules.ts, so a formula and a classified table agree.
 *
 * Bad shapes throw #VALUE! (the whole formula). A bad cell gives #VALUE! in that output cell
 * only, with a message naming the argument and its row. Settings: getCurrentSettings().
 */
import { rfmText } from "../engine/report/columns";
import {
  readBirthday,
  readDate,
  readFamiliarity,
  readNumber,
  readPosition,
  readRate,
  readText,
  readYesNo,
} from "../engine/cells";
import type { Report } from "../engine/cells";
import { excelSerialFromDay } from "../engine/days";
import { nextMajorHoliday } from "../engine/holidays";
import { abcLabel, actionText, holidayLabel, levelLabel, strategyLabel, tierLabel } from "../engine/labels";
import {
  customerKey,
  familiarityGap,
  growthOf,
  hasHistory,
  isNewCustomer,
  jitterDays,
  keyIndex as keyIndexRule,
  marginBand,
  newActionInput,
  newActionOutput,
  nextAction as nextActionRule,
  nextBirthday,
  potentialScore,
  recencyOf,
  relationshipLevel,
  rfmScores,
  salesStrategy,
  tierOf,
  type ActionInput,
} from "../engine/rules";
import type { Settings } from "../engine/settings";
import { getCurrentSettings } from "../engine/settingsStore";
import { Abc, ActionKind, Level, Position, Tier } from "../engine/types";
import type { CellValue, DayNumber, Lang } from "../engine/types";
import {
  CellIssue,
  labelIssue,
  parseAbc,
  parseLanguage,
  parseLevel,
  parseTier,
  parseToday,
  throwingReport,
  UNREADABLE,
} from "./args";
import { invalidValue } from "./errors";
import {
  abcOf,
  cumShareOf,
  place,
  preparePopulation,
  samePopulationCells,
  volumePctOf,
  type Population,
  type PopulationCells,
} from "./population";
import {
  alignArg,
  baseCells,
  cellPlace,
  isOmitted,
  mapShape,
  normalizeCell,
  toMatrix,
  type CellAt,
  type Shape,
} from "./ranges";

export { classifyTable } from "./classifyTable";
export { fromOrders } from "./fromOrders";

type Out = string | number | ReturnType<typeof invalidValue>;
type NumReader = (v: CellValue, report: Report) => number;

const ignore: Report = () => {};

/**
 * One output cell: runs `compute`, turning a CellIssue (a bad input cell) into #VALUE! with
 * its message in this cell only.
 */
function cell(compute: () => string | number): Out {
  try {
    return compute(); // a text result is shown as it is: Excel never evaluates a function's value
  } catch (e) {
    if (e instanceof CellIssue) return invalidValue(e.message);
    throw e;
  }
}

/** Reads cell i of an aligned argument: NaN when omitted or blank; a bad cell throws CellIssue. */
function num(at: CellAt | null, i: number, read: NumReader, argName: string, shape: Shape): number {
  if (at === null) return NaN;
  const v = at(i);
  return read(v, throwingReport(argName, cellPlace(i, shape)));
}

/** A date that must not be after today (lastOrder, lastContact): a future one counts as missing (§1). */
function pastDate(at: CellAt | null, i: number, argName: string, shape: Shape, today: DayNumber): number {
  const d = num(at, i, readDate, argName, shape);
  return d > today ? NaN : d;
}

/** §2: a negative value counts as 0. */
function nonNegative(v: number): number {
  return v < 0 ? 0 : v;
}

/**
 * The last population prepared, with the cells it came from: a formula filled down hands every
 * row's call the same population, which is then compared (O(n)) instead of prepared again.
 */
let lastPopulation: { cells: PopulationCells; population: Population } | null = null;

/** The population's readable values (unreadable and blank cells left out: they cannot be blamed on one output cell). */
function populationOf(arg: unknown, argName: string): Population {
  if (lastPopulation !== null && samePopulationCells(arg, lastPopulation.cells))
    return lastPopulation.population;
  lastPopulation = preparePopulation(toMatrix(arg, argName));
  return lastPopulation.population;
}

/** The `population` argument of TIER and KEYINDEX, which cannot default to `values`. */
function requiredPopulation(population: unknown): Population {
  if (isOmitted(population)) throw invalidValue("缺少参数 population / Argument population is required");
  return populationOf(population, "population");
}

// ------------------------------------------------------------------ ABC, SHARE

function valuesAndPopulation(values: unknown, population: unknown) {
  const base = baseCells(values, "values");
  const pop = populationOf(
    isOmitted(population) ? values : population,
    isOmitted(population) ? "values" : "population",
  );
  return { ...base, pop };
}

/** CRM.ABC: "A"/"B"/"C" per value; blank for a blank value. */
export function abc(values: unknown, population?: unknown): Out[][] {
  const s = getCurrentSettings();
  const { shape, at, pop } = valuesAndPopulation(values, population);
  return mapShape(shape, (i) =>
    cell(() => {
      const v = num(at, i, readNumber, "values", shape);
      if (Number.isNaN(v)) return "";
      const x = nonNegative(v);
      return abcLabel(abcOf(x, place(pop, x), s));
    }),
  );
}

/** CRM.SHARE: cumulative share (this customer and every bigger one) as a fraction. */
export function share(values: unknown, population?: unknown): Out[][] {
  const { shape, at, pop } = valuesAndPopulation(values, population);
  return mapShape(shape, (i) =>
    cell(() => {
      const v = num(at, i, readNumber, "values", shape);
      if (Number.isNaN(v)) return "";
      const x = nonNegative(v);
      return cumShareOf(x, place(pop, x));
    }),
  );
}

// ------------------------------------------------------------------ TIER

/** CRM.TIER: §4 per value, the ABC class from the value's place in the population. */
export function tier(
  values: unknown,
  population: unknown,
  prevRevenue?: unknown,
  lastOrder?: unknown,
  orders?: unknown,
  overdueDays?: unknown,
  potential?: unknown,
  today?: unknown,
  language?: unknown,
): Out[][] {
  const s = getCurrentSettings();
  const lang = parseLanguage(language);
  const day = parseToday(today);
  const { shape, at } = baseCells(values, "values");
  const pop = requiredPopulation(population);
  const prev = alignArg(prevRevenue, shape, "prevRevenue", "values");
  const last = alignArg(lastOrder, shape, "lastOrder", "values");
  const ord = alignArg(orders, shape, "orders", "values");
  const late = alignArg(overdueDays, shape, "overdueDays", "values");
  const pot = alignArg(potential, shape, "potential", "values");
  return mapShape(shape, (i) => cell(() => tierLabel(tierAt(i), lang)));

  function tierAt(i: number): Tier {
    const v = num(at, i, readNumber, "values", shape);
    if (Number.isNaN(v)) return Tier.Insufficient;
    const x = nonNegative(v);
    const p = num(prev, i, readNumber, "prevRevenue", shape);
    const lo = pastDate(last, i, "lastOrder", shape, day);
    const o = num(ord, i, readNumber, "orders", shape);
    const d = num(late, i, readNumber, "overdueDays", shape);
    const score = potentialScore(false, 0, num(pot, i, readNumber, "potential", shape));
    return tierOf(
      true,
      abcOf(x, place(pop, x), s),
      hasHistory(p, o, lo),
      growthOf(x, p),
      isNewCustomer(x, p, NaN, day, s),
      recencyOf(lo, day),
      score,
      d,
      s,
    );
  }
}

// ------------------------------------------------------------------ KEYINDEX

/** CRM.KEYINDEX: §5 index 0–100 per value; blank for a blank value. */
export function keyIndex(
  values: unknown,
  population: unknown,
  orders?: unknown,
  overdueDays?: unknown,
  prevRevenue?: unknown,
  activeMonths?: unknown,
): Out[][] {
  const s = getCurrentSettings();
  const { shape, at } = baseCells(values, "values");
  const pop = requiredPopulation(population);
  const ord = alignArg(orders, shape, "orders", "values");
  const late = alignArg(overdueDays, shape, "overdueDays", "values");
  const prev = alignArg(prevRevenue, shape, "prevRevenue", "values");
  const months = alignArg(activeMonths, shape, "activeMonths", "values");
  return mapShape(shape, (i) =>
    cell(() => {
      const v = num(at, i, readNumber, "values", shape);
      if (Number.isNaN(v)) return "";
      const x = nonNegative(v);
      const p = num(prev, i, readNumber, "prevRevenue", shape);
      const k = keyIndexRule(
        volumePctOf(place(pop, x)),
        num(months, i, readNumber, "activeMonths", shape),
        num(ord, i, readNumber, "orders", shape),
        num(late, i, readNumber, "overdueDays", shape),
        growthOf(x, p),
        isNewCustomer(x, p, NaN, NaN, s),
        s,
      );
      return Number.isNaN(k) ? "" : k;
    }),
  );
}

// ------------------------------------------------------------------ POTENTIAL

/** CRM.POTENTIAL: per row, the count of yes among up to 7 criteria columns (blank or unreadable = no, §6). */
export function potential(criteria: unknown): Out[][] {
  const m = toMatrix(criteria, "criteria");
  const cols = m[0].length;
  if (cols > 7) {
    throw invalidValue(
      `参数 criteria 有 ${cols} 列，最多 7 列 / Argument criteria has ${cols} columns; at most 7`,
    );
  }
  return m.map((row) => {
    let yes = 0;
    for (let c = 0; c < cols; c++) if (readYesNo(normalizeCell(row[c]), ignore) === 1) yes++;
    return [yes];
  });
}

// ------------------------------------------------------------------ LEVEL

function tierArg(at: CellAt | null, i: number, argName: string, shape: Shape): Tier | undefined {
  if (at === null) return undefined;
  const v = at(i);
  const t = parseTier(v);
  if (t === UNREADABLE) throw labelIssue(argName, cellPlace(i, shape), v, { zh: "价值等级", en: "a tier" });
  return t;
}

function abcArg(at: CellAt | null, i: number, argName: string, shape: Shape): Abc {
  if (at === null) return Abc.None;
  const v = at(i);
  const a = parseAbc(v);
  if (a === UNREADABLE)
    throw labelIssue(argName, cellPlace(i, shape), v, { zh: "ABC分类（A/B/C）", en: "an ABC class (A/B/C)" });
  return a;
}

function levelArg(at: CellAt | null, i: number, argName: string, shape: Shape): Level | undefined {
  if (at === null) return undefined;
  const v = at(i);
  const l = parseLevel(v);
  if (l === UNREADABLE)
    throw labelIssue(argName, cellPlace(i, shape), v, { zh: "关系水平", en: "a relationship level" });
  return l;
}

/**
 * §7 level. A blank ABC means no value measure, so 一般 (as for 数据不足); a blank tier means
 * the tier is not given (no raising).
 */
function levelOf(a: Abc, rate: number, t: Tier | undefined, s: Readonly<Settings>): Level {
  if (a === Abc.None) return Level.Basic;
  return relationshipLevel(a, marginBand(rate, s), t ?? Tier.Regular);
}

/** CRM.LEVEL. */
export function level(
  abcArgument: unknown,
  marginRate: unknown,
  tierArgument?: unknown,
  language?: unknown,
): Out[][] {
  const s = getCurrentSettings();
  const lang = parseLanguage(language);
  const { shape, at } = baseCells(abcArgument, "abc");
  const rate = alignArg(marginRate, shape, "marginRate", "abc");
  const tiers = alignArg(tierArgument, shape, "tier", "abc");
  return mapShape(shape, (i) =>
    cell(() => {
      const a = abcArg(at, i, "abc", shape);
      const r = num(rate, i, readRate, "marginRate", shape);
      const t = tierArg(tiers, i, "tier", shape);
      return levelLabel(levelOf(a, r, t, s), lang);
    }),
  );
}

// ------------------------------------------------------------------ NEXTACTION, NEXTCONTACT

export interface ActionArgs {
  name: unknown;
  tier: unknown;
  lastContact?: unknown;
  lastOrder?: unknown;
  birthday?: unknown;
  abc?: unknown;
  level?: unknown;
  orders?: unknown;
  familiarity?: unknown;
  referrals?: unknown;
}

/**
 * Runs §8 for every cell of `name`; `emit` turns the chosen action into the output cell.
 * A row whose name and tier are both blank (an empty row of a spilled range) gives "".
 */
function actions(
  args: ActionArgs,
  today: unknown,
  emit: (kind: ActionKind, variant: number, due: DayNumber) => string | number,
): Out[][] {
  const s = getCurrentSettings();
  const day = parseToday(today);
  const { shape, at: names } = baseCells(args.name, "name");
  if (isOmitted(args.tier)) throw invalidValue("缺少参数 tier / Argument tier is required");
  const tiers = alignArg(args.tier, shape, "tier", "name");
  const contact = alignArg(args.lastContact, shape, "lastContact", "name");
  const order = alignArg(args.lastOrder, shape, "lastOrder", "name");
  const birth = alignArg(args.birthday, shape, "birthday", "name");
  const classes = alignArg(args.abc, shape, "abc", "name");
  const levels = alignArg(args.level, shape, "level", "name");
  const ord = alignArg(args.orders, shape, "orders", "name");
  const fam = alignArg(args.familiarity, shape, "familiarity", "name");
  const refs = alignArg(args.referrals, shape, "referrals", "name");
  const holiday = nextMajorHoliday(day);
  const input: ActionInput = newActionInput(day, holiday);
  const out = newActionOutput();
  return mapShape(shape, (i) =>
    cell(() => {
      const name = customerKey(readText(names(i)));
      const t = tierArg(tiers, i, "tier", shape);
      if (name === "" && t === undefined) return "";
      const lvl = levelArg(levels, i, "level", shape);
      const f = num(fam, i, readFamiliarity, "familiarity", shape);
      input.tier = t ?? Tier.Insufficient;
      input.abc = abcArg(classes, i, "abc", shape);
      input.orders = num(ord, i, readNumber, "orders", shape);
      input.birthdayDay = nextBirthday(num(birth, i, readBirthday, "birthday", shape), day);
      input.lastOrder = pastDate(order, i, "lastOrder", shape, day);
      input.lastContact = pastDate(contact, i, "lastContact", shape, day);
      input.familiarity = f;
      input.referrals = num(refs, i, readNumber, "referrals", shape);
      input.gap = lvl === undefined ? NaN : familiarityGap(lvl, f);
      input.jitter = jitterDays(name, s);
      nextActionRule(input, s, out);
      return emit(out.kind, out.variant, out.due);
    }),
  );
}

/** CRM.NEXTACTION: `<kind>：<detail>` (en `<Kind>: <detail>`). */
export function nextAction(args: ActionArgs, today?: unknown, language?: unknown): Out[][] {
  const lang: Lang = parseLanguage(language);
  return actions(args, today, (kind, variant) => actionText(kind, variant, lang));
}

/** CRM.NEXTCONTACT: the due date of the chosen action as an Excel serial. */
export function nextContact(args: ActionArgs, today?: unknown): Out[][] {
  return actions(args, today, (_kind, _variant, due) => (Number.isNaN(due) ? "" : excelSerialFromDay(due)));
}

// ------------------------------------------------------------------ STRATEGY

/** CRM.STRATEGY: §9; unreadable inputs count as unknown (METHOD.md §9), all unknown → blank. */
export function strategy(
  incumbent: unknown,
  position: unknown,
  opportunity: unknown,
  language?: unknown,
): Out[][] {
  const lang = parseLanguage(language);
  const { shape, at } = baseCells(incumbent, "incumbent");
  const pos = alignArg(position, shape, "position", "incumbent");
  const opp = alignArg(opportunity, shape, "opportunity", "incumbent");
  return mapShape(shape, (i) =>
    cell(() => {
      const inc = readYesNo(at(i), ignore);
      const p = pos === null ? Position.Unknown : readPosition(pos(i), ignore);
      const o = opp === null ? NaN : readYesNo(opp(i), ignore);
      return strategyLabel(salesStrategy(inc, p, o), lang);
    }),
  );
}

// ------------------------------------------------------------------ RFM

/** CRM.RFM: §10 scores within the given columns, as text like "545" ("_" for an unknown metric: the engine's rfmText). */
export function rfm(recency: unknown, frequency: unknown, monetary: unknown): Out[][] {
  const { shape, at } = baseCells(recency, "recency");
  const f = alignArg(frequency, shape, "frequency", "recency");
  const m = alignArg(monetary, shape, "monetary", "recency");
  const n = shape.rows * shape.cols;
  const r = new Float64Array(n);
  const fr = new Float64Array(n);
  const mo = new Float64Array(n);
  const issues = new Map<number, CellIssue>();
  for (let i = 0; i < n; i++) {
    try {
      const days = num(at, i, readNumber, "recency", shape);
      r[i] = days < 0 ? NaN : days; // a last order after today counts as missing (§1)
      fr[i] = num(f, i, readNumber, "frequency", shape);
      mo[i] = nonNegative(num(m, i, readNumber, "monetary", shape));
    } catch (e) {
      if (!(e instanceof CellIssue)) throw e;
      issues.set(i, e); // the bad row takes no part in the ranking
      r[i] = fr[i] = mo[i] = NaN;
    }
  }
  const R = rfmScores(r, false);
  const F = rfmScores(fr, true);
  const M = rfmScores(mo, true);
  return mapShape(shape, (i) =>
    cell(() => {
      const issue = issues.get(i);
      if (issue) throw issue;
      return rfmText(R[i], F[i], M[i]) ?? "";
    }),
  );
}

// ------------------------------------------------------------------ HOLIDAY

/** CRM.HOLIDAY: [[name, Excel serial]] of the next major holiday (today counts). */
export function holiday(today?: unknown, language?: unknown): Out[][] {
  const lang = parseLanguage(language);
  const hit = nextMajorHoliday(parseToday(today));
  return [[holidayLabel(hit.key, lang), excelSerialFromDay(hit.day)]];
}
