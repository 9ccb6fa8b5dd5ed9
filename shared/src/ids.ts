// Time-ordered ids for tables written in bulk: UUID version 7 (RFC 9562), whose first 48 bits are the
// time in milliseconds, so ids made one after another ascend and a primary key index is appended to
// instead of being written at random leaves (a random UUID per row of a county's payroll touched a
// different leaf page for each row). They read and sort like any other UUID text.
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(10 * 1024);
let used = pool.length;
let lastMs = -1;
let sequence = 0;

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/**
 * A version 7 UUID. Within this process they strictly ascend: in the same millisecond the 12 bits after the
 * version count up (from a random start below 2,048), and past 4,095 the time is moved on by a millisecond.
 */
export function timeOrderedUuid(now: number = Date.now()): string {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  if (now > lastMs) {
    lastMs = now;
    sequence = pool.readUInt16BE(used) & 0x7ff;
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  // 62 random bits: 14 after the variant's two, then 48.
  const variant = 0x8000 | (pool.readUInt16BE(used + 2) & 0x3fff);
  const tail = pool.readUIntBE(used + 4, 6);
  used += 10;
  const time = hex(lastMs, 12);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(sequence, 3)}-${hex(variant, 4)}-${hex(tail, 12)}`;
}
