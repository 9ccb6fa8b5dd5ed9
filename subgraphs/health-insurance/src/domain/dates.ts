// Calendar days as the department keeps them: Date objects at UTC midnight, "today" in China Standard Time.

const CST_OFFSET_MS = 8 * 3_600_000;

/** Today's date in China (UTC+8) as a Date at UTC midnight, comparable with `@db.Date` values. */
export function today(now: Date = new Date()): Date {
  const china = new Date(now.getTime() + CST_OFFSET_MS);
  return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate()));
}

/** The current calendar year in China: the year whose enrolment is "current". */
export const currentYear = (now: Date = new Date()) => today(now).getUTCFullYear();

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);
