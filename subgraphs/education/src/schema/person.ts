// Education's fields on `Person` (owned by civil affairs). Each list resolves through a DataLoader,
// so a gateway page of N persons costs one query per kind of record, not N.

import { today } from '@lip/shared/calendar';
import { REGION_FACT, REGISTER_FACTS, type RegionFact, type RegisterFacts } from '@lip/shared/entitlements';
import { extendPerson } from '@lip/shared/person-extension';
import { builder, shared } from '../builder.ts';
import { educationEntitlement } from '../domain/entitlements.ts';
import { EducationAssistance, filterAssistance } from './assistance.ts';
import { PersonRef } from './person-ref.ts';
import { StudentRecord } from './student.ts';

extendPerson(PersonRef, {
  registerFacts: shared,
  fields: (t) => ({
    studentRecords: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      // Every field here is nullable: when this subgraph is down, the gateway answers the rest of the person.
      nullable: true,
      type: [StudentRecord],
      description: '学籍记录: every student record of the person, the CURRENT one first, then newest enrolment first.',
      resolve: (person, _args, ctx) => ctx.recordsByPerson.load(person.idNumber),
    }),
    currentStudentRecord: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      type: StudentRecord,
      nullable: true,
      description: '当前学籍: the person’s CURRENT student record, or null when the person is not a current student.',
      resolve: async (person, _args, ctx) => (await ctx.recordsByPerson.load(person.idNumber)).find((record) => record.status === 'CURRENT') ?? null,
    }),
    educationAssistance: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      nullable: true,
      type: [EducationAssistance],
      description: '教育资助: the person’s education assistance under all their records, newest academic year first.',
      args: {
        academicYear: t.arg.string({ required: false, description: 'Only this academic year, e.g. "2024-2025".' }),
        includeCancelled: t.arg.boolean({ required: false, defaultValue: false, description: 'Also list CANCELLED records (default false).' }),
      },
      resolve: async (person, { academicYear, includeCancelled }, ctx) =>
        filterAssistance(await ctx.assistanceByPerson.load(person.idNumber), academicYear, includeCancelled),
    }),
    educationEntitlements: t.field({
      nullable: true,
      type: [shared.EntitlementRef],
      description:
        '教育救助 entitlement (EDUCATION_ASSISTANCE): entitled when the person is a CURRENT student (any stage) and holds an active ' +
        'SUBSISTENCE_ALLOWANCE, EXTREME_POVERTY, NEAR_SUBSISTENCE, ESSENTIAL_EXPENDITURE_HARDSHIP, OTHER_HARDSHIP or RELAPSE_MONITORING ' +
        'category; covered when the person has APPROVED or PAID education assistance in the current academic year (from 1 September). ' +
        'Not a current student, or not in the low-income register, is NOT_ENTITLED with the reason saying so.',
      requires: builder.selection<RegisterFacts>(REGISTER_FACTS),
      resolve: async (person, _args, ctx) => {
        const [records, assistance] = await Promise.all([ctx.recordsByPerson.load(person.idNumber), ctx.assistanceByPerson.load(person.idNumber)]);
        return [educationEntitlement(person, records, assistance, today())];
      },
    }),
  }),
});
