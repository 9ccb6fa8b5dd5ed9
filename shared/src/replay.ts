// The replay guard of signed subgraph requests, in the subgraph's own database so that every
// replica behind one address sees the same signatures (a table the shared package owns, built by
// a shared migration like the audit log's). The primary key decides: of two replicas inserting
// one signature, one wins.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { type AuditEntry, auditInsert, auditValues } from './audit.ts';
import { type Database, PREPARED } from './database.ts';
import type { Admission, ReplayStore } from './upstream-signature.ts';

export const REPLAY_TABLE = 'lip_request_signature';

/** Expired signatures are deleted at most this often per process. */
const PURGE_INTERVAL_MS = 60_000;

const GUARD = `INSERT INTO "${REPLAY_TABLE}" ("signature", "expiresAt") VALUES ($1, $2) ON CONFLICT ("signature") DO NOTHING RETURNING 1 AS ok`;
/** The guard and a query's audit entry in one statement, so one commit: the entry is written only with a new signature. */
const GUARD_AND_AUDIT = `WITH guard AS (${GUARD}) ${auditInsert(3, 'guard')} RETURNING 1 AS ok`;

export function databaseReplayGuard(db: Database): ReplayStore<AuditEntry> {
  let purgedAt = 0;
  return {
    async accept(signature, expiresAt, entry) {
      const now = Date.now();
      if (now - purgedAt > PURGE_INTERVAL_MS) {
        purgedAt = now;
        await db.sql.query(`DELETE FROM "${REPLAY_TABLE}" WHERE "expiresAt" < now()`);
      }
      const inserted = entry
        ? await db.sql.query(GUARD_AND_AUDIT, [signature, expiresAt, ...auditValues(entry)], PREPARED)
        : await db.sql.query(GUARD, [signature, expiresAt], PREPARED);
      return inserted.length === 1;
    },
  };
}

/**
 * A query runs before its signature is written (with its audit entry, audit.ts), and its answer waits for
 * the verdict (subgraph.ts); a mutation must not run at all for a replay, so its signature is written first.
 */
export function admissionPlugin(): ApolloServerPlugin<{ admission?: Admission<AuditEntry> }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query') return;
          const refusal = await contextValue.admission?.verdict();
          // A GraphQL error with its code (not an unexpected one); the HTTP answer is the 401 of http.ts's `admit`.
          if (refusal) throw new GraphQLError(refusal.message, { extensions: { code: refusal.code } });
        },
      };
    },
  };
}
