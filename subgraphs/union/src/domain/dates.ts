// Calendar dates as UTC midnights (what the shared Date scalar produces).

/** Today as a calendar date (UTC midnight). */
export const today = (now = new Date()) => new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);

export const iso = (date: Date) => date.toISOString().slice(0, 10);

/** `date` plus `months` calendar months; a day that does not exist becomes the month's last day (01-31 + 1 → 02-28/29). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

/** Whole years from `birth` to `on` (a birthday counts on the day). */
export function ageOn(birth: Date, on: Date): number {
  const age = on.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday = on.getUTCMonth() < birth.getUTCMonth() || (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() < birth.getUTCDate());
  return beforeBirthday ? age - 1 : age;
}
