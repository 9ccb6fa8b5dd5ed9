// The replay guard of signed subgraph requests, in the subgraph's own database so that every
// replica behind one address sees the same signatures (a table the shared package owns, built by
// a shared migration like the audit log's). The primary key decides: of two replicas inserting
// one signature, one wins.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { AuthError } from './auth.ts';
import { type Database, PREPARED } from './database.ts';
import type { ReplayStore } from './upstream-signature.ts';

export const REPLAY_TABLE = 'lip_request_signature';

/** Expired signatures are deleted at most this often per process. */
const PURGE_INTERVAL_MS = 60_000;

export function databaseReplayGuard(db: Database): ReplayStore {
  let purgedAt = 0;
  return {
    async accept(signature, expiresAt) {
      const now = Date.now();
      if (now - purgedAt > PURGE_INTERVAL_MS) {
        purgedAt = now;
        await db.sql.query(`DELETE FROM "${REPLAY_TABLE}" WHERE "expiresAt" < now()`);
      }
      const inserted = await db.sql.query(
        `INSERT INTO "${REPLAY_TABLE}" ("signature", "expiresAt") VALUES ($1, $2) ON CONFLICT ("signature") DO NOTHING RETURNING 1 AS ok`,
        [signature, expiresAt],
        PREPARED,
      );
      return inserted.length === 1;
    },
  };
}

/**
 * A request runs while its replay guard's write commits (subgraph.ts): a query only reads, and its answer
 * waits for the verdict, but a mutation must not run at all for a replay, so it waits for the verdict first.
 */
export function admissionPlugin(): ApolloServerPlugin<{ admitted?: Promise<AuthError | null> }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query') return;
          const refusal = await contextValue.admitted;
          // A GraphQL error with its code (not an unexpected one); the HTTP answer is the 401 of http.ts's `admit`.
          if (refusal) throw new GraphQLError(refusal.message, { extensions: { code: refusal.code } });
        },
      };
    },
  };
}
