// 变化信号 for monitoring (shared/src/signal-changes.ts): a person's dwelling, by the latest
// assessment naming them, and whether housing has a case or assistance for it.

import { withinRegion } from '@lip/shared/scopes';
import { addSignalsField } from '@lip/shared/signal-changes';
import { builder } from '../builder.ts';
import { type Context, involving } from '../context.ts';

const UNSAFE = ['C', 'D', 'NO_HOUSE'];
/** How bad a grade is, as `level`: monitoring's rule compares it with a county's threshold (C 3, D 4, no house 5). */
const GRADE_LEVEL = { A: 1, B: 2, C: 3, D: 4, NO_HOUSE: 5 } as const;

addSignalsField<Context>(builder, {
  field: 'housingSignalsSince',
  typeName: 'HousingSignal',
  description:
    'DWELLING: the latest dwelling assessment naming the person (as applicant or member). kind its grade (A–D, NO_HOUSE); status UNSAFE for ' +
    'C, D or no house with no renovation case open or completed since and no current urban housing assistance, ADDRESSED when there is one, ' +
    'SAFE for A or B, NONE (kind empty) for a person named by a case or assistance but by no assessment; level the grade as a number (A 1, B 2, C 3, D 4, NO_HOUSE 5); occurredOn the assessment day, regionCode its region, reference its id.',
  signalsOf: async (ctx, idNumbers) => {
    const names = [...idNumbers];
    const named = involving(names);
    const region = withinRegion(ctx.identity, 'regionCode');
    const [assessments, cases, urban] = await Promise.all([
      ctx.prisma.dwellingAssessment.findMany({ where: { ...named, ...region }, orderBy: [{ assessedOn: 'desc' }, { createdAt: 'desc' }] }),
      ctx.prisma.ruralRenovationCase.findMany({
        where: { ...named, ...region, status: { not: 'REJECTED' } },
        select: { personIdNumber: true, memberIdNumbers: true, appliedOn: true, regionCode: true },
      }),
      ctx.prisma.urbanHousingAssistance.findMany({
        where: { ...named, ...region, endedAt: null },
        select: { personIdNumber: true, memberIdNumbers: true, regionCode: true },
      }),
    ]);
    const wanted = new Set(names);
    const persons = (row: { personIdNumber: string; memberIdNumbers: string[] }) => [row.personIdNumber, ...row.memberIdNumbers].filter((id) => wanted.has(id));
    const latest = new Map<string, (typeof assessments)[number]>();
    for (const assessment of assessments) for (const id of persons(assessment)) if (!latest.has(id)) latest.set(id, assessment);
    // Named by a case or assistance but by no assessment: NONE, so a change there still reaches monitoring (an entitlement covered).
    const unassessed = new Map<string, string>();
    for (const row of [...cases, ...urban]) for (const id of persons(row)) if (!latest.has(id)) unassessed.set(id, row.regionCode);
    const none = [...unassessed].map(([idNumber, regionCode]) => ({
      personIdNumber: idNumber,
      source: 'DWELLING',
      status: 'NONE',
      kind: '',
      level: 0,
      amount: '0.00',
      occurredOn: null,
      regionCode,
      reference: '',
    }));
    const assessed = [...latest].map(([idNumber, assessment]) => {
      const addressed =
        cases.some((row) => persons(row).includes(idNumber) && row.appliedOn >= assessment.assessedOn) || urban.some((row) => persons(row).includes(idNumber));
      return {
        personIdNumber: idNumber,
        source: 'DWELLING',
        status: !UNSAFE.includes(assessment.grade) ? 'SAFE' : addressed ? 'ADDRESSED' : 'UNSAFE',
        kind: assessment.grade,
        level: GRADE_LEVEL[assessment.grade],
        amount: '0.00',
        occurredOn: assessment.assessedOn,
        regionCode: assessment.regionCode,
        reference: assessment.id,
      };
    });
    return [...assessed, ...none];
  },
});
