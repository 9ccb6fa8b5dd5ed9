// Every subgraph module, in the order of @lip/shared/topology.
import { civilAffairs } from '@lip/civil-affairs/subgraph';
import { education } from '@lip/education/subgraph';
import { healthInsurance } from '@lip/health-insurance/subgraph';
import { housing } from '@lip/housing/subgraph';
import { monitoring } from '@lip/monitoring/subgraph';
import { payments } from '@lip/payments/subgraph';
import { union } from '@lip/union/subgraph';

export const SUBGRAPH_MODULES = [civilAffairs, education, housing, healthInsurance, union, monitoring, payments] as const;
