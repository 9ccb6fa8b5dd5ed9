import { today } from '@lip/shared/calendar';
import { checkDateWindow, DATE_WINDOWS } from '@lip/shared/dates';
import { notFound } from '@lip/shared/errors';
import { assertFoundInRegion } from '@lip/shared/scopes';
import { checkReason, checkText } from '@lip/shared/text';
import { lockRows, retrying } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { checkGrant, checkValidity, type HoldingChange, nextStatus } from '../domain/holdings.ts';
import type { HoldingAction as Action, Prisma } from '../generated/prisma/client.ts';
import { CareLevel, HoldingAction, HoldingStatus, HoldingSubtype, LowIncomeCategory } from './enums.ts';
import { lockPersons } from './locks.ts';

export const CategoryHolding = builder.prismaObject('CategoryHolding', {
  description: '类别认定: a person’s holding of one low-income category, with its full history.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '认定编号' }),
    person: t.relation('person', { description: '认定对象' }),
    category: t.expose('category', { type: LowIncomeCategory, description: '类别' }),
    status: t.expose('status', { type: HoldingStatus, description: '状态' }),
    subtype: t.expose('subtype', { type: HoldingSubtype, nullable: true, description: '细分 (供养方式 / 监测类型)' }),
    validFrom: t.expose('validFrom', { type: 'Date', description: '起始日期' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true, description: '终止日期 (or the planned review end)' }),
    recognizedBy: t.exposeString('recognizedBy', { description: '认定机关: the organisation that recognised it.' }),
    monthlyAmount: t.expose('monthlyAmount', {
      type: 'Money',
      nullable: true,
      description: '月发放金额: the monthly dibao or basic living support decided at recognition (yuan); null where none was decided.',
    }),
    careLevel: t.expose('careLevel', { type: CareLevel, nullable: true, description: '生活自理能力 (EXTREME_POVERTY): sets the care allowance.' }),
    careInstitution: t.exposeString('careInstitution', {
      nullable: true,
      description: '供养机构 (CENTRALIZED): the care institution that support is paid to.',
    }),
    nextReviewOn: t.expose('nextReviewOn', { type: 'Date', nullable: true, description: '下次复核日期' }),
    history: t.relation('events', { description: '变更记录: every change, oldest first (append-only).', query: { orderBy: { at: 'asc' } } }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最后变更' }),
  }),
});

builder.prismaObject('CategoryHoldingEvent', {
  description: '变更记录: one change of a holding, who made it and why. Never edited or deleted.',
  fields: (t) => ({
    action: t.expose('action', { type: HoldingAction, description: '变更类型' }),
    fromStatus: t.expose('fromStatus', { type: HoldingStatus, nullable: true, description: '变更前状态' }),
    toStatus: t.expose('toStatus', { type: HoldingStatus, description: '变更后状态' }),
    subtype: t.expose('subtype', { type: HoldingSubtype, nullable: true, description: '变更后细分' }),
    reason: t.exposeString('reason', { description: '原因' }),
    actor: t.exposeString('actor', { description: '经办人' }),
    at: t.expose('at', { type: 'DateTime', description: '时间' }),
  }),
});

const GrantCategoryInput = builder.inputType('GrantCategoryInput', {
  description: '认定: grant a category to a registered, living person.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', description: '居民身份证号码' }),
    category: t.field({ type: LowIncomeCategory, description: '类别' }),
    subtype: t.field({ type: HoldingSubtype, required: false, description: 'Required for EXTREME_POVERTY and RELAPSE_MONITORING, else absent.' }),
    validFrom: t.field({ type: 'Date', description: '起始日期: from 2000-01-01 to one year ahead' }),
    validTo: t.field({ type: 'Date', required: false, description: '终止/复核日期: not before validFrom, at most ten years ahead' }),
    recognizedBy: t.string({ description: '认定机关, e.g. 湖滨区民政局 (1 to 100 characters)' }),
    reason: t.string({ description: '认定依据 (2 to 500 characters)' }),
    monthlyAmount: t.field({ type: 'Money', required: false, description: '月发放金额 (SUBSISTENCE_ALLOWANCE, EXTREME_POVERTY only)' }),
    careLevel: t.field({ type: CareLevel, required: false, description: '生活自理能力 (EXTREME_POVERTY only)' }),
    careInstitution: t.string({ required: false, description: '供养机构 (CENTRALIZED only, 1 to 100 characters)' }),
    nextReviewOn: t.field({ type: 'Date', required: false, description: '下次复核日期 (not before validFrom, at most ten years ahead)' }),
  }),
});

type Tx = Prisma.TransactionClient;

export const recordEvent = (
  tx: Tx,
  holding: { id: string; status: Prisma.CategoryHoldingEventCreateManyInput['toStatus']; subtype: Prisma.CategoryHoldingEventCreateManyInput['subtype'] },
  event: { action: Action; fromStatus: Prisma.CategoryHoldingEventCreateManyInput['fromStatus']; reason: string; actor: string },
) => tx.categoryHoldingEvent.create({ data: { holdingId: holding.id, toStatus: holding.status, subtype: holding.subtype, ...event } });

const ACTIONS: Record<HoldingChange, Action> = { SUSPEND: 'SUSPENDED', RESUME: 'RESUMED', END: 'ENDED' };

function changeHolding(change: HoldingChange, description: string) {
  return builder.mutationField(`${change.toLowerCase()}Category`, (t) =>
    t.prismaField({
      type: CategoryHolding,
      description,
      args: {
        holdingId: t.arg.id({ description: '认定编号' }),
        reason: t.arg.string({ description: '原因' }),
        ...(change === 'END'
          ? { validTo: t.arg({ type: 'Date', required: false, description: '终止日期 (default today; not before validFrom, at most one year ahead)' }) }
          : {}),
      },
      resolve: async (query, _root, args, ctx) => {
        const reason = checkReason(args.reason);
        const id = String(args.holdingId);
        const endOn = checkDateWindow((args as { validTo?: Date | null }).validTo, 'validTo', DATE_WINDOWS.START);
        await retrying(() =>
          ctx.prisma.$transaction(async (tx) => {
            // The row lock makes a concurrent change read the state this one commits.
            await lockRows(tx, 'CategoryHolding', [id]);
            const holding = await tx.categoryHolding.findUnique({ where: { id }, include: { person: { select: { regionCode: true } } } });
            if (!holding) throw notFound('CategoryHolding', id);
            assertFoundInRegion(ctx.identity, holding.person.regionCode, 'CategoryHolding', id);
            const status = nextStatus(change, holding.status);
            const data: Prisma.CategoryHoldingUpdateInput = { status };
            if (change === 'END') {
              const validTo = endOn ?? today();
              checkValidity(holding.validFrom, validTo);
              data.validTo = validTo;
            }
            const updated = await tx.categoryHolding.update({ where: { id }, data });
            await recordEvent(tx, updated, { action: ACTIONS[change], fromStatus: holding.status, reason, actor: ctx.identity.subject });
          }),
        );
        return ctx.prisma.categoryHolding.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
  );
}

/** 认定机关: the same rule for a single grant and an import. */
export const checkRecognizedBy = (value: string) => checkText(value, 'recognizedBy', 1, 100);

builder.mutationFields((t) => ({
  grantCategory: t.prismaField({
    type: CategoryHolding,
    description: '认定: grant a category. Refused for a deceased person, a category already held, or dibao with extreme poverty (CONFLICT).',
    args: { input: t.arg({ type: GrantCategoryInput, description: 'Who, which category, from when, on whose recognition' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const reason = checkReason(input.reason);
      const recognizedBy = checkRecognizedBy(input.recognizedBy);
      const careInstitution = input.careInstitution == null ? null : checkText(input.careInstitution, 'careInstitution', 1, 100);
      checkDateWindow(input.validFrom, 'validFrom', DATE_WINDOWS.START);
      checkDateWindow(input.validTo, 'validTo', DATE_WINDOWS.END);
      checkDateWindow(input.nextReviewOn, 'nextReviewOn', DATE_WINDOWS.END);
      const id = await retrying(() =>
        ctx.prisma.$transaction(async (tx) => {
          // Grants to one person are serialised, so exclusivity and "already held" are checked on committed state.
          await lockPersons(tx, [input.idNumber]);
          const person = await tx.person.findUnique({ where: { idNumber: input.idNumber }, include: { holdings: { where: { status: { not: 'ENDED' } } } } });
          if (!person) throw notFound('Person', input.idNumber);
          assertFoundInRegion(ctx.identity, person.regionCode, 'Person', input.idNumber);
          checkGrant(person, person.holdings, input);
          const holding = await tx.categoryHolding.create({
            data: {
              personIdNumber: person.idNumber,
              category: input.category,
              subtype: input.subtype ?? null,
              status: 'ACTIVE',
              validFrom: input.validFrom,
              validTo: input.validTo ?? null,
              recognizedBy,
              monthlyAmount: input.monthlyAmount ?? null,
              careLevel: input.careLevel ?? null,
              careInstitution: careInstitution ?? null,
              nextReviewOn: input.nextReviewOn ?? null,
            },
          });
          await recordEvent(tx, holding, { action: 'GRANTED', fromStatus: null, reason, actor: ctx.identity.subject });
          return holding.id;
        }),
      );
      return ctx.prisma.categoryHolding.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

changeHolding('SUSPEND', '暂停: suspend an ACTIVE holding pending review.');
changeHolding('RESUME', '恢复: resume a SUSPENDED holding.');
changeHolding('END', '终止/退出: end an ACTIVE or SUSPENDED holding for good.');
