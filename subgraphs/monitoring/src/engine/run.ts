// A monitoring run: reads the signals changed since the last run (a cursor over `seq`, never a
// scan of the register; the register's own changes and the departments' arrive as signals too, so
// coverage an office records closes its referral without re-reading every open alert), asks the
// graph for the changed persons' register facts and entitlements,
// evaluates every rule, raises and resolves alerts, escalates overdue referrals and ends the
// holdings of the deceased. Each chunk's writes and the cursor it reached commit together, so
// a crash loses nothing (the chunk is read again) and raises nothing twice (one open alert per
// person and rule is a unique index).

import { formatDate, today } from '@lip/shared/calendar';
import type { DepartmentSignal } from '@lip/shared/signal-changes';
import { lockKeys } from '@lip/shared/writes';
import {
  ENTITLEMENT_GAPS_SOURCE,
  type EvidenceItem,
  entitlementGaps,
  evaluatePerson,
  type PersonInput,
  type RuleRow,
  type SignalRow,
} from '../domain/evaluate.ts';
import type { FeedState } from '../domain/feeds.ts';
import { dueOn, officeRegion } from '../domain/referrals.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { type GraphClient, type LatePaymentLine, SIGNAL_FIELDS, type SignalDepartment } from './graph.ts';
import { holdSignalWriterLock, SIGNALS_LOCK, type SignalWrite, writeSignals } from './signals.ts';

export const SIGNALS_STREAM = 'signals';
const RUN_LOCK = 'run';
const OPEN_ALERT = ['OPEN', 'REFERRED', 'IN_PROGRESS'] as const;
const OPEN_REFERRAL = ['PENDING', 'ACCEPTED'] as const;

export interface RunOptions {
  trigger: 'SCHEDULED' | 'ON_DEMAND';
  requestedBy: string;
  /** The day the run acts on (due dates, overdue). */
  on?: Date;
  /** Persons per chunk (one transaction each). */
  chunkSize?: number;
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

/**
 * Evaluates the given persons and writes the outcome in one transaction. With `cursor`, the
 * transaction also moves the signals cursor from `cursor.from` to `cursor.to`, and does nothing
 * (returns null) if another runner moved it first.
 */
export async function evaluatePersons(
  prisma: PrismaClient,
  graph: GraphClient,
  idNumbers: readonly string[],
  options: { on: Date; actor: string; runId?: string; cursor?: { from: bigint; to: bigint } },
): Promise<Counters | null> {
  const { on } = options;
  const [signals, views, alerts, rules] = await Promise.all([
    prisma.personSignal.findMany({ where: { personIdNumber: { in: [...idNumbers] } } }),
    graph.persons(idNumbers),
    // Open alerts, and closed ones an office dealt with (their facts raise nothing again).
    prisma.alert.findMany({
      where: {
        personIdNumber: { in: [...idNumbers] },
        OR: [{ status: { in: [...OPEN_ALERT] } }, { status: 'DISMISSED' }, { resolution: { in: ['COVERED', 'ACTION_RECORDED'] } }],
      },
      select: { id: true, personIdNumber: true, ruleCode: true, status: true, evidenceKey: true },
    }),
    loadRules(prisma),
  ]);
  const openAlerts = alerts.filter((alert) => (OPEN_ALERT as readonly string[]).includes(alert.status));
  const handled = new Map<string, Map<string, Set<string>>>();
  for (const alert of alerts) {
    if ((OPEN_ALERT as readonly string[]).includes(alert.status)) continue;
    const byRule = handled.get(alert.personIdNumber) ?? new Map<string, Set<string>>();
    byRule.set(alert.ruleCode, (byRule.get(alert.ruleCode) ?? new Set()).add(alert.evidenceKey));
    handled.set(alert.personIdNumber, byRule);
  }
  const byPerson = new Map<string, SignalRow[]>();
  for (const signal of signals) {
    const list = byPerson.get(signal.personIdNumber) ?? [];
    list.push({
      source: signal.source,
      state: signal.state as unknown as FeedState,
      previous: signal.previous as unknown as FeedState | null,
      evidenceId: signal.evidenceId,
      observedOn: signal.observedOn,
    });
    byPerson.set(signal.personIdNumber, list);
  }
  const open = new Map<string, Map<string, string>>();
  for (const alert of openAlerts) {
    const rulesOpen = open.get(alert.personIdNumber) ?? new Map<string, string>();
    rulesOpen.set(alert.ruleCode, alert.id);
    open.set(alert.personIdNumber, rulesOpen);
  }
  const ruleByCode = new Map(rules.map((rule) => [rule.code, rule]));
  const raises: { idNumber: string; householdId: string | null; regionCode: string; ruleCode: string; evidence: EvidenceItem[]; evidenceKey: string }[] = [];
  const resolves: { alertId: string; covered: boolean; note: string }[] = [];
  const gapWrites: SignalWrite[] = [];
  for (const idNumber of new Set(idNumbers)) {
    const personSignals = byPerson.get(idNumber) ?? [];
    const view = views.get(idNumber);
    const known = (personSignals.find((signal) => signal.source === ENTITLEMENT_GAPS_SOURCE)?.state ?? {}) as unknown as Record<string, string>;
    const gaps = view ? entitlementGaps(known, view.entitlements, view.departmentsAnswered, on) : known;
    if (JSON.stringify(gaps) !== JSON.stringify(known)) {
      gapWrites.push({ idNumber, source: ENTITLEMENT_GAPS_SOURCE, state: gaps, evidenceId: 'graph', observedOn: formatDate(on) });
    }
    const input: PersonInput = { idNumber, view, signals: personSignals };
    const rulesOpen = open.get(idNumber) ?? new Map<string, string>();
    for (const outcome of evaluatePerson(input, gaps, rules, new Set(rulesOpen.keys()), on, handled.get(idNumber))) {
      if (outcome.decision === 'RAISE') {
        raises.push({
          idNumber,
          householdId: view?.facts.householdId || null,
          regionCode: view?.facts.regionCode || fallbackRegion(idNumber, personSignals),
          ruleCode: outcome.ruleCode,
          evidence: outcome.evidence,
          evidenceKey: outcome.evidenceKey,
        });
      } else if (outcome.decision === 'RESOLVE_COVERED' || outcome.decision === 'RESOLVE_CLEARED') {
        const covered = outcome.decision === 'RESOLVE_COVERED';
        resolves.push({
          alertId: rulesOpen.get(outcome.ruleCode)!,
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
        const cursor = await tx.runCursor.findUnique({ where: { stream: SIGNALS_STREAM } });
        if (BigInt(cursor?.position ?? '0') !== options.cursor.from) return null;
        await tx.runCursor.upsert({
          where: { stream: SIGNALS_STREAM },
          create: { stream: SIGNALS_STREAM, position: String(options.cursor.to) },
          update: { position: String(options.cursor.to) },
        });
      }
      let raised = 0;
      for (const raise of raises) {
        const rule = ruleByCode.get(raise.ruleCode)!;
        const [alert] = await tx.$queryRawUnsafe<{ id: string }[]>(
          `INSERT INTO "Alert" ("id", "personIdNumber", "householdId", "regionCode", "ruleCode", "severity", "status", "evidence", "evidenceKey", "raisedByRunId", "updatedAt")
           VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5::"AlertSeverity", 'REFERRED', $6::jsonb, $7, $8, now())
           ON CONFLICT ("personIdNumber", "ruleCode") WHERE "status" IN ('OPEN', 'REFERRED', 'IN_PROGRESS') DO NOTHING
           RETURNING "id"`,
          raise.idNumber,
          raise.householdId,
          raise.regionCode,
          raise.ruleCode,
          rule.severity,
          JSON.stringify(raise.evidence),
          raise.evidenceKey,
          options.runId ?? null,
        );
        if (!alert) continue; // raised meanwhile by another writer
        raised++;
        await tx.referral.create({
          data: {
            alertId: alert.id,
            personIdNumber: raise.idNumber,
            office: rule.office,
            officeRegion: officeRegion(rule.office, raise.regionCode),
            status: 'PENDING',
            referredOn: on,
            dueOn: dueOn(on, rule.deadlineWorkingDays),
            referredBy: options.actor,
          },
        });
      }
      let resolved = 0;
      for (const resolve of resolves) {
        const { count } = await tx.alert.updateMany({
          where: { id: resolve.alertId, status: { in: [...OPEN_ALERT] } },
          data: { status: 'RESOLVED', resolution: resolve.covered ? 'COVERED' : 'CONDITION_CLEARED', resolutionNote: resolve.note, resolvedAt: new Date() },
        });
        if (!count) continue;
        resolved++;
        await tx.referral.updateMany({
          where: { alertId: resolve.alertId, status: { in: [...OPEN_REFERRAL] } },
          data: { status: resolve.covered ? 'CLOSED_COVERED' : 'WITHDRAWN', closedAt: new Date() },
        });
      }
      // Gap dates change no seq of their own: they are bookkeeping for the grace period.
      if (gapWrites.length) await writeSignals(tx, gapWrites);
      const counters = { read: 0, persons: new Set(idNumbers).size, raised, resolved, escalated: 0 };
      if (options.runId) {
        await tx.monitoringRun.update({
          where: { id: options.runId },
          data: { persons: { increment: counters.persons }, raised: { increment: raised }, resolved: { increment: resolved }, cursorTo: options.cursor?.to },
        });
      }
      return counters;
    },
    { timeout: 120_000 },
  );
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
  const pending = await prisma.alert.findMany({
    where: { holdingsEndedAt: null, status: { in: [...OPEN_ALERT] }, rule: { endsHoldings: true } },
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
 * income or members) is kept only for persons monitoring already has another signal of: every rule
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

/** One run, start to end; the record says what it read and raised. */
export async function runMonitoring(prisma: PrismaClient, graph: GraphClient, options: RunOptions) {
  const on = options.on ?? today();
  const chunkSize = options.chunkSize ?? 500;
  const cursor = BigInt((await prisma.runCursor.findUnique({ where: { stream: SIGNALS_STREAM } }))?.position ?? '0');
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
    await readDepartmentSignals(prisma, graph, on);
    await readLatePayments(prisma, graph, on).catch((error) =>
      console.warn(`monitoring: late payments not read (${(error as Error).message}); read again next run`),
    );
    const high = await highWaterMark(prisma);
    let from = cursor;
    let read = 0;
    while (from < high) {
      const rows = await prisma.personSignal.findMany({
        where: { seq: { gt: from, lte: high } },
        orderBy: { seq: 'asc' },
        take: chunkSize,
        select: { personIdNumber: true, seq: true },
      });
      if (!rows.length) break;
      const to = rows[rows.length - 1]!.seq;
      const done = await evaluatePersons(prisma, graph, [...new Set(rows.map((row) => row.personIdNumber))], {
        on,
        actor: 'monitoring-run',
        runId: run.id,
        cursor: { from, to },
      });
      if (!done) break; // another runner took this stretch
      read += rows.length;
      from = to;
    }
    const escalated = await escalateOverdue(prisma, on);
    await endHoldings(prisma, graph);
    return await prisma.monitoringRun.update({
      where: { id: run.id },
      data: { status: 'SUCCEEDED', finishedAt: new Date(), read, escalated, cursorTo: from },
    });
  } catch (error) {
    await prisma.monitoringRun.update({
      where: { id: run.id },
      data: { status: 'FAILED', finishedAt: new Date(), error: (error as Error).message.slice(0, 500) },
    });
    throw error;
  }
}
