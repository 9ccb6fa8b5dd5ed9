// Runs the civil-affairs subgraph on its own (production layout): its database from
// CIVIL_AFFAIRS_DATABASE_URL / DATABASE_URL (else embedded), port CIVIL_AFFAIRS_PORT.
import { runSubgraphMain } from '@lip/shared/subgraph';
import { civilAffairs } from './subgraph.ts';

await runSubgraphMain(civilAffairs);
