import type { Identity } from '@lip/shared/auth';
import { today } from '@lip/shared/calendar';
import { conflict, invalidInput, notFound } from '@lip/shared/errors';
import { checkYear, totalCountOptions } from '@lip/shared/lists';
import { regionPath } from '@lip/shared/regions';
import { assertFoundInRegion, assertInRegion, withinRegion } from '@lip/shared/scopes';
import { checkOptionalText } from '@lip/shared/text';
import { lockKeys, uniqueAsConflict } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { academicYearFromLabel } from '../domain/academic-year.ts';
import { checkAssistanceStillFits } from '../domain/assistance.ts';
import {
  birthDateOf,
  checkEndedOn,
  checkEnrolment,
  checkIdentification,
  checkSchoolChange,
  checkSchoolName,
  checkSchoolRegionCode,
  nextRecordStatus,
} from '../domain/students.ts';
import type { Prisma, StudentRecord as RecordRow } from '../generated/prisma/client.ts';
import { regionPrefixFilter } from './common.ts';
import { EducationStage, StudentRecordEnding, StudentRecordStatus } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

/** Names from the county down, e.g. 灵宝市焦村镇; the code itself when unknown. */
export function regionName(code: string): string {
  const names = regionPath(code)
    .filter((region) => region.level !== 'CITY')
    .map((region) => region.name);
  return names.length ? names.join('') : code;
}

export const StudentRecord = builder.prismaObject('StudentRecord', {
  description:
    '学籍记录: a person’s enrolment at one school and stage. At most one CURRENT record per person; a change of school ' +
    'or stage ends it (CHANGED) and starts a new one, so earlier records stay as history with their assistance.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '学籍记录编号' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '学生居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description:
        '学生: the person, joined from civil affairs by the gateway; null there when the person is not in the low-income ' +
        'register (a student record may exist for anyone: personIdNumber always holds the ID number).',
      resolve: (record) => personOf(record.personIdNumber),
    }),
    schoolName: t.exposeString('schoolName', { description: '学校名称' }),
    schoolRegionCode: t.exposeString('schoolRegionCode', {
      description:
        '学校所在地: the county (6) or township (9 digit) code of the school in Sanmenxia; for a school outside the city ' +
        '(e.g. a university elsewhere) the county of origin (生源地) whose education bureau keeps the record.',
    }),
    schoolRegionName: t.string({ description: '学校所在地名称, e.g. 灵宝市焦村镇', resolve: (record) => regionName(record.schoolRegionCode) }),
    countyCode: t.string({
      description: '所在县 (区、市): the 6-digit county code of schoolRegionCode.',
      resolve: (record) => record.schoolRegionCode.slice(0, 6),
    }),
    stage: t.expose('stage', { type: EducationStage, description: '学段' }),
    enrolmentYear: t.exposeInt('enrolmentYear', { description: '入学年份: the year the student joined this school or stage.' }),
    status: t.expose('status', { type: StudentRecordStatus, description: '学籍状态' }),
    current: t.boolean({ description: '在读: whether this is the person’s CURRENT record.', resolve: (record) => record.status === 'CURRENT' }),
    identifiedAsDifficult: t.exposeBoolean('identifiedAsDifficult', {
      description: '家庭经济困难学生: whether the school identified the student as from a financially difficult family.',
    }),
    identifiedOn: t.expose('identifiedOn', { type: 'Date', nullable: true, description: '认定日期: when the school identified it; null when not identified.' }),
    endedOn: t.expose('endedOn', {
      type: 'Date',
      nullable: true,
      description: '终止日期: when the record ended (changed, graduated, left); null while CURRENT.',
    }),
    endNote: t.exposeString('endNote', { nullable: true, description: '终止说明, e.g. 小学毕业升入初中' }),
    recordedBy: t.exposeString('recordedBy', { description: '经办人' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '登记时间' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最后变更' }),
  }),
});

export interface StudentRecordFilterInput {
  personIdNumber?: string | null;
  status?: RecordRow['status'] | null;
  stage?: RecordRow['stage'] | null;
  regionPrefix?: string | null;
  identifiedAsDifficult?: boolean | null;
  enrolmentYear?: number | null;
}

const StudentRecordFilter = builder.inputType('StudentRecordFilter', {
  description: '筛选条件 for the student record list. Conditions combine with AND.',
  fields: (t) => ({
    personIdNumber: t.field({ type: 'IdNumber', required: false, description: 'Only this person’s records.' }),
    status: t.field({ type: StudentRecordStatus, required: false, description: 'Only records in this state (CURRENT for the students of today).' }),
    stage: t.field({ type: EducationStage, required: false, description: 'Only records at this stage.' }),
    regionPrefix: t.string({ required: false, description: 'Only schools in this region: 4112 (the city), a county (6) or a township (9 digits).' }),
    identifiedAsDifficult: t.boolean({
      required: false,
      description: 'Only students the school did (true) or did not (false) identify as from a difficult family.',
    }),
    enrolmentYear: t.int({ required: false, description: 'Only records with this enrolment year.' }),
  }),
});

export function recordWhere(filter: StudentRecordFilterInput | null | undefined): Prisma.StudentRecordWhereInput {
  if (!filter) return {};
  const where: Prisma.StudentRecordWhereInput = {};
  if (filter.personIdNumber) where.personIdNumber = filter.personIdNumber;
  if (filter.status) where.status = filter.status;
  if (filter.stage) where.stage = filter.stage;
  if (filter.regionPrefix != null) where.schoolRegionCode = regionPrefixFilter(filter.regionPrefix);
  if (filter.identifiedAsDifficult != null) where.identifiedAsDifficult = filter.identifiedAsDifficult;
  if (filter.enrolmentYear != null) where.enrolmentYear = checkYear(filter.enrolmentYear, 'enrolmentYear');
  return where;
}

builder.queryFields((t) => ({
  studentRecord: t.prismaField({
    type: StudentRecord,
    nullable: true,
    description: 'A student record by id, or null.',
    args: { id: t.arg.id({ description: '学籍记录编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.studentRecord.findUnique({ ...query, where: { id: String(id), ...withinRegion(ctx.identity, 'schoolRegionCode') } }),
  }),
  studentRecords: t.prismaConnection(
    {
      type: StudentRecord,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '学籍名单: student records (of persons in the register or not), newest enrolment first, paged with cursors.',
      args: { filter: t.arg({ type: StudentRecordFilter, required: false, description: 'Which records to list.' }) },
      totalCount: (_parent, { filter }, ctx) =>
        ctx.prisma.studentRecord.count({ where: { AND: [recordWhere(filter), withinRegion(ctx.identity, 'schoolRegionCode')] } }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.studentRecord.findMany({
          ...query,
          where: { AND: [recordWhere(filter), withinRegion(ctx.identity, 'schoolRegionCode')] },
          orderBy: [{ enrolmentYear: 'desc' }, { id: 'asc' }],
        }),
    },
    {
      description: 'A page of student records, with the total number matching the filter.',
      fields: (t) => ({ totalCount: t.int(totalCountOptions('符合条件的学籍记录总数: records matching the filter.')) }),
    },
    { description: 'A student record in a page.' },
  ),
}));

// ---------------------------------------------------------------------------------------------
// Writes. Every write on a person's records or assistance holds that person's lock until it
// commits, so two clerks cannot both pass a check (one current record, no duplicate grant).

type Tx = Prisma.TransactionClient;

/** Serialises the writes about one person (transaction-scoped advisory lock). */
export const lockPerson = (tx: Tx, idNumber: string) => lockKeys(tx, 'education:person', [idNumber]);

/** Reads a record for a change under its person's lock. */
export async function loadRecordForUpdate(tx: Tx, id: string, identity: Identity) {
  const found = await tx.studentRecord.findUnique({ where: { id }, select: { personIdNumber: true, schoolRegionCode: true } });
  if (!found) throw notFound('StudentRecord', id);
  assertFoundInRegion(identity, found.schoolRegionCode, 'StudentRecord', id);
  await lockPerson(tx, found.personIdNumber);
  return tx.studentRecord.findUniqueOrThrow({ where: { id } });
}

const EnrolStudentInput = builder.inputType('EnrolStudentInput', {
  description: '学籍登记: register a person as a current student. Refused while the person has a CURRENT record (use changeStudentSchool).',
  fields: (t) => ({
    personIdNumber: t.field({ type: 'IdNumber', description: '学生居民身份证号码 (the person need not be in the low-income register)' }),
    schoolName: t.string({ description: '学校名称 (2 to 100 characters)' }),
    schoolRegionCode: t.string({
      description: '学校所在地: a county (6) or township (9 digit) code of Sanmenxia (for a school elsewhere, the county of origin).',
    }),
    stage: t.field({ type: EducationStage, description: '学段: must fit the student’s age (from the ID number) in the enrolment year.' }),
    enrolmentYear: t.int({ description: '入学年份: the year the student joined this school or stage; not after this year.' }),
    identifiedAsDifficult: t.boolean({
      required: false,
      description: '家庭经济困难学生: whether the school identified the student as from a financially difficult family (default false).',
    }),
    identifiedOn: t.field({
      type: 'Date',
      required: false,
      description: '认定日期: required when identifiedAsDifficult; not in the future, not before the enrolment year.',
    }),
  }),
});

const UpdateStudentRecordInput = builder.inputType('UpdateStudentRecordInput', {
  description:
    '学籍更正: correct a CURRENT record in place (a misspelt school, a wrong code, stage or year); only the given fields change. ' +
    'A real move to another school or stage is changeStudentSchool.',
  fields: (t) => ({
    recordId: t.id({ description: '学籍记录编号' }),
    schoolName: t.string({ required: false, description: '学校名称 (2 to 100 characters)' }),
    schoolRegionCode: t.string({ required: false, description: '学校所在地: a county (6) or township (9 digit) code of Sanmenxia.' }),
    stage: t.field({ type: EducationStage, required: false, description: '学段' }),
    enrolmentYear: t.int({ required: false, description: '入学年份' }),
  }),
});

const ChangeStudentSchoolInput = builder.inputType('ChangeStudentSchoolInput', {
  description:
    '转学/升学: the student moves to another school or stage. The CURRENT record ends (CHANGED) on changedOn and a new ' +
    'CURRENT record starts with enrolment year = the year of changedOn. The identification carries over unless given.',
  fields: (t) => ({
    recordId: t.id({ description: 'The CURRENT record that ends.' }),
    changedOn: t.field({ type: 'Date', description: '变更日期: not in the future, not before the old record’s enrolment year.' }),
    schoolName: t.string({ description: '新学校名称 (2 to 100 characters)' }),
    schoolRegionCode: t.string({ description: '新学校所在地: a county (6) or township (9 digit) code of Sanmenxia.' }),
    stage: t.field({ type: EducationStage, description: '新学段: must fit the student’s age in the year of changedOn.' }),
    note: t.string({ required: false, description: '变更说明 for the old record (2 to 200 characters), e.g. 小学毕业升入初中' }),
    identifiedAsDifficult: t.boolean({
      required: false,
      description: 'The new school’s identification; omit to carry over the old record’s identification and its date.',
    }),
    identifiedOn: t.field({ type: 'Date', required: false, description: '认定日期: required when identifiedAsDifficult is true.' }),
  }),
});

const MarkStudentDifficultyInput = builder.inputType('MarkStudentDifficultyInput', {
  description: '困难学生认定: record (or withdraw) the school’s identification of a CURRENT student as from a financially difficult family.',
  fields: (t) => ({
    recordId: t.id({ description: '学籍记录编号' }),
    identifiedAsDifficult: t.boolean({ description: 'true to identify, false to withdraw the identification.' }),
    identifiedOn: t.field({
      type: 'Date',
      required: false,
      description: '认定日期: required when identifying (not in the future, not before the enrolment year); absent when withdrawing.',
    }),
  }),
});

builder.mutationFields((t) => ({
  enrolStudent: t.prismaField({
    type: StudentRecord,
    description:
      '学籍登记: register a current student. INVALID_INPUT for a bad school name, a future enrolment year, a stage that does not ' +
      'fit the age or a bad identification date; INVALID_REGION_CODE for a bad school region; CONFLICT when the person has a CURRENT record.',
    args: { input: t.arg({ type: EnrolStudentInput, description: '学籍信息' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const schoolName = checkSchoolName(input.schoolName);
      const schoolRegionCode = checkSchoolRegionCode(input.schoolRegionCode);
      assertInRegion(ctx.identity, schoolRegionCode);
      const now = today();
      checkEnrolment(birthDateOf(input.personIdNumber), input.stage, input.enrolmentYear, now);
      const identification = checkIdentification({ enrolmentYear: input.enrolmentYear }, input.identifiedAsDifficult ?? false, input.identifiedOn, now);
      const id = await uniqueAsConflict(
        () =>
          ctx.prisma.$transaction(async (tx) => {
            await lockPerson(tx, input.personIdNumber);
            const current = await tx.studentRecord.findFirst({ where: { personIdNumber: input.personIdNumber, status: 'CURRENT' } });
            if (current) {
              throw conflictCurrent(current);
            }
            const record = await tx.studentRecord.create({
              data: {
                personIdNumber: input.personIdNumber,
                schoolName,
                schoolRegionCode,
                stage: input.stage,
                enrolmentYear: input.enrolmentYear,
                status: 'CURRENT',
                ...identification,
                recordedBy: ctx.identity.subject,
              },
            });
            return record.id;
          }),
        'The person already has a CURRENT student record',
        'CURRENT_RECORD_EXISTS',
      );
      return ctx.prisma.studentRecord.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  updateStudentRecord: t.prismaField({
    type: StudentRecord,
    description:
      '学籍更正: correct a CURRENT record (INVALID_TRANSITION for an ended one). The result must still be valid: the stage fits the ' +
      'age, the identification date is not before the enrolment year, and the record’s assistance still fits (CONFLICT otherwise).',
    args: { input: t.arg({ type: UpdateStudentRecordInput, description: '更正内容' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = String(input.recordId);
      if (input.schoolName == null && input.schoolRegionCode == null && input.stage == null && input.enrolmentYear == null) {
        throw invalidNothing();
      }
      const schoolName = input.schoolName != null ? checkSchoolName(input.schoolName) : undefined;
      const schoolRegionCode = input.schoolRegionCode != null ? checkSchoolRegionCode(input.schoolRegionCode) : undefined;
      if (schoolRegionCode) assertInRegion(ctx.identity, schoolRegionCode);
      await ctx.prisma.$transaction(async (tx) => {
        const record = await loadRecordForUpdate(tx, id, ctx.identity);
        nextRecordStatus('UPDATE', record.status);
        const now = today();
        const stage = input.stage ?? record.stage;
        const enrolmentYear = input.enrolmentYear ?? record.enrolmentYear;
        checkEnrolment(birthDateOf(record.personIdNumber), stage, enrolmentYear, now);
        if (record.identifiedOn) checkIdentification({ enrolmentYear }, true, record.identifiedOn, now);
        const assistance = await tx.educationAssistance.findMany({ where: { studentRecordId: id } });
        checkAssistanceStillFits({ stage, enrolmentYear, endedOn: null }, assistance, academicYearFromLabel);
        await tx.studentRecord.update({ where: { id }, data: { schoolName, schoolRegionCode, stage, enrolmentYear } });
      });
      return ctx.prisma.studentRecord.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  changeStudentSchool: t.prismaField({
    type: StudentRecord,
    description:
      '转学/升学: end the CURRENT record (CHANGED) and start the new CURRENT one, which is returned. INVALID_TRANSITION for an ' +
      'ended record; INVALID_INPUT for a future or early date, a stage that does not fit the age, or no change at all.',
    args: { input: t.arg({ type: ChangeStudentSchoolInput, description: '变更内容' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = String(input.recordId);
      const to = { schoolName: checkSchoolName(input.schoolName), schoolRegionCode: checkSchoolRegionCode(input.schoolRegionCode), stage: input.stage };
      assertInRegion(ctx.identity, to.schoolRegionCode);
      const endNote = checkOptionalText(input.note, 'note', 2, 200);
      const newId = await uniqueAsConflict(
        () =>
          ctx.prisma.$transaction(async (tx) => {
            const record = await loadRecordForUpdate(tx, id, ctx.identity);
            const status = nextRecordStatus('CHANGE_SCHOOL', record.status);
            const now = today();
            checkEndedOn(record, input.changedOn, now, 'changedOn');
            checkSchoolChange(record, to);
            const enrolmentYear = input.changedOn.getUTCFullYear();
            checkEnrolment(birthDateOf(record.personIdNumber), to.stage, enrolmentYear, now);
            const identification =
              input.identifiedAsDifficult == null
                ? { identifiedAsDifficult: record.identifiedAsDifficult, identifiedOn: record.identifiedOn }
                : checkIdentification({ enrolmentYear }, input.identifiedAsDifficult, input.identifiedOn, now);
            await tx.studentRecord.update({ where: { id }, data: { status, endedOn: input.changedOn, endNote } });
            const created = await tx.studentRecord.create({
              data: { personIdNumber: record.personIdNumber, ...to, enrolmentYear, status: 'CURRENT', ...identification, recordedBy: ctx.identity.subject },
            });
            return created.id;
          }),
        'The person already has a CURRENT student record',
        'CURRENT_RECORD_EXISTS',
      );
      return ctx.prisma.studentRecord.findUniqueOrThrow({ ...query, where: { id: newId } });
    },
  }),

  markStudentDifficulty: t.prismaField({
    type: StudentRecord,
    description:
      '困难学生认定: identify a CURRENT student as from a financially difficult family (with the date), or withdraw it. ' +
      'INVALID_INPUT for a missing, future or early date; INVALID_TRANSITION for an ended record.',
    args: { input: t.arg({ type: MarkStudentDifficultyInput, description: '认定内容' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = String(input.recordId);
      await ctx.prisma.$transaction(async (tx) => {
        const record = await loadRecordForUpdate(tx, id, ctx.identity);
        nextRecordStatus('IDENTIFY', record.status);
        const identification = checkIdentification(record, input.identifiedAsDifficult, input.identifiedOn, today());
        await tx.studentRecord.update({ where: { id }, data: identification });
      });
      return ctx.prisma.studentRecord.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  endStudentRecord: t.prismaField({
    type: StudentRecord,
    description:
      '毕业/离校: end a CURRENT record with no new record (the person is then no current student). INVALID_TRANSITION for an ' +
      'ended record; INVALID_INPUT for a future date or one before the enrolment year or the identification.',
    args: {
      recordId: t.arg.id({ description: '学籍记录编号' }),
      outcome: t.arg({ type: StudentRecordEnding, description: '终止方式' }),
      endedOn: t.arg({ type: 'Date', description: '终止日期: not in the future.' }),
      note: t.arg.string({ required: false, description: '终止说明 (2 to 200 characters), e.g. 高中毕业 or 随父母迁往外省' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.recordId);
      const endNote = checkOptionalText(args.note, 'note', 2, 200);
      await ctx.prisma.$transaction(async (tx) => {
        const record = await loadRecordForUpdate(tx, id, ctx.identity);
        const status = nextRecordStatus(args.outcome === 'GRADUATED' ? 'GRADUATE' : 'LEAVE', record.status);
        checkEndedOn(record, args.endedOn, today());
        await tx.studentRecord.update({ where: { id }, data: { status, endedOn: args.endedOn, endNote } });
      });
      return ctx.prisma.studentRecord.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

function conflictCurrent(current: RecordRow) {
  return conflict(`The person already has a CURRENT student record (${current.id}, ${current.stage} at ${current.schoolName}); use changeStudentSchool`, {
    reason: 'CURRENT_RECORD_EXISTS',
    recordId: current.id,
  });
}

const invalidNothing = () => invalidInput('Nothing to change: give schoolName, schoolRegionCode, stage or enrolmentYear', { field: 'input' });
