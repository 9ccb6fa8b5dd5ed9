// Runs the health-insurance subgraph on its own (production layout): its database from
// HEALTH_INSURANCE_DATABASE_URL / DATABASE_URL (else embedded), port HEALTH_INSURANCE_PORT.
import { runSubgraphMain } from '@lip/shared/subgraph';
import { healthInsurance } from './subgraph.ts';

await runSubgraphMain(healthInsurance);
