// The bank file (代发文件) and the bank's return file (回盘文件): CSV, UTF-8, comma-separated,
// one header row, fields quoted per RFC 4180 when they hold a comma, quote or line break.
//
// Bank file columns:   reference,account_number,holder_name,bank_name,amount,id_number,purpose
//   reference   <line id>.<attempt> (a reissued line gets a new attempt, so a stale answer is ignored)
//   amount      yuan with 2 decimals, e.g. 680.00
//   id_number   the person the payment is for (also on a care institution's line)
// Return file columns: reference,status,reason,paid_on
//   status      PAID or FAILED; a line the file does not mention stays PENDING
//   reason      the bank's reason, required for FAILED (e.g. 账户已销户)
//   paid_on     YYYY-MM-DD, required for PAID
import { csvRow } from '@lip/shared/csv';
import { parseDate } from '@lip/shared/scalars';

export { csvRow };

export const BANK_FILE_HEADER = ['reference', 'account_number', 'holder_name', 'bank_name', 'amount', 'id_number', 'purpose'] as const;
export const RETURN_FILE_HEADER = ['reference', 'status', 'reason', 'paid_on'] as const;

export const reference = (lineId: string, attempt: number) => `${lineId}.${attempt}`;

export interface ReturnRow {
  lineId: string;
  attempt: number;
  status: 'PAID' | 'FAILED';
  reason: string | null;
  paidOn: Date | null;
}

export interface BadRow {
  row: number;
  code: 'INVALID_INPUT';
  message: string;
}

const REFERENCE = /^([0-9a-f-]{36})\.(\d{1,4})$/;

export const isReturnHeader = (fields: readonly string[]) => fields.join(',') === RETURN_FILE_HEADER.join(',');

/** Parses one data row of a return file (`row` counts the header as 1), or says what is wrong with it. */
export function parseReturnRow(fields: readonly string[], row: number): { ok: true; value: ReturnRow } | { ok: false; error: BadRow } {
  const bad = (message: string) => ({ ok: false as const, error: { row, code: 'INVALID_INPUT' as const, message } });
  if (fields.length !== RETURN_FILE_HEADER.length) return bad(`expected ${RETURN_FILE_HEADER.length} fields, got ${fields.length}`);
  const [ref, status, reason, paidOn] = fields.map((field) => field.trim()) as [string, string, string, string];
  const match = REFERENCE.exec(ref);
  if (!match) return bad(`reference must be <line id>.<attempt>, got ${JSON.stringify(ref.slice(0, 60))}`);
  const base = { lineId: match[1]!, attempt: Number(match[2]) };
  if (status === 'PAID') {
    const date = parseDate(paidOn);
    return date
      ? { ok: true, value: { ...base, status, reason: null, paidOn: date } }
      : bad(`paid_on must be a date as YYYY-MM-DD for a PAID line, got ${JSON.stringify(paidOn)}`);
  }
  if (status === 'FAILED') {
    return reason.length >= 1 && reason.length <= 200
      ? { ok: true, value: { ...base, status, reason, paidOn: null } }
      : bad('reason (1 to 200 characters) is required for a FAILED line');
  }
  return bad(`status must be PAID or FAILED, got ${JSON.stringify(status.slice(0, 20))}`);
}

/** 6222 0212 3456 7890 → 6222********7890: what roles that do not pay see. */
export function maskAccountNumber(accountNumber: string): string {
  if (accountNumber.length <= 8) return '*'.repeat(accountNumber.length);
  return `${accountNumber.slice(0, 4)}${'*'.repeat(accountNumber.length - 8)}${accountNumber.slice(-4)}`;
}
