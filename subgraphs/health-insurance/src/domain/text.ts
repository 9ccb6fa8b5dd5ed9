import { invalidInput } from '@lip/shared/errors';

const SETTLEMENT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/;

/** 结算单号 from the settlement system: 4 to 40 letters, digits, '-' or '_', starting with a letter or digit. */
export function checkSettlementNumber(value: string): string {
  const trimmed = value.trim();
  if (!SETTLEMENT_NUMBER.test(trimmed)) {
    throw invalidInput('settlementNumber must be 4 to 40 letters, digits, "-" or "_", starting with a letter or digit', { field: 'settlementNumber' });
  }
  return trimmed;
}
