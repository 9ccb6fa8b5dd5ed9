// The demo seed's recognition cases: one at every step, deterministic, holdings only where confirmed.
process.env.LIP_DEMO_PERSONS = '300';

import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCaseId, demoReviewCaseId } from '../src/demo/cases.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { civilAffairs } from '../src/subgraph.ts';

let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startSubgraph(civilAffairs, { db: await openTestDatabase('civil-affairs'), seed: true });
});
afterAll(() => running?.close());

describe('demo recognition cases', () => {
  it('has a case at every step, one overdue, one under notice with an objection', async () => {
    const cases = await running.client.recognitionCase.findMany({ include: { objections: true, events: true } });
    expect(new Set(cases.map((c) => c.step))).toEqual(
      new Set([
        'SUBMITTED',
        'ACCEPTED',
        'NOT_ACCEPTED',
        'INVESTIGATED',
        'VERIFIED',
        'TOWNSHIP_REVIEWED',
        'PUBLIC_NOTICE',
        'CONFIRMED',
        'REJECTED',
        'NOTIFIED',
        'WITHDRAWN',
      ]),
    );
    const today = new Date(`${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`);
    expect(cases.some((c) => c.stepDueOn && c.stepDueOn < today)).toBe(true);
    const notice = cases.find((c) => c.id === demoCaseId(8))!;
    expect(notice).toMatchObject({ step: 'PUBLIC_NOTICE', regionCode: '411202001001' });
    expect(notice.objections).toHaveLength(1);
    expect(notice.noticeEndOn! >= today).toBe(true);
    for (const c of cases) expect(c.events.map((e) => e.toStep).at(-1)).toBe(c.step);
  });

  it('has every channel but the monitoring alert (its alerts live in monitoring), and an open review of a household due for one', async () => {
    const cases = await running.client.recognitionCase.findMany();
    expect(new Set(cases.map((c) => c.channel))).toEqual(new Set(['IN_PERSON', 'HOME_VISIT']));
    const review = cases.find((c) => c.id === demoReviewCaseId(14))!;
    expect(review).toMatchObject({ kind: 'REVIEW', step: 'ACCEPTED', regionCode: '411202001001' });
    const today = new Date(`${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`);
    const due = await running.client.categoryHolding.findMany({ where: { person: { householdId: review.householdId }, status: 'ACTIVE' } });
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((h) => h.nextReviewOn! < today)).toBe(true);
  });

  it('grants holdings for confirmed cases only, pointing at the case', async () => {
    const holdings = await running.client.categoryHolding.findMany({ where: { recognizedBy: { startsWith: 'RecognitionCase:' } } });
    const cases = await running.client.recognitionCase.findMany({ where: { step: { in: ['CONFIRMED', 'NOTIFIED'] }, decisionReason: '公示无异议' } });
    expect(new Set(holdings.map((h) => h.recognizedBy))).toEqual(new Set(cases.map((c) => `RecognitionCase:${c.id}`)));
    expect(holdings.every((h) => h.category === 'SUBSISTENCE_ALLOWANCE' && h.nextReviewOn && Number(h.monthlyAmount) > 0)).toBe(true);
  });
});
