// Money as integer fen (cents): every computation on amounts is exact; decimals only at the edges.

/** An amount in fen (1/100 yuan). */
export type Cents = number;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Exact fen of a decimal amount ("380", "380.5", "380.0000", a Prisma Decimal); more than 2 decimals are rounded half up. */
export function toCents(value: string | number | { toString(): string }): Cents {
  const text = typeof value === 'number' ? value.toFixed(4) : value.toString();
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  const digits = fraction.padEnd(3, '0');
  const cents = Number(whole) * 100 + Number(digits.slice(0, 2)) + (Number(digits[2]) >= 5 ? 1 : 0);
  return sign === '-' ? -cents : cents;
}

/** "1234.50" */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A ratio (e.g. "0.7000") in basis points (7000), rounded to the nearest. */
export function toBasisPoints(value: string | number | { toString(): string }): number {
  return Math.round(Number(value.toString()) * 10_000);
}

/** "0.7000" */
export const formatBasisPoints = (bp: number) => (bp / 10_000).toFixed(4);

/** "70%", "62.5%" */
export const percent = (bp: number) => `${Number((bp / 100).toFixed(2))}%`;

/** cents × ratio, rounded half up to the fen. */
export const applyRatio = (cents: Cents, bp: number): Cents => Math.floor((cents * bp + 5_000) / 10_000);
