// Every subgraph module, in the order of @lip/shared/topology.
import { civilAffairs } from '@lip/civil-affairs/subgraph';

export const SUBGRAPH_MODULES = [civilAffairs] as const;
