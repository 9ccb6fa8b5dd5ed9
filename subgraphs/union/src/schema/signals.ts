// 变化信号 for monitoring (shared/src/signal-changes.ts): a person's current difficult-worker file.

import { formatDate } from '@lip/shared/calendar';
import { withinRegion } from '@lip/shared/scopes';
import { addSignalsField } from '@lip/shared/signal-changes';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import type { DifficultWorkerFile } from '../generated/prisma/client.ts';

addSignalsField<Context>(builder, {
  field: 'unionSignalsSince',
  typeName: 'UnionSignal',
  description:
    'DIFFICULT_WORKER: a person’s open difficult-worker file, else the latest closed one (困难职工档案). status OPEN or CLOSED, kind its reason, ' +
    'occurredOn the day it was filed (closed), regionCode its county, reference its id.',
  signalsOf: async (ctx, idNumbers) => {
    const files = await ctx.prisma.difficultWorkerFile.findMany({
      where: { personIdNumber: { in: [...idNumbers] }, ...withinRegion(ctx.identity, 'countyCode') },
      orderBy: [{ filedOn: 'desc' }, { createdAt: 'desc' }],
    });
    const chosen = new Map<string, DifficultWorkerFile>();
    for (const file of files) {
      const current = chosen.get(file.personIdNumber);
      if (!current || (file.status === 'OPEN' && current.status !== 'OPEN')) chosen.set(file.personIdNumber, file);
    }
    return [...chosen.values()].map((file) => ({
      personIdNumber: file.personIdNumber,
      source: 'DIFFICULT_WORKER',
      status: file.status,
      kind: file.reason,
      level: 0,
      amount: '0.00',
      occurredOn: new Date(`${formatDate(file.closedOn ?? file.filedOn)}T00:00:00Z`),
      regionCode: file.countyCode,
      reference: file.id,
    }));
  },
});
