// The frontend quick start works: codegen.ts (GraphQL Code Generator's client preset) runs
// against schema/api.graphql with the ready-made operations, and what it writes type-checks
// with the custom scalars as real TypeScript types, as a client would use them.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import config, { SCALARS } from '../codegen.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Inside the repository, so the generated files resolve their imports from its node_modules.
const out = path.join(ROOT, 'generated', `codegen-test-${process.pid}`);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** A client's use of the generated types: scalars are strings, enums are string unions. */
const USAGE = `
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { PersonDocument, CategoryCountsDocument } from './client/graphql';

type Person = NonNullable<ResultOf<typeof PersonDocument>['person']>;
const variables: VariablesOf<typeof PersonDocument> = { idNumber: '41120219680702001X' };
export const birthYear = (person: Person): number => Number(person.birthDate.slice(0, 4));
export const income = (person: Person): string | null | undefined => person.household?.perCapitaMonthlyIncome;
export const amounts = (person: Person): string[] => (person.unionAssistance ?? []).map((a) => a.amount);
export const counties = (data: ResultOf<typeof CategoryCountsDocument>): string[] => data.categoryCounts.map((c) => c.category);
// @ts-expect-error an ID number is a string, not a number
export const wrong: VariablesOf<typeof PersonDocument> = { idNumber: 411202196807020017 };
export { variables };
`;

function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noUnusedLocals: false,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('codegen.ts', () => {
  it('generates typed documents for every ready-made operation, with every scalar mapped, that type-check', async () => {
    const target = `${path.join(out, 'client')}/`;
    const [output] = Object.values(config.generates);
    mkdirSync(out, { recursive: true });
    const files = (await generate({ ...config, cwd: ROOT, silent: true, generates: { [target]: output! } }, true)) as { filename: string; content: string }[];
    expect(files.map((file) => path.basename(file.filename)).sort()).toEqual(['gql.ts', 'graphql.ts', 'index.ts']);
    const types = files.find((file) => file.filename.endsWith('graphql.ts'))!.content;
    for (const operation of ['CategoryCounts', 'CoverageGaps', 'Household', 'Person', 'Regions', 'TownshipRoster'])
      expect(types).toContain(`export type ${operation}Query =`);
    // The scalars are TypeScript types, not `unknown`/`any`.
    const person = /export type PersonQuery = (.*);$/m.exec(types)![1]!;
    expect(person).toContain('idNumber: string');
    expect(person).toContain('birthDate: string');
    expect(person).toContain('perCapitaMonthlyIncome: string');
    expect(types).toMatch(/export type PersonQueryVariables = Exact<\{\s*idNumber: string;?\s*\}>/);
    const declarations = types.slice(0, types.indexOf('export const')).replace(/^type Exact.*$/m, '');
    expect(declarations).not.toMatch(/\b(any|unknown)\b/);
    writeFileSync(path.join(out, 'usage.ts'), USAGE);
    expect(typeErrors([path.join(out, 'usage.ts'), ...files.map((file) => file.filename)])).toEqual([]);
  }, 300_000);

  it('fails on a scalar it does not map, instead of typing it unknown', async () => {
    const [output] = Object.values(config.generates) as [{ config: Record<string, unknown> }];
    const partial = { ...output, config: { ...output.config, scalars: { ...SCALARS, Money: undefined } } };
    await expect(generate({ ...config, cwd: ROOT, silent: true, generates: { [`${path.join(out, 'partial')}/`]: partial as never } }, false)).rejects.toThrow(
      /Money/,
    );
  }, 300_000);
});
