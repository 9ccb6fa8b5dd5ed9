import { addPolicyParameters } from '@lip/shared/policy';
import { builder } from '../builder.ts';

addPolicyParameters(builder, {
  department: 'union',
  label: '总工会',
  parameters: 'an amount, cap or interval the union’s rules read',
  example: 'ASSISTANCE_MAX_LIVING',
  units: 'yuan for amounts, months or years otherwise, e.g. "3000" or "12"',
});
