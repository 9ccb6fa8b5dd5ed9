// One file per domain; importing them registers their types on the builder.
import { addAuditLog } from '@lip/shared/audit';
import { federationSchemaOptions } from '@lip/shared/builder';
import { builder } from '../builder.ts';
import './enums.ts';
import './person-ref.ts';
import './assessment.ts';
import './urban.ts';
import './renovation.ts';
import './person.ts';
import './signals.ts';
import './policy.ts';

addAuditLog(builder, 'housing');

export const schema = builder.toSubGraphSchema(federationSchemaOptions);
