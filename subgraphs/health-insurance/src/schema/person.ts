// Health insurance's fields on `Person` (owned by civil affairs). Each list resolves through a
// DataLoader, so a gateway page of N persons costs one query per kind of record, not N.

import { currentYear } from '@lip/shared/calendar';
import { REGION_FACT, REGISTER_FACTS, type RegionFact, type RegisterFacts } from '@lip/shared/entitlements';
import { extendPerson } from '@lip/shared/person-extension';
import { builder, shared } from '../builder.ts';
import { healthInsuranceEntitlements } from '../domain/entitlements.ts';
import { MedicalClaim } from './claim.ts';
import { MedicalInsuranceEnrolment } from './enrolment.ts';
import { PersonRef } from './person-ref.ts';
import { MedicalYearTotal } from './totals.ts';

extendPerson(PersonRef, {
  registerFacts: shared,
  fields: (t) => ({
    medicalInsuranceEnrolments: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      // Every field here is nullable: when this subgraph is down, the gateway answers the rest of the person.
      nullable: true,
      type: [MedicalInsuranceEnrolment],
      description: '城乡居民医保参保: the person’s enrolments, newest year first.',
      args: { year: t.arg.int({ required: false, description: 'Only this year.' }) },
      resolve: async (person, { year }, ctx) => (await ctx.enrolmentsByPerson.load(person.idNumber)).filter((row) => year == null || row.year === year),
    }),
    medicalClaims: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      nullable: true,
      type: [MedicalClaim],
      description: '医疗费用结算: the person’s claims, newest visit first.',
      args: {
        year: t.arg.int({ required: false, description: 'Only claims of this year.' }),
        includeReversed: t.arg.boolean({ required: false, defaultValue: false, description: 'Also list reversed claims (default false).' }),
      },
      resolve: async (person, { year, includeReversed }, ctx) =>
        (await ctx.claimsByPerson.load(person.idNumber)).filter(
          (claim) => (includeReversed || claim.status === 'SETTLED') && (year == null || claim.year === year),
        ),
    }),
    medicalYearTotals: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      nullable: true,
      type: [MedicalYearTotal],
      description: '年度医疗费用汇总: out-of-pocket and medical assistance totals per year over settled claims, newest year first.',
      args: { year: t.arg.int({ required: false, description: 'Only this year.' }) },
      resolve: async (person, { year }, ctx) => (await ctx.yearTotalsByPerson.load(person.idNumber)).filter((total) => year == null || total.year === year),
    }),
    healthInsuranceEntitlements: t.field({
      nullable: true,
      type: [shared.EntitlementRef],
      description:
        '医保应保尽保: PREMIUM_SUBSIDY (EXTREME_POVERTY: FULL 全额资助; any other low-income category: FIXED 定额资助; covered when ' +
        'the year’s enrolment carries a subsidy of that kind) and MEDICAL_ASSISTANCE (every low-income category; covered when the ' +
        'year’s enrolment records an assistance identity that is one of the person’s categories and as favourable as the best, ' +
        'so claims are assisted at the right tier). A person not in the register, or without an active category, is NOT_ENTITLED.',
      args: { year: t.arg.int({ required: false, description: 'The enrolment year to check (default: the current calendar year in China).' }) },
      requires: builder.selection<RegisterFacts>(REGISTER_FACTS),
      resolve: async (person, { year }, ctx) => healthInsuranceEntitlements(person, await ctx.enrolmentsByPerson.load(person.idNumber), year ?? currentYear()),
    }),
  }),
});
