// Time-based rules: a rule such as `gaps.EDUCATION >= params.graceDays` starts to hold on the day a
// recorded gap (ENTITLEMENTS signal, department → missingSince) passes its grace period, with no
// signal changing that day. A run therefore also evaluates the persons whose gap comes due between
// the previous run's day and its own: read from the rules' CEL, a range of `missingSince` per
// department, which the partial indexes on the ENTITLEMENTS signal answer (proportional to what
// comes due, not a scan of the register).
import type { ASTNode } from '@marcbachmann/cel-js';
import { expressionAst, type Parameter } from './rules.ts';

/** A department's gap the rule compares with a number of days (the smallest and largest in force anywhere). */
export interface GapThreshold {
  department: string;
  minDays: number;
  maxDays: number;
}

/** `gaps.X` → X, else null. */
function gapDepartment(node: ASTNode): string | null {
  if (node.op !== '.') return null;
  const [left, name] = node.args as [ASTNode, string];
  return left.op === 'id' && left.args === 'gaps' ? name : null;
}

/** A number of days: an integer literal, or `params.P` (every value P takes, any region or year). */
function dayValues(node: ASTNode, parameters: readonly Parameter[]): number[] {
  if (node.op === 'value' && (typeof node.args === 'bigint' || typeof node.args === 'number')) return [Number(node.args)];
  if (node.op !== '.') return [];
  const [left, name] = node.args as [ASTNode, string];
  if (left.op !== 'id' || left.args !== 'params') return [];
  return parameters.filter((parameter) => parameter.name === name).map((parameter) => Number(parameter.value));
}

/**
 * The gap comparisons of a rule's expression (`gaps.X >= n`, `gaps.X > n`, and the same written the
 * other way round; n a literal or a parameter). A rule reading a gap any other way is evaluated when
 * a signal of the person changes, as every rule is.
 */
export function gapThresholds(rule: { expression: string; parameters: readonly Parameter[] }): GapThreshold[] {
  const found: GapThreshold[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const ast = node as ASTNode;
    if (ast.op === '>=' || ast.op === '>' || ast.op === '<=' || ast.op === '<') {
      const [left, right] = ast.args as [ASTNode, ASTNode];
      const gapOnLeft = ast.op === '>=' || ast.op === '>';
      const department = gapDepartment(gapOnLeft ? left : right);
      const days = dayValues(gapOnLeft ? right : left, rule.parameters);
      const strict = ast.op === '>' || ast.op === '<'; // `gaps.X > n` holds from n + 1 days
      if (department && days.length) {
        found.push({ department, minDays: Math.min(...days) + (strict ? 1 : 0), maxDays: Math.max(...days) + (strict ? 1 : 0) });
        return;
      }
    }
    visit(ast.args);
  };
  visit(expressionAst(rule.expression));
  return found;
}

/** Dates `missingSince` may take per department for a gap to come due after `after` (exclusive, none: ever) and by `on`. */
export interface DueWindow {
  department: string;
  /** Exclusive; null: no lower bound (the first run). */
  after: string | null;
  /** Inclusive. */
  upTo: string;
}

const shift = (day: Date, days: number) => new Date(day.getTime() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Per department, the `missingSince` dates whose gap reaches a threshold on a day in (after, on]:
 * missingSince + days ∈ (after, on], widened over the thresholds in force anywhere (CEL then decides
 * each person with their county's parameters). Nothing when `on` is not after `after`.
 */
export function dueWindows(thresholds: readonly GapThreshold[], after: Date | null, on: Date): DueWindow[] {
  if (after && on.getTime() <= after.getTime()) return [];
  const byDepartment = new Map<string, { minDays: number; maxDays: number }>();
  for (const { department, minDays, maxDays } of thresholds) {
    const kept = byDepartment.get(department);
    byDepartment.set(department, kept ? { minDays: Math.min(kept.minDays, minDays), maxDays: Math.max(kept.maxDays, maxDays) } : { minDays, maxDays });
  }
  return [...byDepartment].map(([department, { minDays, maxDays }]) => ({
    department,
    after: after && shift(after, maxDays),
    upTo: shift(on, minDays),
  }));
}
