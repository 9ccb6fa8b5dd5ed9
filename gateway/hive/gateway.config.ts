// Hive Gateway's configuration file, for its own CLI:
//   hive-gateway supergraph schema/supergraph.graphql --config-path gateway/hive/gateway.config.ts
// Subgraph URLs come from <SUBGRAPH>_URL as for our gateway; HIVE_ROUTER_RUNTIME=1 selects the
// Rust query planner.
import { hiveGatewayConfig } from './config.ts';

export const gatewayConfig = hiveGatewayConfig({ routerRuntime: ['1', 'true'].includes(process.env.HIVE_ROUTER_RUNTIME ?? '') });
