// `Person` is owned by civil affairs; housing extends it with its records and entitlements.
// The register facts that entitlements depend on come from civil affairs through @requires.
import { REGION_FACT, REGISTER_FACTS, type RegionFact, type RegisterFacts } from '@lip/shared/entitlements';
import { extendPerson } from '@lip/shared/person-extension';
import { builder, shared } from '../builder.ts';
import { latestAssessment } from '../domain/assessment.ts';
import { today } from '../domain/common.ts';
import { ruralRenovationEntitlement, urbanHousingEntitlement } from '../domain/entitlements.ts';
import { DwellingAssessment } from './assessment.ts';
import { PersonRef } from './person-ref.ts';
import { RuralRenovationCase } from './renovation.ts';
import { UrbanHousingAssistance } from './urban.ts';

extendPerson(PersonRef, {
  registerFacts: shared,
  fields: (t) => ({
    dwellingAssessments: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      // Every field here is nullable: when this subgraph is down, the gateway answers the rest of the person.
      nullable: true,
      type: [DwellingAssessment],
      description: '房屋安全鉴定: assessments of the dwelling the person lives in (as household head or listed member), newest first.',
      resolve: (person, _args, ctx) => ctx.assessmentsByPerson.load(person.idNumber),
    }),
    latestDwellingAssessment: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      type: DwellingAssessment,
      nullable: true,
      description: '最新鉴定: the assessment that counts (latest assessment date), or null when there is none.',
      resolve: async (person, _args, ctx) => latestAssessment(await ctx.assessmentsByPerson.load(person.idNumber)),
    }),
    urbanHousingAssistances: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      nullable: true,
      type: [UrbanHousingAssistance],
      description: '城镇住房保障: public-rental tenancies and rent subsidies covering the person (as applicant or member), latest start first.',
      resolve: (person, _args, ctx) => ctx.urbanByPerson.load(person.idNumber),
    }),
    ruralRenovationCases: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      nullable: true,
      type: [RuralRenovationCase],
      description: '农村危房改造: renovation cases covering the person (as applicant or member), newest application first.',
      resolve: (person, _args, ctx) => ctx.casesByPerson.load(person.idNumber),
    }),
    housingEntitlements: t.field({
      nullable: true,
      type: [shared.EntitlementRef],
      description:
        '住房救助 应保尽保: URBAN_HOUSING (covered = a public-rental tenancy or rent subsidy current today) and ' +
        'RURAL_HOUSING_RENOVATION (entitled only with a latest assessment of C, D or NO_HOUSE; covered = an open or COMPLETED case), ' +
        'decided from the register facts of civil affairs.',
      requires: builder.selection<RegisterFacts>(REGISTER_FACTS),
      resolve: async (person, _args, ctx) => {
        const [urban, assessments, cases] = await Promise.all([
          ctx.urbanByPerson.load(person.idNumber),
          ctx.assessmentsByPerson.load(person.idNumber),
          ctx.casesByPerson.load(person.idNumber),
        ]);
        return [urbanHousingEntitlement(person, urban, today()), ruralRenovationEntitlement(person, latestAssessment(assessments), cases)];
      },
    }),
  }),
});
