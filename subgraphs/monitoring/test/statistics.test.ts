// 预警统计 straight at the monitoring subgraph: counted over the alerts the caller may list, every
// status included; other regions count nothing, auditors are refused, a bad prefix is an error.

import type { Identity } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase, postAs } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { monitoring } from '../src/subgraph.ts';

let running: RunningSubgraph<PrismaClient>;

const AS = {
  township: { subject: 'a', role: 'TOWNSHIP_WORKER', region: '411202001' },
  county: { subject: 'c', role: 'COUNTY_OFFICER', region: '411202' },
  otherCounty: { subject: 'd', role: 'COUNTY_OFFICER', region: '411203' },
  auditor: { subject: 'e', role: 'AUDITOR', region: '4112' },
  analyst: { subject: 'f', role: 'ANALYST', region: '4112' },
} satisfies Record<string, Identity>;

const gql = (as: Identity, query: string, variables?: Record<string, unknown>) => postAs(as, running.url, query, variables, { direct: true });

const STATISTICS = `query($prefix: String) { alertStatistics(regionPrefix: $prefix) {
  byRuleAndStatus { ruleCode status alerts }
  funnel { raised referred accepted closed resolved dismissed }
  closeTimes { ruleCode closed averageDays medianDays }
} }`;

// [id, township village, rule, status, days to close (closed only), referral: accepted?]
const ALERTS: [string, string, string, string, number | null, boolean | null][] = [
  ['s1', '411202001001', 'DEATH_REPORTED', 'OPEN', null, null],
  ['s2', '411202001001', 'DEATH_REPORTED', 'REFERRED', null, false],
  ['s3', '411202001002', 'VISIT_REPORTED_CHANGE', 'IN_PROGRESS', null, true],
  ['s4', '411202001002', 'VISIT_REPORTED_CHANGE', 'RESOLVED', 2, true],
  ['s5', '411202002001', 'VISIT_REPORTED_CHANGE', 'RESOLVED', 4, true],
  ['s6', '411202002001', 'VISIT_REPORTED_CHANGE', 'DISMISSED', 9, null],
];

beforeAll(async () => {
  running = await startSubgraph(monitoring, { db: await openTestDatabase('monitoring') });
  let sequence = 1;
  for (const [id, region, rule, status, days, accepted] of ALERTS) {
    const person = makeIdNumber({ areaCode: '411202', birthDate: '1970-01-01', sequence: sequence++ });
    await running.db.sql.query(
      `INSERT INTO "Alert" ("id", "personIdNumber", "regionCode", "ruleCode", "severity", "status", "evidence", "evidenceKey", "raisedAt", "resolvedAt", "resolution", "dismissalReason", "updatedAt")
       VALUES ($1, $2, $3, $4, 'MEDIUM', $5::"AlertStatus", '[]', $1, TIMESTAMP '2025-06-01 00:00', TIMESTAMP '2025-06-01 00:00' + make_interval(days => $6::int),
               $7::"AlertResolution", $8, now())`,
      [id, person, region, rule, status, days, status === 'RESOLVED' ? 'ACTION_RECORDED' : null, status === 'DISMISSED' ? '重复预警' : null],
    );
    if (accepted === null) continue;
    await running.db.sql.query(
      `INSERT INTO "Referral" ("id", "alertId", "personIdNumber", "office", "officeRegion", "status", "referredOn", "dueOn", "referredBy", "acceptedAt", "updatedAt")
       VALUES ($1, $2, $3, 'TOWNSHIP', $4, $5::"ReferralStatus", DATE '2025-06-02', DATE '2025-06-09', 'test', $6, now())`,
      [`ref-${id}`, id, person, region.slice(0, 9), accepted ? 'ACCEPTED' : 'PENDING', accepted ? new Date('2025-06-02T00:00:00Z') : null],
    );
  }
});
afterAll(() => running?.close());

describe('alertStatistics', () => {
  it('counts the county’s alerts by rule and status, the funnel and the days to close', async () => {
    const { data, errors } = await gql(AS.county, STATISTICS);
    expect(errors).toBeUndefined();
    expect(data.alertStatistics.byRuleAndStatus).toEqual([
      { ruleCode: 'DEATH_REPORTED', status: 'OPEN', alerts: 1 },
      { ruleCode: 'DEATH_REPORTED', status: 'REFERRED', alerts: 1 },
      { ruleCode: 'VISIT_REPORTED_CHANGE', status: 'IN_PROGRESS', alerts: 1 },
      { ruleCode: 'VISIT_REPORTED_CHANGE', status: 'RESOLVED', alerts: 2 },
      { ruleCode: 'VISIT_REPORTED_CHANGE', status: 'DISMISSED', alerts: 1 },
    ]);
    expect(data.alertStatistics.funnel).toEqual({ raised: 6, referred: 4, accepted: 3, closed: 3, resolved: 2, dismissed: 1 });
    expect(data.alertStatistics.closeTimes).toEqual([{ ruleCode: 'VISIT_REPORTED_CHANGE', closed: 3, averageDays: 5, medianDays: 4 }]);
  });

  it('keeps to the caller’s region, narrows by a prefix, refuses auditors and bad prefixes', async () => {
    const township = (await gql(AS.township, STATISTICS)).data.alertStatistics;
    expect(township.funnel).toEqual({ raised: 4, referred: 3, accepted: 2, closed: 1, resolved: 1, dismissed: 0 });
    expect(township.closeTimes).toEqual([{ ruleCode: 'VISIT_REPORTED_CHANGE', closed: 1, averageDays: 2, medianDays: 2 }]);
    // A wider prefix than the caller's region is narrowed to it.
    expect((await gql(AS.township, STATISTICS, { prefix: '4112' })).data.alertStatistics.funnel.raised).toBe(4);
    expect((await gql(AS.analyst, STATISTICS, { prefix: '411202002' })).data.alertStatistics.funnel.raised).toBe(2);
    const other = (await gql(AS.otherCounty, STATISTICS)).data.alertStatistics;
    expect(other).toEqual({ byRuleAndStatus: [], funnel: { raised: 0, referred: 0, accepted: 0, closed: 0, resolved: 0, dismissed: 0 }, closeTimes: [] });
    expect((await gql(AS.otherCounty, STATISTICS, { prefix: '411202' })).data.alertStatistics.funnel.raised).toBe(0);
    expect((await gql(AS.auditor, STATISTICS)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(AS.county, STATISTICS, { prefix: '41x' })).errors?.[0]?.extensions?.code).toBe('INVALID_REGION_CODE');
  });
});
