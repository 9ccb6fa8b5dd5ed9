// One file per domain; importing them registers their types on the builder.
import { addAuditLog } from '@lip/shared/audit';
import { federationSchemaOptions } from '@lip/shared/builder';
import { builder } from '../builder.ts';
import './enums.ts';
import './student.ts';
import './assistance.ts';
import './difficult.ts';
import './policy.ts';
import './person.ts';
import './signals.ts';

addAuditLog(builder, 'education');

export const schema = builder.toSubGraphSchema(federationSchemaOptions);
