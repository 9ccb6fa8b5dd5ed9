import { randomUUID } from 'node:crypto';
import { mintToken, signRequest } from '@lip/shared/auth';
import { startSubgraph } from '@lip/shared/subgraph';
import { openDatabase } from '@lip/shared/database';
import { SUBGRAPH_MODULES } from '/work/main/scripts/subgraphs.ts';
import { PERSON_FIELDS, entitiesQuery, representation, ROSTER } from '/work/main/scripts/bench/scenarios.ts';
import { startGateway } from '@lip/gateway/gateway';
process.env.LOG_LEVEL = 'warn';
const env = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres' };
const running: any = {};
for (const m of SUBGRAPH_MODULES) running[m.name] = await startSubgraph(m as never, { db: await openDatabase(m.name, env) });
const admin = { subject: 'p', role: 'CITY_ADMIN', region: '4112' } as const;
const post = async (url: string, query: string, variables: any) => {
  const body = JSON.stringify({ query, variables });
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signRequest(admin, body, 'lip-development-subgraph-signing-secret') }, body });
  return r.json() as any;
};
for (let round = 0; round < 5; round++) {
let t = performance.now();
const page = await post(running['civil-affairs'].url, `query { persons(filter: { regionPrefix: "411282103" }, first: 100) { totalCount edges { node { ${PERSON_FIELDS['civil-affairs']} } } } }`, {});
if (round === 4) console.log('civil', (performance.now() - t).toFixed(0), 'ms', page.errors?.[0]?.message);
const reps = page.data.persons.edges.map((e: any) => representation(e.node));
for (const [name, fields] of Object.entries(PERSON_FIELDS)) {
  if (name === 'civil-affairs') continue;
  t = performance.now();
  const r = await post(running[name].url, entitiesQuery(fields), { representations: reps });
  if (round === 4) console.log(name, (performance.now() - t).toFixed(0), 'ms', r.errors?.[0]?.message ?? '');
}
}
for (const s of Object.values(running) as any[]) await s.close();
