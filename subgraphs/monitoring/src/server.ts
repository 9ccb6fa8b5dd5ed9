// Runs the monitoring subgraph on its own (production layout): its database from
// MONITORING_DATABASE_URL / DATABASE_URL (else embedded), port MONITORING_PORT.
import { runSubgraphMain } from '@lip/shared/subgraph';
import { startScheduler } from './engine/scheduler.ts';
import { monitoring } from './subgraph.ts';

const running = await runSubgraphMain(monitoring);
startScheduler(running.client);
