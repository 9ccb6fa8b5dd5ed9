// One person against every rule: the context the expressions see, what each rule decides, and
// the evidence an alert keeps (which feed rows or department fields, with their dates).
import { daysBetween, formatDate } from '@lip/shared/calendar';
import type { DepartmentSignal } from '@lip/shared/signal-changes';
import type { FeedState } from './feeds.ts';
import { type Decision, decide, NOT_IN_REGISTER, type Parameter, type PersonFacts, parametersFor, type RuleContext } from './rules.ts';

export interface SignalRow {
  source: string;
  state: FeedState;
  previous: FeedState | null;
  evidenceId: string;
  observedOn: Date;
}

export interface RuleRow {
  code: string;
  expression: string;
  coveredExpression: string | null;
  sources: string[];
  parameters: Parameter[];
}

export interface PersonInput {
  idNumber: string;
  /** Register facts and entitlements from the graph; undefined when not in the register. */
  view?: { facts: PersonFacts; entitlements: Record<string, string>; departmentsAnswered: string[] };
  signals: SignalRow[];
}

export interface EvidenceItem {
  source: string;
  evidenceId: string;
  observedOn: string;
  state: unknown;
  previous?: unknown;
}

export interface RuleOutcome {
  ruleCode: string;
  decision: Decision;
  evidence: EvidenceItem[];
  /** The facts that fired the rule: an alert handled for these facts is not raised again. */
  evidenceKey: string;
}

export function evidenceKey(evidence: readonly EvidenceItem[]): string {
  return evidence
    .map((item) =>
      item.source === ENTITLEMENT_GAPS_SOURCE
        ? `${item.source}:${JSON.stringify((item.state as { missingSince: unknown }).missingSince)}`
        : `${item.source}:${item.evidenceId}`,
    )
    .sort()
    .join('|');
}

/** Source under which monitoring keeps, per department, the date it first saw an entitlement ENTITLED_MISSING. */
export const ENTITLEMENT_GAPS_SOURCE = 'ENTITLEMENTS';

/** Which department publishes each program's entitlement. */
export const PROGRAM_DEPARTMENT: Record<string, string> = {
  EDUCATION_ASSISTANCE: 'EDUCATION',
  URBAN_HOUSING: 'HOUSING',
  RURAL_HOUSING_RENOVATION: 'HOUSING',
  PREMIUM_SUBSIDY: 'HEALTH_INSURANCE',
  MEDICAL_ASSISTANCE: 'HEALTH_INSURANCE',
  UNION_ASSISTANCE: 'UNION',
};

/**
 * The first date each department was seen leaving an entitlement ENTITLED_MISSING: kept while
 * the gap lasts, dropped when the department answers with none, left alone when it did not answer.
 */
export function entitlementGaps(
  known: Record<string, string>,
  entitlements: Record<string, string>,
  departmentsAnswered: readonly string[],
  on: Date,
): Record<string, string> {
  const gaps: Record<string, string> = {};
  for (const [department, since] of Object.entries(known)) if (!departmentsAnswered.includes(department)) gaps[department] = since;
  for (const [program, status] of Object.entries(entitlements)) {
    const department = PROGRAM_DEPARTMENT[program];
    if (status !== 'ENTITLED_MISSING' || !department || gaps[department]) continue;
    gaps[department] = known[department] ?? formatDate(on);
  }
  return gaps;
}

export function ruleContext(input: PersonInput, gapsSince: Record<string, string>, rule: RuleRow, on: Date): RuleContext {
  const facts = input.view?.facts ?? NOT_IN_REGISTER;
  const feed: Record<string, FeedState> = {};
  const previous: Record<string, FeedState> = {};
  for (const signal of input.signals) {
    if (signal.source === ENTITLEMENT_GAPS_SOURCE) continue;
    feed[signal.source] = signal.state;
    if (signal.previous) previous[signal.source] = signal.previous;
  }
  const gaps = Object.fromEntries(Object.entries(gapsSince).map(([department, since]) => [department, daysBetween(new Date(`${since}T00:00:00Z`), on)]));
  return {
    person: facts,
    feed,
    previous,
    entitlements: input.view?.entitlements ?? {},
    gaps,
    params: parametersFor(rule.parameters, facts.regionCode || input.idNumber.slice(0, 6), on.getUTCFullYear()),
  };
}

/**
 * What each rule decides for the person, given the rules it has an open alert for and the
 * `handled` evidence keys (rule code → keys of alerts acted on, covered or dismissed): the same
 * facts do not raise a second alert once an office dealt with them; a new fact does.
 */
export function evaluatePerson(
  input: PersonInput,
  gapsSince: Record<string, string>,
  rules: readonly RuleRow[],
  openRules: ReadonlySet<string>,
  on: Date,
  handled: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): RuleOutcome[] {
  return rules.map((rule) => {
    const context = ruleContext(input, gapsSince, rule, on);
    let decision = decide(rule, context, openRules.has(rule.code));
    const evidence: EvidenceItem[] = input.signals
      .filter((signal) => rule.sources.includes(signal.source))
      .map((signal) => ({
        source: signal.source,
        evidenceId: signal.evidenceId,
        observedOn: formatDate(signal.observedOn),
        state: signal.state,
        ...(signal.previous ? { previous: signal.previous } : {}),
      }));
    if (rule.sources.includes(ENTITLEMENT_GAPS_SOURCE)) {
      evidence.push({
        source: ENTITLEMENT_GAPS_SOURCE,
        evidenceId: 'graph',
        observedOn: formatDate(on),
        state: { entitlements: context.entitlements, missingSince: gapsSince },
      });
    }
    const key = evidenceKey(evidence);
    if (decision === 'RAISE' && handled.get(rule.code)?.has(key)) decision = 'NONE';
    return { ruleCode: rule.code, decision, evidence, evidenceKey: key };
  });
}

/**
 * Civil affairs' REGISTER signal as the facts rules see: `kind` lists the categories held ACTIVE,
 * then, after a semicolon, those held before and ended.
 */
export function registerFacts(signal: Pick<DepartmentSignal<string>, 'status' | 'kind' | 'amount' | 'regionCode' | 'reference'>): PersonFacts {
  const [active = '', ended = ''] = signal.kind.split(';');
  const list = (text: string) => text.split(',').filter(Boolean);
  return {
    inRegister: true,
    regionCode: signal.regionCode,
    householdId: signal.reference,
    categories: list(active),
    everHeld: [...new Set([...list(active), ...list(ended)])].sort(),
    deceased: signal.status === 'DECEASED',
    perCapitaIncome: Number(signal.amount),
  };
}

/**
 * The rules worth evaluating for a person: those with an alert open (it may resolve) and those
 * with a signal of the person among their sources. A rule fires on its sources (they are its
 * evidence), so without one it raises nothing: a feed of a million rows evaluates each person
 * against the few rules reading that feed, not against every rule.
 */
export function candidateRules<Rule extends Pick<RuleRow, 'code' | 'sources'>>(
  rules: readonly Rule[],
  sources: ReadonlySet<string>,
  openRules: ReadonlySet<string>,
): Rule[] {
  return rules.filter((rule) => openRules.has(rule.code) || rule.sources.some((source) => sources.has(source)));
}

/** Whether a rule reads the departments' entitlements (then the run asks the graph for them). */
export const readsEntitlements = (rule: Pick<RuleRow, 'expression' | 'coveredExpression' | 'sources'>) =>
  rule.sources.includes(ENTITLEMENT_GAPS_SOURCE) || /\b(entitlements|gaps)\b/.test(`${rule.expression} ${rule.coveredExpression ?? ''}`);
