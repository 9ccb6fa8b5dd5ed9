// The steps of a case as mutations. Each runs in one transaction under a lock on the case, so of
// several concurrent requests for the same step exactly one moves the case and the others find
// it already moved (INVALID_TRANSITION).
import { formatDate, today } from '@lip/shared/calendar';
import { invalidInput } from '@lip/shared/errors';
import { checkReason, checkText } from '@lip/shared/text';
import { lockKeys } from '@lip/shared/writes';
import type { ArgBuilder, InputFieldMap } from '@pothos/core';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import type { RecognitionPolicy } from '../domain/assessment.ts';
import { checkNoticeClosed, checkStepDate, checkTransition, decisionDueOn, noticeEndOn, stepDueOn } from '../domain/recognition.ts';
import type { RecognitionCase as CaseRow, Prisma, CaseStep as Step } from '../generated/prisma/client.ts';
import { CASE_LOCK, caseInRegion, RecognitionCase, recordStep } from './application.ts';
import { loadPolicy } from './policy.ts';

type Tx = Prisma.TransactionClient;

/** Many requests may queue on one case's lock: let them wait rather than fail. */
export const CASE_TX = { maxWait: 60_000, timeout: 60_000 } as const;

export interface Move {
  caseId: string;
  to: Step;
  on?: Date | null;
  note: string;
  /** Checks and changes of this step, inside the transaction after the lock and the transition check. */
  apply?: (
    tx: Tx,
    current: CaseRow,
    policy: RecognitionPolicy,
    on: Date,
  ) => Promise<Prisma.RecognitionCaseUncheckedUpdateInput> | Prisma.RecognitionCaseUncheckedUpdateInput;
}

/** Moves a case one step: lock, region, transition, date, the step's own changes, its deadline and its history entry. */
export async function moveCase(ctx: Context, move: Move): Promise<string> {
  await ctx.prisma.$transaction(async (tx) => {
    await lockKeys(tx, CASE_LOCK, [move.caseId]);
    const current = await caseInRegion(tx, ctx, move.caseId);
    checkTransition(current.kind, current.step, move.to);
    const last = await tx.caseStepEvent.findFirst({ where: { caseId: current.id }, orderBy: { on: 'desc' } });
    const on = checkStepDate(move.on ?? today(), today(), last?.on ?? current.submittedOn);
    const policy = await loadPolicy(tx, current.regionCode, on);
    const changes = (await move.apply?.(tx, current, policy, on)) ?? {};
    const dates = {
      submittedOn: current.submittedOn,
      decisionDueOn: (changes.decisionDueOn as Date | undefined) ?? current.decisionDueOn,
      decidedOn: (changes.decidedOn as Date | undefined) ?? current.decidedOn,
    };
    await tx.recognitionCase.update({ where: { id: current.id }, data: { ...changes, step: move.to, stepDueOn: stepDueOn(move.to, dates, policy) } });
    await recordStep(tx, current.id, { fromStep: current.step, toStep: move.to, note: move.note, actor: ctx.identity.subject, on });
  }, CASE_TX);
  return move.caseId;
}

type Arg = { arg: ArgBuilder<typeof builder.$inferSchemaTypes> };
const caseIdArg = (t: Arg) => t.arg.id({ description: '案件编号' });

const stepMutation = <Args extends Record<string, unknown>>(
  name: string,
  description: string,
  args: (t: Arg) => InputFieldMap,
  toMove: (args: Args & { caseId: string | number; on?: Date | null }, ctx: Context) => Move,
) =>
  builder.mutationField(name, (t) =>
    t.prismaField({
      type: RecognitionCase,
      description,
      args: {
        caseId: caseIdArg(t),
        ...args(t),
        on: t.arg({ type: 'Date', required: false, description: '办理日期 (default today; not in the future, not before the previous step)' }),
      },
      resolve: async (query, _root, raw, ctx) => {
        const id = await moveCase(ctx, toMove(raw as never, ctx));
        return ctx.prisma.recognitionCase.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
  );

const list = (values: readonly string[], field: string, max: number) => {
  if (values.length === 0 || values.length > max) throw invalidInput(`${field} must list 1 to ${max} entries`, { field });
  return values.map((value, index) => checkText(value, `${field}.${index}`, 1, 200));
};

stepMutation<{ extendedChecks?: boolean | null }>(
  'acceptApplication',
  '受理: accept a SUBMITTED application; the decision is due within the county’s working days (longer when extra checks are needed).',
  (t) => ({ extendedChecks: t.arg.boolean({ required: false, defaultValue: false, description: '需补充核查 (the extended deadline applies)' }) }),
  (args) => ({
    caseId: String(args.caseId),
    to: 'ACCEPTED',
    on: args.on,
    note: args.extendedChecks ? '受理 (需补充核查)' : '受理',
    apply: (_tx, _current, policy, on) => ({
      acceptedOn: on,
      extendedChecks: args.extendedChecks ?? false,
      decisionDueOn: decisionDueOn(on, args.extendedChecks ?? false, policy),
    }),
  }),
);

stepMutation<{ missingDocuments: string[] }>(
  'refuseApplication',
  '不予受理: refuse a SUBMITTED application, listing the documents it lacks (the household may apply again).',
  (t) => ({ missingDocuments: t.arg.stringList({ description: '缺少的材料 (1–20)' }) }),
  (args) => {
    const missing = list(args.missingDocuments, 'missingDocuments', 20);
    return {
      caseId: String(args.caseId),
      to: 'NOT_ACCEPTED',
      on: args.on,
      note: `缺少材料：${missing.join('、')}`,
      apply: (_tx, _c, _p, on) => ({ missingDocuments: missing, decidedOn: on }),
    };
  },
);

const InvestigationInput = builder.inputType('HomeInvestigationInput', {
  description: '入户调查记录',
  fields: (t) => ({
    investigators: t.stringList({ description: '调查人员 (1–5; at least two is the practice)' }),
    visitedOn: t.field({ type: 'Date', description: '入户日期 (not before acceptance, not in the future)' }),
    findings: t.string({ description: '调查情况 (2–2000 characters)' }),
  }),
});

stepMutation<{ input: { investigators: string[]; visitedOn: Date; findings: string } }>(
  'recordInvestigation',
  '入户调查: record the home investigation of an ACCEPTED case.',
  (t) => ({ input: t.arg({ type: InvestigationInput, description: 'Who visited, when, what they found' }) }),
  (args) => {
    const investigators = list(args.input.investigators, 'input.investigators', 5);
    const findings = checkText(args.input.findings, 'input.findings', 2, 2000);
    return {
      caseId: String(args.caseId),
      to: 'INVESTIGATED',
      on: args.on ?? args.input.visitedOn,
      note: `入户调查：${investigators.join('、')}`,
      apply: (_tx, current, _policy, on) => {
        const visitedOn = args.input.visitedOn;
        if (visitedOn > on || (current.acceptedOn && visitedOn < current.acceptedOn)) {
          throw invalidInput('visitedOn must be between acceptance and the day the investigation is recorded', { field: 'input.visitedOn' });
        }
        return { investigation: { investigators, visitedOn: formatDate(visitedOn), findings } };
      },
    };
  },
);

stepMutation<{ opinion: string; democraticAppraisal?: string | null }>(
  'reviewAtTownship',
  '乡镇审核: the township’s opinion on a VERIFIED case (with the democratic appraisal where one was held).',
  (t) => ({
    opinion: t.arg.string({ description: '审核意见 (2–500 characters)' }),
    democraticAppraisal: t.arg.string({ required: false, description: '民主评议意见 (optional)' }),
  }),
  (args) => {
    const opinion = checkReason(args.opinion, 'opinion');
    const appraisal = args.democraticAppraisal == null ? null : checkReason(args.democraticAppraisal, 'democraticAppraisal');
    return {
      caseId: String(args.caseId),
      to: 'TOWNSHIP_REVIEWED',
      on: args.on,
      note: opinion,
      apply: () => ({ townshipOpinion: opinion, democraticAppraisal: appraisal }),
    };
  },
);

stepMutation<Record<string, never>>(
  'startPublicNotice',
  '公示: publish a TOWNSHIP_REVIEWED case for the county’s notice period (from `on`).',
  () => ({}),
  (args) => ({
    caseId: String(args.caseId),
    to: 'PUBLIC_NOTICE',
    on: args.on,
    note: '公示',
    apply: (_tx, _current, policy, on) => ({ noticeStartOn: on, noticeEndOn: noticeEndOn(on, policy) }),
  }),
);

stepMutation<{ reasons: string[] }>(
  'rejectCase',
  '不予确认: refuse a case after verification, township review or notice, with reasons the applicant can read.',
  (t) => ({ reasons: t.arg.stringList({ description: '理由 (1–10)' }) }),
  (args) => {
    const reasons = list(args.reasons, 'reasons', 10);
    return {
      caseId: String(args.caseId),
      to: 'REJECTED',
      on: args.on,
      note: reasons.join('；'),
      apply: async (tx, current, _policy, on) => {
        if (current.kind !== 'APPLICATION') throw invalidInput('A review is decided with decideReview', { field: 'caseId' });
        if (current.step === 'PUBLIC_NOTICE') await noticeMayClose(tx, current, on);
        return { decidedOn: on, decisionReason: reasons.join('；') };
      },
    };
  },
);

/** A decision during notice waits for its end and for every objection's answer. */
export async function noticeMayClose(tx: Tx, current: CaseRow, on: Date) {
  const open = await tx.noticeObjection.count({ where: { caseId: current.id, answeredAt: null } });
  checkNoticeClosed(current.noticeEndOn, on, open);
}

stepMutation<Record<string, never>>(
  'notifyApplicant',
  '告知: record that the applicant was told the decision in writing (CONFIRMED or REJECTED).',
  () => ({}),
  (args) => ({ caseId: String(args.caseId), to: 'NOTIFIED', on: args.on, note: '书面告知', apply: (_tx, _c, _p, on) => ({ notifiedOn: on }) }),
);

stepMutation<{ reason: string }>(
  'withdrawCase',
  '撤回: withdraw a case at any step before the decision.',
  (t) => ({ reason: t.arg.string({ description: '撤回原因 (2–500 characters)' }) }),
  (args) => {
    const reason = checkReason(args.reason);
    return { caseId: String(args.caseId), to: 'WITHDRAWN', on: args.on, note: reason, apply: (_tx, _c, _p, on) => ({ decidedOn: on, decisionReason: reason }) };
  },
);
