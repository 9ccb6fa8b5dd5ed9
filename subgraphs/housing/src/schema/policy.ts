import { addPolicyParameters } from '@lip/shared/policy';
import { builder } from '../builder.ts';

addPolicyParameters(builder, {
  department: 'housing',
  label: '住建',
  parameters: 'an amount, cap or period the housing rules read',
  example: 'RENT_SUBSIDY_MONTHLY_MAX',
  units: 'yuan for amounts, months for periods, e.g. "600" or "12"',
});
