// The composed schemas in schema/ are generated but checked in (the gateway runs from
// them): they must match what the subgraphs' code produces now.
import { describe, expect, it } from 'vitest';
import { composeSchemaFiles, staleSchemaFiles } from '../scripts/compose.ts';
import { SUBGRAPH_MODULES } from '../scripts/subgraphs.ts';

describe('schema/', () => {
  it('is up to date with every subgraph (run `pnpm compose` when this fails)', () => {
    expect(staleSchemaFiles()).toEqual([]);
  });

  it('holds every subgraph and a supergraph that joins them', () => {
    const files = composeSchemaFiles();
    expect(Object.keys(files).sort()).toEqual([...SUBGRAPH_MODULES.map((m) => `${m.name}.graphql`), 'supergraph.graphql'].sort());
    for (const module of SUBGRAPH_MODULES) expect(files['supergraph.graphql']).toContain(`@join__graph(name: "${module.name}"`);
  });
});
