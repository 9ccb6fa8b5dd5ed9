import type { Identity } from '@lip/shared/auth';
import { conflict, notFound } from '@lip/shared/errors';
import { assertFoundInRegion, assertInRegion } from '@lip/shared/scopes';
import { retrying } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { checkHouseholdFacts, checkMember, checkMembers, LIMITS, type Member, perCapitaIncome } from '../domain/household.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { HukouType, Relationship } from './enums.ts';
import { lockHouseholds, lockPersons } from './locks.ts';
import { Person } from './person.ts';
import { Region, regionOf } from './region.ts';

export const Household = builder.prismaObject('Household', {
  description: '家庭/户: the unit of means testing, with its members and their relationship to the head.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '家庭编号' }),
    regionCode: t.exposeString('regionCode', { description: '行政区划代码 (township or village)' }),
    region: t.field({ type: Region, description: '所在地', resolve: (household) => regionOf(household.regionCode) }),
    address: t.exposeString('address', { description: '住址: the first part only (湖滨街道****) for roles that do not work cases.' }),
    hukouType: t.expose('hukouType', { type: HukouType, description: '城乡类别 (urban/rural household)' }),
    monthlyIncome: t.expose('monthlyIncome', { type: 'Money', description: '家庭月收入 (元): total monthly income of all members.' }),
    perCapitaMonthlyIncome: t.field({
      type: 'Money',
      description: '人均月收入 (元): the figure compared with the local dibao standard.',
      resolve: async (household, _args, ctx) => perCapitaIncome(Number(household.monthlyIncome), await ctx.memberCount.load(household.id)).toFixed(2),
    }),
    financialAssets: t.expose('financialAssets', { type: 'Money', description: '金融资产 (元): deposits, securities and similar.' }),
    realEstateCount: t.exposeInt('realEstateCount', { description: '房产数量' }),
    vehicleCount: t.exposeInt('vehicleCount', { description: '车辆数量' }),
    memberCount: t.int({ description: '家庭人口', resolve: (household, _args, ctx) => ctx.memberCount.load(household.id) }),
    head: t.field({
      type: Person,
      nullable: true,
      description: '户主',
      select: { members: { where: { relationshipToHead: 'HEAD' }, take: 1 } },
      resolve: (household) => household.members[0] ?? null,
    }),
    members: t.relation('members', { description: '家庭成员, head first.', query: { orderBy: [{ relationshipToHead: 'asc' }, { birthDate: 'asc' }] } }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '登记时间' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最后更新' }),
  }),
});

builder.objectField(Person, 'household', (t) =>
  t.field({
    type: Household,
    nullable: true,
    description: '所在家庭',
    // One batched read per page (ctx.householdById), through the driver.
    resolve: (person, _args, ctx) => (person.householdId ? ctx.householdById.load(person.householdId) : null),
  }),
);

const MemberInput = builder.inputType('MemberInput', {
  description: '家庭成员: a member to register. Sex and birth date are derived from the ID number.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', description: '居民身份证号码' }),
    name: t.string({ description: '姓名' }),
    relationshipToHead: t.field({ type: Relationship, description: '与户主关系' }),
    phone: t.string({ required: false, description: '联系电话 (mobile or landline with area code)' }),
  }),
});

const householdFacts = {
  regionCode: '行政区划代码: a township (9 digits) or village (12 digits) of Sanmenxia.',
  address: '住址',
  monthlyIncome: '家庭月收入 (元)',
  financialAssets: '金融资产 (元)',
  realEstateCount: '房产数量 (default 0)',
  vehicleCount: '车辆数量 (default 0)',
};

const RegisterHouseholdInput = builder.inputType('RegisterHouseholdInput', {
  description: '家庭登记: a new household with all its members (exactly one HEAD).',
  fields: (t) => ({
    regionCode: t.string({ description: householdFacts.regionCode }),
    address: t.string({ description: householdFacts.address }),
    hukouType: t.field({ type: HukouType, description: '城乡类别' }),
    monthlyIncome: t.field({ type: 'Money', description: householdFacts.monthlyIncome }),
    financialAssets: t.field({ type: 'Money', description: householdFacts.financialAssets }),
    realEstateCount: t.int({ required: false, description: householdFacts.realEstateCount }),
    vehicleCount: t.int({ required: false, description: householdFacts.vehicleCount }),
    members: t.field({ type: [MemberInput], description: '家庭成员' }),
  }),
});

const UpdateHouseholdInput = builder.inputType('UpdateHouseholdInput', {
  description: '家庭信息变更: only the given fields change. A new region moves every member with the household.',
  fields: (t) => ({
    regionCode: t.string({ required: false, description: householdFacts.regionCode }),
    address: t.string({ required: false, description: householdFacts.address }),
    hukouType: t.field({ type: HukouType, required: false, description: '城乡类别' }),
    monthlyIncome: t.field({ type: 'Money', required: false, description: householdFacts.monthlyIncome }),
    financialAssets: t.field({ type: 'Money', required: false, description: householdFacts.financialAssets }),
    realEstateCount: t.int({ required: false, description: householdFacts.realEstateCount }),
    vehicleCount: t.int({ required: false, description: householdFacts.vehicleCount }),
  }),
});

type Tx = Prisma.TransactionClient;

const householdFull = () => conflict(`The household is full (${LIMITS.members} members)`, { reason: 'HOUSEHOLD_FULL' });

async function loadHousehold(tx: Tx, identity: Identity, id: string) {
  const household = await tx.household.findUnique({ where: { id }, include: { members: { select: { idNumber: true, relationshipToHead: true } } } });
  if (!household) throw notFound('Household', id);
  assertFoundInRegion(identity, household.regionCode, 'Household', id);
  return household;
}

async function loadMember(tx: Tx, identity: Identity, idNumber: string) {
  const person = await tx.person.findUnique({ where: { idNumber } });
  if (!person) throw notFound('Person', idNumber);
  assertFoundInRegion(identity, person.regionCode, 'Person', idNumber);
  return person;
}

/** Creates the person, or attaches a registered person (of the same name) who has no household. Call with the person locked. */
async function joinHousehold(tx: Tx, household: { id: string; regionCode: string; hukouType: 'URBAN' | 'RURAL' }, member: Member) {
  const existing = await tx.person.findUnique({ where: { idNumber: member.idNumber } });
  const placement = {
    householdId: household.id,
    relationshipToHead: member.relationshipToHead,
    regionCode: household.regionCode,
    hukouType: household.hukouType,
  };
  if (!existing) {
    await tx.person.create({
      data: { idNumber: member.idNumber, name: member.name, sex: member.sex, birthDate: member.birthDate, phone: member.phone, ...placement },
    });
  } else if (existing.householdId) {
    throw conflict(`${member.idNumber} already belongs to household ${existing.householdId}; move the member instead`, {
      reason: 'IN_ANOTHER_HOUSEHOLD',
      householdId: existing.householdId,
    });
  } else if (existing.name !== member.name) {
    // The register's name is changed by a correction with its evidence, never as a side effect.
    throw conflict(`${member.idNumber} is registered under another name`, { reason: 'NAME_MISMATCH', field: 'name' });
  } else {
    await tx.person.update({ where: { idNumber: member.idNumber }, data: { ...placement, phone: member.phone ?? existing.phone } });
  }
}

builder.queryFields((t) => ({
  household: t.prismaField({
    type: Household,
    nullable: true,
    description: 'A household by its ID.',
    args: { id: t.arg.id({ description: '家庭编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.household.findUnique({ ...query, where: { id: String(id), regionCode: { startsWith: ctx.identity.region } } }),
  }),
}));

builder.mutationFields((t) => ({
  registerHousehold: t.prismaField({
    type: Household,
    description: '家庭登记: register a household and its members. A member already in another household is refused (CONFLICT).',
    args: { input: t.arg({ type: RegisterHouseholdInput, description: 'The household and its members' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { members: memberInputs, ...rest } = input;
      const facts = checkHouseholdFacts(rest);
      assertInRegion(ctx.identity, facts.regionCode);
      const members = checkMembers(memberInputs);
      const id = await retrying(() =>
        ctx.prisma.$transaction(async (tx) => {
          await lockPersons(
            tx,
            members.map((member) => member.idNumber),
          );
          const household = await tx.household.create({
            data: { ...facts, realEstateCount: facts.realEstateCount ?? 0, vehicleCount: facts.vehicleCount ?? 0 },
          });
          for (const member of members) await joinHousehold(tx, household, member);
          return household.id;
        }),
      );
      return ctx.prisma.household.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateHousehold: t.prismaField({
    type: Household,
    description: '家庭信息变更: change a household’s address, region, urban/rural type, income or assets.',
    args: { id: t.arg.id({ description: '家庭编号' }), input: t.arg({ type: UpdateHouseholdInput, description: 'The fields to change' }) },
    resolve: async (query, _root, { id, input }, ctx) => {
      const facts = checkHouseholdFacts({
        regionCode: input.regionCode ?? undefined,
        address: input.address ?? undefined,
        hukouType: input.hukouType ?? undefined,
        monthlyIncome: input.monthlyIncome ?? undefined,
        financialAssets: input.financialAssets ?? undefined,
        realEstateCount: input.realEstateCount ?? undefined,
        vehicleCount: input.vehicleCount ?? undefined,
      });
      await retrying(() =>
        ctx.prisma.$transaction(async (tx) => {
          await lockHouseholds(tx, [String(id)]);
          const household = await loadHousehold(tx, ctx.identity, String(id));
          if (facts.regionCode) assertInRegion(ctx.identity, facts.regionCode);
          await tx.household.update({ where: { id: household.id }, data: facts });
          if (facts.regionCode || facts.hukouType) {
            await tx.person.updateMany({
              where: { householdId: household.id },
              data: { ...(facts.regionCode ? { regionCode: facts.regionCode } : {}), ...(facts.hukouType ? { hukouType: facts.hukouType } : {}) },
            });
          }
        }),
      );
      return ctx.prisma.household.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
  addHouseholdMember: t.prismaField({
    type: Household,
    description: '增加家庭成员: add a new or household-less person to a household (not as a second HEAD).',
    args: { householdId: t.arg.id({ description: '家庭编号' }), member: t.arg({ type: MemberInput, description: 'The new member' }) },
    resolve: async (query, _root, args, ctx) => {
      const member = checkMember(args.member);
      const householdId = String(args.householdId);
      await retrying(() =>
        ctx.prisma.$transaction(async (tx) => {
          // The household's row lock serialises its membership changes: the count below is the committed one.
          await lockHouseholds(tx, [householdId]);
          await lockPersons(tx, [member.idNumber]);
          const household = await loadHousehold(tx, ctx.identity, householdId);
          if (member.relationshipToHead === 'HEAD') throw conflict('The household already has a head; use changeHouseholdHead', { reason: 'HEAD_EXISTS' });
          if (household.members.length >= LIMITS.members) throw householdFull();
          await joinHousehold(tx, household, member);
        }),
      );
      return ctx.prisma.household.findUniqueOrThrow({ ...query, where: { id: householdId } });
    },
  }),
  moveHouseholdMember: t.prismaField({
    type: Household,
    description: '成员迁移: move a member (not the head) to another household; returns the destination.',
    args: {
      idNumber: t.arg({ type: 'IdNumber', description: '居民身份证号码' }),
      toHouseholdId: t.arg.id({ description: 'Destination household' }),
      relationshipToHead: t.arg({ type: Relationship, description: 'Relationship to the destination head' }),
    },
    resolve: async (query, _root, { idNumber, toHouseholdId, relationshipToHead }, ctx) => {
      const destinationId = String(toHouseholdId);
      await retrying(() =>
        ctx.prisma.$transaction(async (tx) => {
          await lockPersons(tx, [idNumber]);
          const person = await loadMember(tx, ctx.identity, idNumber);
          await lockHouseholds(tx, [person.householdId, destinationId]);
          if (person.householdId === destinationId) throw conflict('The person is already in that household', { reason: 'SAME_HOUSEHOLD' });
          if (person.relationshipToHead === 'HEAD') throw conflict('The head cannot leave; change the head first', { reason: 'HEAD_CANNOT_LEAVE' });
          if (relationshipToHead === 'HEAD') throw conflict('The destination already has a head', { reason: 'HEAD_EXISTS' });
          const destination = await loadHousehold(tx, ctx.identity, destinationId);
          if (destination.members.length >= LIMITS.members) throw householdFull();
          await tx.person.update({
            where: { idNumber },
            data: { householdId: destination.id, relationshipToHead, regionCode: destination.regionCode, hukouType: destination.hukouType },
          });
        }),
      );
      return ctx.prisma.household.findUniqueOrThrow({ ...query, where: { id: destinationId } });
    },
  }),
  removeHouseholdMember: t.prismaField({
    type: Household,
    description: '移出家庭: take a member (not the head) out of their household. The person stays in the register.',
    args: { idNumber: t.arg({ type: 'IdNumber', description: '居民身份证号码' }) },
    resolve: async (query, _root, { idNumber }, ctx) => {
      const householdId = await retrying(() =>
        ctx.prisma.$transaction(async (tx) => {
          await lockPersons(tx, [idNumber]);
          const person = await loadMember(tx, ctx.identity, idNumber);
          await lockHouseholds(tx, [person.householdId]);
          if (!person.householdId) throw conflict('The person has no household', { reason: 'NO_HOUSEHOLD' });
          if (person.relationshipToHead === 'HEAD') throw conflict('The head cannot leave; change the head first', { reason: 'HEAD_CANNOT_LEAVE' });
          await tx.person.update({ where: { idNumber }, data: { householdId: null, relationshipToHead: null } });
          return person.householdId;
        }),
      );
      return ctx.prisma.household.findUniqueOrThrow({ ...query, where: { id: householdId } });
    },
  }),
  changeHouseholdHead: t.prismaField({
    type: Household,
    description: '变更户主: make another member the head; the former head takes the given relationship.',
    args: {
      householdId: t.arg.id({ description: '家庭编号' }),
      newHeadIdNumber: t.arg({ type: 'IdNumber', description: 'A current member' }),
      formerHeadRelationship: t.arg({ type: Relationship, description: 'The former head’s relationship to the new head' }),
    },
    resolve: async (query, _root, { householdId, newHeadIdNumber, formerHeadRelationship }, ctx) => {
      const id = String(householdId);
      await retrying(() =>
        ctx.prisma.$transaction(async (tx) => {
          await lockHouseholds(tx, [id]);
          const household = await loadHousehold(tx, ctx.identity, id);
          const head = household.members.find((member) => member.relationshipToHead === 'HEAD');
          if (!household.members.some((member) => member.idNumber === newHeadIdNumber)) {
            throw conflict(`${newHeadIdNumber} is not a member of household ${id}`, { reason: 'NOT_A_MEMBER' });
          }
          if (head?.idNumber === newHeadIdNumber) throw conflict('That member is already the head', { reason: 'ALREADY_HEAD' });
          if (formerHeadRelationship === 'HEAD') throw conflict('The former head needs a relationship other than HEAD', { reason: 'HEAD_EXISTS' });
          if (head) await tx.person.update({ where: { idNumber: head.idNumber }, data: { relationshipToHead: formerHeadRelationship } });
          await tx.person.update({ where: { idNumber: newHeadIdNumber }, data: { relationshipToHead: 'HEAD' } });
        }),
      );
      return ctx.prisma.household.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
