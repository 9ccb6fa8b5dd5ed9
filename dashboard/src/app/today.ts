/** Today in China (UTC+8) as YYYY-MM-DD: due dates are counted in the city's calendar. */
export const formatDate = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
