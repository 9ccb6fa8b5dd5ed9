// 公示: the notice list (masked names, village, category, amount; never ID numbers or phones),
// objections raised during the notice and their answers. An upheld objection sends the case back.
import { today } from '@lip/shared/calendar';
import { DomainError, ErrorCode, invalidInput, notFound } from '@lip/shared/errors';
import { maskName } from '@lip/shared/masking';
import { listPrefix } from '@lip/shared/region-filter';
import { findRegion } from '@lip/shared/regions';
import { checkReason } from '@lip/shared/text';
import { lockKeys } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import type { Assessment } from '../domain/assessment.ts';
import { checkStepDate } from '../domain/recognition.ts';
import type { LowIncomeCategory as Category } from '../generated/prisma/enums.ts';
import { CASE_LOCK, caseInRegion, RecognitionCase } from './application.ts';
import { CASE_TX, moveCase } from './case-steps.ts';
import { LowIncomeCategory } from './enums.ts';

interface NoticeEntry {
  caseId: string;
  maskedName: string;
  villageCode: string;
  villageName: string;
  category: Category;
  monthlyAmount: string | null;
  memberCount: number;
  noticeStartOn: Date;
  noticeEndOn: Date;
}

const PublicNoticeEntry = builder.objectRef<NoticeEntry>('PublicNoticeEntry').implement({
  description: '公示名单条目: what the public may see of a case under notice. Never an ID number or a phone.',
  fields: (t) => ({
    caseId: t.exposeID('caseId', { description: '案件编号' }),
    maskedName: t.exposeString('maskedName', { description: '户主姓名 (masked: 王**)' }),
    villageCode: t.exposeString('villageCode', { description: '村/社区代码' }),
    villageName: t.exposeString('villageName', { description: '村/社区' }),
    category: t.field({ type: LowIncomeCategory, description: '拟认定类别', resolve: (row) => row.category }),
    monthlyAmount: t.field({ type: 'Money', nullable: true, description: '拟发放金额 (元/月, household)', resolve: (row) => row.monthlyAmount }),
    memberCount: t.exposeInt('memberCount', { description: '拟认定人数' }),
    noticeStartOn: t.field({ type: 'Date', description: '公示开始', resolve: (row) => row.noticeStartOn }),
    noticeEndOn: t.field({ type: 'Date', description: '公示结束', resolve: (row) => row.noticeEndOn }),
  }),
});

builder.queryFields((t) => ({
  publicNotices: t.field({
    type: [PublicNoticeEntry],
    description: '公示名单: cases under public notice in a region (masked for print), by village.',
    args: { regionCode: t.arg.string({ required: false, description: '行政区划代码前缀 (default: your region)' }) },
    resolve: async (_root, { regionCode }, ctx) => {
      const prefix = listPrefix(ctx.identity, regionCode);
      if (prefix === null) return [];
      const cases = await ctx.prisma.recognitionCase.findMany({
        where: { step: 'PUBLIC_NOTICE', regionCode: { startsWith: prefix } },
        include: { household: { include: { members: { where: { relationshipToHead: 'HEAD' }, select: { name: true } } } } },
        orderBy: [{ regionCode: 'asc' }, { noticeStartOn: 'asc' }, { id: 'asc' }],
      });
      return cases.flatMap((item) =>
        ((item.assessment as Assessment | null)?.results ?? [])
          .filter((result) => result.outcome === 'QUALIFIES')
          .map((result) => ({
            caseId: item.id,
            maskedName: maskName(item.household.members[0]?.name ?? '*'),
            villageCode: item.regionCode,
            villageName: findRegion(item.regionCode)?.name ?? item.regionCode,
            category: result.category,
            monthlyAmount: result.monthlyAmount,
            memberCount: result.grants.length,
            noticeStartOn: item.noticeStartOn!,
            noticeEndOn: item.noticeEndOn!,
          })),
      );
    },
  }),
}));

builder.mutationFields((t) => ({
  raiseObjection: t.prismaField({
    type: RecognitionCase,
    description: '公示异议: record an objection to a case under public notice; the case cannot be decided until it is answered.',
    args: {
      caseId: t.arg.id({ description: '案件编号' }),
      content: t.arg.string({ description: '异议内容 (2–500 characters)' }),
      raisedOn: t.arg({ type: 'Date', required: false, description: '提出日期 (default today; within the notice period)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const content = checkReason(args.content, 'content');
      const id = String(args.caseId);
      await ctx.prisma.$transaction(async (tx) => {
        await lockKeys(tx, CASE_LOCK, [id]);
        const current = await caseInRegion(tx, ctx, id);
        if (current.step !== 'PUBLIC_NOTICE') {
          throw new DomainError(ErrorCode.INVALID_TRANSITION, `Objections are raised during public notice; the case is ${current.step}`, {
            from: current.step,
          });
        }
        const raisedOn = checkStepDate(args.raisedOn ?? today(), today(), current.noticeStartOn!);
        if (raisedOn > current.noticeEndOn!) throw invalidInput('raisedOn is after the notice period', { field: 'raisedOn' });
        await tx.noticeObjection.create({ data: { caseId: id, raisedOn, content, recordedBy: ctx.identity.subject } });
      }, CASE_TX);
      return ctx.prisma.recognitionCase.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  answerObjection: t.prismaField({
    type: RecognitionCase,
    description: '异议答复: answer an objection after checking it. Upheld, it sends the case back to ACCEPTED for a new investigation.',
    args: {
      objectionId: t.arg.id({ description: '异议编号' }),
      answer: t.arg.string({ description: '核实答复 (2–500 characters)' }),
      upheld: t.arg.boolean({ description: '异议成立' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const answer = checkReason(args.answer, 'answer');
      const objectionId = String(args.objectionId);
      const objection = await ctx.prisma.noticeObjection.findUnique({ where: { id: objectionId } });
      if (!objection) throw notFound('NoticeObjection', objectionId);
      const caseId = objection.caseId;
      const record = async (tx: Parameters<Parameters<typeof ctx.prisma.$transaction>[0]>[0]) => {
        const answered = await tx.noticeObjection.updateMany({
          where: { id: objectionId, answeredAt: null },
          data: { answer, upheld: args.upheld, answeredBy: ctx.identity.subject, answeredAt: new Date() },
        });
        if (answered.count === 0) throw new DomainError(ErrorCode.CONFLICT, 'The objection is already answered', { reason: 'ALREADY_ANSWERED' });
      };
      if (args.upheld) {
        await moveCase(ctx, {
          caseId,
          to: 'ACCEPTED',
          note: `异议成立，退回重新调查：${answer}`,
          apply: async (tx) => {
            await record(tx);
            return { noticeStartOn: null, noticeEndOn: null, investigation: undefined };
          },
        });
      } else {
        await ctx.prisma.$transaction(async (tx) => {
          await lockKeys(tx, CASE_LOCK, [caseId]);
          const current = await caseInRegion(tx, ctx, caseId);
          if (current.step !== 'PUBLIC_NOTICE')
            throw new DomainError(ErrorCode.INVALID_TRANSITION, `The case is ${current.step}, no longer under notice`, { from: current.step });
          await record(tx);
        }, CASE_TX);
      }
      return ctx.prisma.recognitionCase.findUniqueOrThrow({ ...query, where: { id: caseId } });
    },
  }),
}));
