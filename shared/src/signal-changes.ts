// Incremental department signals (issue 11): each department publishes, through the graph, what
// changed since a position, so the monitoring service reads only changes and never the register.
// Every department database has a "SignalChange" log (seq, person) filled by statement triggers
// (`lip_signal_change`, a shared migration, attached in the department's migration); a page names the
// persons changed after `after` and each one's current signal, computed from the department's
// records in the caller's region. Read by civil affairs' monitoring service (SERVICE) only.
import type { Identity } from './auth.ts';
import { invalidInput } from './errors.ts';
import { sealCursor } from './person-reference.ts';
import type { SharedScalars } from './scalars.ts';
import type { AuthScopes } from './scopes.ts';
import type { RawQueryRunner } from './writes.ts';

/** Lock the triggers hold shared (shared/prisma/migrations); held alone for an instant to read the highest committed seq. */
export const SIGNAL_CHANGE_LOCK = 'lip:signal-change';

/** Persons changed per page at most. */
export const MAX_SIGNAL_PAGE = 1_000;

/**
 * One person's signal as a department publishes it: the monitoring service keeps it as that person's state
 * for `source`. `Day` is a Date where the department resolves it, the ISO date string where monitoring reads it.
 */
export interface DepartmentSignal<Day = Date> {
  personIdNumber: string;
  /** The monitoring source it feeds (DIFFICULT_STUDENT, OUT_OF_POCKET, …). */
  source: string;
  /** OPEN, CLOSED, NONE …, per source. */
  status: string;
  kind: string;
  level: number;
  /** 元, two decimals. */
  amount: string;
  occurredOn: Day | null;
  regionCode: string;
  /** The record it comes from (its id), for the alert's evidence. */
  reference: string;
}

export interface SignalPage<Day = Date> {
  signals: DepartmentSignal<Day>[];
  /** Give as `after` for the next page; the same position when nothing changed. */
  cursor: string;
  /** More changes are already committed after `cursor`. */
  hasMore: boolean;
}

/** `after`, opened, as a position: a whole number in decimal (absent: from the start). */
export function parsePosition(after: string | null | undefined): bigint {
  if (after === null || after === undefined || after === '') return 0n;
  if (!/^\d{1,18}$/.test(after)) throw invalidInput('after must be a position returned as cursor by an earlier page', { field: 'after' });
  return BigInt(after);
}

export function checkPageSize(first: number | null | undefined): number {
  const size = first ?? 500;
  if (!Number.isInteger(size) || size < 1 || size > MAX_SIGNAL_PAGE) throw invalidInput(`first must be from 1 to ${MAX_SIGNAL_PAGE}`, { field: 'first' });
  return size;
}

interface Transactional extends RawQueryRunner {
  $transaction<T>(fn: (tx: RawQueryRunner) => Promise<T>): Promise<T>;
}

/**
 * The change log's head: the highest position below which every change is committed (the triggers hold the
 * lock shared while they write, so taking it alone waits for the writers in flight).
 */
export async function changeLogHead(prisma: Transactional): Promise<bigint> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text AS locked', SIGNAL_CHANGE_LOCK);
    const [row] = await tx.$queryRawUnsafe<{ high: string | null }[]>('SELECT max("seq")::text AS high FROM "SignalChange"');
    return BigInt(row?.high ?? '0');
  });
}

/** The persons changed after `after`, in order, up to `first` change rows; and where the page ends. */
export async function changedPersons(prisma: Transactional, after: bigint, first: number): Promise<{ idNumbers: string[]; cursor: bigint; hasMore: boolean }> {
  const high = await changeLogHead(prisma);
  const rows = await prisma.$queryRawUnsafe<{ seq: string; personIdNumber: string }[]>(
    'SELECT "seq"::text AS seq, "personIdNumber" FROM "SignalChange" WHERE "seq" > $1::bigint AND "seq" <= $2::bigint ORDER BY "seq" LIMIT $3',
    after.toString(),
    high.toString(),
    first,
  );
  const cursor = rows.length ? BigInt(rows[rows.length - 1]!.seq) : after;
  return { idNumbers: [...new Set(rows.map((row) => row.personIdNumber))], cursor, hasMore: cursor < high };
}

export interface SignalsFieldOptions<Context> {
  /** The query field, `<department>SignalsSince`. */
  field: string;
  /** The type's name, `<Department>Signal`. */
  typeName: string;
  /** What the department publishes (the sources and their statuses). */
  description: string;
  /** Current signals of these persons, from records in the caller's region (a person without any is left out). */
  signalsOf: (ctx: Context, idNumbers: readonly string[]) => Promise<DepartmentSignal[]>;
}

/** What the signal fields need of a subgraph's builder (every subgraph builder has it). */
type SignalTypes = PothosSchemaTypes.ExtendDefaultTypes<{
  Scalars: SharedScalars;
  Context: { identity: Identity; prisma: unknown };
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>;

/** Registers `<field>(after, first)` and its types on a department builder. */
export function addSignalsField<Context extends { identity: Identity; prisma: unknown }>(subgraphBuilder: unknown, options: SignalsFieldOptions<Context>) {
  // Each subgraph's builder has its own Prisma types; the signal fields use none of them.
  const builder = subgraphBuilder as PothosSchemaTypes.SchemaBuilder<SignalTypes>;
  const Signal = builder.objectRef<DepartmentSignal>(options.typeName).implement({
    description: `${options.description} Read by civil affairs' monitoring service (SERVICE) only.`,
    fields: (t) => ({
      personIdNumber: t.field({ type: 'IdNumber', description: '居民身份证号码', resolve: (signal) => signal.personIdNumber }),
      source: t.string({ description: 'The monitoring source this signal feeds', resolve: (signal) => signal.source }),
      status: t.string({ description: '状态 (per source, see the type’s description)', resolve: (signal) => signal.status }),
      kind: t.string({ description: '类型 (per source; empty when none)', resolve: (signal) => signal.kind }),
      level: t.int({ description: '等级或数量 (per source; 0 when none)', resolve: (signal) => signal.level }),
      amount: t.field({ type: 'Money', description: '金额 (元; 0.00 when none)', resolve: (signal) => signal.amount }),
      occurredOn: t.field({ type: 'Date', nullable: true, description: 'When the state began (the record’s date)', resolve: (signal) => signal.occurredOn }),
      regionCode: t.string({ description: 'Region of the record it comes from', resolve: (signal) => signal.regionCode }),
      reference: t.string({ description: 'The record it comes from (its id; empty when none)', resolve: (signal) => signal.reference }),
    }),
  });
  const Page = builder.objectRef<SignalPage>(`${options.typeName}Page`).implement({
    description: 'Signals of the persons whose records changed after a position, in order of change.',
    fields: (t) => ({
      signals: t.field({ type: [Signal], description: 'One signal per changed person (and source) in the caller’s region', resolve: (page) => page.signals }),
      cursor: t.string({
        description: 'Give as `after` for the next page (a position in the change log; the same when nothing changed)',
        resolve: (page) => page.cursor,
      }),
      hasMore: t.boolean({ description: 'More changes are already committed after `cursor`', resolve: (page) => page.hasMore }),
    }),
  });
  builder.queryField(options.field, (t) =>
    t.field({
      type: Page,
      authScopes: { readSignals: true },
      description: `变化信号: ${options.description} Only what changed after \`after\` (a position from an earlier page; from the start when absent).`,
      args: {
        after: t.arg.string({ required: false, description: 'Position returned as `cursor` by the previous page' }),
        first: t.arg.int({ required: false, defaultValue: 500, description: `Change-log entries read at most (1–${MAX_SIGNAL_PAGE}, default 500)` }),
      },
      resolve: async (_root, args, ctx) => {
        const after = parsePosition(args.after);
        const size = checkPageSize(args.first);
        const changed = await changedPersons(ctx.prisma as Transactional, after, size);
        const signals = changed.idNumbers.length ? await options.signalsOf(ctx as Context, changed.idNumbers) : [];
        const order = new Map(changed.idNumbers.map((idNumber, index) => [idNumber, index]));
        signals.sort((a, b) => order.get(a.personIdNumber)! - order.get(b.personIdNumber)!); // in order of change
        // Sealed like every cursor (masking-schema.ts opens `after` before this resolver runs).
        return { signals, cursor: sealCursor(changed.cursor.toString()), hasMore: changed.hasMore };
      },
    }),
  );
}
