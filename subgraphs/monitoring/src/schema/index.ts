// One file per domain; importing them registers their types on the builder.
import { addAuditLog } from '@lip/shared/audit';
import { federationSchemaOptions } from '@lip/shared/builder';
import { builder } from '../builder.ts';
import './enums.ts';
import './alert.ts';
import './rule.ts';
import './feed.ts';
import './visit.ts';
import './run.ts';
import './person.ts';
import './person-feeds.ts';
import './alert-entity.ts';
import './statistics.ts';

addAuditLog(builder, 'monitoring');

export const schema = builder.toSubGraphSchema(federationSchemaOptions);
