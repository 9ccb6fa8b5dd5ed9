// Rules and their parameters per county and year, as data.
import { DomainError, ErrorCode, invalidInput, notFound } from '@lip/shared/errors';
import { validateRegionCode } from '@lip/shared/regions';
import { forbidden } from '@lip/shared/scopes';
import { builder } from '../builder.ts';
import { mayChangeRules } from '../domain/access.ts';
import { ReferralOffice } from './alert.ts';
import { AlertSeverity } from './enums.ts';

export const RuleParameter = builder.prismaObject('RuleParameter', {
  description: '规则参数: a threshold for one county (or 4112, the whole city) from one year on.',
  fields: (t) => ({
    name: t.exposeString('name', { description: '参数名 (params.<name> in the expression)' }),
    regionCode: t.exposeString('regionCode', { description: '适用地区: 4112 (city-wide default) or a county code, which overrides it.' }),
    year: t.exposeInt('year', { description: '适用年度 (in force until a later year’s row)' }),
    value: t.string({ description: '参数值', resolve: (parameter) => parameter.value.toString() }),
  }),
});

export const Rule = builder.prismaObject('Rule', {
  description: '监测规则: a CEL condition over a person’s register facts, feed states and department signals, with the office it refers to.',
  fields: (t) => ({
    code: t.exposeString('code', { description: '规则代码' }),
    nameZh: t.exposeString('nameZh', { description: '规则名称' }),
    nameEn: t.exposeString('nameEn', { description: 'Rule name in English' }),
    description: t.exposeString('description', { description: '说明' }),
    sources: t.exposeStringList('sources', { description: '读取的数据源 (feeds, department signals, VISIT, ENTITLEMENTS)' }),
    categories: t.exposeStringList('categories', { description: '涉及的类别 (empty: any person)' }),
    expression: t.exposeString('expression', { description: '触发条件 (CEL)' }),
    coveredExpression: t.exposeString('coveredExpression', { nullable: true, description: '已保障条件 (CEL): when true, an open alert resolves as COVERED.' }),
    severity: t.expose('severity', { type: AlertSeverity, description: '预警等级' }),
    office: t.field({ type: ReferralOffice, description: '转办单位', resolve: (rule) => rule.office as never }),
    deadlineWorkingDays: t.exposeInt('deadlineWorkingDays', { description: '办理时限 (工作日)' }),
    endsHoldings: t.exposeBoolean('endsHoldings', { description: '终止在保: the alert ends the person’s holdings in civil affairs (the death rule).' }),
    active: t.exposeBoolean('active', { description: '是否启用' }),
    parameters: t.relation('parameters', {
      description: '参数, by name, region and year',
      args: { year: t.arg.int({ required: false, description: 'Only rows of this year.' }) },
      query: ({ year }) => ({ where: year == null ? {} : { year }, orderBy: [{ name: 'asc' }, { regionCode: 'asc' }, { year: 'asc' }] }),
    }),
  }),
});

builder.queryField('monitoringRules', (t) =>
  t.prismaField({
    type: [Rule],
    description: '监测规则 and their parameters.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.rule.findMany({ ...query, orderBy: { code: 'asc' } }),
  }),
);

builder.mutationField('setRuleParameter', (t) =>
  t.prismaField({
    type: Rule,
    description: '设置规则参数: a city administrator or civil-affairs officer sets a threshold for a county (or 4112) and year.',
    args: {
      ruleCode: t.arg.string({ description: '规则代码' }),
      regionCode: t.arg.string({ description: '4112 or a county code (6 digits)' }),
      year: t.arg.int({ description: '年度 (2000 to 2100)' }),
      name: t.arg.string({ description: '参数名: one the rule’s expressions read (params.<name>)' }),
      value: t.arg.string({ description: '参数值: a decimal number' }),
    },
    resolve: async (query, _root, { ruleCode, regionCode, year, name, value }, ctx) => {
      if (!mayChangeRules(ctx.identity)) throw forbidden('Only a city administrator or civil-affairs officer changes rule parameters');
      const rule = await ctx.prisma.rule.findUnique({ where: { code: ruleCode } });
      if (!rule) throw notFound('Rule', ruleCode);
      if (regionCode !== '4112') {
        const checked = validateRegionCode(regionCode);
        if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field: 'regionCode', reason: checked.reason });
        if (checked.region.level !== 'COUNTY')
          throw new DomainError(ErrorCode.INVALID_REGION_CODE, 'regionCode must be 4112 or a county', { field: 'regionCode', reason: 'LEVEL' });
      }
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalidInput('year must be from 2000 to 2100', { field: 'year' });
      if (!new RegExp(`\\bparams\\.${name.replace(/\W/g, '')}\\b`).test(`${rule.expression} ${rule.coveredExpression ?? ''}`) || !/^\w+$/.test(name)) {
        throw invalidInput(`${ruleCode} reads no parameter ${name}`, { field: 'name' });
      }
      if (!/^-?\d{1,10}(\.\d{1,4})?$/.test(value)) throw invalidInput('value must be a decimal number with at most 4 decimals', { field: 'value' });
      await ctx.prisma.ruleParameter.upsert({
        where: { ruleCode_regionCode_year_name: { ruleCode, regionCode, year, name } },
        create: { ruleCode, regionCode, year, name, value },
        update: { value },
      });
      return ctx.prisma.rule.findUniqueOrThrow({ ...query, where: { code: ruleCode } });
    },
  }),
);
