// Import of relapse-monitoring targets (防止返贫监测对象) recognised by the agriculture and
// rural affairs department. Their recognition is taken as is, never re-verified here.
// Choice: a batch is all or nothing. Every bad row is reported (row number, code,
// message) and nothing is written; a clean batch is applied in one transaction.
import { DomainError, ErrorCode } from '@lip/shared/errors';
import { maskIdNumber, parseIdNumber } from '@lip/shared/id-number';
import type { HoldingStatus, HoldingSubtype } from '../generated/prisma/enums.ts';
import { SUBTYPES } from './holdings.ts';

export const MAX_IMPORT_ROWS = 10_000;

export interface ImportRow {
  idNumber: string;
  subtype: HoldingSubtype;
}

export interface RowError {
  /** 1-based position in the submitted list. */
  row: number;
  idNumber: string;
  code: 'INVALID_ID_NUMBER' | 'INVALID_SUBTYPE' | 'DUPLICATE_ROW' | 'PERSON_NOT_FOUND' | 'PERSON_DECEASED' | 'HOLDING_SUSPENDED';
  message: string;
}

export interface RegisteredPerson {
  deceasedOn: Date | null;
  /** The person's open RELAPSE_MONITORING holding, if any. */
  holding?: { id: string; status: HoldingStatus; subtype: HoldingSubtype | null };
}

export interface ImportPlan {
  grant: ImportRow[];
  changeSubtype: { holdingId: string; from: HoldingSubtype | null; to: HoldingSubtype; idNumber: string }[];
  unchanged: number;
}

/** Normalises the ID numbers and checks what can be checked without the database. */
export function normaliseRows(rows: readonly ImportRow[]): { rows: ImportRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const firstRow = new Map<string, number>();
  const normalised = rows.map((row, index) => {
    const parsed = parseIdNumber(row.idNumber);
    // A refused value is echoed only as far as it is harmless: its first six plain characters.
    const shown = parsed.ok ? maskIdNumber(parsed.idNumber) : [...row.idNumber.slice(0, 6)].filter((char) => /[0-9A-Za-z]/.test(char)).join('');
    if (!parsed.ok) errors.push({ row: index + 1, idNumber: shown, code: 'INVALID_ID_NUMBER', message: parsed.message });
    if (!SUBTYPES.RELAPSE_MONITORING.includes(row.subtype)) {
      errors.push({
        row: index + 1,
        idNumber: shown,
        code: 'INVALID_SUBTYPE',
        message: `subtype must be one of ${SUBTYPES.RELAPSE_MONITORING.join(', ')}`,
      });
    }
    const idNumber = parsed.ok ? parsed.idNumber : row.idNumber;
    const first = firstRow.get(idNumber);
    if (parsed.ok && first !== undefined) {
      errors.push({ row: index + 1, idNumber: shown, code: 'DUPLICATE_ROW', message: `same person as row ${first}` });
    } else firstRow.set(idNumber, index + 1);
    return { idNumber, subtype: row.subtype };
  });
  return { rows: normalised, errors };
}

/** Decides what each normalised row does against the register; rows in `failed` (1-based) were already refused. */
export function planImport(
  rows: readonly ImportRow[],
  register: ReadonlyMap<string, RegisteredPerson>,
  failed: ReadonlySet<number> = new Set(),
): { plan: ImportPlan; errors: RowError[] } {
  const plan: ImportPlan = { grant: [], changeSubtype: [], unchanged: 0 };
  const errors: RowError[] = [];
  rows.forEach((row, index) => {
    if (failed.has(index + 1)) return;
    const person = register.get(row.idNumber);
    const fail = (code: RowError['code'], message: string) => errors.push({ row: index + 1, idNumber: maskIdNumber(row.idNumber), code, message });
    if (!person) {
      fail('PERSON_NOT_FOUND', 'not in the register; register the household first');
      return;
    }
    const { holding } = person;
    if (!holding) {
      if (person.deceasedOn) fail('PERSON_DECEASED', 'the person is recorded as deceased');
      else plan.grant.push(row);
    } else if (holding.status === 'SUSPENDED') {
      fail('HOLDING_SUSPENDED', 'the holding is suspended; resume or end it before re-importing');
    } else if (holding.subtype === row.subtype) {
      plan.unchanged += 1;
    } else {
      plan.changeSubtype.push({ holdingId: holding.id, from: holding.subtype, to: row.subtype, idNumber: row.idNumber });
    }
  });
  return { plan, errors };
}

export function batchRejected(errors: RowError[], total: number) {
  return new DomainError(ErrorCode.BATCH_REJECTED, `${errors.length} of ${total} rows are invalid; nothing was imported`, {
    rows: errors.sort((a, b) => a.row - b.row),
  });
}
