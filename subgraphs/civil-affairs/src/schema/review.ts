// 确认 and 复核: a confirmed application grants its holdings in the same transaction as the
// decision, through civil affairs' own rules (mutual exclusion, deceased); a review of a
// household ends in continue, change (amount or category) or exit, with a grace period for an
// exit because of new work income. The due-review queue comes from holdings' nextReviewOn.
import { addMonths, formatDate, laterOf, today } from '@lip/shared/calendar';
import { conflict, invalidInput, notFound } from '@lip/shared/errors';
import { listPrefix } from '@lip/shared/region-filter';
import { assertFoundInRegion } from '@lip/shared/scopes';
import { checkReason } from '@lip/shared/text';
import { lockKeys, uniqueAsConflict } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { checkApplication } from '../domain/application.ts';
import { ASSESSED_CATEGORIES, type Assessment, type ProposedGrant, proposedGrants, type RecognitionPolicy, reviewMonths } from '../domain/assessment.ts';
import { checkGrant } from '../domain/holdings.ts';
import { decisionDueOn, graceUntil, OPEN_STEPS, planReview, stepDueOn } from '../domain/recognition.ts';
import type { RecognitionCase as CaseRow, Prisma } from '../generated/prisma/client.ts';
import { AssetInput, ExpenditureInput, evidenceRows, HOUSEHOLD_LOCK, IncomeInput, MemberInput, RecognitionCase, recordStep } from './application.ts';
import { CASE_TX, moveCase, noticeMayClose } from './case-steps.ts';
import { CategoryHolding, recordEvent } from './holding.ts';
import { loadPolicy } from './policy.ts';

type Tx = Prisma.TransactionClient;

/** What a holding granted by a case records as its recognising authority: the case itself. */
export const recognizedByCase = (caseId: string) => `RecognitionCase:${caseId}`;

async function anyAbleToWork(tx: Tx, caseId: string) {
  return (await tx.caseMember.count({ where: { caseId, ableToWork: true } })) > 0;
}

/** Grants one proposed holding through the register's rules, recording the case as its origin. */
async function grant(
  tx: Tx,
  current: CaseRow,
  proposal: ProposedGrant,
  on: Date,
  policy: RecognitionPolicy,
  ableToWork: boolean,
  actor: string,
  reason: string,
) {
  const person = await tx.person.findUnique({ where: { idNumber: proposal.idNumber }, include: { holdings: { where: { status: { not: 'ENDED' } } } } });
  if (!person) throw notFound('Person', proposal.idNumber);
  const request = {
    category: proposal.category,
    subtype: proposal.subtype,
    validFrom: on,
    monthlyAmount: proposal.monthlyAmount,
    careLevel: proposal.careLevel,
    careInstitution: proposal.careInstitution,
    nextReviewOn: addMonths(on, reviewMonths(proposal.category, ableToWork, policy)),
  };
  checkGrant(person, person.holdings, request);
  const holding = await uniqueAsConflict(
    () => tx.categoryHolding.create({ data: { personIdNumber: person.idNumber, status: 'ACTIVE', recognizedBy: recognizedByCase(current.id), ...request } }),
    `${person.idNumber} already holds ${proposal.category}`,
    'ALREADY_HELD',
  );
  await recordEvent(tx, holding, { action: 'GRANTED', fromStatus: null, reason, actor });
}

const ReviewInput = builder.inputType('StartReviewInput', {
  description: '复核: the household’s current members and evidence (the short form of an application).',
  fields: (t) => ({
    householdId: t.id({ description: '家庭编号' }),
    reason: t.string({ required: false, description: '复核原因 (default: 定期复核)' }),
    members: t.field({ type: [MemberInput], description: '成员 (1–20)' }),
    incomes: t.field({ type: [IncomeInput], required: false, description: '收入' }),
    assets: t.field({ type: [AssetInput], required: false, description: '财产' }),
    expenditures: t.field({ type: [ExpenditureInput], required: false, description: '刚性支出' }),
    startedOn: t.field({ type: 'Date', required: false, description: '复核开始日期 (default today)' }),
  }),
});

builder.queryFields((t) => ({
  dueReviews: t.prismaField({
    type: [CategoryHolding],
    description: '待复核: active holdings whose next review falls on or before `dueBy`, in a region (a township’s queue), soonest first.',
    args: {
      regionCode: t.arg.string({ required: false, description: '行政区划代码前缀 (default: your region)' }),
      dueBy: t.arg({ type: 'Date', required: false, description: 'Due on or before this date (default today)' }),
      limit: t.arg.int({ required: false, defaultValue: 200, description: 'At most this many (1–1000)' }),
    },
    resolve: (query, _root, { regionCode, dueBy, limit }, ctx) => {
      const take = limit ?? 200;
      if (!Number.isInteger(take) || take < 1 || take > 1000) throw invalidInput('limit must be from 1 to 1000', { field: 'limit' });
      const prefix = listPrefix(ctx.identity, regionCode);
      if (prefix === null) return [];
      return ctx.prisma.categoryHolding.findMany({
        ...query,
        where: {
          status: 'ACTIVE',
          nextReviewOn: { lte: dueBy ?? today() },
          category: { in: [...ASSESSED_CATEGORIES] },
          person: { regionCode: { startsWith: prefix } },
        },
        orderBy: [{ nextReviewOn: 'asc' }, { personIdNumber: 'asc' }],
        take,
      });
    },
  }),
}));

builder.mutationFields((t) => ({
  endGracePeriods: t.int({
    description:
      '渐退期届满: end the holdings whose grace period after a review exit (渐退期) ended before `on`, in a region. Returns how many ended; running it again ends nothing more.',
    args: {
      regionCode: t.arg.string({ required: false, description: '行政区划代码前缀 (default: your region)' }),
      on: t.arg({ type: 'Date', required: false, description: 'Grace periods ending before this day (default today; not in the future)' }),
    },
    resolve: async (_root, args, ctx) => {
      const on = args.on ?? today();
      if (on > today()) throw invalidInput('on must not be in the future', { field: 'on' });
      const prefix = listPrefix(ctx.identity, args.regionCode);
      if (prefix === null) return 0;
      return ctx.prisma.$transaction(async (tx) => {
        const cases = await tx.recognitionCase.findMany({
          where: { kind: 'REVIEW', graceUntil: { lt: on }, regionCode: { startsWith: prefix } },
          select: { graceUntil: true, members: { select: { idNumber: true } } },
        });
        let ended = 0;
        for (const review of cases) {
          const holdings = await tx.categoryHolding.findMany({
            where: { personIdNumber: { in: review.members.map((member) => member.idNumber) }, status: 'ACTIVE', validTo: review.graceUntil },
          });
          for (const holding of holdings) {
            // Guarded by status, so a concurrent run cannot end a holding twice.
            const { count } = await tx.categoryHolding.updateMany({ where: { id: holding.id, status: 'ACTIVE' }, data: { status: 'ENDED' } });
            if (count === 0) continue;
            await recordEvent(
              tx,
              { ...holding, status: 'ENDED' },
              { action: 'ENDED', fromStatus: 'ACTIVE', reason: `渐退期届满 (${formatDate(review.graceUntil!)})`, actor: ctx.identity.subject },
            );
            ended++;
          }
        }
        return ended;
      }, CASE_TX);
    },
  }),
  confirmCase: t.prismaField({
    type: RecognitionCase,
    description:
      '确认: confirm an application after its public notice (ended, every objection answered). Grants every qualifying holding with the decided amount, care level and next review date, in the same transaction; refused when nothing qualifies (CONFLICT, NOTHING_QUALIFIES) or a grant breaks the register’s rules (CONFLICT).',
    args: {
      caseId: t.arg.id({ description: '案件编号' }),
      reason: t.arg.string({ description: '确认意见 (2–500 characters)' }),
      on: t.arg({ type: 'Date', required: false, description: '确认日期 (default today; on or after the notice ends)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const reason = checkReason(args.reason);
      const id = await moveCase(ctx, {
        caseId: String(args.caseId),
        to: 'CONFIRMED',
        on: args.on,
        note: reason,
        apply: async (tx, current, policy, on) => {
          if (current.kind !== 'APPLICATION') throw invalidInput('A review is decided with decideReview', { field: 'caseId' });
          await noticeMayClose(tx, current, on);
          const grants = proposedGrants(current.assessment as unknown as Assessment);
          if (grants.length === 0) throw conflict('No category qualifies: reject the case with its reasons instead', { reason: 'NOTHING_QUALIFIES' });
          const ableToWork = await anyAbleToWork(tx, current.id);
          for (const proposal of grants) await grant(tx, current, proposal, on, policy, ableToWork, ctx.identity.subject, `认定确认：${reason}`);
          return { decidedOn: on, decisionReason: reason };
        },
      });
      return ctx.prisma.recognitionCase.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  startReview: t.prismaField({
    type: RecognitionCase,
    description:
      '复核: open the review of a household that holds a category recognised here; it starts ACCEPTED (short form: verify, then decide). Refused while another review is open (CONFLICT, CASE_OPEN).',
    args: { input: t.arg({ type: ReviewInput, description: 'The household and its current evidence' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const reason = input.reason == null ? '定期复核' : checkReason(input.reason);
      const startedOn = input.startedOn ?? today();
      const evidence = checkApplication({ ...input, channel: 'IN_PERSON', submittedOn: startedOn }, today());
      const householdId = String(input.householdId);
      const id = await ctx.prisma.$transaction(async (tx) => {
        await lockKeys(tx, HOUSEHOLD_LOCK, [householdId]);
        const household = await tx.household.findUnique({
          where: { id: householdId },
          include: { members: { include: { holdings: { where: { status: 'ACTIVE', category: { in: [...ASSESSED_CATEGORIES] } } } } } },
        });
        if (!household) throw notFound('Household', householdId);
        assertFoundInRegion(ctx.identity, household.regionCode, 'Household', householdId);
        const memberIds = new Set(household.members.map((person) => person.idNumber));
        evidence.members.forEach((member, index) => {
          if (!memberIds.has(member.idNumber))
            throw invalidInput(`${member.idNumber} is not a member of the household`, { field: `members.${index}.idNumber`, reason: 'NOT_A_MEMBER' });
        });
        if (!household.members.some((person) => person.holdings.length > 0))
          throw conflict('The household holds no category recognised here', { reason: 'NOTHING_TO_REVIEW' });
        const open = await tx.recognitionCase.findFirst({ where: { householdId, kind: 'REVIEW', step: { in: [...OPEN_STEPS] } } });
        if (open) throw conflict(`The household already has an open review (${open.id})`, { reason: 'CASE_OPEN', caseId: open.id });
        const policy = await loadPolicy(tx, household.regionCode, startedOn);
        const due = decisionDueOn(startedOn, false, policy);
        const created = await uniqueAsConflict(
          () =>
            tx.recognitionCase.create({
              data: {
                kind: 'REVIEW',
                channel: 'IN_PERSON',
                householdId,
                regionCode: household.regionCode,
                countyCode: household.regionCode.slice(0, 6),
                reason,
                step: 'ACCEPTED',
                submittedOn: startedOn,
                acceptedOn: startedOn,
                decisionDueOn: due,
                stepDueOn: stepDueOn('ACCEPTED', { submittedOn: startedOn, decisionDueOn: due }, policy),
                createdBy: ctx.identity.subject,
                ...evidenceRows(evidence),
              },
            }),
          'The household already has an open review',
          'CASE_OPEN',
        );
        await recordStep(tx, created.id, { fromStep: null, toStep: 'ACCEPTED', note: reason, actor: ctx.identity.subject, on: startedOn });
        return created.id;
      }, CASE_TX);
      return ctx.prisma.recognitionCase.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  decideReview: t.prismaField({
    type: RecognitionCase,
    description:
      '复核决定: apply a VERIFIED review’s assessment to the household’s holdings: CONTINUE (next review date only), CHANGE (amounts, categories) or EXIT. Holdings that end because of new work income keep paying through the grace period (渐退期) when exitForWorkIncome is set.',
    args: {
      caseId: t.arg.id({ description: '案件编号' }),
      reason: t.arg.string({ description: '复核意见 (2–500 characters)' }),
      exitForWorkIncome: t.arg.boolean({ required: false, defaultValue: false, description: '因就业增收退出: ending holdings run through the grace period.' }),
      on: t.arg({ type: 'Date', required: false, description: '决定日期 (default today)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const reason = checkReason(args.reason);
      const actor = ctx.identity.subject;
      const id = await moveCase(ctx, {
        caseId: String(args.caseId),
        to: 'CONFIRMED',
        on: args.on,
        note: reason,
        apply: async (tx, current, policy, on) => {
          if (current.kind !== 'REVIEW') throw invalidInput('An application is decided with confirmCase or rejectCase', { field: 'caseId' });
          const members = await tx.caseMember.findMany({ where: { caseId: current.id }, select: { idNumber: true } });
          const held = await tx.categoryHolding.findMany({
            where: { personIdNumber: { in: members.map((member) => member.idNumber) }, status: 'ACTIVE', category: { in: [...ASSESSED_CATEGORIES] } },
          });
          const plan = planReview(
            held.map((holding) => ({
              holdingId: holding.id,
              idNumber: holding.personIdNumber,
              category: holding.category,
              monthlyAmount: holding.monthlyAmount ? Number(holding.monthlyAmount).toFixed(2) : null,
            })),
            proposedGrants(current.assessment as unknown as Assessment),
          );
          const ableToWork = await anyAbleToWork(tx, current.id);
          const grace = args.exitForWorkIncome && plan.end.length > 0 ? graceUntil(on, policy) : null;
          for (const item of plan.keep) {
            const holding = held.find((each) => each.id === item.holdingId)!;
            const updated = await tx.categoryHolding.update({
              where: { id: holding.id },
              data: { monthlyAmount: item.monthlyAmount, nextReviewOn: addMonths(on, reviewMonths(holding.category, ableToWork, policy)) },
            });
            await recordEvent(tx, updated, {
              action: 'REVIEWED',
              fromStatus: holding.status,
              reason: item.changed ? `复核变更金额为 ${item.monthlyAmount ?? '无'} 元：${reason}` : `复核继续：${reason}`,
              actor,
            });
          }
          for (const holdingId of plan.end) {
            const holding = held.find((each) => each.id === holdingId)!;
            if (grace) {
              // Stays ACTIVE (so it is paid) until the grace period's last day; no further review.
              const updated = await tx.categoryHolding.update({
                where: { id: holdingId },
                data: { validTo: laterOf(grace, holding.validFrom), nextReviewOn: null },
              });
              await recordEvent(tx, updated, {
                action: 'REVIEWED',
                fromStatus: holding.status,
                reason: `复核退出，渐退期至 ${formatDate(grace)}：${reason}`,
                actor,
              });
            } else {
              const validTo = laterOf(on, holding.validFrom);
              const updated = await tx.categoryHolding.update({ where: { id: holdingId }, data: { status: 'ENDED', validTo, nextReviewOn: null } });
              await recordEvent(tx, updated, { action: 'ENDED', fromStatus: holding.status, reason: `复核退出：${reason}`, actor });
            }
          }
          for (const proposal of plan.grant) await grant(tx, current, proposal, on, policy, ableToWork, actor, `复核变更：${reason}`);
          return { decidedOn: on, decisionReason: reason, reviewOutcome: plan.outcome, graceUntil: grace };
        },
      });
      return ctx.prisma.recognitionCase.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
