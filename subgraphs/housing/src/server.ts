// Runs the housing subgraph on its own (production layout): its database from
// HOUSING_DATABASE_URL / DATABASE_URL (else embedded), port HOUSING_PORT.
import { runSubgraphMain } from '@lip/shared/subgraph';
import { housing } from './subgraph.ts';

await runSubgraphMain(housing);
