// The part of pg-copy-streams (no types of its own) that database.ts uses.
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';
  export function from(text: string): Submittable & Writable;
}
