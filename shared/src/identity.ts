// Who is calling. Until the gateway verifies tokens and signs subgraph requests, the
// identity is taken from plain headers the gateway forwards.
import type { IncomingHttpHeaders } from 'node:http';

export interface Identity {
  /** Who acts, recorded in histories and audit rows. */
  subject: string;
}

export const IDENTITY_HEADER = 'x-lip-subject';

export function contextIdentity(headers: IncomingHttpHeaders): Identity {
  const subject = headers[IDENTITY_HEADER];
  return { subject: typeof subject === 'string' && subject.trim() ? subject.trim() : 'anonymous' };
}
