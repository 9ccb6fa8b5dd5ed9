// Demo recognition cases: applicant households of 湖滨街道 registered for the demo, with a case at
// every step (and one overdue, one objection, one taken on a home visit, one review), dated back
// from the seeding day.
// Deterministic: the same households, evidence and case ids on every seed; the assessment,
// deadlines and holdings come from the same domain functions the API uses.
import { insertRows } from '@lip/shared/bulk-insert';
import { addDays, addMonths, ageOn, dateOf, formatDate, today } from '@lip/shared/calendar';
import type { SqlRunner } from '@lip/shared/database';
import { makeIdNumber } from '@lip/shared/id-number';
import { assess, type Evidence, proposedGrants, recognitionPolicy, reviewMonths } from '../domain/assessment.ts';
import { decisionDueOn, noticeEndOn, stepDueOn } from '../domain/recognition.ts';
import { buildVerification } from '../domain/verification.ts';
import type { CaseStep } from '../generated/prisma/enums.ts';

const VILLAGE = '411202001001';
const ACTOR = 'demo-seed';

/** A deterministic UUID-shaped id: kind letter and a number. */
const demoId = (kind: number, n: number) => `d${kind.toString(16).padStart(7, '0')}-0000-4000-8000-${n.toString().padStart(12, '0')}`;
export const demoCaseId = (n: number) => demoId(1, n);

interface Plan {
  /** The step the case has reached, and the path there. */
  path: CaseStep[];
  /** Per-capita monthly wages (yuan) of the head. */
  wages: number;
  members: number;
  /** Days before today the case was submitted. */
  submittedAgo: number;
  objection?: boolean;
  /** Taken on a home visit (入户代办). */
  homeVisit?: boolean;
  /** The household's holdings are due for review, and the review is open (short form, ACCEPTED). */
  review?: boolean;
}

const FULL: CaseStep[] = ['SUBMITTED', 'ACCEPTED', 'INVESTIGATED', 'VERIFIED', 'TOWNSHIP_REVIEWED', 'PUBLIC_NOTICE', 'CONFIRMED', 'NOTIFIED'];
const upTo = (step: CaseStep) => FULL.slice(0, FULL.indexOf(step) + 1);
const PLANS: Plan[] = [
  { path: upTo('SUBMITTED'), wages: 500, members: 2, submittedAgo: 1 },
  { path: upTo('SUBMITTED'), wages: 400, members: 3, submittedAgo: 30, homeVisit: true }, // overdue: never accepted
  { path: ['SUBMITTED', 'NOT_ACCEPTED'], wages: 600, members: 2, submittedAgo: 12 },
  { path: upTo('ACCEPTED'), wages: 700, members: 2, submittedAgo: 8 },
  { path: upTo('INVESTIGATED'), wages: 300, members: 1, submittedAgo: 10 },
  { path: upTo('VERIFIED'), wages: 900, members: 1, submittedAgo: 12 },
  { path: upTo('TOWNSHIP_REVIEWED'), wages: 600, members: 2, submittedAgo: 14 },
  { path: upTo('PUBLIC_NOTICE'), wages: 400, members: 2, submittedAgo: 9, objection: true },
  { path: upTo('PUBLIC_NOTICE'), wages: 500, members: 3, submittedAgo: 8 },
  { path: upTo('CONFIRMED'), wages: 600, members: 2, submittedAgo: 25 },
  { path: FULL, wages: 300, members: 2, submittedAgo: 40 },
  { path: ['SUBMITTED', 'ACCEPTED', 'INVESTIGATED', 'VERIFIED', 'REJECTED'], wages: 3000, members: 2, submittedAgo: 6 },
  { path: ['SUBMITTED', 'ACCEPTED', 'WITHDRAWN'], wages: 500, members: 1, submittedAgo: 15 },
  // Confirmed over a year ago: the six-monthly review came due and is open.
  { path: FULL, wages: 350, members: 2, submittedAgo: 400, review: true },
];

/** The id of the demo review case of plan `n` (1-based). */
export const demoReviewCaseId = (n: number) => demoCaseId(100 + n);

const NAMES = [
  ['刘德华', '陈丽娟', '刘小宇'],
  ['张国强', '王春梅', '张雨涵'],
  ['李建军', '赵桂芳', '李浩然'],
  ['王志刚', '孙秀兰', '王子轩'],
  ['陈永福', '周玉珍', '陈思琪'],
];

/** Adds the demo applicants and their cases; `policyRows` are the civil-affairs parameters already in the database. */
export async function seedCases(sql: SqlRunner, policyRows: { regionCode: string; year: number; name: string; value: string }[]) {
  const now = today();
  const years = policyRows.map((row) => row.year).filter((year) => year <= now.getUTCFullYear());
  if (years.length === 0) return 0;
  const policy = recognitionPolicy(policyRows, VILLAGE.slice(0, 6), Math.max(...years));
  // Rows per table, parents first; each object is keyed by column name (insertRows reads the types from the catalogue).
  const rows: Record<string, object[]> = {
    Household: [],
    Person: [],
    RecognitionCase: [],
    CaseMember: [],
    CaseIncome: [],
    CaseAsset: [],
    CaseStepEvent: [],
    NoticeObjection: [],
    CategoryHolding: [],
    CategoryHoldingEvent: [],
  };
  const add = (table: string, row: object) => rows[table]!.push(row);
  let serial = 0;
  const next = () => demoId(9, ++serial);
  // The population may already use an ID number: skip it (deterministic, as the population is).
  const taken = new Set((await sql.query<{ idNumber: string }>(`SELECT "idNumber" FROM "Person" WHERE "idNumber" LIKE '411202%'`)).map((row) => row.idNumber));
  let sequence = 900;
  const freshId = (birthDate: string, male: boolean) => {
    for (;;) {
      sequence++;
      if (sequence % 2 !== (male ? 1 : 0)) continue;
      const idNumber = makeIdNumber({ areaCode: '411202', birthDate, sequence });
      if (!taken.has(idNumber)) return idNumber;
    }
  };
  for (const [index, plan] of PLANS.entries()) {
    const householdId = demoId(2, index + 1);
    const caseId = demoCaseId(index + 1);
    const names = NAMES[index % NAMES.length]!;
    const members = Array.from({ length: plan.members }, (_, m) => {
      const birthDate = `${1962 + index + m * 3}-0${(m % 9) + 1}-1${m}`;
      const male = m !== 1;
      const idNumber = freshId(birthDate, male);
      return { idNumber, name: names[m]!, sex: male ? 'MALE' : 'FEMALE', birthDate, relationship: m === 0 ? 'HEAD' : m === 1 ? 'SPOUSE' : 'CHILD' };
    });
    const head = members[0]!;
    const wages = (plan.wages * plan.members).toFixed(2);
    add('Household', {
      id: householdId,
      regionCode: VILLAGE,
      address: `湖滨街道市场社区${index + 1}号院`,
      hukouType: 'URBAN',
      monthlyIncome: wages,
      financialAssets: '3000',
    });
    for (const member of members)
      add('Person', {
        idNumber: member.idNumber,
        name: member.name,
        sex: member.sex,
        birthDate: member.birthDate,
        regionCode: VILLAGE,
        hukouType: 'URBAN',
        householdId,
        relationshipToHead: member.relationship,
      });

    const submittedOn = addDays(now, -plan.submittedAgo);
    const dates: Date[] = plan.path.map((_, i) => addDays(submittedOn, i));
    const on = (step: CaseStep) => dates[plan.path.indexOf(step)] ?? null;
    const acceptedOn = on('ACCEPTED');
    const due = acceptedOn ? decisionDueOn(acceptedOn, false, policy) : null;
    const noticeStart = on('PUBLIC_NOTICE');
    // A confirmed case waited for its notice to end.
    const decidedAt = on('CONFIRMED') ?? on('REJECTED') ?? on('NOT_ACCEPTED') ?? on('WITHDRAWN');
    const decided = decidedAt && noticeStart ? noticeEndOn(noticeStart, policy) : decidedAt;
    const notified = on('NOTIFIED') && decided ? addDays(decided, 1) : null;
    const step = plan.path.at(-1)!;
    const evidence: Evidence = {
      hukouType: 'URBAN',
      members: members.map((member, m) => ({
        idNumber: member.idNumber,
        age: ageOn(dateOf(member.birthDate), now),
        ableToWork: m === 0,
        severeDisability: false,
        hasSupporter: true,
      })),
      incomes: [{ kind: 'WAGES', memberIdNumber: head.idNumber, monthly: Math.round(Number(wages) * 100) }],
      assets: [{ kind: 'DEPOSITS', value: 300000 }],
      expenditures: [],
    };
    const verifiedOn = on('VERIFIED');
    const assessment = verifiedOn ? assess(evidence, policy) : null;
    const verification = verifiedOn
      ? buildVerification({
          on: verifiedOn,
          declared: {
            submittedOn,
            incomes: [{ kind: 'WAGES', memberIdNumber: head.idNumber, monthlyAmount: wages }],
            assets: [{ kind: 'DEPOSITS', value: '3000.00', description: '银行存款' }],
            expenditures: [],
          },
          register: { monthlyIncome: wages, financialAssets: '3000.00', realEstateCount: 0, vehicleCount: 0, updatedAt: submittedOn },
          departments: [],
          // The demo seed reads no department: the report says so.
          unavailable: ['住建局', '医保局', '总工会'],
        })
      : null;
    const stepDue = stepDueOn(step, { submittedOn, decisionDueOn: due, decidedOn: decided }, policy);
    add('RecognitionCase', {
      id: caseId,
      kind: 'APPLICATION',
      channel: plan.homeVisit ? 'HOME_VISIT' : 'IN_PERSON',
      alertId: null,
      householdId,
      regionCode: VILLAGE,
      countyCode: '411202',
      reason: '家庭收入低，生活困难',
      step,
      stepDueOn: stepDue,
      submittedOn,
      acceptedOn,
      decisionDueOn: due,
      missingDocuments: step === 'NOT_ACCEPTED' ? ['户口簿', '收入证明'] : [],
      investigation: on('INVESTIGATED')
        ? JSON.stringify({ investigators: ['张三', '李四'], visitedOn: formatDate(on('INVESTIGATED')!), findings: '家庭情况与申报基本一致' })
        : null,
      verification: verification ? JSON.stringify(verification) : null,
      assessment: assessment ? JSON.stringify(assessment) : null,
      townshipOpinion: on('TOWNSHIP_REVIEWED') ? '情况属实，同意' : null,
      noticeStartOn: noticeStart,
      noticeEndOn: noticeStart ? noticeEndOn(noticeStart, policy) : null,
      decidedOn: decided,
      decisionReason:
        step === 'NOT_ACCEPTED'
          ? '缺少户口簿、收入证明'
          : plan.path.includes('REJECTED')
            ? '家庭月人均收入高于低保边缘标准'
            : plan.path.includes('WITHDRAWN')
              ? '申请人撤回'
              : decided
                ? '公示无异议'
                : null,
      notifiedOn: notified,
      createdBy: ACTOR,
    });
    const evidenceRows = (id: string) => {
      for (const [m, member] of members.entries()) add('CaseMember', { caseId: id, idNumber: member.idNumber, ableToWork: m === 0, hasSupporter: true });
      add('CaseIncome', { id: next(), caseId: id, memberIdNumber: head.idNumber, kind: 'WAGES', monthlyAmount: wages });
      add('CaseAsset', { id: next(), caseId: id, kind: 'DEPOSITS', value: '3000', description: '银行存款' });
    };
    const stepEvent = (id: string, fromStep: CaseStep | null, toStep: CaseStep, note: string, on: Date) =>
      add('CaseStepEvent', { id: next(), caseId: id, fromStep, toStep, note, actor: ACTOR, on });
    evidenceRows(caseId);
    plan.path.forEach((to, i) => {
      const at = ['CONFIRMED', 'REJECTED'].includes(to) && decided ? decided : to === 'NOTIFIED' ? notified! : dates[i]!;
      stepEvent(caseId, i === 0 ? null : plan.path[i - 1]!, to, i === 0 ? '家庭收入低，生活困难' : to, at);
    });
    if (plan.objection && noticeStart)
      add('NoticeObjection', { id: next(), caseId, raisedOn: noticeStart, content: '反映该户有成员在外务工收入未申报', recordedBy: ACTOR });
    if (decided && plan.path.includes('CONFIRMED') && assessment) {
      for (const grant of proposedGrants(assessment)) {
        const holdingId = next();
        const nextReview = addMonths(decided, reviewMonths(grant.category, true, policy));
        add('CategoryHolding', {
          id: holdingId,
          personIdNumber: grant.idNumber,
          category: grant.category,
          status: 'ACTIVE',
          validFrom: decided,
          recognizedBy: `RecognitionCase:${caseId}`,
          monthlyAmount: grant.monthlyAmount,
          nextReviewOn: nextReview,
        });
        add('CategoryHoldingEvent', { id: next(), holdingId, action: 'GRANTED', toStatus: 'ACTIVE', reason: '认定确认：公示无异议', actor: ACTOR });
      }
    }
    if (plan.review) {
      // 复核 in short form: opened ACCEPTED three days ago with the household's evidence as it is now.
      const reviewId = demoReviewCaseId(index + 1);
      const startedOn = addDays(now, -3);
      const reviewDue = decisionDueOn(startedOn, false, policy);
      // Every column the application row names (insertRows takes them from a table's first row); the rest are null.
      add('RecognitionCase', {
        id: reviewId,
        kind: 'REVIEW',
        channel: 'IN_PERSON',
        householdId,
        regionCode: VILLAGE,
        countyCode: '411202',
        reason: '定期复核',
        step: 'ACCEPTED',
        stepDueOn: stepDueOn('ACCEPTED', { submittedOn: startedOn, decisionDueOn: reviewDue }, policy),
        submittedOn: startedOn,
        acceptedOn: startedOn,
        decisionDueOn: reviewDue,
        missingDocuments: [],
        createdBy: ACTOR,
      });
      evidenceRows(reviewId);
      stepEvent(reviewId, null, 'ACCEPTED', '定期复核', startedOn);
    }
  }
  for (const [table, list] of Object.entries(rows)) await insertRows(sql, table, list);
  return PLANS.length;
}
