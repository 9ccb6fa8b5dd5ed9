// A monitoring run: reads the signals changed since the last run (a cursor over `seq`, never a
// scan of the register; the register's own changes and the departments' arrive as signals too, so
// coverage an office records closes its referral without re-reading every open alert), matches the
// changed persons to the local copy of the register (kept from civil affairs' change log), asks the
// graph for entitlements only where something outside the feeds changed, evaluates the rules reading
// the changed persons' signals, raises and resolves alerts in bulk, escalates overdue referrals and
// ends the holdings of the deceased. Each chunk's writes and the cursor it reached commit together, so
// a crash loses nothing (the chunk is read again) and raises nothing twice (one open alert per
// person and rule is a unique index).

import { dateOf, formatDate, today } from '@lip/shared/calendar';
import type { DepartmentSignal } from '@lip/shared/signal-changes';
import { lockKeys, TRANSACTION_OPTIONS } from '@lip/shared/writes';
import {
  candidateRules,
  ENTITLEMENT_GAPS_SOURCE,
  type EvidenceItem,
  entitlementGaps,
  evaluatePerson,
  type PersonInput,
  type RuleRow,
  readsEntitlements,
  registerFacts,
  type SignalRow,
} from '../domain/evaluate.ts';
import { FEEDS, type FeedState } from '../domain/feeds.ts';
import { type DueWindow, dueWindows, gapThresholds } from '../domain/gaps-due.ts';
import { prefilterSql } from '../domain/prefilter.ts';
import { dueOn, officeRegion } from '../domain/referrals.ts';
import type { PersonFacts } from '../domain/rules.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { analyzeAfterWrite } from './analyze.ts';
import { type GraphClient, type LatePaymentLine, type PersonView, SIGNAL_FIELDS, type SignalDepartment } from './graph.ts';
import { holdSignalWriterLock, SIGNALS_LOCK, type SignalWrite, writeSignals } from './signals.ts';

export const SIGNALS_STREAM = 'signals';
const RUN_LOCK = 'run';
const OPEN_ALERT = ['OPEN', 'REFERRED', 'IN_PROGRESS'] as const;

export interface RunOptions {
  trigger: 'SCHEDULED' | 'ON_DEMAND';
  requestedBy: string;
  /** The day the run acts on (due dates, overdue). */
  on?: Date;
  /** Persons evaluated per chunk (one transaction each). */
  chunkSize?: number;
  /** Changes matched and prefiltered per statement (WINDOW_CHANGES). */
  windowChanges?: number;
}

export interface Counters {
  read: number;
  persons: number;
  raised: number;
  resolved: number;
  escalated: number;
}

type Tx = Prisma.TransactionClient;

export async function loadRules(
  prisma: PrismaClient | Tx,
): Promise<(RuleRow & { office: string; severity: 'LOW' | 'MEDIUM' | 'HIGH'; deadlineWorkingDays: number; endsHoldings: boolean })[]> {
  const rules = await prisma.rule.findMany({ where: { active: true }, include: { parameters: true }, orderBy: { code: 'asc' } });
  return rules.map((rule) => ({
    ...rule,
    parameters: rule.parameters.map((parameter) => ({ ...parameter, value: Number(parameter.value) })),
  }));
}

/** Where an alert about a person lives when civil affairs does not know them: a region the signal names, else the ID's county in the city. */
function fallbackRegion(idNumber: string, signals: readonly SignalRow[]): string {
  const named = signals.map((signal) => signal.state.regionCode).find((code) => code?.startsWith('4112'));
  if (named) return named;
  return idNumber.startsWith('4112') ? idNumber.slice(0, 6) : '4112';
}

type Rule = Awaited<ReturnType<typeof loadRules>>[number];

interface PersonRows {
  signals: (Omit<SignalRow, 'observedOn'> & { id: string; observedOn: string })[];
  register: (Omit<PersonFacts, 'inRegister'> & { id: string })[];
  alerts: { id: string; person: string; ruleCode: string; status: string; evidenceKey: string }[];
}

/**
 * What an evaluation reads of the persons, in one statement answered as one JSON text: their
 * signals, the register's copy of their facts, their open alerts and those an office dealt with
 * (closed as covered or acted on, or dismissed: the same facts raise nothing again).
 */
async function readPersons(prisma: PrismaClient, idNumbers: readonly string[]): Promise<PersonRows> {
  const [row] = await readWithoutJit<{ data: string }>(
    prisma,
    // Signals, register facts and alerts by an index probe per person (a lateral aggregate, or LIMIT
    // 1), whatever the statistics say: `= ANY` of 5,000 persons scanned all signals without
    // statistics, and all of the register's copy (a parallel scan) with them.
    `SELECT json_build_object(
       'signals', (SELECT coalesce(json_agg(l.list), '[]') FROM unnest($1::text[]) AS p(id) CROSS JOIN LATERAL (
                  SELECT json_agg(json_build_object('id', s."personIdNumber", 'source', s."source", 'state', s."state", 'previous', s."previous",
                  'evidenceId', s."evidenceId", 'observedOn', s."observedOn")) AS list FROM "PersonSignal" s WHERE s."personIdNumber" = p.id) l WHERE l.list IS NOT NULL),
       'register', (SELECT coalesce(json_agg(l.person), '[]') FROM unnest($1::text[]) AS p(id) CROSS JOIN LATERAL (
                  SELECT json_build_object('id', r."idNumber", 'regionCode', r."regionCode", 'householdId', r."householdId", 'categories', r."categories",
                  'everHeld', r."everHeld", 'deceased', r."deceased", 'perCapitaIncome', r."perCapitaIncome") AS person
                  FROM "RegisterPerson" r WHERE r."idNumber" = p.id LIMIT 1) l),
       'alerts', (SELECT coalesce(json_agg(l.list), '[]') FROM unnest($1::text[]) AS p(id) CROSS JOIN LATERAL (
                  SELECT json_agg(json_build_object('id', a."id", 'person', a."personIdNumber", 'ruleCode', a."ruleCode", 'status', a."status",
                  'evidenceKey', a."evidenceKey")) AS list FROM "Alert" a WHERE a."personIdNumber" = p.id
                  AND (a."status" IN ('OPEN', 'REFERRED', 'IN_PROGRESS', 'DISMISSED') OR a."resolution" IN ('COVERED', 'ACTION_RECORDED'))) l WHERE l.list IS NOT NULL)
     )::text AS data`,
    idNumbers,
  );
  const { signals, register, alerts } = JSON.parse(row!.data) as {
    signals: PersonRows['signals'][];
    register: PersonRows['register'];
    alerts: PersonRows['alerts'][];
  };
  return { signals: signals.flat(), register, alerts: alerts.flat() };
}

/**
 * A read made of an index probe per person: the planner's cost for thousands of probes passes
 * jit_above_cost, and compiling the statement took longer than running it (0.5 to 1 s for each
 * window of a run over 1,000,000 changes).
 */
async function readWithoutJit<T>(prisma: PrismaClient, sql: string, ...params: unknown[]): Promise<T[]> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL jit = off');
      return tx.$queryRawUnsafe<T[]>(sql, ...params);
    },
    { timeout: 600_000, maxWait: TRANSACTION_OPTIONS.maxWait },
  );
}

const copiedFacts = ({ id: _id, ...facts }: PersonRows['register'][number]): PersonFacts => ({ ...facts, inRegister: true });

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * Evaluates the given persons and writes the outcome in one transaction. Register facts come from
 * the local copy; the graph is asked (facts and entitlements) only for persons with a change from
 * outside the feeds (a department, the register, a visit, a payment: entitlements may have changed)
 * or a candidate rule reading entitlements, and for every person when `changed` is absent (an
 * evaluation outside a run). With `cursor`, the transaction also moves that stream's cursor from
 * `cursor.from` to `cursor.to`, and does nothing (returns null) if another runner moved it first.
 */
export async function evaluatePersons(
  prisma: PrismaClient,
  graph: GraphClient,
  idNumbers: readonly string[],
  options: {
    on: Date;
    actor: string;
    runId?: string;
    /** A cursor moved by the transaction (compare-and-set: from null means no position yet). */
    cursor?: { stream: string; from: string | null; to: string };
    /** The sources that changed per person (a run's chunk). */
    changed?: ReadonlyMap<string, readonly string[]>;
    rules?: readonly Rule[];
    /** What readPersons answered for these persons, read ahead by the caller. */
    rows?: Promise<PersonRows>;
  },
): Promise<Counters | null> {
  const { on } = options;
  const persons = [...new Set(idNumbers)];
  const [rows, rules] = await Promise.all([options.rows ?? readPersons(prisma, persons), options.rules ?? loadRules(prisma)]);
  const signalsOf = groupBy(rows.signals, (signal) => signal.id);
  const registered = new Map(rows.register.map((person) => [person.id, person]));
  const alertsOf = groupBy(rows.alerts, (alert) => alert.person);
  const ruleByCode = new Map(rules.map((rule) => [rule.code, rule]));

  const people = persons.map((idNumber) => {
    const signals: SignalRow[] = (signalsOf.get(idNumber) ?? []).map((signal) => ({
      source: signal.source,
      state: signal.state,
      previous: signal.previous,
      evidenceId: signal.evidenceId,
      observedOn: dateOf(signal.observedOn),
    }));
    const open = new Map<string, string>();
    const handled = new Map<string, Set<string>>();
    for (const alert of alertsOf.get(idNumber) ?? []) {
      if ((OPEN_ALERT as readonly string[]).includes(alert.status)) open.set(alert.ruleCode, alert.id);
      else handled.set(alert.ruleCode, (handled.get(alert.ruleCode) ?? new Set()).add(alert.evidenceKey));
    }
    const known = (signals.find((signal) => signal.source === ENTITLEMENT_GAPS_SOURCE)?.state ?? {}) as unknown as Record<string, string>;
    const sources = new Set(signals.map((signal) => signal.source));
    const changed = options.changed?.get(idNumber);
    const askGraph = !changed || changed.some((source) => !(source in FEEDS)) || candidateRules(rules, sources, new Set(open.keys())).some(readsEntitlements);
    return { idNumber, signals, open, handled, known, sources, askGraph };
  });
  const asked = people.filter((person) => person.askGraph).map((person) => person.idNumber);
  const views = asked.length ? await graph.persons(asked) : new Map<string, PersonView>();

  const raises: {
    id: string;
    household: string | null;
    region: string;
    rule: string;
    severity: string;
    evidence: EvidenceItem[];
    key: string;
    office: string;
    officeRegion: string;
    due: string;
  }[] = [];
  const resolves: { id: string; covered: boolean; note: string }[] = [];
  const gapWrites: SignalWrite[] = [];
  const dueDates = new Map<string, string>(); // per rule: the same day for every referral of the run
  for (const { idNumber, signals, open, handled, known, sources, askGraph } of people) {
    const local = registered.get(idNumber);
    // The graph's answer when asked (it may be newer than the copy); else the copy, with no department's entitlements.
    const view: PersonView | undefined = askGraph ? views.get(idNumber) : local && { facts: copiedFacts(local), entitlements: {}, departmentsAnswered: [] };
    const gaps = view ? entitlementGaps(known, view.entitlements, view.departmentsAnswered, on) : known;
    if (JSON.stringify(gaps) !== JSON.stringify(known)) {
      gapWrites.push({ idNumber, source: ENTITLEMENT_GAPS_SOURCE, state: gaps, evidenceId: 'graph', observedOn: formatDate(on) });
    }
    if (Object.keys(gaps).length) sources.add(ENTITLEMENT_GAPS_SOURCE);
    const input: PersonInput = { idNumber, view, signals };
    const candidates = candidateRules(rules, sources, new Set(open.keys()));
    for (const outcome of evaluatePerson(input, gaps, candidates, new Set(open.keys()), on, handled)) {
      if (outcome.decision === 'RAISE') {
        const rule = ruleByCode.get(outcome.ruleCode)!;
        const region = view?.facts.regionCode || fallbackRegion(idNumber, signals);
        raises.push({
          id: idNumber,
          household: view?.facts.householdId || null,
          region,
          rule: rule.code,
          severity: rule.severity,
          evidence: outcome.evidence,
          key: outcome.evidenceKey,
          office: rule.office,
          officeRegion: officeRegion(rule.office, region),
          due: dueDates.get(rule.code) ?? dueDates.set(rule.code, formatDate(dueOn(on, rule.deadlineWorkingDays))).get(rule.code)!,
        });
      } else if (outcome.decision === 'RESOLVE_COVERED' || outcome.decision === 'RESOLVE_CLEARED') {
        const covered = outcome.decision === 'RESOLVE_COVERED';
        resolves.push({
          id: open.get(outcome.ruleCode)!,
          covered,
          note: covered ? 'The office’s own data shows the person covered (自动办结)' : 'The condition no longer holds (条件消除)',
        });
      }
    }
  }

  return prisma.$transaction(
    async (tx) => {
      await lockKeys(tx, 'monitoring', [RUN_LOCK]);
      if (options.cursor) {
        const { stream, from, to } = options.cursor;
        const cursor = await tx.runCursor.findUnique({ where: { stream } });
        if ((cursor?.position ?? null) !== from) return null;
        await tx.runCursor.upsert({ where: { stream }, create: { stream, position: to }, update: { position: to } });
      }
      const raised = await raiseAlerts(tx, raises, { on, actor: options.actor, runId: options.runId ?? null });
      const resolved = await resolveAlerts(tx, resolves);
      // Gap dates change no seq of their own: they are bookkeeping for the grace period.
      if (gapWrites.length) await writeSignals(tx, gapWrites);
      const counters = { read: 0, persons: persons.length, raised, resolved, escalated: 0 };
      if (options.runId) {
        await tx.monitoringRun.update({
          where: { id: options.runId },
          data: {
            persons: { increment: counters.persons },
            raised: { increment: raised },
            resolved: { increment: resolved },
            ...(options.cursor?.stream === SIGNALS_STREAM ? { cursorTo: BigInt(options.cursor.to) } : {}),
          },
        });
      }
      return counters;
    },
    TRANSACTION_OPTIONS, // the next window's read may hold PGlite's one connection meanwhile
  );
}

/**
 * Raises the alerts and their referrals in one statement. One open alert per person and rule is the
 * partial unique index: a rule raised meanwhile by another writer is skipped, and gets no referral.
 */
async function raiseAlerts(tx: Tx, raises: readonly object[], options: { on: Date; actor: string; runId: string | null }): Promise<number> {
  if (!raises.length) return 0;
  const [row] = await tx.$queryRawUnsafe<{ raised: number }[]>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id text, household text, region text, rule text, severity text, evidence jsonb, key text,
         office text, "officeRegion" text, due date)
     ), raised AS (
       INSERT INTO "Alert" ("id", "personIdNumber", "householdId", "regionCode", "ruleCode", "severity", "status", "evidence", "evidenceKey", "raisedByRunId", "updatedAt")
       SELECT gen_random_uuid()::text, id, household, region, rule, severity::"AlertSeverity", 'REFERRED'::"AlertStatus", evidence, key, $2, now() FROM input
       ON CONFLICT ("personIdNumber", "ruleCode") WHERE "status" IN ('OPEN', 'REFERRED', 'IN_PROGRESS') DO NOTHING
       RETURNING "id", "personIdNumber", "ruleCode"
     ), referred AS (
       INSERT INTO "Referral" ("id", "alertId", "personIdNumber", "office", "officeRegion", "status", "referredOn", "dueOn", "referredBy", "updatedAt")
       SELECT gen_random_uuid()::text, raised."id", raised."personIdNumber", input.office, input."officeRegion", 'PENDING'::"ReferralStatus", $3::date, input.due, $4, now()
       FROM raised JOIN input ON input.id = raised."personIdNumber" AND input.rule = raised."ruleCode"
       RETURNING 1
     )
     SELECT count(*)::int AS raised FROM referred`,
    JSON.stringify(raises),
    options.runId,
    formatDate(options.on),
    options.actor,
  );
  return row?.raised ?? 0;
}

/** Resolves open alerts and closes their open referrals (covered, or withdrawn when the condition cleared), in one statement. */
async function resolveAlerts(tx: Tx, resolves: readonly { id: string; covered: boolean; note: string }[]): Promise<number> {
  if (!resolves.length) return 0;
  const [row] = await tx.$queryRawUnsafe<{ resolved: number }[]>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id text, covered boolean, note text)
     ), resolved AS (
       UPDATE "Alert" a SET "status" = 'RESOLVED',
         "resolution" = (CASE WHEN input.covered THEN 'COVERED' ELSE 'CONDITION_CLEARED' END)::"AlertResolution",
         "resolutionNote" = input.note, "resolvedAt" = now(), "updatedAt" = now()
       FROM input WHERE a."id" = input.id AND a."status" IN ('OPEN', 'REFERRED', 'IN_PROGRESS')
       RETURNING a."id", input.covered
     ), closed AS (
       UPDATE "Referral" r SET "status" = (CASE WHEN resolved.covered THEN 'CLOSED_COVERED' ELSE 'WITHDRAWN' END)::"ReferralStatus",
         "closedAt" = now(), "updatedAt" = now()
       FROM resolved WHERE r."alertId" = resolved."id" AND r."status" IN ('PENDING', 'ACCEPTED')
       RETURNING 1
     )
     SELECT count(*)::int AS resolved FROM resolved`,
    JSON.stringify(resolves),
  );
  return row?.resolved ?? 0;
}

/** The highest committed `seq`: taken under the writers' lock, so no smaller one can still commit. */
async function highWaterMark(prisma: PrismaClient): Promise<bigint> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text AS locked', SIGNALS_LOCK);
    const [row] = await tx.$queryRawUnsafe<{ high: string | null }[]>('SELECT max("seq")::text AS high FROM "PersonSignal"');
    return BigInt(row?.high ?? '0');
  });
}

/** Marks overdue open referrals escalated to their county (once). */
export async function escalateOverdue(prisma: PrismaClient, on: Date): Promise<number> {
  return prisma.$executeRawUnsafe(
    `UPDATE "Referral" SET "escalatedAt" = now(), "escalatedTo" = substr("officeRegion", 1, 6), "updatedAt" = now()
     WHERE "status" IN ('PENDING', 'ACCEPTED') AND "dueOn" < $1::date AND "escalatedAt" IS NULL`,
    formatDate(on),
  );
}

/** Ends holdings for open alerts of rules that end them (the death rule), through civil affairs' recordDeath. */
export async function endHoldings(prisma: PrismaClient, graph: GraphClient): Promise<number> {
  // The rules first, then their open alerts by the (status, ruleCode) index: not every open alert.
  const rules = await prisma.rule.findMany({ where: { endsHoldings: true }, select: { code: true } });
  if (!rules.length) return 0;
  const pending = await prisma.alert.findMany({
    where: { ruleCode: { in: rules.map((rule) => rule.code) }, status: { in: [...OPEN_ALERT] }, holdingsEndedAt: null },
    take: 1000,
  });
  let done = 0;
  for (const alert of pending) {
    const death = (alert.evidence as unknown as EvidenceItem[]).find((item) => item.source === 'DEATH');
    const occurredOn = (death?.state as FeedState | undefined)?.occurredOn;
    if (!occurredOn) continue;
    if (await graph.recordDeath(alert.personIdNumber, occurredOn, `公安死亡注销 (预警 ${alert.id})`)) {
      await prisma.alert.update({ where: { id: alert.id }, data: { holdingsEndedAt: new Date() } });
      done++;
    }
  }
  return done;
}

/** The cursor stream of a department's `…SignalsSince`. */
export const departmentStream = (department: SignalDepartment) => `department:${department}`;

/** A department's signal as the state monitoring keeps (the same shape as a feed row's). */
export function departmentSignalWrite(department: SignalDepartment, signal: DepartmentSignal<string>, on: Date): SignalWrite {
  const state: FeedState = {
    occurredOn: signal.occurredOn ?? '',
    status: signal.status,
    kind: signal.kind,
    level: signal.level,
    amount: Number(signal.amount),
    regionCode: signal.regionCode,
    reference: signal.reference,
  };
  return {
    idNumber: signal.personIdNumber,
    source: signal.source,
    state,
    evidenceId: `${department}:${signal.reference}`,
    observedOn: signal.occurredOn ?? formatDate(on),
  };
}

/** The register's stream: its facts matter only for persons monitoring already follows (see below). */
export const REGISTER_SOURCE = 'REGISTER';

/**
 * Reads what changed in each department since its cursor and keeps it as signals. Each page's
 * signals and the cursor it reached commit together, and only if the cursor is still where the
 * page started (another runner took it otherwise), so a crash or a race loses and doubles nothing.
 * A department that does not answer is read next run from the same position.
 *
 * A register change (civil affairs: a death recorded, a holding started or ended, the household's
 * income or members) updates the register's copy for everyone, and is kept as a signal (which
 * makes the next evaluation) only for persons monitoring already has another signal of: every rule
 * reads some signal, and a person's first signal is evaluated with the register's facts of that day.
 * The register is read last, so a person whose first signal arrives in the same run is followed.
 */
export async function readDepartmentSignals(prisma: PrismaClient, graph: GraphClient, on: Date): Promise<number> {
  let read = 0;
  for (const department of Object.keys(SIGNAL_FIELDS) as SignalDepartment[]) {
    const stream = departmentStream(department);
    for (;;) {
      const position = (await prisma.runCursor.findUnique({ where: { stream } }))?.position ?? null;
      const page = await graph.departmentSignals(department, position);
      if (page === null) {
        console.warn(`monitoring: ${department} did not answer its signals; read again next run`);
        break;
      }
      if (page === 'restart') {
        await prisma.runCursor.deleteMany({ where: { stream, position: position ?? undefined } });
        continue;
      }
      const moved = await prisma.$transaction(
        async (tx) => {
          await lockKeys(tx, 'monitoring', [stream]);
          const current = (await tx.runCursor.findUnique({ where: { stream } }))?.position ?? null;
          if (current !== position) return false;
          await holdSignalWriterLock(tx);
          if (department === 'CIVIL_AFFAIRS') await copyRegister(tx, page.signals);
          const signals = department === 'CIVIL_AFFAIRS' ? await followed(tx, page.signals) : page.signals;
          await writeSignals(
            tx,
            signals.map((signal) => departmentSignalWrite(department, signal, on)),
            true,
          );
          await tx.runCursor.upsert({ where: { stream }, create: { stream, position: page.cursor }, update: { position: page.cursor } });
          return true;
        },
        { timeout: 120_000 },
      );
      if (!moved) break;
      read += page.signals.length;
      if (!page.hasMore) break;
    }
  }
  return read;
}

/** Keeps civil affairs' facts of every person of a page in the register's copy (a person left out of a page is unchanged). */
async function copyRegister(tx: Tx, signals: readonly DepartmentSignal<string>[]) {
  if (!signals.length) return;
  const persons = new Map(signals.map((signal) => [signal.personIdNumber, registerFacts(signal)]));
  await tx.$executeRawUnsafe(
    `INSERT INTO "RegisterPerson" ("idNumber", "regionCode", "householdId", "categories", "everHeld", "deceased", "perCapitaIncome", "updatedAt")
     SELECT t.id, t."regionCode", t."householdId", t.categories, t."everHeld", t.deceased, t."perCapitaIncome", now()
     FROM jsonb_to_recordset($1::jsonb) AS t(id text, "regionCode" text, "householdId" text, categories text[], "everHeld" text[], deceased boolean, "perCapitaIncome" numeric)
     ON CONFLICT ("idNumber") DO UPDATE SET "regionCode" = EXCLUDED."regionCode", "householdId" = EXCLUDED."householdId", "categories" = EXCLUDED."categories",
       "everHeld" = EXCLUDED."everHeld", "deceased" = EXCLUDED."deceased", "perCapitaIncome" = EXCLUDED."perCapitaIncome", "updatedAt" = now()`,
    JSON.stringify([...persons].map(([id, facts]) => ({ id, ...facts }))),
  );
}

/** The signals about persons monitoring has another signal of. */
async function followed(tx: Tx, signals: readonly DepartmentSignal<string>[]): Promise<DepartmentSignal<string>[]> {
  if (!signals.length) return [];
  const rows = await tx.$queryRawUnsafe<{ personIdNumber: string }[]>(
    `SELECT DISTINCT "personIdNumber" FROM "PersonSignal" WHERE "personIdNumber" = ANY($1::text[]) AND "source" <> $2`,
    signals.map((signal) => signal.personIdNumber),
    REGISTER_SOURCE,
  );
  const known = new Set(rows.map((row) => row.personIdNumber));
  return signals.filter((signal) => known.has(signal.personIdNumber));
}

/** Months whose late payments a run looks at: the run's month and the one before (a line settled late shows there). */
export function lateMonths(on: Date): string[] {
  const month = (offset: number) => formatDate(new Date(Date.UTC(on.getUTCFullYear(), on.getUTCMonth() + offset, 1))).slice(0, 7);
  return [month(-1), month(0)];
}

/**
 * PAYMENT_LATE from the payments service: each person's line of the last two months not paid by
 * the due day, LATE while outstanding and PAID once settled (the rule then resolves as covered). An
 * outstanding line wins over one settled late. Only a changed state takes a new `seq`.
 */
export async function readLatePayments(prisma: PrismaClient, graph: GraphClient, on: Date): Promise<number> {
  const byPerson = new Map<string, LatePaymentLine>();
  for (const month of lateMonths(on)) {
    let after: string | null = null;
    for (;;) {
      const lines: LatePaymentLine[] = await graph.latePayments(month, formatDate(on), after);
      for (const line of lines) {
        const kept = byPerson.get(line.personIdNumber);
        if (!kept || (kept.settledOn && !line.settledOn) || (!!kept.settledOn === !!line.settledOn && line.month >= kept.month))
          byPerson.set(line.personIdNumber, line);
      }
      if (!lines.length) break;
      after = lines[lines.length - 1]!.lineId;
    }
  }
  const writes: SignalWrite[] = [...byPerson.values()].map((line) => ({
    idNumber: line.personIdNumber,
    source: 'PAYMENT_LATE',
    state: {
      occurredOn: `${line.month}-01`,
      status: line.settledOn ? 'PAID' : 'LATE',
      kind: '',
      level: 0,
      amount: Number(line.amount),
      regionCode: line.countyCode,
      reference: line.lineId,
    } satisfies FeedState,
    evidenceId: `payments:${line.lineId}`,
    observedOn: `${line.month}-01`,
  }));
  for (let start = 0; start < writes.length; start += 5_000) {
    await prisma.$transaction(async (tx) => {
      await holdSignalWriterLock(tx);
      await writeSignals(tx, writes.slice(start, start + 5_000));
    });
  }
  return writes.length;
}

/** Changes matched and prefiltered per statement (a window); its persons are then evaluated in chunks. */
const WINDOW_CHANGES = 250_000;

interface CandidateWindow {
  to: string | null;
  changes: number;
  persons: { id: string; sources: string[]; seq: string }[];
}

/**
 * A window of changes ($1 < seq <= $2, $3 at most) as one JSON text: where it ends, how many
 * changes it holds, and the persons to evaluate, in the order of their last change, with the
 * sources that changed for each. A person is left out when no rule may fire for them
 * (prefilter.ts), they have no alert open, and only feeds changed for them (nothing the graph would
 * answer differently): CEL would decide nothing for them. Each changed person's signals, register
 * facts and open alert are found through the indexes (lateral, per person): a hash join over every
 * signal (chosen without statistics) or a hashed scan of every open alert made the run after 1,000
 * changes cost in proportion to the register, and a hash of the whole register's copy for each
 * window of a large run cost more than probing it in the order of the persons.
 */
function candidatesSql(rules: readonly Rule[]): string {
  const feeds = Object.keys(FEEDS)
    .map((feed) => `'${feed}'`)
    .join(', ');
  const mayFire = [...new Set(rules.map((rule) => prefilterSql(rule)))].join('\n         OR ') || 'false'; // the gap rules share one
  return `WITH changed AS MATERIALIZED (
       SELECT "personIdNumber" AS id, array_agg("source") AS sources, max("seq") AS seq FROM (
         SELECT "personIdNumber", "source", "seq" FROM "PersonSignal" WHERE "seq" > $1::bigint AND "seq" <= $2::bigint ORDER BY "seq" LIMIT $3
       ) s GROUP BY 1
     ), candidates AS (
       SELECT c.id, c.sources, c.seq FROM changed c
       CROSS JOIN LATERAL (SELECT jsonb_object_agg(s."source", s."state") AS f FROM "PersonSignal" s WHERE s."personIdNumber" = c.id) signals
       LEFT JOIN LATERAL (SELECT * FROM "RegisterPerson" r WHERE r."idNumber" = c.id LIMIT 1) r ON true
       LEFT JOIN LATERAL (
         SELECT true AS open FROM "Alert" a WHERE a."personIdNumber" = c.id AND a."status" IN ('OPEN', 'REFERRED', 'IN_PROGRESS') LIMIT 1
       ) alert ON true
       WHERE NOT (c.sources <@ ARRAY[${feeds}]::text[])
         OR alert.open
         OR ${mayFire}
     )
     SELECT json_build_object(
       'to', (SELECT max(seq)::text FROM changed),
       'changes', (SELECT coalesce(sum(cardinality(sources)), 0)::int FROM changed),
       'persons', (SELECT coalesce(json_agg(json_build_object('id', id, 'sources', sources, 'seq', seq::text) ORDER BY seq), '[]') FROM candidates)
     )::text AS data`;
}

/** The stream whose position is the day the last run evaluated the gaps coming due (YYYY-MM-DD). */
export const GAPS_DUE_STREAM = 'gaps-due';

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The persons with a recorded gap in one of the windows: an index range per department (the partial indexes on "state" ->> department). */
async function personsComingDue(prisma: PrismaClient, windows: readonly DueWindow[]): Promise<string[]> {
  const values: string[] = [];
  const bound = (value: string) => `$${values.push(value)}`;
  const ranges = windows.map(({ department, after, upTo }) => {
    const since = `("state" ->> ${literal(department)})`;
    return `SELECT "personIdNumber" FROM "PersonSignal" WHERE "source" = ${literal(ENTITLEMENT_GAPS_SOURCE)} AND ${since} <= ${bound(upTo)}${after ? ` AND ${since} > ${bound(after)}` : ''}`;
  });
  const rows = await prisma.$queryRawUnsafe<{ personIdNumber: string }[]>(`${ranges.join('\nUNION\n')} ORDER BY 1`, ...values);
  return rows.map((row) => row.personIdNumber);
}

/**
 * Time-based rules (a gap longer than its grace period) hold on a day no signal changes: the run
 * also evaluates the persons whose recorded gap comes due since the previous run's day (gaps-due.ts),
 * then moves that day to its own with the last chunk. A crash re-evaluates them next run, which
 * raises nothing twice (one open alert per person and rule). A run on the same day or an earlier one finds none.
 */
async function evaluateGapsComingDue(
  prisma: PrismaClient,
  graph: GraphClient,
  rules: readonly Rule[],
  options: { on: Date; runId: string; chunkSize: number },
) {
  const { on, runId, chunkSize } = options;
  const position = (await prisma.runCursor.findUnique({ where: { stream: GAPS_DUE_STREAM } }))?.position ?? null;
  const windows = dueWindows(rules.flatMap(gapThresholds), position === null ? null : dateOf(position), on);
  if (!windows.length) return;
  const persons = await personsComingDue(prisma, windows);
  for (let start = 0; start === 0 || start < persons.length; start += chunkSize) {
    const chunk = persons.slice(start, start + chunkSize);
    const last = start + chunkSize >= persons.length;
    const done = await evaluatePersons(prisma, graph, chunk, {
      on,
      actor: 'monitoring-run',
      runId,
      ...(last ? { cursor: { stream: GAPS_DUE_STREAM, from: position, to: formatDate(on) } } : {}),
      changed: new Map(chunk.map((idNumber) => [idNumber, [ENTITLEMENT_GAPS_SOURCE]])),
      rules,
    });
    if (!done) return; // another runner moved the day first
  }
}

/** One run, start to end; the record says what it read and raised. */
export async function runMonitoring(prisma: PrismaClient, graph: GraphClient, options: RunOptions) {
  const on = options.on ?? today();
  const chunkSize = options.chunkSize ?? 5_000;
  const windowChanges = options.windowChanges ?? WINDOW_CHANGES;
  const position = (await prisma.runCursor.findUnique({ where: { stream: SIGNALS_STREAM } }))?.position ?? null;
  const cursor = BigInt(position ?? '0');
  // A run that died left its record RUNNING; its uncommitted chunk is simply read again.
  await prisma.monitoringRun.updateMany({
    where: { status: 'RUNNING', startedAt: { lt: new Date(Date.now() - 3_600_000) } },
    data: { status: 'FAILED', error: 'interrupted', finishedAt: new Date() },
  });
  const run = await prisma.monitoringRun.create({
    data: { trigger: options.trigger, status: 'RUNNING', requestedBy: options.requestedBy, cursorFrom: cursor, cursorTo: cursor },
  });
  try {
    // Departments' changes and late payments first: they become signals this run then reads.
    const copied = await readDepartmentSignals(prisma, graph, on);
    await analyzeAfterWrite(prisma, 'RegisterPerson', copied);
    await readLatePayments(prisma, graph, on).catch((error) =>
      console.warn(`monitoring: late payments not read (${(error as Error).message}); read again next run`),
    );
    const high = await highWaterMark(prisma);
    const rules = await loadRules(prisma);
    const candidates = candidatesSql(rules);
    let from = cursor;
    let fromPosition = position;
    let read = 0;
    // Windows start small and double: nothing else can run while the first is read.
    let size = Math.ceil(windowChanges / 8);
    const readWindow = (after: bigint) => {
      const window = readWithoutJit<{ data: string }>(prisma, candidates, String(after), String(high), size).then(
        ([row]) => JSON.parse(row!.data) as CandidateWindow,
      );
      window.catch(() => undefined); // awaited below; a run that stops early leaves it unread
      size = Math.min(windowChanges, size * 2);
      return window;
    };
    let next = from < high ? readWindow(from) : null;
    while (next) {
      // A window of changes, matched to the register and prefiltered in one statement; then its
      // persons in chunks, each committed with the cursor at the last change of its last person.
      const { to, changes, persons } = await next;
      if (to === null) break;
      // The next window's statement runs on the server while this one's persons are evaluated here.
      // Its snapshot may miss what they write (alerts, gap dates), which only matters for persons of
      // both windows, and those are evaluated here with every signal up to the high-water mark
      // already: evaluated again, they would decide the same.
      next = BigInt(to) < high ? readWindow(BigInt(to)) : null;
      // Each chunk's persons are read while the chunk before is evaluated (a window names a person once).
      const readChunk = (start: number) => {
        const rows = readPersons(
          prisma,
          persons.slice(start, start + chunkSize).map((person) => person.id),
        );
        rows.catch(() => undefined); // awaited by evaluatePersons; a run that stops early leaves it unread
        return rows;
      };
      let rows = readChunk(0);
      let taken = false;
      for (let start = 0; start === 0 || start < persons.length; start += chunkSize) {
        const chunk = persons.slice(start, start + chunkSize);
        const end = start + chunkSize >= persons.length ? BigInt(to) : BigInt(chunk[chunk.length - 1]!.seq);
        const chunkRows = rows;
        if (start + chunkSize < persons.length) rows = readChunk(start + chunkSize);
        const done = await evaluatePersons(
          prisma,
          graph,
          chunk.map((person) => person.id),
          {
            on,
            actor: 'monitoring-run',
            runId: run.id,
            cursor: { stream: SIGNALS_STREAM, from: fromPosition, to: String(end) },
            changed: new Map(chunk.map((person) => [person.id, person.sources])),
            rules,
            rows: chunkRows,
          },
        );
        if (!done) {
          taken = true; // another runner took this stretch
          break;
        }
        from = end;
        fromPosition = String(end);
      }
      if (taken) break;
      read += changes;
    }
    await evaluateGapsComingDue(prisma, graph, rules, { on, runId: run.id, chunkSize });
    const escalated = await escalateOverdue(prisma, on);
    await endHoldings(prisma, graph);
    const done = await prisma.monitoringRun.update({
      where: { id: run.id },
      data: { status: 'SUCCEEDED', finishedAt: new Date(), read, escalated, cursorTo: from },
    });
    // The next run finds persons' alerts and referrals through the indexes.
    await analyzeAfterWrite(prisma, 'Alert', done.raised + done.resolved);
    await analyzeAfterWrite(prisma, 'Referral', done.raised + done.resolved);
    return done;
  } catch (error) {
    await prisma.monitoringRun.update({
      where: { id: run.id },
      data: { status: 'FAILED', finishedAt: new Date(), error: (error as Error).message.slice(0, 500) },
    });
    throw error;
  }
}
