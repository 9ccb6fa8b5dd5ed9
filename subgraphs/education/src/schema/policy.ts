import { addPolicyParameters } from '@lip/shared/policy';
import { builder } from '../builder.ts';

addPolicyParameters(builder, {
  department: 'education',
  label: '教育局',
  parameters: 'an amount or cap the education rules read (for assistance, the year its academic year starts in: "2024-2025" reads 2024)',
  example: 'ASSISTANCE_MAX_GRANT',
  units: 'yuan for amounts, e.g. "5000"',
});
