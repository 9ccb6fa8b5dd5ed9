// One file per domain; importing them registers their types on the builder.
import { addAuditLog } from '@lip/shared/audit';
import { federationSchemaOptions } from '@lip/shared/builder';
import { builder } from '../builder.ts';
import './enums.ts';
import './region.ts';
import './person.ts';
import './household.ts';
import './holding.ts';
import './relapse-import.ts';
import './statistics.ts';
import './recognition.ts';
import './payroll-source.ts';
import './monitoring.ts';
import './signals.ts';
import './snapshot.ts';

addAuditLog(builder, 'civil-affairs');

export const schema = builder.toSubGraphSchema(federationSchemaOptions);
