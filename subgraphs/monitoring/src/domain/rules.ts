// Rules as data: each rule's condition is a CEL expression (Common Expression Language, the
// standard OpenSPP also uses), evaluated by @marcbachmann/cel-js: no eval, no parser of ours.
// An expression sees one person at a time:
//   person       register facts from civil affairs (through the graph)
//   feed         the last state per source (feeds, department signals, visits): feed.DEATH.occurredOn …
//   previous     the state before it, so a rule can see a change
//   entitlements each department's entitlement status by program (MEDICAL_ASSISTANCE: ENTITLED_COVERED …)
//   gaps         days each department has left an entitlement ENTITLED_MISSING, by department
//   params       the rule's parameters for the person's county and the current year

import { invalidInput } from '@lip/shared/errors';
import { type ASTNode, Environment, ParseError } from '@marcbachmann/cel-js';
import type { FeedState } from './feeds.ts';

export interface PersonFacts {
  inRegister: boolean;
  regionCode: string;
  householdId: string;
  /** Categories held ACTIVE today. */
  categories: string[];
  /** Every category the person ever held (ended ones included). */
  everHeld: string[];
  deceased: boolean;
  /** Household per-capita monthly income (元); 0 when unknown. */
  perCapitaIncome: number;
}

export interface RuleContext {
  person: PersonFacts;
  feed: Record<string, FeedState>;
  previous: Record<string, FeedState>;
  entitlements: Record<string, string>;
  gaps: Record<string, number>;
  params: Record<string, number>;
}

export const NOT_IN_REGISTER: PersonFacts = {
  inRegister: false,
  regionCode: '',
  householdId: '',
  categories: [],
  everHeld: [],
  deceased: false,
  perCapitaIncome: 0,
};

const environment = new Environment({ unlistedVariablesAreDyn: false, homogeneousAggregateLiterals: false, limits: { maxAstNodes: 2000, maxDepth: 50 } })
  .registerVariable('person', 'map')
  .registerVariable('feed', 'map')
  .registerVariable('previous', 'map')
  .registerVariable('entitlements', 'map')
  .registerVariable('gaps', 'map')
  .registerVariable('params', 'map');

export type Condition = (context: RuleContext) => boolean;

const compiled = new Map<string, Condition>();

/** Parses and type-checks an expression once; throws INVALID_INPUT naming the problem. */
export function compileExpression(expression: string, field = 'expression'): Condition {
  const cached = compiled.get(expression);
  if (cached) return cached;
  let program: (context: Record<string, unknown>) => unknown;
  try {
    program = environment.parse(expression) as never;
  } catch (error) {
    throw invalidInput(`${field} is not valid CEL: ${error instanceof ParseError ? error.message.split('\n')[0] : String(error)}`, { field });
  }
  const checked = environment.check(expression);
  if (!checked.valid) throw invalidInput(`${field} does not type-check: ${checked.error?.message.split('\n')[0]}`, { field });
  if (checked.type !== 'bool' && checked.type !== 'dyn') throw invalidInput(`${field} must be a condition (bool), it is ${checked.type}`, { field });
  const condition: Condition = (context) => program(context as never) === true;
  compiled.set(expression, condition);
  return condition;
}

/** The parsed expression (compiled and checked first), for the run's prefilter (prefilter.ts). */
export function expressionAst(expression: string): ASTNode {
  compileExpression(expression);
  return environment.parse(expression).ast;
}

export interface RuleDefinition {
  code: string;
  expression: string;
  coveredExpression: string | null;
}

export interface Parameter {
  regionCode: string;
  year: number;
  name: string;
  value: number;
}

/**
 * The parameters in force for a region and year: for each name, the most specific region
 * (village → … → county → 4112) and, within it, the latest year not after `year`.
 */
export function parametersFor(parameters: readonly Parameter[], regionCode: string, year: number): Record<string, number> {
  const chosen = new Map<string, Parameter>();
  for (const parameter of parameters) {
    if (!regionCode.startsWith(parameter.regionCode) && parameter.regionCode !== '4112') continue;
    if (parameter.year > year) continue;
    const current = chosen.get(parameter.name);
    if (
      !current ||
      parameter.regionCode.length > current.regionCode.length ||
      (parameter.regionCode.length === current.regionCode.length && parameter.year > current.year)
    ) {
      chosen.set(parameter.name, parameter);
    }
  }
  return Object.fromEntries([...chosen].map(([name, parameter]) => [name, parameter.value]));
}

/** What a rule says about a person with an alert open (or not). */
export type Decision = 'RAISE' | 'KEEP' | 'RESOLVE_COVERED' | 'RESOLVE_CLEARED' | 'NONE';

/**
 * An open alert resolves as COVERED when the office's own data shows the person covered,
 * else as CONDITION_CLEARED when the condition no longer holds. No open alert: raise when it holds.
 */
export function decide(rule: RuleDefinition, context: RuleContext, hasOpenAlert: boolean): Decision {
  const holds = compileExpression(rule.expression)(context);
  const covered = rule.coveredExpression ? compileExpression(rule.coveredExpression, 'coveredExpression')(context) : false;
  if (hasOpenAlert) {
    if (covered) return 'RESOLVE_COVERED';
    return holds ? 'KEEP' : 'RESOLVE_CLEARED';
  }
  return holds && !covered ? 'RAISE' : 'NONE';
}
