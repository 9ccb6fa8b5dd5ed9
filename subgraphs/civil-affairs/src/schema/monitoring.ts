// What the monitoring service asks of the register for each batch of persons it evaluates.
import { invalidInput } from '@lip/shared/errors';
import { builder } from '../builder.ts';
import { Person } from './person.ts';

export const MAX_PERSONS_BY_ID = 100;

builder.queryField('personsByIdNumbers', (t) =>
  t.prismaField({
    type: [Person],
    description: `人员批量查询: the persons of the register among the given ID numbers (at most ${MAX_PERSONS_BY_ID}) in the caller’s region; unknown ones are left out.`,
    args: { idNumbers: t.arg({ type: ['IdNumber'], description: '居民身份证号码' }) },
    resolve: (query, _root, { idNumbers }, ctx) => {
      if (idNumbers.length > MAX_PERSONS_BY_ID) throw invalidInput(`idNumbers holds at most ${MAX_PERSONS_BY_ID} entries`, { field: 'idNumbers' });
      return ctx.prisma.person.findMany({
        ...query,
        where: { idNumber: { in: idNumbers }, regionCode: { startsWith: ctx.identity.region } },
        orderBy: { idNumber: 'asc' },
      });
    },
  }),
);
