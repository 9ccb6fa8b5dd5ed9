import { addDays, today } from '@lip/shared/calendar';
import { DomainError, ErrorCode, invalidInput, notFound } from '@lip/shared/errors';
import { checkCountyCode } from '@lip/shared/periods';
import { assertInRegion, withinRegion } from '@lip/shared/scopes';
import { checkText } from '@lip/shared/text';
import { builder } from '../builder.ts';
import { complaintAnswerDays } from '../domain/policy.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { ComplaintSubject } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const Complaint = builder.prismaObject('Complaint', {
  description: '信访: a complaint about assistance, assigned to the office concerned and answered by its due date; supervisors read them.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '编号' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', nullable: true, description: '涉及人员' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '涉及人员 (from civil affairs)',
      resolve: (c) => (c.personIdNumber ? personOf(c.personIdNumber) : null),
    }),
    complainantName: t.exposeString('complainantName', { description: '信访人' }),
    countyCode: t.exposeString('countyCode', { description: '县' }),
    subject: t.expose('subject', { type: ComplaintSubject, description: '事项' }),
    content: t.exposeString('content', { description: '内容' }),
    receivedOn: t.expose('receivedOn', { type: 'Date', description: '受理日期' }),
    receivedBy: t.exposeString('receivedBy', { description: '受理人' }),
    dueOn: t.expose('dueOn', { type: 'Date', description: '答复期限 (COMPLAINT_ANSWER_DAYS after receipt)' }),
    assignedOffice: t.exposeString('assignedOffice', { nullable: true, description: '承办单位' }),
    assignedAt: t.expose('assignedAt', { type: 'DateTime', nullable: true, description: '交办时间' }),
    answer: t.exposeString('answer', { nullable: true, description: '答复意见' }),
    answeredBy: t.exposeString('answeredBy', { nullable: true, description: '答复人' }),
    answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true, description: '答复时间' }),
    overdue: t.boolean({ description: '逾期未答复', resolve: (c) => c.answeredAt === null && today() > c.dueOn }),
  }),
});

const ReceiveComplaintInput = builder.inputType('ReceiveComplaintInput', {
  description: '受理信访',
  fields: (t) => ({
    personIdNumber: t.field({ type: 'IdNumber', required: false, description: '涉及人员 (if any)' }),
    complainantName: t.string({ description: '信访人 (1 to 50 characters)' }),
    countyCode: t.string({ description: '县 (6 digits), within your region' }),
    subject: t.field({ type: ComplaintSubject, description: '事项' }),
    content: t.string({ description: '内容 (5 to 2000 characters)' }),
    receivedOn: t.field({ type: 'Date', required: false, description: '受理日期 (default today; not in the future)' }),
  }),
});

async function update(
  ctx: { prisma: Prisma.TransactionClient },
  id: string,
  check: (c: Prisma.ComplaintGetPayload<object>) => void,
  data: Prisma.ComplaintUpdateInput,
) {
  return ctx.prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Complaint" WHERE id = ${id} FOR UPDATE`;
    if (!row) throw notFound('Complaint', id);
    check(await tx.complaint.findUniqueOrThrow({ where: { id } }));
    await tx.complaint.update({ where: { id }, data });
  });
}

builder.queryFields((t) => ({
  complaints: t.prismaConnection(
    {
      type: Complaint,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '信访台账 in your region, newest first; visible to supervisors (auditors) too.',
      skipTypeScopes: true,
      authScopes: { $any: { readRegister: true, audit: true } },
      args: {
        countyCode: t.arg.string({ required: false, description: 'Only this county (6 digits).' }),
        open: t.arg.boolean({ required: false, description: 'true: only unanswered; false: only answered.' }),
      },
      resolve: (query, _root, args, ctx) => {
        const where: Prisma.ComplaintWhereInput = { AND: [withinRegion(ctx.identity, 'countyCode')] };
        if (args.countyCode != null) where.countyCode = checkCountyCode(args.countyCode);
        if (args.open != null) where.answeredAt = args.open ? null : { not: null };
        return ctx.prisma.complaint.findMany({ ...query, where, orderBy: [{ receivedOn: 'desc' }, { id: 'asc' }] });
      },
    },
    { description: 'A page of complaints.' },
    { description: 'A complaint in a page.' },
  ),
}));

builder.mutationFields((t) => ({
  receiveComplaint: t.prismaField({
    type: Complaint,
    description: '受理信访: record a complaint; its answer is due COMPLAINT_ANSWER_DAYS later.',
    skipTypeScopes: true,
    authScopes: { writeRegister: true },
    args: { input: t.arg({ type: ReceiveComplaintInput, description: '信访' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const countyCode = checkCountyCode(input.countyCode);
      assertInRegion(ctx.identity, countyCode);
      const receivedOn = input.receivedOn ?? today();
      if (receivedOn > today()) throw invalidInput('receivedOn may not be in the future', { field: 'receivedOn' });
      const days = complaintAnswerDays(await ctx.policy(), countyCode, receivedOn.getUTCFullYear());
      const complaint = await ctx.prisma.complaint.create({
        data: {
          personIdNumber: input.personIdNumber ?? null,
          complainantName: checkText(input.complainantName, 'complainantName', 1, 50),
          countyCode,
          subject: input.subject,
          content: checkText(input.content, 'content', 5, 2000),
          receivedOn,
          receivedBy: ctx.identity.subject,
          dueOn: addDays(receivedOn, days),
        },
      });
      return ctx.prisma.complaint.findUniqueOrThrow({ ...query, where: { id: complaint.id } });
    },
  }),

  assignComplaint: t.prismaField({
    type: Complaint,
    description: '交办: assign an unanswered complaint to the office concerned (again, to reassign).',
    skipTypeScopes: true,
    authScopes: { writeRegister: true },
    args: { id: t.arg.id({ description: '编号' }), office: t.arg.string({ description: '承办单位 (2 to 100 characters)' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.id);
      const office = checkText(args.office, 'office', 2, 100);
      await update(
        ctx,
        id,
        (c) => {
          assertInRegion(ctx.identity, c.countyCode);
          if (c.answeredAt) throw new DomainError(ErrorCode.INVALID_TRANSITION, 'The complaint is already answered');
        },
        { assignedOffice: office, assignedBy: ctx.identity.subject, assignedAt: new Date() },
      );
      return ctx.prisma.complaint.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  answerComplaint: t.prismaField({
    type: Complaint,
    description: '答复: record the answer of an assigned complaint (once; INVALID_TRANSITION when unassigned or already answered).',
    skipTypeScopes: true,
    authScopes: { writeRegister: true },
    args: { id: t.arg.id({ description: '编号' }), answer: t.arg.string({ description: '答复意见 (5 to 2000 characters)' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.id);
      const answer = checkText(args.answer, 'answer', 5, 2000);
      await update(
        ctx,
        id,
        (c) => {
          assertInRegion(ctx.identity, c.countyCode);
          if (!c.assignedOffice) throw new DomainError(ErrorCode.INVALID_TRANSITION, 'Assign the complaint to an office first');
          if (c.answeredAt) throw new DomainError(ErrorCode.INVALID_TRANSITION, 'The complaint is already answered');
        },
        { answer, answeredBy: ctx.identity.subject, answeredAt: new Date() },
      );
      return ctx.prisma.complaint.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
