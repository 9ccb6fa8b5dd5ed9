import { createSubgraphBuilder } from '@lip/shared/builder';
import { addEntitlementTypes } from '@lip/shared/entitlements';
import type { Context } from './context.ts';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';

export const builder = createSubgraphBuilder<PrismaTypes, Context>(getDatamodel());

/** The shared enums (LowIncomeCategory, HukouType, HoldingSubtype, EntitlementStatus, AssistanceProgram) and `Entitlement`. */
export const shared = addEntitlementTypes(builder, 'healthInsurance');
// Every read needs a role that reads the register; each field may narrow it further.
builder.queryType({
  description: '医保 health insurance: resident medical insurance enrolment, premium subsidies, medical claims and medical assistance.',
  authScopes: { readRegister: true },
});
// Only this department's officers and feeds (or a city administrator) write here.
builder.mutationType({
  description: '医保 health insurance: enrolments and claims. Each mutation validates everything first and commits whole or not at all.',
  authScopes: { writeDepartment: 'HEALTH_INSURANCE' },
});
