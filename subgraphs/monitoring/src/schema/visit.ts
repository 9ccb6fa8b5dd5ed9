// 入户走访: visit reports by township workers and village informants. A report that names a change
// is evaluated at once, so it raises its alert directly (no wait for the next run).
import { formatDate, today } from '@lip/shared/calendar';
import { invalidInput, notFound } from '@lip/shared/errors';
import { forbidden, inRegion, withinRegion } from '@lip/shared/scopes';
import { checkOptionalText } from '@lip/shared/text';
import { builder } from '../builder.ts';
import { isCivilAffairsStaff } from '../domain/access.ts';
import type { FeedState } from '../domain/feeds.ts';
import { evaluatePersons } from '../engine/run.ts';
import { holdSignalWriterLock, writeSignals } from '../engine/signals.ts';
import { VisitChange } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const VISIT_SOURCE = 'VISIT';

export const VisitReport = builder.prismaObject('VisitReport', {
  description: '走访记录: who visited whom, when, what changed, and notes.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '记录编号' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '被走访人居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '被走访人 (joined from civil affairs)',
      resolve: (report) => personOf(report.personIdNumber),
    }),
    regionCode: t.exposeString('regionCode', { description: '被走访人所在地 (when visited)' }),
    visitedOn: t.expose('visitedOn', { type: 'Date', description: '走访日期' }),
    visitedBy: t.exposeString('visitedBy', { description: '走访人' }),
    changes: t.field({ type: [VisitChange], description: '发现的变化 (empty: nothing changed)', resolve: (report) => report.changes as never }),
    note: t.exposeString('note', { nullable: true, description: '情况说明' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '录入时间' }),
    alert: t.prismaField({
      type: 'Alert',
      nullable: true,
      description: '走访预警: the open alert the report raised (or that was already open) for a change; null when nothing changed.',
      resolve: (query, report, _args, ctx) =>
        report.changes.length
          ? ctx.prisma.alert.findFirst({
              ...query,
              where: { personIdNumber: report.personIdNumber, ruleCode: 'VISIT_REPORTED_CHANGE', status: { in: ['OPEN', 'REFERRED', 'IN_PROGRESS'] } },
            })
          : null,
    }),
  }),
});

const ReportVisitInput = builder.inputType('ReportVisitInput', {
  description: '走访报告',
  fields: (t) => ({
    personIdNumber: t.field({ type: 'IdNumber', description: '被走访人 (in the register, in your region)' }),
    visitedOn: t.field({ type: 'Date', description: '走访日期 (not in the future)' }),
    changes: t.field({ type: [VisitChange], description: '发现的变化 (empty when nothing changed)' }),
    note: t.string({ required: false, description: '情况说明 (2 to 500 characters)' }),
  }),
});

builder.mutationField('reportVisit', (t) =>
  t.prismaField({
    type: VisitReport,
    description:
      '录入走访: township civil-affairs staff (or a city administrator) report a visit to a person in their region; a change raises an alert at once.',
    args: { input: t.arg({ type: ReportVisitInput, description: 'The report' }) },
    resolve: async (query, _root, { input }, ctx) => {
      if (!isCivilAffairsStaff(ctx.identity)) throw forbidden('Only civil-affairs staff report visits');
      const note = checkOptionalText(input.note, 'note', 2, 500);
      if (input.visitedOn > today()) throw invalidInput('visitedOn must not be in the future', { field: 'visitedOn' });
      const changes = [...new Set(input.changes)];
      const person = (await ctx.graph.persons([input.personIdNumber])).get(input.personIdNumber);
      if (!person) throw notFound('Person', input.personIdNumber);
      if (!inRegion(ctx.identity, person.facts.regionCode)) throw forbidden(`${person.facts.regionCode} is outside your region (${ctx.identity.region})`);
      const report = await ctx.prisma.$transaction(async (tx) => {
        await holdSignalWriterLock(tx);
        const created = await tx.visitReport.create({
          data: {
            personIdNumber: input.personIdNumber,
            regionCode: person.facts.regionCode,
            visitedOn: input.visitedOn,
            visitedBy: ctx.identity.subject,
            changes,
            note,
          },
        });
        // A visit that found nothing is kept as a report, not as a signal: it does not clear a change reported before.
        if (changes.length) {
          const state: FeedState = {
            occurredOn: formatDate(input.visitedOn),
            status: 'CHANGED',
            kind: changes.join(','),
            level: 0,
            amount: 0,
            regionCode: person.facts.regionCode,
            reference: created.id,
          };
          await writeSignals(tx, [
            { idNumber: input.personIdNumber, source: VISIT_SOURCE, state, evidenceId: `visit:${created.id}`, observedOn: state.occurredOn },
          ]);
        }
        return created;
      });
      if (changes.length) await evaluatePersons(ctx.prisma, ctx.graph, [input.personIdNumber], { on: today(), actor: ctx.identity.subject });
      return ctx.prisma.visitReport.findUniqueOrThrow({ ...query, where: { id: report.id } });
    },
  }),
);

builder.queryField('visitReports', (t) =>
  t.prismaField({
    type: [VisitReport],
    description: '走访记录 of a person within the caller’s region, newest first (at most 100).',
    args: { personIdNumber: t.arg({ type: 'IdNumber', description: '居民身份证号码' }) },
    resolve: (query, _root, { personIdNumber }, ctx) =>
      ctx.prisma.visitReport.findMany({
        ...query,
        where: { personIdNumber, ...withinRegion(ctx.identity, 'regionCode') },
        orderBy: [{ visitedOn: 'desc' }, { createdAt: 'desc' }],
        take: 100,
      }),
  }),
);
