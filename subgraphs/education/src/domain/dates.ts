// Calendar dates as UTC midnights (what the shared Date scalar produces).

/** Today as a calendar date (UTC midnight). */
export const today = (now = new Date()) => new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);

export const iso = (date: Date) => date.toISOString().slice(0, 10);

export const utcDate = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

/** Whole years from `birth` to `on` (a birthday counts on the day). */
export function ageOn(birth: Date, on: Date): number {
  const age = on.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday = on.getUTCMonth() < birth.getUTCMonth() || (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() < birth.getUTCDate());
  return beforeBirthday ? age - 1 : age;
}
