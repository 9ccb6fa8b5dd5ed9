// One file per domain; importing them registers their types on the builder.
import { addAuditLog } from '@lip/shared/audit';
import { federationSchemaOptions } from '@lip/shared/builder';
import { builder } from '../builder.ts';
import './enums.ts';
import './person-ref.ts';
import './policy.ts';
import './totals.ts';
import './enrolment.ts';
import './claim.ts';
import './person.ts';
import './signals.ts';

addAuditLog(builder, 'health-insurance');

export const schema = builder.toSubGraphSchema(federationSchemaOptions);
