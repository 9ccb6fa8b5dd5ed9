// Writing signals: the last state per person and source, with the one before it. A change takes
// a new `seq` (the position runs read from); the same state again changes nothing.
import type { RawQueryRunner } from '@lip/shared/writes';

export interface SignalWrite {
  idNumber: string;
  source: string;
  state: unknown;
  evidenceId: string;
  observedOn: string;
}

/**
 * Writers hold this lock shared and a run takes it exclusively for an instant to read the
 * highest `seq`: every change up to that number is then committed, so a cursor never skips one
 * that committed late.
 */
export const SIGNALS_LOCK = 'monitoring:signals';

export async function holdSignalWriterLock(tx: RawQueryRunner) {
  await tx.$queryRawUnsafe('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))::text AS locked', SIGNALS_LOCK);
}

/**
 * Upserts the states in one statement; returns the persons whose state changed. With `touch`, a
 * state written again takes a new `seq` too: the department changed something about the person
 * (an entitlement may have changed with it), so the next run evaluates them.
 */
export async function writeSignals(tx: RawQueryRunner, writes: readonly SignalWrite[], touch = false): Promise<string[]> {
  if (!writes.length) return [];
  const changed = await tx.$queryRawUnsafe<{ personIdNumber: string }[]>(
    `INSERT INTO "PersonSignal" ("personIdNumber", "source", "state", "evidenceId", "observedOn", "updatedAt")
     SELECT t.id, t.source, t.state::jsonb, t.evidence, t.observed::date, now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, source, state, evidence, observed)
     ON CONFLICT ("personIdNumber", "source") DO UPDATE SET
       "previous" = "PersonSignal"."state",
       "state" = EXCLUDED."state",
       "evidenceId" = EXCLUDED."evidenceId",
       "observedOn" = EXCLUDED."observedOn",
       "seq" = nextval(pg_get_serial_sequence('"PersonSignal"', 'seq')),
       "updatedAt" = now()
     WHERE $6::boolean OR "PersonSignal"."state" IS DISTINCT FROM EXCLUDED."state"
     RETURNING "personIdNumber"`,
    writes.map((write) => write.idNumber),
    writes.map((write) => write.source),
    writes.map((write) => JSON.stringify(write.state)),
    writes.map((write) => write.evidenceId),
    writes.map((write) => write.observedOn),
    touch,
  );
  return changed.map((row) => row.personIdNumber);
}
