// The audit log (docs/security.md): every write, and every read of persons' records (masked or not),
// with who, role, when, operation, which persons and which subgraph. Each subgraph keeps
// its own rows in its own database, in a table the shared package owns (built by a shared
// migration, shared/prisma/migrations); nothing in the API can change them, and a trigger
// refuses UPDATE and DELETE even to SQL.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Identity } from './auth.ts';
import { type Database, PREPARED } from './database.ts';
import { invalidInput } from './errors.ts';
import { parseIdNumber } from './id-number.ts';
import { operationLabel } from './observability.ts';
import { isPersonReference, openPersonReference } from './person-reference.ts';
import type { SharedScalars } from './scalars.ts';
import type { AuthScopes } from './scopes.ts';
import type { Admission } from './upstream-signature.ts';

export const AUDIT_TABLE = 'lip_audit_log';

const ID_SHAPE = /^\d{17}[\dX]$/;

/**
 * ID numbers already found valid: a valid number stays valid (its birth date only recedes), and every
 * read of a page (data and representations) meets the same numbers again.
 */
const validIdNumbers = new Set<string>();
const VALID_ID_NUMBERS_LIMIT = 100_000;

function isValidIdNumber(value: string) {
  if (validIdNumbers.has(value)) return true;
  if (!ID_SHAPE.test(value) || !parseIdNumber(value).ok) return false;
  if (validIdNumbers.size >= VALID_ID_NUMBERS_LIMIT) validIdNumbers.clear();
  validIdNumbers.add(value);
  return true;
}

/** Every valid ID number anywhere in a value (response data, variables), person references opened. */
export function idNumbersIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    // Only an ID number has 18 characters, and a person reference is longer: most strings of an
    // answer (names, codes, dates) are passed over on their length.
    if (value.length === 18) {
      if (!found.has(value) && isValidIdNumber(value)) found.add(value);
    } else if (value.length > 18 && isPersonReference(value)) {
      const idNumber = openPersonReference(value);
      if (idNumber) found.add(idNumber);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) idNumbersIn(item, found);
  } else if (value && typeof value === 'object') {
    // for…in, not Object.values: no array per object of the answer.
    for (const key in value) idNumbersIn((value as Record<string, unknown>)[key], found);
  }
  return found;
}

/** One audit log row as a request writes it. */
export interface AuditEntry {
  subject: string;
  role: string;
  department: string | null;
  operation: string;
  kind: 'READ' | 'WRITE';
  subgraph: string;
  persons: string[];
  requestId: string;
  refusal: string | null;
}

/**
 * The INSERT of one entry (its values: auditValues), parameters numbered from `$<first>`. It selects its
 * values so that a caller can make it conditional: `from` a relation of one row writes it, of none does not
 * (the replay guard's, replay.ts).
 */
export const auditInsert = (first = 1, from?: string) =>
  `INSERT INTO "${AUDIT_TABLE}" ("subject", "role", "department", "operation", "kind", "subgraph", "persons", "requestId", "refusal")
   SELECT ${['text', 'text', 'text', 'text', 'text', 'text', 'text[]', 'text', 'text'].map((type, index) => `$${first + index}::${type}`).join(', ')}${from ? ` FROM ${from}` : ''}`;

export const auditValues = (entry: AuditEntry) => [
  entry.subject,
  entry.role,
  entry.department,
  entry.operation,
  entry.kind,
  entry.subgraph,
  entry.persons,
  entry.requestId,
  entry.refusal,
];

export function auditPlugin(db: Database, subgraph: string): ApolloServerPlugin<{ identity: Identity; requestId: string; admission?: Admission<AuditEntry> }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, operationName, request, response, contextValue, errors }) {
          // Nothing to log: the answer's admit step (subgraph.ts) writes the request's signature alone.
          if (!operation || response.body.kind !== 'single') return;
          const kind = operation.operation === 'mutation' ? 'WRITE' : 'READ';
          const { data } = response.body.singleResult;
          if (kind === 'READ' && !data) return;
          const persons = [...idNumbersIn([data, request.variables])];
          if (kind === 'READ' && persons.length === 0) return;
          const { subject, role, department } = contextValue.identity;
          // The real reason of a refusal the caller saw only as NOT_FOUND (scopes.ts outOfRegion), or its code.
          const reasons = new Set(
            (errors ?? []).map((error) => {
              const original = error.originalError as { auditReason?: string; code?: string } | undefined;
              return original?.auditReason ?? original?.code ?? String(error.extensions?.code ?? 'ERROR');
            }),
          );
          const entry: AuditEntry = {
            subject,
            role,
            department: department ?? null,
            operation: operationLabel(operationName),
            kind,
            subgraph,
            persons,
            requestId: contextValue.requestId,
            refusal: reasons.size ? [...reasons].join(',') : null,
          };
          // A query's entry is written in its signature's own statement, one commit for both, and a replay writes
          // neither; a mutation's signature was written before it ran (admissionPlugin). A replay is refused whole.
          const { refusal, recorded } = (await contextValue.admission?.verdictWith(entry)) ?? { refusal: null, recorded: false };
          if (refusal || recorded) return;
          await db.sql.query(auditInsert(), auditValues(entry), PREPARED);
        },
      };
    },
  };
}

interface AuditRow {
  id: string;
  at: Date;
  subject: string;
  role: string;
  department: string | null;
  operation: string;
  kind: string;
  subgraph: string;
  persons: string[];
  refusal: string | null;
}

export interface AuditFilter {
  subject?: string | null;
  role?: string | null;
  operation?: string | null;
  kind?: string | null;
  personIdNumber?: string | null;
  from?: Date | null;
  to?: Date | null;
}

const camel = (name: string) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/** What a subgraph adds to its audit log's queries. */
export interface AuditLogOptions {
  /**
   * The ids of entries that read a person without naming them in `persons` (`$1` the ID number): an entry
   * for a read of hundreds of thousands of persons records what was read, and the subgraph's own immutable
   * rows say who was in it (payments: a bank file, BankExport.auditId, and its lines).
   */
  readsOf?: string;
}

/**
 * The auditor's two statements over the log: how many entries match, and one page of them, newest
 * first. By person it is `persons @> ARRAY[id]`, which the GIN index answers (`id = ANY(persons)` it cannot),
 * and the entries `readsOf` finds.
 */
export function auditLogQueries(filter: AuditFilter, size: number, before?: bigint, options: AuditLogOptions = {}) {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    conditions.push(sql.replaceAll('?', `$${values.length}`));
  };
  if (filter.subject) add('"subject" = ?', filter.subject);
  if (filter.role) add('"role" = ?', filter.role);
  if (filter.operation) add('"operation" = ?', filter.operation);
  if (filter.kind) add('"kind" = ?', filter.kind);
  if (filter.personIdNumber) {
    const named = '"persons" @> ARRAY[?]::text[]';
    add(
      options.readsOf ? `"id" IN (SELECT "id" FROM "${AUDIT_TABLE}" WHERE ${named} UNION ALL ${options.readsOf.replaceAll('$1', '?')})` : named,
      filter.personIdNumber,
    );
  }
  if (filter.from) add('"at" >= ?', filter.from);
  if (filter.to) add('"at" < ?', filter.to);
  const where = (list: string[]) => (list.length ? `WHERE ${list.join(' AND ')}` : '');
  const count = { sql: `SELECT count(*)::int AS count FROM "${AUDIT_TABLE}" ${where(conditions)}`, values: [...values] };
  if (before !== undefined) add('"id" < ?', before);
  const page = { sql: `SELECT * FROM "${AUDIT_TABLE}" ${where(conditions)} ORDER BY "id" DESC LIMIT ${size + 1}`, values };
  return { count, page };
}

/**
 * Adds `<subgraph>AuditLog` (e.g. `civilAffairsAuditLog`) for auditors, with the audit types
 * every subgraph shares.
 */
interface RawQuery {
  $queryRawUnsafe<T>(sql: string, ...values: unknown[]): Promise<T>;
}

/** What the audit fields need of a subgraph's builder (every subgraph builder has it). */
type AuditTypes = PothosSchemaTypes.ExtendDefaultTypes<{
  Scalars: SharedScalars;
  Context: { identity: Identity; prisma: RawQuery };
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>;

export function addAuditLog(subgraphBuilder: unknown, subgraph: string, options: AuditLogOptions = {}) {
  // Each subgraph's builder has its own Prisma types; the audit fields use none of them.
  const builder = subgraphBuilder as PothosSchemaTypes.SchemaBuilder<AuditTypes>;
  const AuditKind = builder.enumType('AuditKind', {
    description: '审计类型',
    values: { READ: { description: '查询: a read of persons’ records, masked or not.' }, WRITE: { description: '变更: any mutation, allowed or refused.' } },
  });
  const AuditEntry = builder.objectRef<AuditRow>('AuditEntry').implement({
    description: '审计记录: one audited operation in one subgraph. Append-only.',
    shareable: true,
    fields: (t) => ({
      id: t.field({ type: 'ID', nullable: false, description: '编号', resolve: (row) => row.id }),
      at: t.field({ type: 'DateTime', nullable: false, description: '时间', resolve: (row) => row.at }),
      subject: t.field({ type: 'String', nullable: false, description: '操作人 (token subject)', resolve: (row) => row.subject }),
      role: t.field({ type: 'String', nullable: false, description: '角色', resolve: (row) => row.role }),
      department: t.field({ type: 'String', nullable: true, description: '部门', resolve: (row) => row.department }),
      operation: t.field({ type: 'String', nullable: false, description: '操作名称 (GraphQL operation name)', resolve: (row) => row.operation }),
      kind: t.field({ type: AuditKind, nullable: false, description: '类型', resolve: (row) => row.kind as 'READ' | 'WRITE' }),
      subgraph: t.field({ type: 'String', nullable: false, description: '子图', resolve: (row) => row.subgraph }),
      persons: t.field({
        type: ['IdNumber'],
        nullable: false,
        description: '涉及人员 (masked for roles that do not work cases)',
        resolve: (row) => row.persons,
      }),
      refusal: t.field({
        type: 'String',
        nullable: true,
        description:
          '拒绝原因: why the operation was refused, as the caller was not told (e.g. OUT_OF_REGION where the caller saw NOT_FOUND); null when it succeeded.',
        resolve: (row) => row.refusal,
      }),
    }),
  });
  const AuditPage = builder.objectRef<{ totalCount: number; entries: AuditRow[]; hasNextPage: boolean }>('AuditLogPage').implement({
    description: '审计记录分页: newest first.',
    shareable: true,
    fields: (t) => ({
      totalCount: t.field({ type: 'Int', nullable: false, description: '符合条件的总数', resolve: (page) => page.totalCount }),
      entries: t.field({ type: [AuditEntry], nullable: false, description: '本页记录', resolve: (page) => page.entries }),
      hasNextPage: t.field({
        type: 'Boolean',
        nullable: false,
        description: '是否还有更早的记录 (pass the last id as `before`)',
        resolve: (page) => page.hasNextPage,
      }),
    }),
  });
  const AuditFilterInput = builder.inputType('AuditFilter', {
    description: '审计筛选: conditions combine with AND.',
    fields: (t) => ({
      subject: t.field({ type: 'String', required: false, description: '操作人' }),
      role: t.field({ type: 'String', required: false, description: '角色' }),
      operation: t.field({ type: 'String', required: false, description: '操作名称' }),
      kind: t.field({ type: AuditKind, required: false, description: '类型' }),
      personIdNumber: t.field({ type: 'IdNumber', required: false, description: '涉及此人' }),
      from: t.field({ type: 'DateTime', required: false, description: '起 (inclusive)' }),
      to: t.field({ type: 'DateTime', required: false, description: '止 (exclusive)' }),
    }),
  });
  builder.queryField(`${camel(subgraph)}AuditLog`, (t) =>
    t.field({
      type: AuditPage,
      nullable: false,
      description: `审计日志 of the ${subgraph} subgraph, for auditors.`,
      skipTypeScopes: true,
      authScopes: { audit: true },
      args: {
        filter: t.arg({ type: AuditFilterInput, required: false, description: '筛选条件' }),
        first: t.arg({ type: 'Int', required: false, description: 'Page size (1–100, default 20)' }),
        before: t.arg({ type: 'ID', required: false, description: 'Entries older than this id' }),
      },
      resolve: async (_root, args, context) => {
        const filter = (args.filter ?? {}) as AuditFilter;
        const size = (args.first as number | null | undefined) ?? 20;
        if (!Number.isInteger(size) || size < 1 || size > 100) throw invalidInput('first must be from 1 to 100', { field: 'first' });
        if (args.before && !/^\d+$/.test(String(args.before))) throw invalidInput('before must be an audit entry id', { field: 'before' });
        const queries = auditLogQueries(filter, size, args.before ? BigInt(String(args.before)) : undefined, options);
        const db = context.prisma;
        const [{ count }] = await db.$queryRawUnsafe<[{ count: number }]>(queries.count.sql, ...queries.count.values);
        const rows = await db.$queryRawUnsafe<(AuditRow & { id: bigint })[]>(queries.page.sql, ...queries.page.values);
        return {
          totalCount: count,
          hasNextPage: rows.length > size,
          entries: rows.slice(0, size).map((row) => ({ ...row, id: String(row.id) })),
        };
      },
    }),
  );
}
