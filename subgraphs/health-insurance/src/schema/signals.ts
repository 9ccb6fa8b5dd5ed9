// 变化信号 for monitoring (shared/src/signal-changes.ts): a person's out-of-pocket medical costs
// over the last 12 months (刚性支出 candidate; monitoring compares them with the household's income).

import { today } from '@lip/shared/calendar';
import { withinRegion } from '@lip/shared/scopes';
import { addSignalsField, type DepartmentSignal } from '@lip/shared/signal-changes';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';

/** The window the costs are summed over. */
const WINDOW_DAYS = 365;

addSignalsField<Context>(builder, {
  field: 'healthInsuranceSignalsSince',
  typeName: 'HealthInsuranceSignal',
  description:
    'OUT_OF_POCKET: a person’s settled claims (not reversed) with a visit in the last 365 days. amount the out-of-pocket total (个人自付), ' +
    'level the number of claims, kind INPATIENT when one was inpatient (a serious-illness claim) else OUTPATIENT; status CLAIMED, or NONE ' +
    'for an enrolled person without such claims; occurredOn the latest visit, regionCode the enrolment’s county, reference the latest ' +
    'settlement number.',
  signalsOf: async (ctx, idNumbers) => {
    const since = new Date(today().getTime() - WINDOW_DAYS * 86_400_000);
    const [claims, enrolments] = await Promise.all([
      ctx.prisma.medicalClaim.findMany({
        where: { personIdNumber: { in: [...idNumbers] }, status: 'SETTLED', visitDate: { gte: since }, ...withinRegion(ctx.identity, 'enrolment.countyCode') },
        include: { enrolment: { select: { countyCode: true } } },
        orderBy: [{ visitDate: 'desc' }, { createdAt: 'desc' }],
      }),
      ctx.prisma.medicalInsuranceEnrolment.findMany({
        where: { personIdNumber: { in: [...idNumbers] }, ...withinRegion(ctx.identity, 'countyCode') },
        orderBy: { year: 'desc' },
        select: { personIdNumber: true, countyCode: true },
      }),
    ]);
    const signals = new Map<string, DepartmentSignal>();
    for (const enrolment of enrolments) {
      if (signals.has(enrolment.personIdNumber)) continue;
      signals.set(enrolment.personIdNumber, {
        personIdNumber: enrolment.personIdNumber,
        source: 'OUT_OF_POCKET',
        status: 'NONE',
        kind: '',
        level: 0,
        amount: '0.00',
        occurredOn: null,
        regionCode: enrolment.countyCode,
        reference: '',
      });
    }
    const totals = new Map<string, { cents: number; count: number; inpatient: boolean }>();
    for (const claim of claims) {
      const total = totals.get(claim.personIdNumber) ?? { cents: 0, count: 0, inpatient: false };
      if (!total.count) {
        signals.set(claim.personIdNumber, {
          personIdNumber: claim.personIdNumber,
          source: 'OUT_OF_POCKET',
          status: 'CLAIMED',
          kind: '',
          level: 0,
          amount: '0.00',
          occurredOn: claim.visitDate,
          regionCode: claim.enrolment.countyCode,
          reference: claim.settlementNumber,
        });
      }
      total.cents += Math.round(Number(claim.outOfPocket) * 100);
      total.count++;
      total.inpatient ||= claim.visitKind === 'INPATIENT';
      totals.set(claim.personIdNumber, total);
    }
    for (const [idNumber, total] of totals) {
      Object.assign(signals.get(idNumber)!, { amount: (total.cents / 100).toFixed(2), level: total.count, kind: total.inpatient ? 'INPATIENT' : 'OUTPATIENT' });
    }
    return [...signals.values()];
  },
});
