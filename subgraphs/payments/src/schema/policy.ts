import { addPolicyParameters } from '@lip/shared/policy';
import { builder } from '../builder.ts';

addPolicyParameters(builder, {
  department: 'payments',
  label: '民政 payments',
  parameters: 'an amount, cap or interval the payments’ rules read',
  example: 'PAYMENT_DUE_DAY',
  units: 'yuan for amounts, months or years otherwise, e.g. "680" or "10"',
});
