// What an operator relies on: data survives a restart of the embedded database, and the
// gateway starts and answers without a subgraph.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway } from '@lip/gateway/gateway';
import { civilAffairs } from '@lip/civil-affairs/subgraph';
import { openPglite } from '@lip/shared/database';
import { startSubgraph } from '@lip/shared/subgraph';
import { TEST_IDENTITIES, postAs } from '@lip/shared/testing';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

describe('embedded database', () => {
  it('keeps the register across a restart and never loads demo data twice', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lip-restart-')), 'civil-affairs');
    const persons = async (url: string) =>
      (await postAs(TEST_IDENTITIES.admin, url, `{ persons(first: 1) { totalCount } }`, {}, { direct: true })).data.persons.totalCount as number;

    process.env.LIP_DEMO_PERSONS = '400'; // small: this is about persistence, not volume
    const first = await startSubgraph(civilAffairs, { db: await openPglite(dir), seed: true });
    const seeded = await persons(first.url);
    expect(seeded).toBeGreaterThan(0);
    await first.close();

    const second = await startSubgraph(civilAffairs, { db: await openPglite(dir), seed: true });
    closers.push(() => second.close());
    expect(await persons(second.url)).toBe(seeded);
  }, 300_000);
});

describe('a subgraph that is down', () => {
  it('does not stop the gateway from starting, and costs only its own fields', async () => {
    const gateway = await startGateway({ subgraphUrls: { 'civil-affairs': 'http://127.0.0.1:9/graphql' } });
    closers.push(() => gateway.close());
    const result = await postAs(TEST_IDENTITIES.admin, gateway.url, `{ regions { code } }`);
    expect(result.status).toBe(200);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'civil-affairs' });
  });
});
