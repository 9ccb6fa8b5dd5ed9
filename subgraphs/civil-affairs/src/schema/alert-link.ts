// 主动发现: a case opened from a monitoring alert shows the alert (an entity of monitoring, which
// resolves it in the caller's region only), and the alert shows the applications opened from it.
import { builder } from '../builder.ts';
import { RecognitionCase } from './application.ts';

const AlertRef = builder.externalRef('Alert', builder.selection<{ id: string }>('id'));

AlertRef.implement({
  description: '预警 (owned by monitoring): civil affairs adds the applications opened from it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '预警编号' }),
    recognitionCases: t.prismaField({
      type: [RecognitionCase],
      // Nullable: when civil affairs cannot answer, the gateway still shows the alert.
      nullable: true,
      description: '由此预警发起的认定申请 (主动发现), in the caller’s region, oldest first.',
      resolve: (query, alert, _args, ctx) =>
        ctx.prisma.recognitionCase.findMany({
          ...query,
          where: { alertId: alert.id, regionCode: { startsWith: ctx.identity.region } },
          orderBy: { createdAt: 'asc' },
        }),
    }),
  }),
});

builder.objectField(RecognitionCase, 'alert', (t) =>
  t.field({
    type: AlertRef,
    nullable: true,
    description: '来源预警 (MONITORING_ALERT): the monitoring alert the case came from, joined from monitoring (null outside its region).',
    resolve: (row) => (row.alertId ? { id: row.alertId } : null),
  }),
);
