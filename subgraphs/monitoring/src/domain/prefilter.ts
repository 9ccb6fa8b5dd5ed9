// A set-based prefilter for the rules. From a rule's CEL expression, a SQL condition that every
// person the rule fires for meets (a necessary condition, not the rule itself), so a run hands CEL
// only the changed persons who may fire a rule, not every person a feed of a million rows names.
// Parts it does not understand are left out (the condition gets weaker, never wrong); a part under
// `!` is kept only when translated exactly. CEL still decides every candidate.
// The condition reads, per person:
//   f  jsonb, source → state of the person's signals (has(feed.X), feed.X.status == "…")
//   r  the person's row in "RegisterPerson", NULL when not in the register (person.…)
import type { ASTNode } from '@marcbachmann/cel-js';
import { expressionAst } from './rules.ts';

interface Translated {
  sql: string;
  /** True when the SQL holds exactly when the part does (so `!` may negate it). */
  exact: boolean;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** `a.b.c` as its names, or null when the node is not a plain path. */
function pathOf(node: ASTNode): string[] | null {
  if (node.op === 'id') return [node.args as string];
  if (node.op === '.') {
    const [left, name] = node.args as [ASTNode, string];
    const head = pathOf(left);
    return head && [...head, name];
  }
  return null;
}

const REGISTER_LISTS: Record<string, string> = { categories: '"categories"', everHeld: '"everHeld"' };
const FEED_TEXT_FIELDS = new Set(['status', 'kind']);

/** person.categories or person.everHeld, as a text[] never NULL. */
function registerList(node: ASTNode): string | null {
  const path = pathOf(node);
  const column = path?.length === 2 && path[0] === 'person' ? REGISTER_LISTS[path[1]!] : undefined;
  return column ? `coalesce(r.${column}, '{}'::text[])` : null;
}

/** size(person.categories) or size(person.everHeld). */
function registerListSize(node: ASTNode): string | null {
  if (node.op !== 'call') return null;
  const [name, args] = node.args as [string, ASTNode[]];
  const list = name === 'size' && args.length === 1 ? registerList(args[0]!) : null;
  return list && `cardinality(${list})`;
}

const stringValue = (node: ASTNode) => (node.op === 'value' && typeof node.args === 'string' ? node.args : null);
const wholeValue = (node: ASTNode) => (node.op === 'value' && typeof node.args === 'bigint' ? node.args : null);

/** feed.X.status or feed.X.kind as SQL text. */
function feedText(node: ASTNode): string | null {
  const path = pathOf(node);
  return path?.length === 3 && path[0] === 'feed' && FEED_TEXT_FIELDS.has(path[2]!) ? `(f -> ${literal(path[1]!)} ->> ${literal(path[2]!)})` : null;
}

function comparison(op: '==' | '!=' | '>', left: ASTNode, right: ASTNode): Translated | null {
  const size = registerListSize(left);
  const count = wholeValue(right);
  if (size && count !== null) return { sql: `(${size} ${op === '==' ? '=' : op === '!=' ? '<>' : '>'} ${count})`, exact: true };
  if (op === '>') return null;
  for (const [field, value] of [
    [feedText(left), stringValue(right)],
    [feedText(right), stringValue(left)],
  ] as const) {
    // A missing source is an error in CEL (rules guard with has()); false here.
    if (field && value !== null) return { sql: `coalesce(${field} ${op === '==' ? '=' : '<>'} ${literal(value)}, false)`, exact: true };
  }
  return null;
}

function translate(node: ASTNode): Translated | null {
  switch (node.op) {
    case '&&': {
      const [left, right] = (node.args as [ASTNode, ASTNode]).map(translate);
      if (!left || !right) return left ? { ...left, exact: false } : right ? { ...right, exact: false } : null;
      return { sql: `(${left.sql} AND ${right.sql})`, exact: left.exact && right.exact };
    }
    case '||': {
      const [left, right] = (node.args as [ASTNode, ASTNode]).map(translate);
      return left && right ? { sql: `(${left.sql} OR ${right.sql})`, exact: left.exact && right.exact } : null;
    }
    case '!_': {
      const inner = translate(node.args as ASTNode);
      return inner?.exact ? { sql: `(NOT ${inner.sql})`, exact: true } : null;
    }
    case 'call': {
      const [name, args] = node.args as [string, ASTNode[]];
      const path = name === 'has' && args.length === 1 ? pathOf(args[0]!) : null;
      return path?.length === 2 && path[0] === 'feed' ? { sql: `(f ? ${literal(path[1]!)})`, exact: true } : null;
    }
    case '==':
    case '!=':
    case '>':
      return comparison(node.op, ...(node.args as [ASTNode, ASTNode]));
    case 'in': {
      const [left, right] = node.args as [ASTNode, ASTNode];
      const value = stringValue(left);
      const list = registerList(right);
      return value !== null && list ? { sql: `(${list} @> ARRAY[${literal(value)}]::text[])`, exact: true } : null;
    }
    case '.': {
      const path = pathOf(node)?.join('.');
      if (path === 'person.inRegister') return { sql: '(r."idNumber" IS NOT NULL)', exact: true };
      if (path === 'person.deceased') return { sql: 'coalesce(r."deceased", false)', exact: true };
      return null;
    }
    default:
      return null;
  }
}

/**
 * The SQL condition a person meets whenever the rule may fire for them: a signal among its sources
 * (they are its evidence), and what of the expression translates. Over `f` and `r` (see above).
 */
export function prefilterSql(rule: { expression: string; sources: readonly string[] }): string {
  const sources = `(f ?| ARRAY[${rule.sources.map(literal).join(', ')}]::text[])`;
  const condition = translate(expressionAst(rule.expression));
  return condition ? `(${sources} AND ${condition.sql})` : sources;
}
