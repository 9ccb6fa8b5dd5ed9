import type { Identity } from '@lip/shared/auth';
import { ageOn, laterOf, today } from '@lip/shared/calendar';
import { checkDateWindow, type DateWindow } from '@lip/shared/dates';
import { conflict, invalidInput, notFound } from '@lip/shared/errors';
import { totalCountOptions } from '@lip/shared/lists';
import { listPrefix, regionRange } from '@lip/shared/region-filter';
import { assertFoundInRegion } from '@lip/shared/scopes';
import { checkReason } from '@lip/shared/text';
import { lockRows, retrying } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { lockPersons } from './locks.ts';

/** A death may have happened long before the register heard of it, but never after today. */
const DEATH_WINDOW: DateWindow = { earliest: new Date('1900-01-01T00:00:00.000Z'), yearsAhead: 0 };

import { PERSON_COLUMNS } from '../context.ts';
import type { HoldingStatus as HoldingStatusValue, LowIncomeCategory as LowIncomeCategoryValue, Person as PersonRow } from '../generated/prisma/client.ts';
import { HoldingStatus, HoldingSubtype, HukouType, LowIncomeCategory, Relationship, Sex } from './enums.ts';
import { CategoryHolding, recordEvent } from './holding.ts';
import { Region, regionOf } from './region.ts';

const active = <Holding extends { status: string }>(holdings: Holding[]) => holdings.filter((holding) => holding.status === 'ACTIVE');

export const Person = builder.prismaObject('Person', {
  description: '居民: a person in the register, identified by the resident ID number. Other departments extend this entity.',
  fields: (t) => ({
    idNumber: t.expose('idNumber', { type: 'IdNumber', description: '居民身份证号码 (a person reference for roles that may not see it)' }),
    // name, phone, birthDate and age are masked by the shared policy (@lip/shared/masking) for roles that do not work cases.
    name: t.exposeString('name', { description: '姓名: in full for roles that work cases, else the surname only (王**).' }),
    sex: t.expose('sex', { type: Sex, description: '性别 (from the ID number)' }),
    birthDate: t.expose('birthDate', {
      type: 'Date',
      description: '出生日期 (from the ID number): the year only (1932-**-**) for roles that do not work cases.',
    }),
    age: t.int({
      description: '年龄: whole years today (or at death); for roles that do not work cases, the age reached this year.',
      resolve: (person) => ageOn(person.birthDate, person.deceasedOn ?? today()),
    }),
    regionCode: t.exposeString('regionCode', { description: '居住地行政区划代码: township (9) or village (12) digits.' }),
    region: t.field({ type: Region, description: '居住地', resolve: (person) => regionOf(person.regionCode) }),
    hukouType: t.expose('hukouType', { type: HukouType, description: '户籍类型' }),
    phone: t.exposeString('phone', { nullable: true, description: '联系电话: in full for roles that work cases, else masked (138****5678).' }),
    alive: t.boolean({ description: '是否健在', resolve: (person) => person.deceasedOn === null }),
    deceasedOn: t.expose('deceasedOn', { type: 'Date', nullable: true, description: '死亡日期' }),
    // household: added in household.ts, whose Household type refers to Person (an import cycle otherwise).
    relationshipToHead: t.expose('relationshipToHead', { type: Relationship, nullable: true, description: '与户主关系' }),
    // Holdings come from one batched read per page (ctx.holdingsByPerson), which these three fields share.
    holdings: t.field({
      type: [CategoryHolding],
      description: '类别认定: every category holding, newest first, optionally only some statuses.',
      args: { status: t.arg({ type: [HoldingStatus], required: false, description: 'Only holdings in these states.' }) },
      resolve: async (person, { status }, ctx) => {
        const holdings = await ctx.holdingsByPerson.load(person.idNumber);
        return status ? holdings.filter((holding) => status.includes(holding.status)) : holdings;
      },
    }),
    activeCategories: t.field({
      type: [LowIncomeCategory],
      description: '当前类别: the categories held ACTIVE today. Departments read it to decide entitlements.',
      resolve: async (person, _args, ctx) => [...new Set(active(await ctx.holdingsByPerson.load(person.idNumber)).map((holding) => holding.category))],
    }),
    extremePovertySupport: t.field({
      type: HoldingSubtype,
      nullable: true,
      description: '供养方式: DISPERSED or CENTRALIZED while EXTREME_POVERTY is ACTIVE, else null.',
      resolve: async (person, _args, ctx) =>
        active(await ctx.holdingsByPerson.load(person.idNumber)).find((holding) => holding.category === 'EXTREME_POVERTY')?.subtype ?? null,
    }),
  }),
});

builder.asEntity(Person, {
  key: builder.selection<{ idNumber: string }>('idNumber'),
  resolveReference: ({ idNumber }, ctx) => ctx.personByIdNumber.load(idNumber),
});

const PersonFilter = builder.inputType('PersonFilter', {
  description: '筛选条件 for the person list. Conditions combine with AND.',
  fields: (t) => ({
    regionPrefix: t.string({
      required: false,
      description: 'A region code prefix: 4112 (the city), a county (6), township (9) or village (12) code.',
    }),
    category: t.field({ type: LowIncomeCategory, required: false, description: 'Only persons holding this category.' }),
    holdingStatus: t.field({
      type: HoldingStatus,
      required: false,
      description: 'With `category`: the holding state (default ACTIVE). Alone: persons with any holding in this state.',
    }),
    alive: t.boolean({ required: false, description: 'Only living (true) or deceased (false) persons.' }),
    householdId: t.id({ required: false, description: 'Only members of this household.' }),
  }),
});

type PersonListFilter = {
  regionPrefix?: string | null;
  category?: LowIncomeCategoryValue | null;
  holdingStatus?: HoldingStatusValue | null;
  alive?: boolean | null;
  householdId?: string | null;
} | null;

/**
 * The list filter as SQL conditions on "Person" (their parameters from $1), always within the caller's
 * region: the region as a range of codes, which the (regionCode, idNumber) index both filters and orders by.
 */
export function personConditions(identity: Identity, filter: PersonListFilter | undefined): { conditions: string[]; params: unknown[] } {
  const prefix = listPrefix(identity, filter?.regionPrefix, 'regionPrefix');
  // Outside the caller's region the list is empty, not an error.
  if (prefix === null) return { conditions: ['false'], params: [] };
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const range = regionRange(prefix);
  const conditions = [`"regionCode" >= ${param(range.gte)}`];
  if (range.lt) conditions.push(`"regionCode" < ${param(range.lt)}`);
  const status = filter?.holdingStatus ?? (filter?.category ? 'ACTIVE' : null);
  if (filter?.category || status) {
    const holding = [`h."personIdNumber" = "Person"."idNumber"`];
    if (filter?.category) holding.push(`h.category = ${param(filter.category)}::"LowIncomeCategory"`);
    if (status) holding.push(`h.status = ${param(status)}::"HoldingStatus"`);
    conditions.push(`EXISTS (SELECT 1 FROM "CategoryHolding" h WHERE ${holding.join(' AND ')})`);
  }
  if (filter?.alive != null) conditions.push(filter.alive ? '"deceasedOn" IS NULL' : '"deceasedOn" IS NOT NULL');
  if (filter?.householdId) conditions.push(`"householdId" = ${param(filter.householdId)}`);
  return { conditions, params };
}

type PageQuery = { cursor?: { regionCode_idNumber?: { regionCode: string; idNumber: string } }; skip?: number; take?: number };

/**
 * A page of the list as plugin-prisma's connection asks for it (`take` rows from the cursor on, negative
 * backwards; `skip: 1` past the cursor row), read along the (regionCode, idNumber) index: the cursor as a
 * row comparison the index starts from (Prisma's own cursor compares with the cursor row through
 * sub-selects joined by OR, which the planner answers by sorting the rest of the region).
 */
export function personPageStatement(
  list: { conditions: string[]; params: unknown[] },
  query: PageQuery,
): { text: string; params: unknown[]; backwards: boolean } {
  const params = [...list.params];
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = [...list.conditions];
  const take = query.take ?? 0;
  const backwards = take < 0;
  const cursor = query.cursor?.regionCode_idNumber;
  // The comparison already leaves the cursor row out, which Prisma's skip of 1 does.
  const skip = Math.max(0, (query.skip ?? 0) - (cursor ? 1 : 0));
  if (cursor) conditions.push(`("regionCode", "idNumber") ${backwards ? '<' : '>'} (${param(cursor.regionCode)}, ${param(cursor.idNumber)})`);
  const order = backwards ? '"regionCode" DESC, "idNumber" DESC' : '"regionCode", "idNumber"';
  return {
    text: `SELECT ${PERSON_COLUMNS} FROM "Person" WHERE ${conditions.join(' AND ')} ORDER BY ${order} LIMIT ${param(Math.abs(take))} OFFSET ${param(skip)}`,
    params,
    backwards,
  };
}

builder.queryFields((t) => ({
  person: t.prismaField({
    type: Person,
    nullable: true,
    description: 'A person by ID number, or null when not in the register.',
    args: { idNumber: t.arg({ type: 'IdNumber', description: '居民身份证号码' }) },
    resolve: (_query, _root, { idNumber }, ctx) => ctx.personByIdNumber.load(idNumber),
  }),
  persons: t.prismaConnection(
    {
      type: Person,
      cursor: 'regionCode_idNumber',
      maxSize: 100,
      defaultSize: 20,
      description: '人员名单: persons in the register, filtered, ordered by region code and then ID number, paged with cursors.',
      args: { filter: t.arg({ type: PersonFilter, required: false, description: 'Conditions (all optional)' }) },
      totalCount: async (_parent, { filter }, ctx) => {
        const { conditions, params } = personConditions(ctx.identity, filter);
        const [row] = await ctx.sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM "Person" WHERE ${conditions.join(' AND ')}`, params);
        return row!.count;
      },
      // Through the driver, as Prisma would give the rows (the Person type has no relation Prisma loads).
      resolve: async (query, _root, { filter }, ctx) => {
        const page = personPageStatement(personConditions(ctx.identity, filter), query);
        const rows = await ctx.sql.query<PersonRow>(page.text, page.params);
        return page.backwards ? rows.reverse() : rows;
      },
    },
    {
      name: 'PersonConnection',
      description: 'A page of persons, with the total number matching the filter.',
      fields: (t) => ({
        totalCount: t.int(totalCountOptions('总数: persons matching the filter (all pages).')),
      }),
    },
    { name: 'PersonEdge', description: 'A person in a page.' },
  ),
}));

builder.mutationFields((t) => ({
  recordDeath: t.prismaField({
    type: Person,
    description: '死亡登记: record a death; every open holding ends on that date with the given reason.',
    // Also civil affairs' monitoring service, acting on 公安's death feed.
    skipTypeScopes: true,
    authScopes: { recordDeath: true },
    args: {
      idNumber: t.arg({ type: 'IdNumber', description: '居民身份证号码' }),
      deceasedOn: t.arg({ type: 'Date', description: '死亡日期: from 1900-01-01 to today' }),
      reason: t.arg.string({ description: '依据, e.g. 公安户籍注销' }),
    },
    resolve: async (query, _root, { idNumber, deceasedOn, reason }, ctx) => {
      const why = checkReason(reason);
      checkDateWindow(deceasedOn, 'deceasedOn', DEATH_WINDOW);
      await retrying(() =>
        ctx.prisma.$transaction(async (tx) => {
          await lockPersons(tx, [idNumber]);
          const person = await tx.person.findUnique({ where: { idNumber }, include: { holdings: { where: { status: { not: 'ENDED' } } } } });
          if (!person) throw notFound('Person', idNumber);
          assertFoundInRegion(ctx.identity, person.regionCode, 'Person', idNumber);
          if (person.deceasedOn) throw conflict('The death is already recorded', { reason: 'PERSON_DECEASED' });
          if (deceasedOn < person.birthDate) throw invalidInput('deceasedOn must not be before the birth date', { field: 'deceasedOn' });
          await tx.person.update({ where: { idNumber }, data: { deceasedOn } });
          // Each open holding is locked and read again: a suspension may have committed meanwhile.
          await lockRows(
            tx,
            'CategoryHolding',
            person.holdings.map((holding) => holding.id),
          );
          const open = await tx.categoryHolding.findMany({ where: { personIdNumber: idNumber, status: { not: 'ENDED' } } });
          for (const holding of open) {
            const ended = await tx.categoryHolding.update({
              where: { id: holding.id },
              data: { status: 'ENDED', validTo: laterOf(deceasedOn, holding.validFrom) },
            });
            await recordEvent(tx, ended, { action: 'ENDED', fromStatus: holding.status, reason: `死亡: ${why}`, actor: ctx.identity.subject });
          }
        }),
      );
      return ctx.prisma.person.findUniqueOrThrow({ ...query, where: { idNumber } });
    },
  }),
}));
