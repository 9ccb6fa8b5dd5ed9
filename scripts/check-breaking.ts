// Breaking-change check for the client-facing schema (schema/api.graphql).
//   tsx scripts/check-breaking.ts [--base REV]
// compares the working tree's schema/api.graphql with the one committed at REV (default HEAD)
// and fails on a breaking change unless schema/intended-breaking-changes.json lists it:
//   [{ "path": "Query.oldField", "reason": "replaced by Query.newField, announced 2026-10" }]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

const API = 'schema/api.graphql';
const INTENDED = 'schema/intended-breaking-changes.json';

export interface Breaking {
  path: string;
  message: string;
}

export interface IntendedChange {
  path: string;
  reason: string;
}

/** Breaking changes from `before` to `after` (SDL) that `intended` does not excuse. */
export async function unintendedBreakingChanges(before: string, after: string, intended: IntendedChange[] = []): Promise<Breaking[]> {
  const changes = await diff(buildSchema(before), buildSchema(after));
  const excused = new Set(intended.filter((change) => change.reason?.trim()).map((change) => change.path));
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => ({ path: change.path ?? change.type, message: change.message }))
    .filter((change) => !excused.has(change.path));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const baseIndex = process.argv.indexOf('--base');
  const base = baseIndex > 0 ? process.argv[baseIndex + 1]! : 'HEAD';
  let before: string;
  try {
    before = execFileSync('git', ['show', `${base}:${API}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    console.log(`no ${API} at ${base}: nothing to compare`);
    process.exit(0);
  }
  const intendedPath = `${root}/${INTENDED}`;
  const intended = existsSync(intendedPath) ? (JSON.parse(readFileSync(intendedPath, 'utf8')) as IntendedChange[]) : [];
  const breaking = await unintendedBreakingChanges(before, readFileSync(`${root}/${API}`, 'utf8'), intended);
  if (breaking.length) {
    console.error(`Breaking changes to the client API since ${base}:`);
    for (const change of breaking) console.error(`  ${change.path}: ${change.message}`);
    console.error(`If intended, list each path with a reason in ${INTENDED}.`);
    process.exit(1);
  }
  console.log(`no unintended breaking changes to the client API since ${base}`);
}
