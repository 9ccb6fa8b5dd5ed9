// The union's fields on `Person` (owned by civil affairs). Each list resolves through a
// DataLoader, so a gateway page of N persons costs one query per kind of record, not N.

import { today } from '@lip/shared/calendar';
import { REGION_FACT, REGISTER_FACTS, type RegionFact, type RegisterFacts } from '@lip/shared/entitlements';
import { extendPerson } from '@lip/shared/person-extension';
import { builder, shared } from '../builder.ts';
import { unionEntitlement } from '../domain/entitlements.ts';
import { UnionAssistance } from './assistance.ts';
import { DifficultWorkerFile } from './file.ts';
import { PersonRef } from './person-ref.ts';

extendPerson(PersonRef, {
  registerFacts: shared,
  fields: (t) => ({
    difficultWorkerFiles: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      // Every field here is nullable: when this subgraph is down, the gateway answers the rest of the person.
      nullable: true,
      type: [DifficultWorkerFile],
      description: '困难职工档案: every file of the person (open and closed), newest filing first.',
      resolve: (person, _args, ctx) => ctx.filesByPerson.load(person.idNumber),
    }),
    unionAssistance: t.field({
      requires: builder.selection<RegionFact>(REGION_FACT),
      nullable: true,
      type: [UnionAssistance],
      description: '工会帮扶: the person’s union assistance, newest first.',
      args: {
        year: t.arg.int({ required: false, description: 'Only assistance dated in this calendar year.' }),
        includeCancelled: t.arg.boolean({ required: false, defaultValue: false, description: 'Also list cancelled records (default false).' }),
      },
      resolve: async (person, { year, includeCancelled }, ctx) =>
        (await ctx.assistanceByPerson.load(person.idNumber)).filter(
          (record) => (includeCancelled || !record.cancelledAt) && (year == null || record.grantedOn.getUTCFullYear() === year),
        ),
    }),
    unionEntitlements: t.field({
      nullable: true,
      type: [shared.EntitlementRef],
      description:
        '工会帮扶 entitlement (UNION_ASSISTANCE): entitled with an OPEN difficult-worker file and at least one active ' +
        'low-income category; covered when union assistance (not cancelled) is dated in the current calendar year. ' +
        'A file without a category, or a person not in the register, is NOT_ENTITLED with the reason saying so.',
      requires: builder.selection<RegisterFacts>(REGISTER_FACTS),
      resolve: async (person, _args, ctx) => {
        const [files, assistance] = await Promise.all([ctx.filesByPerson.load(person.idNumber), ctx.assistanceByPerson.load(person.idNumber)]);
        return [unionEntitlement(person, files, assistance, today())];
      },
    }),
  }),
});
