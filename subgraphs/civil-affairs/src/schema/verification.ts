// 家庭经济状况核对: the report assembled from the application, the register and the departments'
// records (read through the gateway as a SERVICE identity), stored on the case with the
// assessment it leads to; and the same report, printable, for legal aid (司法局).
import { ageOn, formatDate, today } from '@lip/shared/calendar';
import { notFound } from '@lip/shared/errors';
import { gatewayClient } from '@lip/shared/gateway-client';
import { maskIdNumber, maskName, seesPersonalData } from '@lip/shared/masking';
import { toFen } from '@lip/shared/money';
import { CITY_PREFIX, regionPath } from '@lip/shared/regions';
import { assertInRegion } from '@lip/shared/scopes';
import { builder } from '../builder.ts';
import { type Assessment, assess, type Evidence } from '../domain/assessment.ts';
import { renderLegalAidReport } from '../domain/legal-aid-report.ts';
import { checkTransition } from '../domain/recognition.ts';
import { buildVerification, type Declared, type DepartmentRecords, FEED_SOURCE, type VerificationReport } from '../domain/verification.ts';
import type { CaseStep, Prisma } from '../generated/prisma/client.ts';
import { RecognitionCase } from './application.ts';
import { moveCase } from './case-steps.ts';
import { memberQuery } from './member-query.ts';

const DEPARTMENT_QUERY = `query RecognitionDepartmentRecords($id: IdNumber!, $year: Int!, $previous: Int!) {
  person(idNumber: $id) {
    thisYear: medicalYearTotals(year: $year) { year outOfPocketTotal }
    lastYear: medicalYearTotals(year: $previous) { year outOfPocketTotal }
    unionThisYear: unionAssistance(year: $year) { kind amount grantedOn }
    unionLastYear: unionAssistance(year: $previous) { kind amount grantedOn }
    urbanHousingAssistances { kind monthlyAmount startDate current }
  }
}`;

interface DepartmentAnswer {
  person: {
    thisYear: DepartmentRecords['medicalYearTotals'] | null;
    lastYear: DepartmentRecords['medicalYearTotals'] | null;
    unionThisYear: DepartmentRecords['unionAssistance'] | null;
    unionLastYear: DepartmentRecords['unionAssistance'] | null;
    urbanHousingAssistances: DepartmentRecords['urbanHousingAssistances'] | null;
  } | null;
}

/** Which department answers which alias: a failed alias names the department that could not be read. */
const SOURCE_OF: Record<string, string> = {
  thisYear: '医保局',
  lastYear: '医保局',
  unionThisYear: '总工会',
  unionLastYear: '总工会',
  urbanHousingAssistances: '住建局',
};

/** The feeds of departments outside the graph the report lists (monitoring holds their rows). */
const FEEDS = ['VEHICLE', 'BUSINESS', 'REAL_ESTATE', 'UNEMPLOYMENT'] as const;

interface FeedAnswer {
  feed: string;
  source: string;
  occurredOn: string;
  state: { status: string | null; kind: string | null; level: number | null; amount: string | null; reference: string | null };
}

/**
 * The members' rows of the outside feeds, by ID number, or null when monitoring could not be read.
 * Read as the city-wide verification service: a feed row has no region, so monitoring gives them
 * to city-wide civil affairs only; the case (or person) was checked against the caller's region first.
 */
async function readFeedRecords(idNumbers: readonly string[]): Promise<Map<string, DepartmentRecords['feedRecords']> | null> {
  const gateway = gatewayClient('civil-affairs', { department: 'CIVIL_AFFAIRS', region: CITY_PREFIX });
  const { query, variables, alias } = memberQuery(
    'RecognitionFeedRecords',
    idNumbers,
    `feedRecords(feeds: [${FEEDS.join(', ')}]) { feed source occurredOn state { status kind level amount reference } }`,
  );
  try {
    const answer = await gateway.request<Record<string, { feedRecords: FeedAnswer[] | null } | null>>(query, variables);
    // A null list is monitoring refusing this identity (a narrower service token): unavailable, not empty.
    if (answer.errors?.length || !answer.data || idNumbers.some((_, index) => answer.data![alias(index)]?.feedRecords === null)) return null;
    const found = new Map<string, DepartmentRecords['feedRecords']>();
    idNumbers.forEach((idNumber, index) => {
      const rows = answer.data![alias(index)]?.feedRecords ?? [];
      found.set(
        idNumber,
        rows.map((row) => ({ feed: row.feed, source: row.source, occurredOn: row.occurredOn, ...row.state })),
      );
    });
    return found;
  } catch {
    return null;
  }
}

/** The members' department and feed records, and the sources that could not be read (the gateway down, a subgraph failing). */
export async function readDepartmentRecords(idNumbers: readonly string[], countyCode: string, on: Date) {
  const unavailable = new Set<string>();
  const year = on.getUTCFullYear();
  const gateway = gatewayClient('civil-affairs', { department: 'CIVIL_AFFAIRS', region: countyCode });
  const feeds = idNumbers.length ? await readFeedRecords(idNumbers) : new Map();
  if (!feeds) unavailable.add(FEED_SOURCE);
  const records = await Promise.all(
    idNumbers.map(async (idNumber): Promise<DepartmentRecords> => {
      const empty = { idNumber, medicalYearTotals: [], unionAssistance: [], urbanHousingAssistances: [], feedRecords: feeds?.get(idNumber) ?? [] };
      try {
        const answer = await gateway.request<DepartmentAnswer>(DEPARTMENT_QUERY, { id: idNumber, year, previous: year - 1 });
        for (const error of answer.errors ?? []) {
          const source = SOURCE_OF[String(error.path?.[1])];
          if (source) unavailable.add(source);
          else for (const each of Object.values(SOURCE_OF)) unavailable.add(each);
        }
        const person = answer.data?.person;
        if (!person) return empty;
        return {
          ...empty,
          medicalYearTotals: [...(person.lastYear ?? []), ...(person.thisYear ?? [])],
          unionAssistance: [...(person.unionLastYear ?? []), ...(person.unionThisYear ?? [])],
          urbanHousingAssistances: person.urbanHousingAssistances ?? [],
        };
      } catch {
        for (const source of Object.values(SOURCE_OF)) unavailable.add(source);
        return empty;
      }
    }),
  );
  return { records, unavailable: [...unavailable].sort() };
}

type CaseWithEvidence = Prisma.RecognitionCaseGetPayload<{
  include: { household: true; members: { include: { person: true } }; incomes: true; assets: true; expenditures: true };
}>;

const money = (value: { toString(): string }) => Number(value.toString()).toFixed(2);

/** The assessment's evidence from a stored case, amounts in fen, ages on `on`. */
export function evidenceOf(found: CaseWithEvidence, on: Date): Evidence {
  return {
    hukouType: found.household.hukouType,
    members: found.members.map((member) => ({
      idNumber: member.idNumber,
      age: ageOn(member.person.birthDate, on),
      ableToWork: member.ableToWork,
      severeDisability: member.severeDisability,
      hasSupporter: member.hasSupporter,
      careLevel: member.careLevel,
      careInstitution: member.careInstitution,
    })),
    incomes: found.incomes.map((income) => ({ kind: income.kind, memberIdNumber: income.memberIdNumber, monthly: toFen(money(income.monthlyAmount)) })),
    assets: found.assets.map((asset) => ({ kind: asset.kind, value: toFen(money(asset.value)) })),
    expenditures: found.expenditures.map((item) => ({ kind: item.kind, annual: toFen(money(item.annualAmount)) })),
    otherHardship: found.otherHardship,
  };
}

/** What a stored case declared, amounts as yuan strings. */
const declaredOf = (found: CaseWithEvidence): Declared => ({
  submittedOn: found.submittedOn,
  incomes: found.incomes.map((income) => ({ kind: income.kind, memberIdNumber: income.memberIdNumber, monthlyAmount: money(income.monthlyAmount) })),
  assets: found.assets.map((asset) => ({ kind: asset.kind, value: money(asset.value), description: asset.description })),
  expenditures: found.expenditures.map((item) => ({ kind: item.kind, annualAmount: money(item.annualAmount), description: item.description })),
});

/** The verification report of a stored case, with department records read now. */
async function verificationOf(found: CaseWithEvidence, on: Date): Promise<VerificationReport> {
  const { records, unavailable } = await readDepartmentRecords(
    found.members.map((member) => member.idNumber),
    found.countyCode,
    on,
  );
  return buildVerification({
    on,
    declared: declaredOf(found),
    register: {
      monthlyIncome: money(found.household.monthlyIncome),
      financialAssets: money(found.household.financialAssets),
      realEstateCount: found.household.realEstateCount,
      vehicleCount: found.household.vehicleCount,
      updatedAt: found.household.updatedAt,
    },
    departments: records,
    unavailable,
  });
}

/** Steps at which a case carries a verification report. */
const VERIFIED_STEPS: CaseStep[] = ['VERIFIED', 'TOWNSHIP_REVIEWED', 'PUBLIC_NOTICE', 'CONFIRMED', 'REJECTED', 'NOTIFIED'];

const EVIDENCE = { household: true, members: { include: { person: true } }, incomes: true, assets: true, expenditures: true } as const;

builder.mutationFields((t) => ({
  verifyEconomicSituation: t.prismaField({
    type: RecognitionCase,
    description:
      '家庭经济状况核对: assemble the verification report (declared, register, health-insurance, union and housing records, and the outside feeds’ vehicles, businesses, real estate and unemployment where monitoring holds them, each with source and date), store it on the case with the assessment of every category, and move the case to VERIFIED.',
    args: {
      caseId: t.arg.id({ description: '案件编号' }),
      on: t.arg({ type: 'Date', required: false, description: '核对日期 (default today)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.caseId);
      const on = args.on ?? today();
      // Checked before the department reads, so a case at the wrong step costs no calls; checked again under the lock.
      const found = await ctx.prisma.recognitionCase.findUnique({ where: { id }, include: EVIDENCE });
      if (!found?.regionCode.startsWith(ctx.identity.region)) throw notFound('RecognitionCase', id);
      checkTransition(found.kind, found.step, 'VERIFIED');
      const verification = await verificationOf(found, on);
      await moveCase(ctx, {
        caseId: id,
        to: 'VERIFIED',
        on,
        note: verification.differences.length ? `核对完成，${verification.differences.length} 处不一致` : '核对完成',
        apply: (_tx, _current, policy) => ({
          verification: verification as unknown as Prisma.InputJsonValue,
          assessment: assess(evidenceOf(found, on), policy) as unknown as Prisma.InputJsonValue,
        }),
      });
      return ctx.prisma.recognitionCase.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

interface LegalAidFile {
  fileName: string;
  contentType: string;
  html: string;
}

const LegalAidReport = builder.objectRef<LegalAidFile>('LegalAidReport').implement({
  description: '法律援助家庭经济状况核对报告: a print-ready HTML file.',
  fields: (t) => ({
    fileName: t.exposeString('fileName', { description: '文件名' }),
    contentType: t.exposeString('contentType', { description: 'MIME type (text/html; charset=utf-8)' }),
    html: t.exposeString('html', { description: '报告内容 (a complete HTML document, styled for A4 print)' }),
  }),
});

builder.queryFields((t) => ({
  legalAidReport: t.field({
    type: LegalAidReport,
    description:
      '出具家庭经济状况核对报告 (法律援助): the economic verification of a person’s household, as a printable file, with department records read now and the latest assessment on record. For the justice bureau and civil affairs’ staff; every request is audited.',
    authScopes: { legalAidReport: true },
    args: { idNumber: t.arg({ type: 'IdNumber', description: '申请法律援助的人' }) },
    resolve: async (_root, { idNumber }, ctx) => {
      const person = await ctx.prisma.person.findUnique({
        where: { idNumber },
        include: { household: { include: { members: { orderBy: { idNumber: 'asc' } } } } },
      });
      if (!person?.regionCode.startsWith(ctx.identity.region)) throw notFound('Person', idNumber);
      assertInRegion(ctx.identity, person.regionCode);
      const on = today();
      const members = person.household?.members ?? [person];
      const latest = person.household
        ? await ctx.prisma.recognitionCase.findFirst({
            where: { householdId: person.household.id, step: { in: VERIFIED_STEPS } },
            orderBy: { updatedAt: 'desc' },
            include: EVIDENCE,
          })
        : null;
      const withVerification = latest?.verification ? latest : null;
      const { records, unavailable } = await readDepartmentRecords(
        members.map((member) => member.idNumber),
        person.regionCode.slice(0, 6),
        on,
      );
      const report = buildVerification({
        on,
        declared: withVerification ? declaredOf(withVerification) : { submittedOn: on, incomes: [], assets: [], expenditures: [] },
        register: person.household
          ? {
              monthlyIncome: money(person.household.monthlyIncome),
              financialAssets: money(person.household.financialAssets),
              realEstateCount: person.household.realEstateCount,
              vehicleCount: person.household.vehicleCount,
              updatedAt: person.household.updatedAt,
            }
          : { monthlyIncome: '0.00', financialAssets: '0.00', realEstateCount: 0, vehicleCount: 0, updatedAt: person.updatedAt },
        departments: records,
        unavailable,
      });
      const full = seesPersonalData(ctx.identity.role);
      const html = renderLegalAidReport({
        issuedOn: formatDate(on),
        requestedBy: `${ctx.identity.name ?? ctx.identity.subject}${ctx.identity.department ? ` (${ctx.identity.department})` : ''}`,
        applicant: { name: full ? person.name : maskName(person.name), idNumber: full ? person.idNumber : maskIdNumber(person.idNumber) },
        address: full ? (person.household?.address ?? '') : '',
        region: regionPath(person.regionCode)
          .map((part) => part.name)
          .join(''),
        members: members.map((member) => ({
          name: full ? member.name : maskName(member.name),
          idNumber: full ? member.idNumber : maskIdNumber(member.idNumber),
          relationship: member.relationshipToHead ?? 'OTHER',
        })),
        report: { ...report, items: report.items.map((item) => ({ ...item, idNumber: item.idNumber && !full ? maskIdNumber(item.idNumber) : item.idNumber })) },
        assessment: (withVerification?.assessment as Assessment | null) ?? null,
        assessedOn: withVerification ? formatDate(withVerification.updatedAt) : null,
      });
      return {
        fileName: `家庭经济状况核对报告-${formatDate(on)}-${full ? person.idNumber.slice(-4) : 'xxxx'}.html`,
        contentType: 'text/html; charset=utf-8',
        html,
      };
    },
  }),
}));
