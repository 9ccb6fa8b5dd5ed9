// Runs the education subgraph on its own (production layout): its database from
// EDUCATION_DATABASE_URL / DATABASE_URL (else embedded), port EDUCATION_PORT.
import { runSubgraphMain } from '@lip/shared/subgraph';
import { education } from './subgraph.ts';

await runSubgraphMain(education);
