// Every subgraph module, in the order of @lip/shared/topology.
import { civilAffairs } from '@lip/civil-affairs/subgraph';
import { union } from '@lip/union/subgraph';

export const SUBGRAPH_MODULES = [civilAffairs, union] as const;
