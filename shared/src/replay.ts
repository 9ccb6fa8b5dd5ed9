// The replay guard of signed subgraph requests, in the subgraph's own database so that every
// replica behind one address sees the same signatures (a table the shared package owns, built by
// a shared migration like the audit log's). The primary key decides: of two replicas inserting
// one signature, one wins.
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
