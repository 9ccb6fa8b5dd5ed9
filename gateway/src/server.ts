// Runs the gateway alone (production layout): port GATEWAY_PORT (4000), subgraphs at <SUBGRAPH>_URL.
import { GATEWAY_PORT } from '@lip/shared/topology';
import { startGateway } from './gateway.ts';

const gateway = await startGateway({ port: Number(process.env.GATEWAY_PORT ?? GATEWAY_PORT), host: process.env.HOST ?? '127.0.0.1' });
gateway.observability.logger.info({ url: gateway.url }, 'gateway started');
const stop = () => void gateway.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
