import { addPolicyParameters } from '@lip/shared/policy';
import { builder } from '../builder.ts';

addPolicyParameters(builder, {
  department: 'healthInsurance',
  label: '医保',
  parameters: 'an amount, ratio or cap of the health-insurance rules',
  example:
    'PREMIUM, PREMIUM_SUBSIDY_FIXED_<category>, ASSISTANCE_RATIO_<category>, ASSISTANCE_DEDUCTIBLE_<category>, ASSISTANCE_ANNUAL_CAP_<category>, CLAIM_TOTAL_COST_MAX',
  units: 'yuan for amounts, a fraction for ratios, e.g. "0.7000"',
  decimals: 4,
});
