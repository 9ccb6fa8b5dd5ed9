import { DomainError, ErrorCode, invalidInput, notFound } from '@lip/shared/errors';
import { checkCountyCode } from '@lip/shared/periods';
import { assertInRegion, paysAssistance, withinRegion } from '@lip/shared/scopes';
import { checkText } from '@lip/shared/text';
import { uniqueAsConflict } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { maskAccountNumber } from '../domain/bank-file.ts';
import { PayeeKind } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const PaymentAccount = builder.prismaObject('PaymentAccount', {
  description: '惠民资金一卡通账户: the account a recipient (or a care institution) is paid into. One per payee.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '账户编号' }),
    kind: t.expose('kind', { type: PayeeKind, description: '收款方类型' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', nullable: true, description: '持卡人居民身份证号码 (PERSON accounts)' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '持卡人 (from civil affairs)',
      resolve: (account) => (account.personIdNumber ? personOf(account.personIdNumber) : null),
    }),
    institutionName: t.exposeString('institutionName', { nullable: true, description: '供养机构名称 (INSTITUTION accounts), as named on the holding.' }),
    countyCode: t.exposeString('countyCode', { description: '开户县 (6 digits): the county whose payrolls pay into it.' }),
    bankName: t.exposeString('bankName', { description: '开户银行' }),
    accountNumber: t.string({
      description:
        '银行账号: in full only for those who pay (city administrators, county officers, civil-affairs and finance department ' +
        'officers, the payment service), and every such read is written to the audit log; 6222********7890 for everyone else.',
      resolve: async (account, _args, ctx) => {
        if (!paysAssistance(ctx.identity)) return maskAccountNumber(account.accountNumber);
        await ctx.auditAccountRead.load(account);
        return account.accountNumber;
      },
    }),
    holderName: t.exposeString('holderName', { description: '户名' }),
    updatedBy: t.exposeString('updatedBy', { description: '最后变更经办人' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '开立时间' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最后变更: a failed line is reissued only after this moves past the failure.' }),
  }),
});

const ACCOUNT_NUMBER = /^\d{12,30}$/;

export function checkAccountFields(input: { bankName: string; accountNumber: string; holderName: string }) {
  const accountNumber = input.accountNumber.replace(/\s+/g, '');
  if (!ACCOUNT_NUMBER.test(accountNumber)) throw invalidInput('accountNumber must be 12 to 30 digits', { field: 'accountNumber' });
  return { bankName: checkText(input.bankName, 'bankName', 2, 60), accountNumber, holderName: checkText(input.holderName, 'holderName', 1, 100) };
}

const OpenPaymentAccountInput = builder.inputType('OpenPaymentAccountInput', {
  description: '开立账户: register the account a person or a care institution is paid into. Give personIdNumber or institutionName, not both.',
  fields: (t) => ({
    personIdNumber: t.field({ type: 'IdNumber', required: false, description: '持卡人 (a recipient)' }),
    institutionName: t.string({ required: false, description: '供养机构名称, exactly as on the holdings (2 to 100 characters)' }),
    countyCode: t.string({ description: '开户县 (6 digits), within your region.' }),
    bankName: t.string({ description: '开户银行 (2 to 60 characters)' }),
    accountNumber: t.string({ description: '银行账号 (12 to 30 digits; spaces are ignored)' }),
    holderName: t.string({ description: '户名 (1 to 100 characters)' }),
  }),
});

const CorrectPaymentAccountInput = builder.inputType('CorrectPaymentAccountInput', {
  description: '变更账户: correct an account (e.g. after the bank returned a payment).',
  fields: (t) => ({
    accountId: t.id({ description: '账户编号' }),
    bankName: t.string({ description: '开户银行 (2 to 60 characters)' }),
    accountNumber: t.string({ description: '银行账号 (12 to 30 digits)' }),
    holderName: t.string({ description: '户名 (1 to 100 characters)' }),
  }),
});

builder.queryFields((t) => ({
  paymentAccount: t.prismaField({
    type: PaymentAccount,
    nullable: true,
    description: 'An account by id within your region, or null.',
    args: { id: t.arg.id({ description: '账户编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.paymentAccount.findFirst({ ...query, where: { AND: [{ id: String(id) }, withinRegion(ctx.identity, 'countyCode')] } }),
  }),
}));

builder.mutationFields((t) => ({
  openPaymentAccount: t.prismaField({
    type: PaymentAccount,
    description: '开立账户. CONFLICT (ACCOUNT_EXISTS) when the payee already has one: correct it instead.',
    args: { input: t.arg({ type: OpenPaymentAccountInput, description: '账户' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const countyCode = checkCountyCode(input.countyCode);
      assertInRegion(ctx.identity, countyCode);
      const fields = checkAccountFields(input);
      const institutionName = input.institutionName == null ? null : checkText(input.institutionName, 'institutionName', 2, 100);
      if ((input.personIdNumber == null) === (institutionName == null)) {
        throw invalidInput('Give either personIdNumber or institutionName', { field: 'personIdNumber' });
      }
      const account = await uniqueAsConflict(
        () =>
          ctx.prisma.paymentAccount.create({
            data: {
              kind: institutionName ? 'INSTITUTION' : 'PERSON',
              personIdNumber: input.personIdNumber ?? null,
              institutionName,
              countyCode,
              ...fields,
              createdBy: ctx.identity.subject,
              updatedBy: ctx.identity.subject,
            },
          }),
        'The payee already has an account; correct it instead',
        'ACCOUNT_EXISTS',
      );
      return ctx.prisma.paymentAccount.findUniqueOrThrow({ ...query, where: { id: account.id } });
    },
  }),

  correctPaymentAccount: t.prismaField({
    type: PaymentAccount,
    description: '变更账户: correct the bank, number or holder. Failed lines paid into it may then be reissued.',
    args: { input: t.arg({ type: CorrectPaymentAccountInput, description: '变更内容' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = String(input.accountId);
      const fields = checkAccountFields(input);
      const account = await ctx.prisma.paymentAccount.findUnique({ where: { id } });
      if (!account) throw notFound('PaymentAccount', id);
      assertInRegion(ctx.identity, account.countyCode);
      if (account.accountNumber === fields.accountNumber && account.bankName === fields.bankName && account.holderName === fields.holderName) {
        throw new DomainError(ErrorCode.INVALID_INPUT, 'Nothing changed', { field: 'input', reason: 'UNCHANGED' });
      }
      await ctx.prisma.paymentAccount.update({ where: { id }, data: { ...fields, updatedBy: ctx.identity.subject } });
      return ctx.prisma.paymentAccount.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
