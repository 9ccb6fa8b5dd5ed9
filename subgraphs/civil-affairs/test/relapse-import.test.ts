import { makeIdNumber } from '@lip/shared/id-number';
import { describe, expect, it } from 'vitest';
import { normaliseRows, planImport, type RegisteredPerson } from '../src/domain/relapse-import.ts';

const id = (sequence: number) => makeIdNumber({ areaCode: '411224', birthDate: '1970-01-01', sequence });

describe('relapse-monitoring import rows', () => {
  it('normalises a lowercase check character and flags each bad row by number', () => {
    const x = [...Array(400).keys()].map(id).find((value) => value.endsWith('X'))!;
    const { rows, errors } = normaliseRows([
      { idNumber: x.toLowerCase(), subtype: 'MARGINAL_AT_RISK' },
      { idNumber: '123', subtype: 'MARGINAL_AT_RISK' },
      { idNumber: x, subtype: 'UNSTABLE_LIFTED_OUT' },
      { idNumber: id(5), subtype: 'CENTRALIZED' },
    ]);
    expect(rows[0]!.idNumber).toBe(x);
    expect(errors.map((error) => [error.row, error.code])).toEqual([
      [2, 'INVALID_ID_NUMBER'],
      [3, 'DUPLICATE_ROW'],
      [4, 'INVALID_SUBTYPE'],
    ]);
    expect(errors[1]!.idNumber).not.toBe(x); // ID numbers in errors are masked
  });
});

describe('relapse-monitoring import plan', () => {
  const alive = { deceasedOn: null };
  it('grants, changes subtypes, and leaves identical rows alone', () => {
    const register = new Map<string, RegisteredPerson>([
      [id(1), alive],
      [id(3), { ...alive, holding: { id: 'h3', status: 'ACTIVE', subtype: 'MARGINAL_AT_RISK' } }],
      [id(5), { ...alive, holding: { id: 'h5', status: 'ACTIVE', subtype: 'MARGINAL_AT_RISK' } }],
    ]);
    const { plan, errors } = planImport(
      [
        { idNumber: id(1), subtype: 'UNSTABLE_LIFTED_OUT' },
        { idNumber: id(3), subtype: 'MARGINAL_AT_RISK' },
        { idNumber: id(5), subtype: 'SUDDEN_SEVERE_HARDSHIP' },
      ],
      register,
    );
    expect(errors).toEqual([]);
    expect(plan).toEqual({
      grant: [{ idNumber: id(1), subtype: 'UNSTABLE_LIFTED_OUT' }],
      changeSubtype: [{ holdingId: 'h5', from: 'MARGINAL_AT_RISK', to: 'SUDDEN_SEVERE_HARDSHIP', idNumber: id(5) }],
      unchanged: 1,
    });
  });

  it('reports unknown, deceased and suspended persons', () => {
    const register = new Map<string, RegisteredPerson>([
      [id(3), { deceasedOn: new Date('2023-01-01') }],
      [id(5), { ...alive, holding: { id: 'h5', status: 'SUSPENDED', subtype: 'MARGINAL_AT_RISK' } }],
    ]);
    const { errors } = planImport(
      [1, 3, 5].map((n) => ({ idNumber: id(n), subtype: 'MARGINAL_AT_RISK' as const })),
      register,
    );
    expect(errors.map((error) => [error.row, error.code])).toEqual([
      [1, 'PERSON_NOT_FOUND'],
      [2, 'PERSON_DECEASED'],
      [3, 'HOLDING_SUSPENDED'],
    ]);
  });
});
