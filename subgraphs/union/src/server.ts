// Runs the union subgraph on its own (production layout): its database from
// UNION_DATABASE_URL / DATABASE_URL (else embedded), port UNION_PORT.
import { runSubgraphMain } from '@lip/shared/subgraph';
import { union } from './subgraph.ts';

await runSubgraphMain(union);
