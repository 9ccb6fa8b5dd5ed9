// 家庭经济困难学生: current students the school identified as from a financially difficult family.
// Monitoring compares this list with the low-income register (through the gateway: each record's
// `person` resolves in civil affairs) to find difficult students whose families are not registered.

import { today } from '@lip/shared/calendar';
import { invalidInput } from '@lip/shared/errors';
import { totalCountOptions } from '@lip/shared/lists';
import { withinRegion } from '@lip/shared/scopes';
import { builder } from '../builder.ts';
import { academicYearOf, parseAcademicYear } from '../domain/academic-year.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { regionPrefixFilter } from './common.ts';
import { EducationStage } from './enums.ts';
import { StudentRecord } from './student.ts';

interface DifficultStudentFilterInput {
  regionPrefix?: string | null;
  stage?: Prisma.StudentRecordWhereInput['stage'] | null;
  identifiedFrom?: Date | null;
  identifiedTo?: Date | null;
  academicYear?: string | null;
  assisted?: boolean | null;
}

const DifficultStudentFilter = builder.inputType('DifficultStudentFilter', {
  description: '筛选条件 for the list of difficult students. Conditions combine with AND.',
  fields: (t) => ({
    regionPrefix: t.string({ required: false, description: 'Only schools in this region: 4112 (the city), a county (6) or a township (9 digits).' }),
    stage: t.field({ type: EducationStage, required: false, description: 'Only students at this stage.' }),
    identifiedFrom: t.field({ type: 'Date', required: false, description: 'Only students identified on or after this date.' }),
    identifiedTo: t.field({ type: 'Date', required: false, description: 'Only students identified on or before this date.' }),
    academicYear: t.string({
      required: false,
      description: 'The academic year `assisted` looks at, e.g. "2024-2025" (default the current one).',
    }),
    assisted: t.boolean({
      required: false,
      description: 'Only students who have (true) or have not (false) APPROVED or PAID assistance under their current record in `academicYear`.',
    }),
  }),
});

function difficultWhere(filter: DifficultStudentFilterInput | null | undefined): Prisma.StudentRecordWhereInput {
  const where: Prisma.StudentRecordWhereInput = { status: 'CURRENT', identifiedAsDifficult: true };
  if (!filter) return where;
  if (filter.regionPrefix != null) where.schoolRegionCode = regionPrefixFilter(filter.regionPrefix);
  if (filter.stage) where.stage = filter.stage;
  if (filter.identifiedFrom && filter.identifiedTo && filter.identifiedFrom > filter.identifiedTo) {
    throw invalidInput('identifiedFrom must not be after identifiedTo', { field: 'identifiedFrom' });
  }
  if (filter.identifiedFrom || filter.identifiedTo) {
    where.identifiedOn = { ...(filter.identifiedFrom ? { gte: filter.identifiedFrom } : {}), ...(filter.identifiedTo ? { lte: filter.identifiedTo } : {}) };
  }
  const year = filter.academicYear != null ? parseAcademicYear(filter.academicYear, today()) : academicYearOf(today());
  if (filter.assisted != null) {
    const counted = { academicYear: year.label, status: { in: ['APPROVED' as const, 'PAID' as const] } };
    where.assistance = filter.assisted ? { some: counted } : { none: counted };
  }
  return where;
}

builder.queryField('difficultStudents', (t) =>
  t.prismaConnection(
    {
      type: StudentRecord,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description:
        '家庭经济困难学生名单: CURRENT student records the school identified as from a financially difficult family, ' +
        'latest identification first. Includes students whose families are not in the low-income register: select ' +
        '`person { activeCategories }` through the gateway to find them (null person or no categories).',
      args: { filter: t.arg({ type: DifficultStudentFilter, required: false, description: 'Which students to list.' }) },
      totalCount: (_parent, { filter }, ctx) =>
        ctx.prisma.studentRecord.count({ where: { AND: [difficultWhere(filter), withinRegion(ctx.identity, 'schoolRegionCode')] } }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.studentRecord.findMany({
          ...query,
          where: { AND: [difficultWhere(filter), withinRegion(ctx.identity, 'schoolRegionCode')] },
          orderBy: [{ identifiedOn: 'desc' }, { id: 'asc' }],
        }),
    },
    {
      name: 'DifficultStudentConnection',
      description: 'A page of difficult students, with the total number matching the filter.',
      fields: (t) => ({ totalCount: t.int(totalCountOptions('符合条件的困难学生总数: students matching the filter.')) }),
    },
    { name: 'DifficultStudentEdge', description: 'A difficult student’s current record in a page.' },
  ),
);
