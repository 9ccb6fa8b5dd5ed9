// Demo data derived from the same synthetic population the civil-affairs register is seeded with
// (@lip/shared/demo/population, same seed and size → same persons and categories):
// - enrolments for 2024, 2025 and 2026 for nearly every person, with the subsidy and assistance identity the
//   person's categories call for; about 4% of entitled person-years are gaps (not enrolled, identity not synced,
//   a wrong subsidy kind or a less favourable identity), and some persons who left the register keep a stale
//   identity (应退未退);
// - claims for a realistic share (inpatient 10–15% a year, chronic outpatient for the chronically ill, a few
//   ordinary outpatient visits), with medical assistance computed by the same rules and policy as a recorded
//   claim, a few catastrophic bills, and a few reversed claims;
// - enrolments and claims for persons NOT in the register, some with very high out-of-pocket totals.
// Deterministic from the seed. Rows go in through the shared bulk insert in one transaction, as in civil affairs.
import { bulkLoad, countRows, insertRows, withIndexesBuiltAfter } from '@lip/shared/bulk-insert';
import type { Database, SqlRunner } from '@lip/shared/database';
import { DEMO_ACTOR, type DemoPerson, generatePopulation, type LowIncomeCategory, Random } from '@lip/shared/demo/population';
import { demoSetting } from '@lip/shared/demo/settings';
import { makeIdNumber } from '@lip/shared/id-number';
import type { PolicyParameterRow } from '@lip/shared/policy';
import { type ClaimAmounts, claimComputation, computeAssistance, type MedicalVisitKind, type YearUsage } from '../domain/claims.ts';
import { decideSubsidy, expectedSubsidyKind, type PremiumSubsidyKind } from '../domain/enrolment.ts';
import { preferredIdentity } from '../domain/identity.ts';
import { type Cents, formatCents } from '../domain/money.ts';
import { assistanceTier, fixedSubsidyCents, premiumCents } from '../domain/policy.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';

export interface SeedOptions {
  persons?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  seeded: boolean;
  enrolments: number;
  claims?: number;
}

export const DEMO_YEARS = [2024, 2025, 2026] as const;
/** Claims are dated up to this day (the demo describes the graph as of late 2026). */
export const DEMO_CLAIMS_UNTIL = '2026-10-31';

const SEED_LOCK_KEY = 0x11_2d_e3;
/** Persons per round trip. */
const CHUNK_PERSONS = 4_000;
/** A stream of its own, so the department's draws never disturb the population's. */
const STREAM = 0x4d_45_44; // "MED"

const COUNTIES = ['411202', '411203', '411221', '411224', '411281', '411282'] as const;

// ---------------------------------------------------------------------------------------------
// Rows

interface EnrolmentRow {
  id: string;
  personIdNumber: string;
  year: number;
  countyCode: string;
  premium: string;
  subsidyKind: PremiumSubsidyKind;
  subsidyAmount: string;
  assistanceIdentity: LowIncomeCategory | null;
}

type ClaimRow = ReturnType<typeof claimComputation> & {
  id: string;
  settlementNumber: string;
  enrolmentId: string;
  personIdNumber: string;
  year: number;
  visitKind: MedicalVisitKind;
  visitDate: string;
  totalCost: string;
  basicInsurancePaid: string;
  criticalIllnessPaid: string;
  status: 'SETTLED' | 'REVERSED';
  reversedAt: string | null;
  reversedBy: string | null;
  reversalReason: string | null;
};

// ---------------------------------------------------------------------------------------------
// Who is enrolled how

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The categories the department would have synced for a year: active ones, and ones that ended during or after it. */
function categoriesFor(person: DemoPerson, year: number): LowIncomeCategory[] {
  const found = new Set<LowIncomeCategory>();
  for (const holding of person.holdings) {
    if (holding.validFrom > `${year}-12-31`) continue;
    if (holding.status === 'ACTIVE' || (holding.status === 'ENDED' && holding.validTo !== null && holding.validTo >= `${year}-01-01`))
      found.add(holding.category);
  }
  return [...found];
}

/** A category the person held once but no longer holds actively (a stale identity candidate). */
const formerCategory = (person: DemoPerson): LowIncomeCategory | undefined => person.holdings.find((holding) => holding.status !== 'ACTIVE')?.category;

interface Decision {
  identity: LowIncomeCategory | null;
  kind?: PremiumSubsidyKind;
}

/** The enrolment of an entitled person-year: right in about 96%, a gap otherwise; undefined = not enrolled. */
function entitledEnrolment(rng: Random, best: LowIncomeCategory): Decision | undefined {
  const roll = rng.next();
  if (roll < 0.02) return undefined; // not enrolled at all
  if (roll < 0.032) return { identity: null }; // the identity was never synced: no subsidy, no assistance
  if (roll < 0.04) {
    // A wrong kind or a less favourable identity: an extreme-poverty person enrolled on a stale dibao identity
    // (FIXED instead of FULL), or someone recorded under OTHER_HARDSHIP instead of their better category.
    if (best === 'EXTREME_POVERTY') return { identity: 'SUBSISTENCE_ALLOWANCE' };
    return best === 'OTHER_HARDSHIP' ? { identity: null } : { identity: 'OTHER_HARDSHIP' };
  }
  return { identity: best };
}

// ---------------------------------------------------------------------------------------------
// Claims

const gaussian = (rng: Random) => Math.sqrt(-2 * Math.log(Math.max(rng.next(), 1e-12))) * Math.cos(2 * Math.PI * rng.next());
const yuan = (amount: number): Cents => Math.round(amount * 100);

/** What the settlement system reports for a bill: total, basic insurance, critical-illness insurance. */
function bill(rng: Random, kind: MedicalVisitKind, catastrophic: boolean): ClaimAmounts {
  let total: number;
  let basicShare: number;
  if (kind === 'INPATIENT') {
    total = catastrophic ? 150_000 + 300_000 * rng.next() : Math.min(300_000, Math.max(900, Math.exp(Math.log(8_500) + 0.85 * gaussian(rng))));
    basicShare = catastrophic ? 0.45 + 0.1 * rng.next() : 0.55 + 0.2 * rng.next();
  } else if (kind === 'CHRONIC_OUTPATIENT') {
    total = 150 + 2_200 * rng.next() ** 1.6;
    basicShare = 0.55 + 0.15 * rng.next();
  } else {
    total = 30 + 450 * rng.next() ** 2;
    basicShare = 0.5 * rng.next();
  }
  const totalCents = yuan(total);
  const basicCents = Math.round(totalCents * basicShare);
  // 大病保险 pays part of what is left above its threshold (about 18,000 yuan a year; per bill here).
  const rest = totalCents - basicCents;
  const criticalCents = kind === 'INPATIENT' && rest > yuan(18_000) ? Math.round((rest - yuan(18_000)) * (0.6 + 0.1 * rng.next())) : 0;
  return { totalCents, basicCents, criticalCents };
}

interface Visit {
  kind: MedicalVisitKind;
  day: number;
  catastrophic: boolean;
}

function ageIn(person: { birthDate: string }, year: number) {
  return year - Number(person.birthDate.slice(0, 4));
}

/** The visits of a person-year, in date order. */
function visits(rng: Random, age: number, lowIncome: boolean, chronic: boolean, catastrophic: boolean, from: number, to: number): Visit[] {
  const out: Visit[] = [];
  if (to < from) return out;
  const day = () => rng.int(from, to);
  const pInpatient = (age < 15 ? 0.05 : age < 45 ? 0.06 : age < 60 ? 0.1 : age < 75 ? 0.16 : 0.22) * (lowIncome ? 1.15 : 1);
  if (rng.chance(pInpatient)) {
    const roll = rng.next();
    const stays = roll < 0.7 ? 1 : roll < 0.92 ? 2 : 3;
    for (let i = 0; i < stays; i++) out.push({ kind: 'INPATIENT', day: day(), catastrophic: false });
  }
  if (catastrophic) out.push({ kind: 'INPATIENT', day: day(), catastrophic: true });
  if (chronic) {
    const count = rng.int(3, 8);
    for (let i = 0; i < count; i++) out.push({ kind: 'CHRONIC_OUTPATIENT', day: day(), catastrophic: false });
  }
  if (rng.chance(0.08)) {
    const count = rng.int(1, 2);
    for (let i = 0; i < count; i++) out.push({ kind: 'OUTPATIENT', day: day(), catastrophic: false });
  }
  return out.sort((a, b) => a.day - b.day);
}

const REVERSAL_REASONS = ['重复结算，冲销', '医疗机构申请退费重新结算', '结算信息有误，冲销后重新结算'];

// ---------------------------------------------------------------------------------------------

class Generator {
  readonly enrolments: EnrolmentRow[] = [];
  readonly claims: ClaimRow[] = [];
  private settlement = 0;

  constructor(
    private readonly rng: Random,
    private readonly policy: readonly PolicyParameterRow[],
  ) {}

  enrol(personIdNumber: string, year: number, countyCode: string, decision: Decision): EnrolmentRow {
    const premium = premiumCents(this.policy, countyCode, year);
    const subsidy = decideSubsidy({
      identity: decision.identity,
      requestedKind: decision.kind ?? expectedSubsidyKind(decision.identity),
      premiumCents: premium,
      fixedCents: (category) => fixedSubsidyCents(this.policy, category, countyCode, year),
    });
    const row: EnrolmentRow = {
      id: this.rng.uuid(),
      personIdNumber,
      year,
      countyCode,
      premium: formatCents(premium),
      subsidyKind: subsidy.kind,
      subsidyAmount: formatCents(subsidy.amountCents),
      assistanceIdentity: decision.identity,
    };
    this.enrolments.push(row);
    return row;
  }

  /** Claims of one enrolment, computed in date order exactly as `recordMedicalClaim` would. */
  settle(enrolment: EnrolmentRow, planned: Visit[]) {
    const usage: YearUsage = { deductibleAppliedCents: 0, assistanceCents: 0 };
    const identity = enrolment.assistanceIdentity;
    const tier = identity ? assistanceTier(this.policy, identity, enrolment.countyCode, enrolment.year) : null;
    for (const visit of planned) {
      const amounts = bill(this.rng, visit.kind, visit.catastrophic);
      const result = computeAssistance({ visitKind: visit.kind, amounts, identity, tier, usage });
      const reversed = this.rng.chance(0.004);
      if (!reversed) {
        usage.deductibleAppliedCents += result.deductibleAppliedCents;
        usage.assistanceCents += result.assistanceCents;
      }
      this.settlement++;
      this.claims.push({
        id: this.rng.uuid(),
        settlementNumber: `JS${enrolment.countyCode}${isoDay(visit.day).replaceAll('-', '')}${String(this.settlement).padStart(7, '0')}`,
        enrolmentId: enrolment.id,
        personIdNumber: enrolment.personIdNumber,
        year: enrolment.year,
        visitKind: visit.kind,
        visitDate: isoDay(visit.day),
        totalCost: formatCents(amounts.totalCents),
        basicInsurancePaid: formatCents(amounts.basicCents),
        criticalIllnessPaid: formatCents(amounts.criticalCents),
        ...claimComputation(result),
        status: reversed ? 'REVERSED' : 'SETTLED',
        reversedAt: reversed ? `${isoDay(visit.day + this.rng.int(3, 30))}T02:${String(this.rng.int(10, 59))}:00.000Z` : null,
        reversedBy: reversed ? DEMO_ACTOR : null,
        reversalReason: reversed ? this.rng.pick(REVERSAL_REASONS) : null,
      });
    }
  }

  /** Enrolments and claims of one person over the demo years. */
  person(
    person: { idNumber: string; birthDate: string; countyCode: string; deceasedOn: string | null },
    decide: (year: number) => Decision | undefined,
    lowIncome: boolean,
    catastrophicYear?: number,
  ) {
    const age = ageIn(person, DEMO_YEARS[0]);
    const chronic = this.rng.chance(age >= 65 ? 0.28 : age >= 45 ? 0.15 : 0.02);
    const until = dayOf(DEMO_CLAIMS_UNTIL);
    const died = person.deceasedOn ? dayOf(person.deceasedOn) : undefined;
    for (const year of DEMO_YEARS) {
      const start = dayOf(`${year}-01-01`);
      if (person.birthDate > `${year}-12-31`) continue;
      const deadBefore = died !== undefined && died < start;
      // A death is not always synced at once: a few dead persons are still enrolled the next year (never with claims).
      if (deadBefore && !(died! >= start - 366 && this.rng.chance(0.1))) continue;
      const decision = decide(year);
      if (!decision) continue;
      const enrolment = this.enrol(person.idNumber, year, person.countyCode, decision);
      if (deadBefore) continue;
      const from = Math.max(start, dayOf(person.birthDate));
      const to = Math.min(dayOf(`${year}-12-31`), until, died ?? Infinity);
      this.settle(enrolment, visits(this.rng, ageIn(person, year), lowIncome, chronic, year === catastrophicYear, from, to));
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** Takes the rows generated so far out of the generator; `insert` sends them. */
function take(generator: Generator) {
  return {
    enrolments: generator.enrolments.splice(0).map((row) => ({ ...row, recordedBy: DEMO_ACTOR })),
    claims: generator.claims.splice(0).map((row) => ({ ...row, recordedBy: DEMO_ACTOR })),
  };
}

async function insert(sql: SqlRunner, rows: ReturnType<typeof take>) {
  await insertRows(sql, 'MedicalInsuranceEnrolment', rows.enrolments);
  await insertRows(sql, 'MedicalClaim', rows.claims);
  return { enrolments: rows.enrolments.length, claims: rows.claims.length };
}

/**
 * Seeds the demo data unless there are enrolments already (a restart never duplicates).
 * Size and seed come from the options, else LIP_DEMO_PERSONS (default 20000) and LIP_DEMO_SEED (default 2024),
 * the same settings the civil-affairs register is seeded with.
 */
export async function seedIfEmpty(_prisma: PrismaClient, db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const persons = demoSetting(options.persons, process.env.LIP_DEMO_PERSONS, 20_000, 'persons');
  const seed = demoSetting(options.seed, process.env.LIP_DEMO_SEED, 2024, 'seed');
  const existing = await countRows(db.sql, 'MedicalInsuranceEnrolment');
  if (existing > 0) return { seeded: false, enrolments: existing };

  return bulkLoad(db, SEED_LOCK_KEY, async (sql) => {
    // Checked again under the lock: another process may have seeded meanwhile.
    const already = await countRows(sql, 'MedicalInsuranceEnrolment');
    if (already > 0) return { seeded: false, enrolments: already };
    return withIndexesBuiltAfter(sql, ['MedicalInsuranceEnrolment', 'MedicalClaim'], async () => {
      const policy = await sql.query<PolicyParameterRow>('SELECT "regionCode", "year", "name", "value"::text AS "value" FROM "PolicyParameter"');
      const rng = new Random(seed ^ STREAM);
      const generator = new Generator(rng, policy);
      const totals = { enrolments: 0, claims: 0 };
      const add = (counts: { enrolments: number; claims: number }) => {
        totals.enrolments += counts.enrolments;
        totals.claims += counts.claims;
      };
      const known = new Set<string>();
      let done = 0;
      let pending = 0;
      // One chunk in flight: the next is generated while it is inserted, so Node's generation and
      // PostgreSQL's inserts overlap instead of taking turns.
      let inFlight: Promise<void> = Promise.resolve();
      const send = async (progress: number) => {
        const rows = take(generator);
        await inFlight;
        inFlight = insert(sql, rows).then((counts) => {
          add(counts);
          options.onProgress?.(progress, persons);
        });
        inFlight.catch(() => {}); // awaited by the next send or at the end; not unhandled meanwhile
      };

      for (const household of generatePopulation({ seed, persons })) {
        for (const person of household.members) {
          known.add(person.idNumber);
          const lowIncome = person.holdings.length > 0;
          const former = formerCategory(person);
          const catastrophicYear = rng.chance(0.003) ? rng.pick(DEMO_YEARS) : undefined;
          generator.person(
            { idNumber: person.idNumber, birthDate: person.birthDate, countyCode: person.regionCode.slice(0, 6), deceasedOn: person.deceasedOn },
            (year) => {
              const best = preferredIdentity(categoriesFor(person, year));
              if (best) return entitledEnrolment(rng, best);
              if (rng.chance(0.04)) return undefined; // insured elsewhere (e.g. employee insurance)
              // Left the register, but the department's copy was not updated: 应退未退.
              if (former && year > 2024 && rng.chance(0.12)) return { identity: former };
              return { identity: null };
            },
            lowIncome,
            catastrophicYear,
          );
        }
        done += household.members.length;
        pending += household.members.length;
        if (pending >= CHUNK_PERSONS) {
          await send(done);
          pending = 0;
        }
      }

      // Persons the register does not know: about 1% more, a few recognised elsewhere (e.g. relapse monitoring
      // not yet imported), one in ten with a catastrophic bill and a very high out-of-pocket total.
      const outsiders = Math.max(persons > 0 ? 20 : 0, Math.round(persons * 0.01));
      for (let i = 0; i < outsiders; i++) {
        const countyCode = rng.pick(COUNTIES);
        let idNumber: string;
        let birthDate: string;
        do {
          const born = rng.int(dayOf('1940-01-01'), dayOf('2018-12-31'));
          birthDate = isoDay(born);
          idNumber = makeIdNumber({ areaCode: countyCode, birthDate, sequence: rng.int(1, 999) });
        } while (known.has(idNumber));
        known.add(idNumber);
        const identity: LowIncomeCategory | null = rng.chance(0.05) ? 'RELAPSE_MONITORING' : null;
        const catastrophicYear = rng.chance(0.1) ? rng.pick(DEMO_YEARS) : undefined;
        generator.person(
          { idNumber, birthDate, countyCode, deceasedOn: null },
          () => (rng.chance(0.05) ? undefined : { identity }),
          identity !== null,
          catastrophicYear,
        );
      }
      await send(persons);
      await inFlight;
      return { seeded: true, ...totals };
    });
  });
}
