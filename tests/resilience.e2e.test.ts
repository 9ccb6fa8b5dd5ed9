// What an operator relies on: data survives a restart of the embedded database, and the
// gateway starts and answers without a subgraph.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { civilAffairs } from '@lip/civil-affairs/subgraph';
import { startGateway } from '@lip/gateway/gateway';
import { openPglite } from '@lip/shared/database';
import { makeIdNumber } from '@lip/shared/id-number';
import { startSubgraph } from '@lip/shared/subgraph';
import { expectData, expectError, openTestDatabase, postAs, postGraphQL, TEST_IDENTITIES } from '@lip/shared/testing';
import { union } from '@lip/union/subgraph';
import { afterAll, describe, expect, it } from 'vitest';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

describe('embedded database', () => {
  it('keeps the register across a restart and never loads demo data twice', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lip-restart-')), 'civil-affairs');
    const persons = async (url: string) =>
      (await postAs(TEST_IDENTITIES.admin, url, `{ persons(first: 1) { totalCount } }`, {}, { direct: true })).data.persons.totalCount as number;

    const seed = { persons: 400 }; // small: this is about persistence, not volume
    const first = await startSubgraph(civilAffairs, { db: await openPglite(dir), seed });
    const seeded = await persons(first.url);
    expect(seeded).toBeGreaterThan(0);
    await first.close();

    const second = await startSubgraph(civilAffairs, { db: await openPglite(dir), seed });
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

describe('a department subgraph that is down', () => {
  it('costs only its own fields', async () => {
    const civil = await startSubgraph(civilAffairs, { db: await openTestDatabase('civil-affairs') });
    closers.push(() => civil.close());
    const unionSubgraph = await startSubgraph(union, { db: await openTestDatabase('union') });
    closers.push(() => unionSubgraph.close());
    // Housing (and the other departments) listen nowhere; distinct addresses, so each error names its own subgraph.
    const gateway = await startGateway({
      subgraphUrls: {
        'civil-affairs': civil.url,
        union: unionSubgraph.url,
        housing: 'http://127.0.0.1:9/graphql',
        education: 'http://127.0.0.1:11/graphql',
        'health-insurance': 'http://127.0.0.1:13/graphql',
      },
    });
    closers.push(() => gateway.close());
    const id = makeIdNumber({ areaCode: '411202', birthDate: '1970-03-04', sequence: 11 });
    expectData(
      await postGraphQL(gateway.url, `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
        input: {
          regionCode: '411202001001',
          address: '湖滨街道1号',
          hukouType: 'URBAN',
          monthlyIncome: '800',
          financialAssets: '0',
          members: [{ idNumber: id, name: '韩立', relationshipToHead: 'HEAD' }],
        },
      }),
    );
    const result = await postGraphQL(
      gateway.url,
      `query($id: IdNumber!) { person(idNumber: $id) { name unionEntitlements { status } housingEntitlements { status } } }`,
      { id },
    );
    expect(result.data.person.name).toBe('韩立');
    expect(result.data.person.unionEntitlements.length).toBe(1);
    expect(result.data.person.housingEntitlements).toBeNull();
    expectError(result, 'SUBGRAPH_UNAVAILABLE', { serviceName: 'housing' });
  }, 300_000);
});
