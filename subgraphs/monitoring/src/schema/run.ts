// Monitoring runs: on a schedule (src/engine/scheduler.ts) and on demand.
import { today } from '@lip/shared/calendar';
import { builder } from '../builder.ts';
import { mayRunMonitoring } from '../domain/access.ts';
import { runMonitoring } from '../engine/run.ts';
import { RunStatus, RunTrigger } from './enums.ts';

export const MonitoringRun = builder.prismaObject('MonitoringRun', {
  description: '监测运行: what a run read and raised. A run reads only the changes since the previous one.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '运行编号' }),
    trigger: t.expose('trigger', { type: RunTrigger, description: '运行方式' }),
    status: t.expose('status', { type: RunStatus, description: '状态' }),
    requestedBy: t.exposeString('requestedBy', { description: '发起人 (scheduler for scheduled runs)' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', description: '开始时间' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true, description: '结束时间' }),
    cursorFrom: t.string({ description: '起始位置 (the change sequence number the run started after)', resolve: (run) => run.cursorFrom.toString() }),
    cursorTo: t.string({ description: '结束位置 (the last change it committed)', resolve: (run) => run.cursorTo.toString() }),
    read: t.exposeInt('read', { description: '读取的变化数' }),
    persons: t.exposeInt('persons', { description: '评估人数 (changes plus open alerts whose coverage shows in department data)' }),
    raised: t.exposeInt('raised', { description: '新增预警' }),
    resolved: t.exposeInt('resolved', { description: '自动办结的预警' }),
    escalated: t.exposeInt('escalated', { description: '升级的逾期转办' }),
    error: t.exposeString('error', { nullable: true, description: '失败原因 (FAILED only)' }),
  }),
});

builder.queryField('monitoringRuns', (t) =>
  t.prismaField({
    type: [MonitoringRun],
    description: '监测运行记录, newest first.',
    args: { first: t.arg.int({ required: false, defaultValue: 20, description: 'How many (1 to 100, default 20)' }) },
    resolve: (query, _root, { first }, ctx) =>
      ctx.prisma.monitoringRun.findMany({ ...query, orderBy: { startedAt: 'desc' }, take: Math.min(Math.max(first ?? 20, 1), 100) }),
  }),
);

builder.mutationField('runMonitoring', (t) =>
  t.prismaField({
    type: MonitoringRun,
    description: '立即运行监测: evaluates the changes since the last run now (a city administrator, a county officer or civil affairs).',
    authScopes: (_root, _args, ctx) => mayRunMonitoring(ctx.identity),
    resolve: async (query, _root, _args, ctx) => {
      const run = await runMonitoring(ctx.prisma, ctx.graph, { trigger: 'ON_DEMAND', requestedBy: ctx.identity.subject, on: today() });
      return ctx.prisma.monitoringRun.findUniqueOrThrow({ ...query, where: { id: run.id } });
    },
  }),
);
