// Payments' fields on `Person` (owned by civil affairs). Each resolves through a DataLoader, so
// a gateway page of N persons costs one query per kind of record, not N.
import { checkMonth } from '@lip/shared/periods';
import { extendPerson } from '@lip/shared/person-extension';
import { PaymentAccount } from './account.ts';
import { PaymentLine } from './payroll.ts';
import { PersonRef } from './person-ref.ts';

extendPerson(PersonRef, {
  fields: (t) => ({
    payments: t.field({
      // Nullable: when this subgraph is down, the gateway answers the rest of the person.
      nullable: true,
      type: [PaymentLine],
      description: '发放记录: the person’s payment lines (payrolls and one-off temporary assistance), newest month first.',
      args: { month: t.arg.string({ required: false, description: 'Only this month (YYYY-MM).' }) },
      resolve: async (person, { month }, ctx) => {
        const wanted = month == null ? null : checkMonth(month).getTime();
        return (await ctx.linesByPerson.load(person.idNumber)).filter((line) => wanted === null || line.month.getTime() === wanted);
      },
    }),
    paymentAccount: t.field({
      nullable: true,
      type: PaymentAccount,
      description: '一卡通账户 the person is paid into (number masked for roles that do not pay).',
      resolve: (person, _args, ctx) => ctx.accountByPerson.load(person.idNumber),
    }),
  }),
});
