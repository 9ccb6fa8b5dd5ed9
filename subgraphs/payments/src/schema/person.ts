// Payments' fields on `Person` (owned by civil affairs). Each resolves through a DataLoader, so
// a gateway page of N persons costs one query per kind of record, not N.
import { checkMonth } from '@lip/shared/periods';
import { PaymentAccount } from './account.ts';
import { PaymentLine } from './payroll.ts';
import { PersonRef } from './person-ref.ts';

PersonRef.implement({
  description: '居民: a person in the register, identified by the resident ID number. Other departments extend this entity.',
  fields: (t) => ({
    idNumber: t.expose('idNumber', { type: 'IdNumber', description: '居民身份证号码' }),
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
