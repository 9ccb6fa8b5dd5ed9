// Each shipped rule, as stored by the migrations (expression and parameters per county and year),
// against the person and signals that should and should not fire it.

import { makeIdNumber } from '@lip/shared/id-number';
import { codeOf, day } from '@lip/shared/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  candidateRules,
  entitlementGaps,
  evaluatePerson,
  type PersonInput,
  type RuleRow,
  readsEntitlements,
  registerFacts,
  type SignalRow,
} from '../src/domain/evaluate.ts';
import type { FeedState } from '../src/domain/feeds.ts';
import { compileExpression, decide, type PersonFacts, parametersFor } from '../src/domain/rules.ts';
import { loadRules } from '../src/engine/run.ts';
import { openMigratedDatabase } from './database.ts';

let rules: RuleRow[];
beforeAll(async () => {
  const { prisma, close } = await openMigratedDatabase();
  rules = await loadRules(prisma);
  await close();
});

const ON = day('2025-06-16');
const ID = makeIdNumber({ areaCode: '411202', birthDate: '1980-01-01', sequence: 1 });

const facts = (overrides: Partial<PersonFacts> = {}): PersonFacts => ({
  inRegister: true,
  regionCode: '411202001001',
  householdId: 'h1',
  categories: [],
  everHeld: [],
  deceased: false,
  perCapitaIncome: 500,
  ...overrides,
});

const state = (overrides: Partial<FeedState> = {}): FeedState => ({
  occurredOn: '2025-06-01',
  status: '',
  kind: '',
  level: 0,
  amount: 0,
  regionCode: '',
  reference: '',
  ...overrides,
});

const signal = (source: string, overrides: Partial<FeedState> = {}, previous?: Partial<FeedState>): SignalRow => ({
  source,
  state: state(overrides),
  previous: previous ? state(previous) : null,
  evidenceId: `feed:${source}`,
  observedOn: day('2025-06-01'),
});

interface Case {
  person?: PersonFacts | null;
  signals?: SignalRow[];
  entitlements?: Record<string, string>;
  gaps?: Record<string, string>;
  open?: boolean;
  on?: Date;
}

/** What rule `code` decides for one person. */
function decision(code: string, { person = facts(), signals = [], entitlements = {}, gaps = {}, open = false, on = ON }: Case) {
  const rule = rules.find((candidate) => candidate.code === code);
  if (!rule) throw new Error(`no rule ${code}`);
  const input: PersonInput = {
    idNumber: ID,
    view: person ? { facts: person, entitlements, departmentsAnswered: ['EDUCATION', 'HOUSING', 'HEALTH_INSURANCE', 'UNION'] } : undefined,
    signals,
  };
  const [outcome] = evaluatePerson(input, gaps, [rule], new Set(open ? [code] : []), on);
  return outcome!;
}

const fires = (code: string, test: Case) => decision(code, test).decision === 'RAISE';

it('ships the rules the issue lists, each parsing and type-checking as CEL', () => {
  expect(rules.map((rule) => rule.code).sort()).toEqual([
    'ASSETS_ACQUIRED',
    'DEATH_REPORTED',
    'DIFFICULT_OUTSIDE_REGISTER',
    'DISASTER_VICTIM',
    'ENTITLEMENT_GAP_EDUCATION',
    'ENTITLEMENT_GAP_HEALTH_INSURANCE',
    'ENTITLEMENT_GAP_HOUSING',
    'ENTITLEMENT_GAP_UNION',
    'ESSENTIAL_EXPENDITURE_ASSESSMENT',
    'MEDICAL_ASSISTANCE_NEEDED',
    'PAYMENT_LATE',
    'RELAPSE_BELOW_SUBSISTENCE',
    'SEVERE_DISABILITY',
    'UNEMPLOYED_MEMBER',
    'UNSAFE_DWELLING',
    'VISIT_REPORTED_CHANGE',
  ]);
  for (const rule of rules) {
    expect(() => compileExpression(rule.expression)).not.toThrow();
    if (rule.coveredExpression) expect(() => compileExpression(rule.coveredExpression!)).not.toThrow();
  }
});

describe('expressions', () => {
  it('refuses what is not CEL, does not type-check or is not a condition', () => {
    expect(codeOf(() => compileExpression('person.categories +'))).toMatchObject({ code: 'INVALID_INPUT', field: 'expression' });
    expect(codeOf(() => compileExpression('unknownVariable == 1'))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(codeOf(() => compileExpression('1 + 2'))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('an open alert resolves as covered before it is cleared, and a covered person raises nothing', () => {
    const rule = { code: 'X', expression: 'feed.A.status == "ON"', coveredExpression: 'feed.A.status == "DONE"' };
    const context = (status: string) => ({ person: facts(), feed: { A: state({ status }) }, previous: {}, entitlements: {}, gaps: {}, params: {} });
    expect(decide(rule, context('ON'), false)).toBe('RAISE');
    expect(decide(rule, context('ON'), true)).toBe('KEEP');
    expect(decide(rule, context('DONE'), true)).toBe('RESOLVE_COVERED');
    expect(decide(rule, context('OFF'), true)).toBe('RESOLVE_CLEARED');
    expect(decide(rule, context('DONE'), false)).toBe('NONE');
  });

  it('parameters: the county row beats the city default, the latest year not after the run’s year wins', () => {
    const parameters = [
      { regionCode: '4112', year: 2024, name: 'line', value: 500 },
      { regionCode: '4112', year: 2025, name: 'line', value: 520 },
      { regionCode: '411202', year: 2024, name: 'line', value: 700 },
      { regionCode: '4112', year: 2027, name: 'line', value: 999 },
    ];
    expect(parametersFor(parameters, '411202001001', 2025)).toEqual({ line: 700 });
    expect(parametersFor(parameters, '411203001001', 2025)).toEqual({ line: 520 });
    expect(parametersFor(parameters, '411203001001', 2024)).toEqual({ line: 500 });
    expect(parametersFor(parameters, '', 2026)).toEqual({ line: 520 });
  });
});

describe('DEATH_REPORTED', () => {
  it('fires for a registered person who holds or held a category, not for others', () => {
    const death = [signal('DEATH', { occurredOn: '2025-06-01' })];
    expect(fires('DEATH_REPORTED', { person: facts({ categories: ['SUBSISTENCE_ALLOWANCE'], everHeld: ['SUBSISTENCE_ALLOWANCE'] }), signals: death })).toBe(
      true,
    );
    expect(fires('DEATH_REPORTED', { person: facts({ categories: [], everHeld: ['EXTREME_POVERTY'], deceased: true }), signals: death })).toBe(true);
    expect(fires('DEATH_REPORTED', { person: facts(), signals: death })).toBe(false);
    expect(fires('DEATH_REPORTED', { person: null, signals: death })).toBe(false);
    expect(fires('DEATH_REPORTED', { person: facts({ categories: ['SUBSISTENCE_ALLOWANCE'], everHeld: ['SUBSISTENCE_ALLOWANCE'] }) })).toBe(false);
  });

  it('keeps the death row as evidence, with its date', () => {
    const outcome = decision('DEATH_REPORTED', {
      person: facts({ everHeld: ['SUBSISTENCE_ALLOWANCE'], categories: ['SUBSISTENCE_ALLOWANCE'] }),
      signals: [signal('DEATH', { occurredOn: '2025-05-30' })],
    });
    expect(outcome.evidence).toEqual([
      expect.objectContaining({
        source: 'DEATH',
        evidenceId: 'feed:DEATH',
        observedOn: '2025-06-01',
        state: expect.objectContaining({ occurredOn: '2025-05-30' }),
      }),
    ]);
  });
});

describe('ASSETS_ACQUIRED (vehicleValueMin 30000, 50000 in 411202; businessCapitalMin 50000; dwellingsMax 1)', () => {
  const dibao = (regionCode = '411203001001') => facts({ regionCode, categories: ['SUBSISTENCE_ALLOWANCE'], everHeld: ['SUBSISTENCE_ALLOWANCE'] });
  it('a vehicle at or over the county’s threshold', () => {
    expect(fires('ASSETS_ACQUIRED', { person: dibao(), signals: [signal('VEHICLE', { status: 'REGISTERED', kind: 'CAR', amount: 30000 })] })).toBe(true);
    expect(fires('ASSETS_ACQUIRED', { person: dibao(), signals: [signal('VEHICLE', { status: 'REGISTERED', kind: 'CAR', amount: 29999 })] })).toBe(false);
    expect(
      fires('ASSETS_ACQUIRED', { person: dibao('411202001001'), signals: [signal('VEHICLE', { status: 'REGISTERED', kind: 'CAR', amount: 40000 })] }),
    ).toBe(false);
    expect(fires('ASSETS_ACQUIRED', { person: dibao(), signals: [signal('VEHICLE', { status: 'DEREGISTERED', kind: 'CAR', amount: 90000 })] })).toBe(false);
  });
  it('a business or a second dwelling; only for subsistence households', () => {
    expect(fires('ASSETS_ACQUIRED', { person: dibao(), signals: [signal('BUSINESS', { status: 'ACTIVE', amount: 50000 })] })).toBe(true);
    expect(fires('ASSETS_ACQUIRED', { person: dibao(), signals: [signal('BUSINESS', { status: 'CANCELLED', amount: 500000 })] })).toBe(false);
    expect(fires('ASSETS_ACQUIRED', { person: dibao(), signals: [signal('REAL_ESTATE', { status: 'REGISTERED', level: 2 })] })).toBe(true);
    expect(fires('ASSETS_ACQUIRED', { person: dibao(), signals: [signal('REAL_ESTATE', { status: 'REGISTERED', level: 1 })] })).toBe(false);
    expect(
      fires('ASSETS_ACQUIRED', { person: facts({ categories: ['NEAR_SUBSISTENCE'] }), signals: [signal('BUSINESS', { status: 'ACTIVE', amount: 90000 })] }),
    ).toBe(false);
  });
});

describe('UNEMPLOYED_MEMBER', () => {
  it('a registered unemployed member of a subsistence or near-subsistence household; covered when 人社 reports assistance', () => {
    const registered = [signal('UNEMPLOYMENT', { status: 'REGISTERED' })];
    expect(fires('UNEMPLOYED_MEMBER', { person: facts({ categories: ['SUBSISTENCE_ALLOWANCE'] }), signals: registered })).toBe(true);
    expect(fires('UNEMPLOYED_MEMBER', { person: facts({ categories: ['NEAR_SUBSISTENCE'] }), signals: registered })).toBe(true);
    expect(fires('UNEMPLOYED_MEMBER', { person: facts({ categories: ['RELAPSE_MONITORING'] }), signals: registered })).toBe(false);
    const assisted = [signal('UNEMPLOYMENT', { status: 'ASSISTED' }, { status: 'REGISTERED' })];
    expect(decision('UNEMPLOYED_MEMBER', { person: facts({ categories: ['SUBSISTENCE_ALLOWANCE'] }), signals: assisted, open: true }).decision).toBe(
      'RESOLVE_COVERED',
    );
    const employed = [signal('UNEMPLOYMENT', { status: 'EMPLOYED' }, { status: 'REGISTERED' })];
    expect(decision('UNEMPLOYED_MEMBER', { person: facts({ categories: ['SUBSISTENCE_ALLOWANCE'] }), signals: employed, open: true }).decision).toBe(
      'RESOLVE_CLEARED',
    );
  });
});

describe('MEDICAL_ASSISTANCE_NEEDED and ESSENTIAL_EXPENDITURE_ASSESSMENT (outOfPocketShare 0.5)', () => {
  const illness = [signal('SERIOUS_ILLNESS', { status: 'DIAGNOSED', kind: 'C34' })];
  it('medical assistance for a low-income person with a serious illness or high out-of-pocket costs; covered per health insurance', () => {
    expect(fires('MEDICAL_ASSISTANCE_NEEDED', { person: facts({ categories: ['NEAR_SUBSISTENCE'] }), signals: illness })).toBe(true);
    // Out of pocket over 12 months (health insurance's signal, 元) against half a year's per-capita income (500 × 12 × 0.5 = 3000).
    const costs = (amount: number, status = 'CLAIMED') => [signal('OUT_OF_POCKET', { status, amount })];
    expect(fires('MEDICAL_ASSISTANCE_NEEDED', { person: facts({ categories: ['NEAR_SUBSISTENCE'] }), signals: costs(3000) })).toBe(true);
    expect(fires('MEDICAL_ASSISTANCE_NEEDED', { person: facts({ categories: ['NEAR_SUBSISTENCE'] }), signals: costs(2999.99) })).toBe(false);
    expect(fires('MEDICAL_ASSISTANCE_NEEDED', { person: facts({ categories: ['NEAR_SUBSISTENCE'], perCapitaIncome: 400 }), signals: costs(2400) })).toBe(true);
    expect(fires('MEDICAL_ASSISTANCE_NEEDED', { person: facts({ categories: ['NEAR_SUBSISTENCE'] }), signals: costs(0, 'NONE') })).toBe(false);
    expect(fires('ESSENTIAL_EXPENDITURE_ASSESSMENT', { person: facts(), signals: costs(3500.5) })).toBe(true);
    expect(fires('ESSENTIAL_EXPENDITURE_ASSESSMENT', { person: facts(), signals: costs(1200) })).toBe(false);
    expect(fires('MEDICAL_ASSISTANCE_NEEDED', { person: facts(), signals: illness })).toBe(false);
    const covered = {
      person: facts({ categories: ['NEAR_SUBSISTENCE'] }),
      signals: illness,
      entitlements: { MEDICAL_ASSISTANCE: 'ENTITLED_COVERED' },
      open: true,
    };
    expect(decision('MEDICAL_ASSISTANCE_NEEDED', covered).decision).toBe('RESOLVE_COVERED');
    expect(decision('MEDICAL_ASSISTANCE_NEEDED', { ...covered, entitlements: { MEDICAL_ASSISTANCE: 'ENTITLED_MISSING' } }).decision).toBe('KEEP');
  });
  it('an essential-expenditure assessment for a registered person without a tier-1 or that category', () => {
    expect(fires('ESSENTIAL_EXPENDITURE_ASSESSMENT', { person: facts(), signals: illness })).toBe(true);
    expect(fires('ESSENTIAL_EXPENDITURE_ASSESSMENT', { person: facts({ categories: ['NEAR_SUBSISTENCE'] }), signals: illness })).toBe(true);
    expect(fires('ESSENTIAL_EXPENDITURE_ASSESSMENT', { person: facts({ categories: ['ESSENTIAL_EXPENDITURE_HARDSHIP'] }), signals: illness })).toBe(false);
    expect(fires('ESSENTIAL_EXPENDITURE_ASSESSMENT', { person: facts({ categories: ['SUBSISTENCE_ALLOWANCE'] }), signals: illness })).toBe(false);
    expect(fires('ESSENTIAL_EXPENDITURE_ASSESSMENT', { person: null, signals: illness })).toBe(false);
  });
});

describe('SEVERE_DISABILITY (severeGradeMax 2)', () => {
  it('grades 1 and 2 certified; closed when 残联 reports the subsidies', () => {
    expect(fires('SEVERE_DISABILITY', { signals: [signal('SEVERE_DISABILITY', { status: 'CERTIFIED', kind: 'PHYSICAL', level: 2 })] })).toBe(true);
    expect(fires('SEVERE_DISABILITY', { signals: [signal('SEVERE_DISABILITY', { status: 'CERTIFIED', kind: 'PHYSICAL', level: 3 })] })).toBe(false);
    expect(
      decision('SEVERE_DISABILITY', { signals: [signal('SEVERE_DISABILITY', { status: 'SUBSIDISED', kind: 'PHYSICAL', level: 1 })], open: true }).decision,
    ).toBe('RESOLVE_COVERED');
  });
});

describe('RELAPSE_BELOW_SUBSISTENCE (subsistenceLine 560 in 2024 rising 20 a year; 720 in 411202)', () => {
  const target = (regionCode: string) => facts({ regionCode, categories: ['RELAPSE_MONITORING'] });
  it('compares the household income with the county’s line for the year', () => {
    const income = (amount: number) => [signal('RELAPSE_STATUS', { status: 'MONITORED', amount })];
    expect(fires('RELAPSE_BELOW_SUBSISTENCE', { person: target('411203001001'), signals: income(579) })).toBe(true);
    expect(fires('RELAPSE_BELOW_SUBSISTENCE', { person: target('411203001001'), signals: income(580) })).toBe(false);
    expect(fires('RELAPSE_BELOW_SUBSISTENCE', { person: target('411203001001'), signals: income(579), on: day('2024-06-01') })).toBe(false);
    expect(fires('RELAPSE_BELOW_SUBSISTENCE', { person: target('411202001001'), signals: income(700) })).toBe(true);
    expect(fires('RELAPSE_BELOW_SUBSISTENCE', { person: facts({ categories: ['RELAPSE_MONITORING', 'SUBSISTENCE_ALLOWANCE'] }), signals: income(100) })).toBe(
      false,
    );
    expect(
      fires('RELAPSE_BELOW_SUBSISTENCE', { person: target('411203001001'), signals: [signal('RELAPSE_STATUS', { status: 'RISK_ELIMINATED', amount: 100 })] }),
    ).toBe(false);
  });
});

describe('ENTITLEMENT_GAP_* (graceDays 30 education and health insurance, 60 housing and union)', () => {
  it('counts the days since monitoring first saw the gap', () => {
    expect(fires('ENTITLEMENT_GAP_EDUCATION', { gaps: { EDUCATION: '2025-05-17' } })).toBe(true);
    expect(fires('ENTITLEMENT_GAP_EDUCATION', { gaps: { EDUCATION: '2025-05-18' } })).toBe(false);
    expect(fires('ENTITLEMENT_GAP_HOUSING', { gaps: { HOUSING: '2025-05-01' } })).toBe(false);
    expect(fires('ENTITLEMENT_GAP_HOUSING', { gaps: { HOUSING: '2025-04-01' } })).toBe(true);
    expect(fires('ENTITLEMENT_GAP_UNION', { gaps: { EDUCATION: '2024-01-01' } })).toBe(false);
    expect(decision('ENTITLEMENT_GAP_HEALTH_INSURANCE', { gaps: {}, open: true }).decision).toBe('RESOLVE_COVERED');
  });

  it('keeps the first date while the gap lasts and drops it when the department answers covered', () => {
    const answered = ['EDUCATION', 'HOUSING', 'HEALTH_INSURANCE', 'UNION'];
    expect(entitlementGaps({}, { EDUCATION_ASSISTANCE: 'ENTITLED_MISSING', MEDICAL_ASSISTANCE: 'ENTITLED_COVERED' }, answered, ON)).toEqual({
      EDUCATION: '2025-06-16',
    });
    expect(entitlementGaps({ EDUCATION: '2025-01-01' }, { EDUCATION_ASSISTANCE: 'ENTITLED_MISSING' }, answered, ON)).toEqual({ EDUCATION: '2025-01-01' });
    expect(entitlementGaps({ EDUCATION: '2025-01-01' }, { EDUCATION_ASSISTANCE: 'ENTITLED_COVERED' }, answered, ON)).toEqual({});
    // A department that did not answer (down) keeps its date.
    expect(entitlementGaps({ HOUSING: '2025-01-01' }, {}, ['EDUCATION'], ON)).toEqual({ HOUSING: '2025-01-01' });
  });
});

describe('DISASTER_VICTIM (lossLevelMin 2)', () => {
  it('a low-income person affected at level 2 or more; closed when 应急管理 reports relief', () => {
    const low = facts({ categories: ['EXTREME_POVERTY'] });
    expect(fires('DISASTER_VICTIM', { person: low, signals: [signal('DISASTER', { status: 'AFFECTED', kind: 'FLOOD', level: 2 })] })).toBe(true);
    expect(fires('DISASTER_VICTIM', { person: low, signals: [signal('DISASTER', { status: 'AFFECTED', kind: 'FLOOD', level: 1 })] })).toBe(false);
    expect(fires('DISASTER_VICTIM', { person: facts(), signals: [signal('DISASTER', { status: 'AFFECTED', kind: 'FLOOD', level: 3 })] })).toBe(false);
    expect(
      decision('DISASTER_VICTIM', { person: low, signals: [signal('DISASTER', { status: 'RELIEVED', kind: 'FLOOD', level: 3 })], open: true }).decision,
    ).toBe('RESOLVE_COVERED');
  });
});

describe('UNSAFE_DWELLING (gradeLevelMin 3: C and worse; 4 in 411224 from 2026)', () => {
  const dwelling = (grade: 'B' | 'C' | 'D' | 'NO_HOUSE', status: string) =>
    signal('DWELLING', { status, kind: grade, level: { B: 2, C: 3, D: 4, NO_HOUSE: 5 }[grade], regionCode: '411202001001' });
  const low = facts({ categories: ['NEAR_SUBSISTENCE'] });
  it('a low-income person with a C, D or no house and no case open, from the county’s grade for the year', () => {
    for (const grade of ['C', 'D', 'NO_HOUSE'] as const) expect(fires('UNSAFE_DWELLING', { person: low, signals: [dwelling(grade, 'UNSAFE')] })).toBe(true);
    expect(fires('UNSAFE_DWELLING', { person: low, signals: [dwelling('B', 'SAFE')] })).toBe(false);
    // 卢氏县 refers only D and no house from 2026; in 2025 the city default (C and worse) applied there too.
    const lushi = facts({ regionCode: '411224100001', categories: ['SUBSISTENCE_ALLOWANCE'] });
    expect(fires('UNSAFE_DWELLING', { person: lushi, signals: [dwelling('C', 'UNSAFE')], on: day('2026-03-02') })).toBe(false);
    expect(fires('UNSAFE_DWELLING', { person: lushi, signals: [dwelling('D', 'UNSAFE')], on: day('2026-03-02') })).toBe(true);
    expect(fires('UNSAFE_DWELLING', { person: lushi, signals: [dwelling('C', 'UNSAFE')], on: day('2025-03-03') })).toBe(true);
  });
  it('not for a person outside the low-income categories, deceased or not in the register', () => {
    expect(fires('UNSAFE_DWELLING', { person: facts(), signals: [dwelling('D', 'UNSAFE')] })).toBe(false);
    expect(fires('UNSAFE_DWELLING', { person: facts({ categories: ['OTHER_HARDSHIP'] }), signals: [dwelling('D', 'UNSAFE')] })).toBe(false);
    expect(fires('UNSAFE_DWELLING', { person: facts({ categories: ['EXTREME_POVERTY'], deceased: true }), signals: [dwelling('D', 'UNSAFE')] })).toBe(false);
    expect(fires('UNSAFE_DWELLING', { person: null, signals: [dwelling('D', 'UNSAFE')] })).toBe(false);
  });
  it('closes as covered when housing opens a case or grants assistance, and clears when the house is found safe', () => {
    expect(decision('UNSAFE_DWELLING', { person: low, signals: [dwelling('D', 'ADDRESSED')], open: true }).decision).toBe('RESOLVE_COVERED');
    expect(decision('UNSAFE_DWELLING', { person: low, signals: [dwelling('B', 'SAFE')], open: true }).decision).toBe('RESOLVE_CLEARED');
    expect(decision('UNSAFE_DWELLING', { person: low, signals: [dwelling('D', 'UNSAFE')], open: true }).decision).toBe('KEEP');
    expect(decision('UNSAFE_DWELLING', { person: low, signals: [dwelling('C', 'UNSAFE')] }).evidence).toEqual([
      expect.objectContaining({ source: 'DWELLING', state: expect.objectContaining({ kind: 'C', status: 'UNSAFE' }) }),
    ]);
  });
});

describe('DIFFICULT_OUTSIDE_REGISTER', () => {
  it('a difficult student or worker holding no category, in the register or not', () => {
    expect(fires('DIFFICULT_OUTSIDE_REGISTER', { person: null, signals: [signal('DIFFICULT_WORKER', { status: 'OPEN', regionCode: '411202' })] })).toBe(true);
    expect(fires('DIFFICULT_OUTSIDE_REGISTER', { person: facts(), signals: [signal('DIFFICULT_STUDENT', { status: 'OPEN' })] })).toBe(true);
    expect(
      fires('DIFFICULT_OUTSIDE_REGISTER', { person: facts({ categories: ['NEAR_SUBSISTENCE'] }), signals: [signal('DIFFICULT_STUDENT', { status: 'OPEN' })] }),
    ).toBe(false);
    expect(decision('DIFFICULT_OUTSIDE_REGISTER', { person: facts({ categories: ['NEAR_SUBSISTENCE'] }), open: true }).decision).toBe('RESOLVE_CLEARED');
  });
});

describe('facts an office already dealt with', () => {
  it('raise no second alert; a new fact does', () => {
    const rule = rules.find((candidate) => candidate.code === 'VISIT_REPORTED_CHANGE')!;
    const input = (evidenceId: string): PersonInput => ({
      idNumber: ID,
      view: undefined,
      signals: [{ ...signal('VISIT', { status: 'CHANGED' }), evidenceId }],
    });
    const [first] = evaluatePerson(input('visit:1'), {}, [rule], new Set(), ON);
    expect(first).toMatchObject({ decision: 'RAISE', evidenceKey: 'VISIT:visit:1' });
    const handled = new Map([['VISIT_REPORTED_CHANGE', new Set([first!.evidenceKey])]]);
    expect(evaluatePerson(input('visit:1'), {}, [rule], new Set(), ON, handled)[0]!.decision).toBe('NONE');
    expect(evaluatePerson(input('visit:2'), {}, [rule], new Set(), ON, handled)[0]!.decision).toBe('RAISE');
  });
});

describe('VISIT_REPORTED_CHANGE and PAYMENT_LATE', () => {
  it('a visit that found a change; a late payment, covered when paid', () => {
    expect(fires('VISIT_REPORTED_CHANGE', { signals: [signal('VISIT', { status: 'CHANGED', kind: 'ILLNESS' })] })).toBe(true);
    expect(fires('VISIT_REPORTED_CHANGE', { signals: [signal('VISIT', { status: 'NO_CHANGE' })] })).toBe(false);
    expect(fires('PAYMENT_LATE', { signals: [signal('PAYMENT_LATE', { status: 'LATE', amount: 650 })] })).toBe(true);
    expect(decision('PAYMENT_LATE', { signals: [signal('PAYMENT_LATE', { status: 'PAID', amount: 650 })], open: true }).decision).toBe('RESOLVE_COVERED');
  });
});

describe('which rules a person is evaluated against', () => {
  it('those reading a source the person has a signal of, and those with an alert open', () => {
    const codes = (sources: string[], open: string[] = []) =>
      candidateRules(rules, new Set(sources), new Set(open))
        .map((rule) => rule.code)
        .sort();
    expect(codes(['UNEMPLOYMENT'])).toEqual(['UNEMPLOYED_MEMBER']);
    expect(codes(['SERIOUS_ILLNESS', 'VEHICLE'])).toEqual(['ASSETS_ACQUIRED', 'ESSENTIAL_EXPENDITURE_ASSESSMENT', 'MEDICAL_ASSISTANCE_NEEDED']);
    expect(codes(['UNEMPLOYMENT'], ['PAYMENT_LATE'])).toEqual(['PAYMENT_LATE', 'UNEMPLOYED_MEMBER']);
    expect(codes([])).toEqual([]);
  });

  it('a shipped rule without a signal among its sources raises nothing, whatever the register says', () => {
    const everything = facts({ categories: ['SUBSISTENCE_ALLOWANCE', 'NEAR_SUBSISTENCE', 'EXTREME_POVERTY'], everHeld: ['SUBSISTENCE_ALLOWANCE'] });
    for (const rule of rules) {
      const others = ['DEATH', 'UNEMPLOYMENT', 'VISIT', 'DWELLING', 'DISASTER'].filter((source) => !rule.sources.includes(source));
      const signals = others.map((source) => signal(source, { status: 'REGISTERED', level: 5, amount: 1e9 }));
      expect([rule.code, decision(rule.code, { person: everything, signals }).decision]).toEqual([rule.code, 'NONE']);
    }
  });

  it('the graph is asked for entitlements only for rules that read them', () => {
    expect(
      rules
        .filter(readsEntitlements)
        .map((rule) => rule.code)
        .sort(),
    ).toEqual([
      'ENTITLEMENT_GAP_EDUCATION',
      'ENTITLEMENT_GAP_HEALTH_INSURANCE',
      'ENTITLEMENT_GAP_HOUSING',
      'ENTITLEMENT_GAP_UNION',
      'MEDICAL_ASSISTANCE_NEEDED',
    ]);
  });
});

describe("civil affairs' REGISTER signal as register facts", () => {
  it('active categories, then those ended after a semicolon; status DECEASED', () => {
    const signal = { status: 'LIVING', kind: 'NEAR_SUBSISTENCE,SUBSISTENCE_ALLOWANCE', amount: '480.50', regionCode: '411202001001', reference: 'h1' };
    expect(registerFacts(signal)).toEqual({
      inRegister: true,
      regionCode: '411202001001',
      householdId: 'h1',
      categories: ['NEAR_SUBSISTENCE', 'SUBSISTENCE_ALLOWANCE'],
      everHeld: ['NEAR_SUBSISTENCE', 'SUBSISTENCE_ALLOWANCE'],
      deceased: false,
      perCapitaIncome: 480.5,
    });
    expect(registerFacts({ ...signal, status: 'DECEASED', kind: ';EXTREME_POVERTY,SUBSISTENCE_ALLOWANCE' })).toMatchObject({
      categories: [],
      everHeld: ['EXTREME_POVERTY', 'SUBSISTENCE_ALLOWANCE'],
      deceased: true,
    });
    expect(registerFacts({ ...signal, kind: '' })).toMatchObject({ categories: [], everHeld: [] });
  });
});
