// Shared by the tests: policy rows like the migration's, error capture, and GraphQL over HTTP.
import type { PolicyParameterRow } from '@lip/shared/policy';
import { type GraphQLResponse, postGraphQL as post } from '@lip/shared/testing';

export { codeOf, type GraphQLResponse } from '@lip/shared/testing';

const CATEGORY_TERMS = {
  EXTREME_POVERTY: { ratio: '1.0000', deductible: '0', cap: '100000', fixed: null },
  SUBSISTENCE_ALLOWANCE: { ratio: '0.7000', deductible: '0', cap: '60000', fixed: '266' },
  RELAPSE_MONITORING: { ratio: '0.6000', deductible: '1000', cap: '40000', fixed: '190' },
  NEAR_SUBSISTENCE: { ratio: '0.6000', deductible: '1000', cap: '40000', fixed: '190' },
  ESSENTIAL_EXPENDITURE_HARDSHIP: { ratio: '0.5000', deductible: '1000', cap: '40000', fixed: '190' },
  OTHER_HARDSHIP: { ratio: '0.5000', deductible: '1000', cap: '30000', fixed: '190' },
} as const;

/** The city-wide parameters of one year, as the init migration inserts them. */
export function policyRows(year = 2024, regionCode = '411200'): PolicyParameterRow[] {
  const rows: PolicyParameterRow[] = [
    { regionCode, year, name: 'PREMIUM', value: '380.0000' },
    { regionCode, year, name: 'CLAIM_TOTAL_COST_MAX', value: '5000000.0000' },
  ];
  for (const [category, terms] of Object.entries(CATEGORY_TERMS)) {
    rows.push({ regionCode, year, name: `ASSISTANCE_RATIO_${category}`, value: terms.ratio });
    rows.push({ regionCode, year, name: `ASSISTANCE_DEDUCTIBLE_${category}`, value: terms.deductible });
    rows.push({ regionCode, year, name: `ASSISTANCE_ANNUAL_CAP_${category}`, value: terms.cap });
    if (terms.fixed) rows.push({ regionCode, year, name: `PREMIUM_SUBSIDY_FIXED_${category}`, value: terms.fixed });
  }
  return rows;
}

/** A request straight to the subgraph, signed as the gateway would sign it for a city administrator. */
export const postGraphQL = <T = any>(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
  post<T>(url, query, variables, { direct: true });
