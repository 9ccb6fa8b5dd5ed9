// Runs the payments subgraph on its own (production layout): its database from
// PAYMENTS_DATABASE_URL / DATABASE_URL (else embedded), port PAYMENTS_PORT; it reads the
// register through the gateway at GATEWAY_URL.
import { runSubgraphMain } from '@lip/shared/subgraph';
import { payments } from './subgraph.ts';

await runSubgraphMain(payments);
