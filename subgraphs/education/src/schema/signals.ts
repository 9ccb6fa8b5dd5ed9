// 变化信号 for monitoring (shared/src/signal-changes.ts): a person's student record and its
// assistance this academic year.

import { today } from '@lip/shared/calendar';
import { withinRegion } from '@lip/shared/scopes';
import { addSignalsField } from '@lip/shared/signal-changes';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { academicYearOf } from '../domain/academic-year.ts';
import type { StudentRecord } from '../generated/prisma/client.ts';

addSignalsField<Context>(builder, {
  field: 'educationSignalsSince',
  typeName: 'EducationSignal',
  description:
    'DIFFICULT_STUDENT: a person’s current student record, else the latest one (学籍). status OPEN when it is current and identified as ' +
    'difficult (家庭经济困难学生), else CLOSED; kind the stage; level and amount the assistance records (not cancelled) and their total this ' +
    'academic year; occurredOn the day identified as difficult; regionCode the school’s region; reference the record’s id.',
  signalsOf: async (ctx, idNumbers) => {
    const records = await ctx.prisma.studentRecord.findMany({
      where: { personIdNumber: { in: [...idNumbers] }, ...withinRegion(ctx.identity, 'schoolRegionCode') },
      orderBy: [{ enrolmentYear: 'desc' }, { createdAt: 'desc' }],
    });
    const chosen = new Map<string, StudentRecord>();
    for (const record of records) {
      const current = chosen.get(record.personIdNumber);
      if (!current || (record.status === 'CURRENT' && current.status !== 'CURRENT')) chosen.set(record.personIdNumber, record);
    }
    const year = academicYearOf(today()).label;
    const assistance = await ctx.prisma.educationAssistance.groupBy({
      by: ['studentRecordId'],
      where: { studentRecordId: { in: [...chosen.values()].map((record) => record.id) }, academicYear: year, status: { not: 'CANCELLED' } },
      _count: { _all: true },
      _sum: { amount: true },
    });
    const byRecord = new Map(assistance.map((row) => [row.studentRecordId, row]));
    return [...chosen.values()].map((record) => ({
      personIdNumber: record.personIdNumber,
      source: 'DIFFICULT_STUDENT',
      status: record.status === 'CURRENT' && record.identifiedAsDifficult ? 'OPEN' : 'CLOSED',
      kind: record.stage,
      level: byRecord.get(record.id)?._count._all ?? 0,
      amount: (byRecord.get(record.id)?._sum.amount ?? 0).toString(),
      occurredOn: record.identifiedOn,
      regionCode: record.schoolRegionCode,
      reference: record.id,
    }));
  },
});
