import { createSubgraphBuilder } from '@lip/shared/builder';
import { addEntitlementTypes } from '@lip/shared/entitlements';
import type { Context } from './context.ts';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';

export const builder = createSubgraphBuilder<PrismaTypes, Context>(getDatamodel());

/** The shared enums (LowIncomeCategory, AssistanceProgram…), as every department publishes them. */
export const shared = addEntitlementTypes(builder, 'monitoring');
// Every read needs a role that reads the register; each field narrows it further (region, office).
builder.queryType({ description: '民政 监测预警: feeds, rules, alerts and referrals.', authScopes: { readRegister: true } });
// Each mutation states who may call it (feeds: their department's SERVICE; referrals: the receiving office).
builder.mutationType({ description: '民政 监测预警: feeds, visit reports, referral feedback and runs. Each mutation commits whole or not at all.' });
