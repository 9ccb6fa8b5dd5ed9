// What every department subgraph publishes about entitlements (docs/design.md §6): the same
// enums and the same shareable `Entitlement` type, and the `Person` fields it requires
// from civil affairs to decide them.
import type { SchemaTypes } from '@pothos/core';
import type { SelectionFromShape } from '@pothos/plugin-federation';
import { type EnumDefinition, HOLDING_SUBTYPE, type HoldingSubtype, HUKOU_TYPE, type HukouType, LOW_INCOME_CATEGORY, type LowIncomeCategory } from './enums.ts';

export const ENTITLEMENT_STATUS = {
  description: '保障状态: whether a person is entitled to a program and whether the owning department has a record of it.',
  values: {
    ENTITLED_COVERED: { description: '应保已保: entitled, and the department has a current record.' },
    ENTITLED_MISSING: { description: '应保未保: entitled, but the department has no current record (a coverage gap).' },
    NOT_ENTITLED: { description: '不符合条件: not entitled under the current categories.' },
  },
} satisfies EnumDefinition<string>;
export type EntitlementStatus = keyof typeof ENTITLEMENT_STATUS.values;

export const ASSISTANCE_PROGRAM = {
  description: '救助项目: an assistance program and the department that owns it.',
  values: {
    BASIC_LIVING: { description: '基本生活救助 (民政): dibao or extreme-poverty support, paid monthly.' },
    PREMIUM_SUBSIDY: { description: '参保资助 (医保): resident medical insurance premium subsidy.' },
    MEDICAL_ASSISTANCE: { description: '医疗救助 (医保): assistance on inpatient and chronic-outpatient costs.' },
    EDUCATION_ASSISTANCE: { description: '教育救助 (教育): grants, living allowances, fee waivers for students.' },
    URBAN_HOUSING: { description: '城镇住房救助 (住建): public rental housing or rent subsidy.' },
    RURAL_HOUSING_RENOVATION: { description: '农村危房改造 (住建): renovation of C/D-grade rural houses.' },
    UNION_ASSISTANCE: { description: '工会帮扶 (总工会): assistance to difficult workers on file.' },
  },
} satisfies EnumDefinition<string>;
export type AssistanceProgram = keyof typeof ASSISTANCE_PROGRAM.values;

export interface Entitlement {
  program: AssistanceProgram;
  status: EntitlementStatus;
  /** Plain-language why, naming the categories or records that decided it. */
  reason: string;
}

interface FactTypes {
  String: string;
  LowIncomeCategory: LowIncomeCategory;
  HukouType: HukouType;
  HoldingSubtype: HoldingSubtype;
}
interface FactDefinition {
  type: keyof FactTypes;
  list?: true;
  nullable?: true;
  description: string;
}

/**
 * The register facts a department requires from civil affairs (which owns `Person`), defined once:
 * every department declares them as `@external` from here (person-extension.ts), `@requires` them as
 * REGISTER_FACTS, and receives them as RegisterFacts. Civil affairs resolves the same names and types.
 */
export const REGISTER_FACT_FIELDS = {
  regionCode: { type: 'String', description: '居住地行政区划代码 (from civil affairs): decides whether the caller may see this person’s records.' },
  activeCategories: {
    type: 'LowIncomeCategory',
    list: true,
    description: '当前类别 (from civil affairs): the categories held ACTIVE today; they decide entitlements.',
  },
  hukouType: { type: 'HukouType', description: '户籍类型 (from civil affairs)' },
  extremePovertySupport: {
    type: 'HoldingSubtype',
    nullable: true,
    description: '供养方式 (from civil affairs): DISPERSED or CENTRALIZED while EXTREME_POVERTY is ACTIVE, else null.',
  },
} as const satisfies Record<string, FactDefinition>;

type FactValue<D extends FactDefinition> = D extends { list: true } ? FactTypes[D['type']][] : FactTypes[D['type']];

/** The civil-affairs facts about a person that entitlements depend on (absent or null when not in the register). */
export type RegisterFacts = { [K in keyof typeof REGISTER_FACT_FIELDS]?: FactValue<(typeof REGISTER_FACT_FIELDS)[K]> | null };

/** Where the person lives, from civil affairs: what decides whether a caller may see their department fields. */
export type RegionFact = Pick<RegisterFacts, 'regionCode'>;

/** The `@requires` selection every department `Person` field declares, so it can keep to the caller's region (region-scope.ts). */
export const REGION_FACT = 'regionCode' satisfies keyof RegisterFacts;

/** The `@requires` selection matching RegisterFacts. */
export const REGISTER_FACTS = Object.keys(REGISTER_FACT_FIELDS).join(' ') as SelectionFromShape<RegisterFacts>;

/** Decides the status from entitlement and coverage; the department supplies both reasons. */
export function entitlement(program: AssistanceProgram, entitled: string | null, covered: boolean, coverage: string): Entitlement {
  if (entitled === null) return { program, status: 'NOT_ENTITLED', reason: coverage };
  return { program, status: covered ? 'ENTITLED_COVERED' : 'ENTITLED_MISSING', reason: `${entitled}; ${coverage}` };
}

/**
 * Registers the shared enums and types on a department builder and returns their refs.
 * `department` (camelCase, e.g. `healthInsurance`) names the department's anchor field below.
 */
export function addEntitlementTypes<Types extends SchemaTypes>(builder: PothosSchemaTypes.SchemaBuilder<Types>, department: string) {
  const LowIncomeCategoryEnum = builder.enumType('LowIncomeCategory', LOW_INCOME_CATEGORY);
  const HukouTypeEnum = builder.enumType('HukouType', HUKOU_TYPE);
  const HoldingSubtypeEnum = builder.enumType('HoldingSubtype', HOLDING_SUBTYPE);
  const EntitlementStatusEnum = builder.enumType('EntitlementStatus', ENTITLEMENT_STATUS);
  const AssistanceProgramEnum = builder.enumType('AssistanceProgram', ASSISTANCE_PROGRAM);
  const EntitlementRef = builder.objectRef<Entitlement>('Entitlement').implement({
    description: '应保尽保: one program’s entitlement for a person, decided by the owning department.',
    shareable: true,
    fields: (t) => ({
      program: t.field({ type: AssistanceProgramEnum, nullable: false, description: '救助项目', resolve: (e) => e.program }),
      status: t.field({ type: EntitlementStatusEnum, nullable: false, description: '保障状态', resolve: (e) => e.status }),
      reason: t.field({ type: 'String', nullable: false, description: '判定依据', resolve: (e) => e.reason as never }), // generic builder: String's shape is not known here
    }),
  });
  // Hive Gateway's stitching copies `@requires` fields into a separate schema per subgraph, and a
  // key-less type reached only from such fields becomes "canonical" in each copy; four copies of
  // `Entitlement` then fail its merge (docs/gateways.md has the reproduction). One plain,
  // client-invisible field per department that returns the type keeps it out of that path.
  builder.queryField(
    `_${department}EntitlementAnchor`,
    (t) =>
      t.field({
        type: [EntitlementRef],
        nullable: false,
        inaccessible: true,
        description: 'Not part of the client API: anchors `Entitlement` outside `@requires` fields so every gateway can plan it.',
        resolve: () => [],
      } as never), // generic builder: the field options cannot be checked against an unknown Types
  );
  return { LowIncomeCategoryEnum, HukouTypeEnum, HoldingSubtypeEnum, EntitlementStatusEnum, AssistanceProgramEnum, EntitlementRef };
}
