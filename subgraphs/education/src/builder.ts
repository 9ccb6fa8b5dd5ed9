import { createSubgraphBuilder } from '@lip/shared/builder';
import { addEntitlementTypes } from '@lip/shared/entitlements';
import type { Context } from './context.ts';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';

export const builder = createSubgraphBuilder<PrismaTypes, Context>(getDatamodel());

/** The shared enums (LowIncomeCategory, HukouType, HoldingSubtype, EntitlementStatus, AssistanceProgram) and `Entitlement`. */
export const shared = addEntitlementTypes(builder, 'education');
// Every read needs a role that reads the register; each field may narrow it further.
builder.queryType({ description: '教育局 education: student records (学籍) and education assistance (教育资助).', authScopes: { readRegister: true } });
// Only this department's officers and feeds (or a city administrator) write here.
builder.mutationType({
  description: '教育局 education: changes to student records and assistance. Each mutation commits whole or not at all.',
  authScopes: { writeDepartment: 'EDUCATION' },
});
