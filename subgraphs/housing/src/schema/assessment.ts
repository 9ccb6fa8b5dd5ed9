// 房屋安全鉴定: dwelling safety assessments, recorded under the household head with the members
// living in the dwelling. The latest assessment (by date) is the one that counts.

import { conflict } from '@lip/shared/errors';
import { totalCountOptions } from '@lip/shared/lists';
import { assertInRegion, withinRegion } from '@lip/shared/scopes';
import { uniqueAsConflict } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { involving } from '../context.ts';
import { checkAssessment } from '../domain/assessment.ts';
import { checkMembers, checkRegion, today } from '../domain/common.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { lockPersons, regionPrefixWhere } from './common.ts';
import { DwellingSafetyGrade } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const DwellingAssessment = builder.prismaObject('DwellingAssessment', {
  description: '房屋安全鉴定: one safety assessment of a household’s dwelling. Never changed; a new assessment supersedes it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '鉴定编号' }),
    idNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '户主/申请人 居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '户主/申请人 (resolved by civil affairs through the gateway) (null when not in the register or outside your region)',
      resolve: (row) => personOf(row.personIdNumber),
    }),
    memberIdNumbers: t.field({
      type: ['IdNumber'],
      description: '同住家庭成员 居民身份证号码: the other household members living in the dwelling.',
      resolve: (row) => row.memberIdNumbers,
    }),
    members: t.field({
      type: [PersonRef],
      nullable: { list: false, items: true },
      description: '同住家庭成员 as persons (an item is null when not in the register or outside your region)',
      resolve: (row) => row.memberIdNumbers.map(personOf),
    }),
    regionCode: t.exposeString('regionCode', { description: '房屋所在地 行政区划代码 (12-digit village or community)' }),
    grade: t.expose('grade', { type: DwellingSafetyGrade, description: '安全等级' }),
    assessedOn: t.expose('assessedOn', { type: 'Date', description: '鉴定日期' }),
    assessor: t.exposeString('assessor', { description: '鉴定机构: the organisation that assessed the dwelling.' }),
    recordedBy: t.exposeString('recordedBy', { description: '录入人: who recorded the assessment.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '录入时间' }),
  }),
});

const DwellingAssessmentFilter = builder.inputType('DwellingAssessmentFilter', {
  description: '筛选条件 for assessments. Conditions combine with AND.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', required: false, description: 'Assessments naming this person as head or member.' }),
    grade: t.field({ type: DwellingSafetyGrade, required: false, description: 'Only this grade.' }),
    regionPrefix: t.string({ required: false, description: 'A region code prefix: 4112 (the city), a county (6), township (9) or village (12) code.' }),
    assessedFrom: t.field({ type: 'Date', required: false, description: 'Assessed on or after this date.' }),
    assessedTo: t.field({ type: 'Date', required: false, description: 'Assessed on or before this date.' }),
  }),
});

type Filter = typeof DwellingAssessmentFilter.$inferInput;

function assessmentWhere(filter: Filter | null | undefined): Prisma.DwellingAssessmentWhereInput {
  if (!filter) return {};
  return {
    ...(filter.idNumber ? involving([filter.idNumber]) : {}),
    ...(filter.grade ? { grade: filter.grade } : {}),
    ...(filter.regionPrefix != null ? { regionCode: regionPrefixWhere(filter.regionPrefix) } : {}),
    ...(filter.assessedFrom || filter.assessedTo
      ? { assessedOn: { ...(filter.assessedFrom ? { gte: filter.assessedFrom } : {}), ...(filter.assessedTo ? { lte: filter.assessedTo } : {}) } }
      : {}),
  };
}

builder.queryFields((t) => ({
  dwellingAssessment: t.prismaField({
    type: DwellingAssessment,
    nullable: true,
    description: 'An assessment by id, or null.',
    args: { id: t.arg.id({ description: '鉴定编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.dwellingAssessment.findUnique({ ...query, where: { id: String(id), ...withinRegion(ctx.identity, 'regionCode') } }),
  }),
  dwellingAssessments: t.prismaConnection(
    {
      type: DwellingAssessment,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '房屋安全鉴定 list: assessments (including of persons not in the register), newest first, paged with cursors.',
      args: { filter: t.arg({ type: DwellingAssessmentFilter, required: false, description: 'Conditions (all optional)' }) },
      totalCount: (_parent, { filter }, ctx) =>
        ctx.prisma.dwellingAssessment.count({ where: { AND: [assessmentWhere(filter), withinRegion(ctx.identity, 'regionCode')] } }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.dwellingAssessment.findMany({
          ...query,
          where: { AND: [assessmentWhere(filter), withinRegion(ctx.identity, 'regionCode')] },
          orderBy: [{ assessedOn: 'desc' }, { id: 'asc' }],
        }),
    },
    {
      name: 'DwellingAssessmentConnection',
      description: 'A page of assessments, with the total number matching the filter.',
      fields: (t) => ({
        totalCount: t.int(totalCountOptions('总数: assessments matching the filter (all pages).')),
      }),
    },
    { name: 'DwellingAssessmentEdge', description: 'An assessment in a page.' },
  ),
}));

const RecordDwellingAssessmentInput = builder.inputType('RecordDwellingAssessmentInput', {
  description: '录入房屋安全鉴定: a new assessment of a household’s dwelling.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', description: '户主/申请人 居民身份证号码' }),
    memberIdNumbers: t.field({
      type: ['IdNumber'],
      required: false,
      description: '同住家庭成员 居民身份证号码 (without the head; at most 20). Each of them counts this assessment as theirs.',
    }),
    regionCode: t.string({ description: '房屋所在地: the 12-digit village or community code in Sanmenxia.' }),
    grade: t.field({ type: DwellingSafetyGrade, description: '安全等级' }),
    assessedOn: t.field({ type: 'Date', description: '鉴定日期 (not in the future)' }),
    assessor: t.string({ description: '鉴定机构, e.g. 卢氏县住房和城乡建设局 or a qualified inspection company (2 to 100 characters).' }),
  }),
});

builder.mutationField('recordDwellingAssessment', (t) =>
  t.field({
    type: DwellingAssessment,
    description: '录入房屋安全鉴定. One assessment per head and date (CONFLICT otherwise); the latest by date counts.',
    args: { input: t.arg({ type: RecordDwellingAssessmentInput, description: 'The assessment' }) },
    resolve: async (_root, { input }, ctx) => {
      const now = today();
      const { assessor } = checkAssessment(input, now);
      const members = checkMembers(input.idNumber, input.memberIdNumbers);
      checkRegion(input.regionCode, 'VILLAGE');
      assertInRegion(ctx.identity, input.regionCode);
      const duplicate = () => conflict('The household head already has an assessment on that date', { reason: 'DUPLICATE_ASSESSMENT' });
      return uniqueAsConflict(
        () =>
          ctx.prisma.$transaction(async (tx) => {
            await lockPersons(tx, [input.idNumber]);
            const same = await tx.dwellingAssessment.findUnique({
              where: { personIdNumber_assessedOn: { personIdNumber: input.idNumber, assessedOn: input.assessedOn } },
            });
            if (same) throw duplicate();
            return tx.dwellingAssessment.create({
              data: {
                personIdNumber: input.idNumber,
                memberIdNumbers: members,
                regionCode: input.regionCode,
                grade: input.grade,
                assessedOn: input.assessedOn,
                assessor,
                recordedBy: ctx.identity.subject,
              },
            });
          }),
        'The household head already has an assessment on that date',
        'DUPLICATE_ASSESSMENT',
      );
    },
  }),
);
