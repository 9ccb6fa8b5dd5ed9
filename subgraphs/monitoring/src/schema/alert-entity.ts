// `Alert` is an entity so civil affairs can show, on the alert, the applications opened from it
// (主动发现). A reference resolves only inside the caller's region, like the `alert` query.
import { withinRegion } from '@lip/shared/scopes';
import { builder } from '../builder.ts';
import { Alert } from './alert.ts';

builder.asEntity(Alert, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.prisma.alert.findFirst({ where: { id, ...withinRegion(ctx.identity, 'regionCode') } }),
});
