// Enums that several subgraphs expose. Defined once so that every subgraph publishes
// identical values and descriptions (federation composes them as one type).
// Values in English; the Chinese term leads each description for analysts.

export interface EnumDefinition<V extends string> {
  description: string;
  values: Record<V, { description: string }>;
}

export const LOW_INCOME_CATEGORY = {
  description: '低收入人口类别: the categories of the low-income population (国办发〔2023〕39号).',
  values: {
    SUBSISTENCE_ALLOWANCE: { description: '最低生活保障对象 (低保): tier 1; exclusive with EXTREME_POVERTY.' },
    EXTREME_POVERTY: { description: '特困人员: tier 1; support DISPERSED (分散供养) or CENTRALIZED (集中供养).' },
    NEAR_SUBSISTENCE: { description: '最低生活保障边缘家庭成员: tier 2; income below about 1.5× the dibao standard.' },
    ESSENTIAL_EXPENDITURE_HARDSHIP: { description: '刚性支出困难家庭成员: tier 2; essential spending above a set share of income.' },
    RELAPSE_MONITORING: { description: '防止返贫监测对象: recognised by agriculture and rural affairs, imported as is.' },
    OTHER_HARDSHIP: { description: '其他困难人员: recognised by the county government.' },
  },
} satisfies EnumDefinition<string>;

export type LowIncomeCategory = keyof typeof LOW_INCOME_CATEGORY.values;
/** The categories in their order of tiers, as tables and charts list them. */
export const LOW_INCOME_CATEGORIES = Object.keys(LOW_INCOME_CATEGORY.values) as LowIncomeCategory[];

export const HUKOU_TYPE = {
  description: '户籍类型: urban or rural household registration.',
  values: { URBAN: { description: '城镇' }, RURAL: { description: '农村' } },
} satisfies EnumDefinition<string>;

export type HukouType = keyof typeof HUKOU_TYPE.values;

export const HOLDING_SUBTYPE = {
  description: '类别细分: subtype of a holding, required for EXTREME_POVERTY and RELAPSE_MONITORING only.',
  values: {
    DISPERSED: { description: '分散供养 (EXTREME_POVERTY): supported at home.' },
    CENTRALIZED: { description: '集中供养 (EXTREME_POVERTY): supported in a care institution, paid to it.' },
    UNSTABLE_LIFTED_OUT: { description: '脱贫不稳定户 (RELAPSE_MONITORING).' },
    MARGINAL_AT_RISK: { description: '边缘易致贫户 (RELAPSE_MONITORING).' },
    SUDDEN_SEVERE_HARDSHIP: { description: '突发严重困难户 (RELAPSE_MONITORING).' },
  },
} satisfies EnumDefinition<string>;

export type HoldingSubtype = keyof typeof HOLDING_SUBTYPE.values;
