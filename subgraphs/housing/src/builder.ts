import { createSubgraphBuilder } from '@lip/shared/builder';
import { addEntitlementTypes } from '@lip/shared/entitlements';
import type { Context } from './context.ts';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';

export const builder = createSubgraphBuilder<PrismaTypes, Context>(getDatamodel());

/** The shared enums (LowIncomeCategory, HukouType, HoldingSubtype, EntitlementStatus, AssistanceProgram) and `Entitlement`. */
export const shared = addEntitlementTypes(builder, 'housing');
// Every read needs a role that reads the register; each field may narrow it further.
builder.queryType({
  description: '住建局 housing: dwelling safety assessments, urban housing assistance and rural dilapidated-house renovation.',
  authScopes: { readRegister: true },
});
// Only this department's officers and feeds (or a city administrator) write here.
builder.mutationType({
  description: '住建局 housing: changes to housing records. Each mutation validates everything first and commits whole or not at all.',
  authScopes: { writeDepartment: 'HOUSING' },
});
