// Amounts in yuan (the Money scalar's decimal strings), checked in whole fen so no float
// rounding decides whether an amount is within a policy maximum.
import { invalidInput } from './errors.ts';

/** Yuan as a decimal string → whole fen, exact. */
export function toFen(amount: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw invalidInput(`amount must be a decimal amount in yuan, got ${JSON.stringify(amount)}`, { field: 'amount' });
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

/** Checks 0 < amount ≤ maximum (yuan, the policy's for `kind`); returns the amount with 2 decimals. */
export function checkAmount(amount: string, kind: string, maximum: number): string {
  const fen = toFen(amount);
  if (fen <= 0) throw invalidInput('amount must be greater than 0', { field: 'amount', reason: 'NOT_POSITIVE' });
  const maxFen = Math.round(maximum * 100);
  if (fen > maxFen) {
    throw invalidInput(`amount ${(fen / 100).toFixed(2)} is above the ${kind} maximum of ${(maxFen / 100).toFixed(2)} yuan`, {
      field: 'amount',
      reason: 'ABOVE_MAXIMUM',
      maximum: (maxFen / 100).toFixed(2),
    });
  }
  return (fen / 100).toFixed(2);
}
