// One file per domain; importing them registers their types on the builder.
import { addAuditLog } from '@lip/shared/audit';
import { federationSchemaOptions } from '@lip/shared/builder';
import { builder } from '../builder.ts';
import { BANK_FILE_READS } from '../services/payroll.ts';
import './enums.ts';
import './account.ts';
import './payroll.ts';
import './late.ts';
import './temporary-assistance.ts';
import './supervision.ts';
import './complaint.ts';
import './policy.ts';
import './person.ts';

addAuditLog(builder, 'payments', { readsOf: BANK_FILE_READS });

export const schema = builder.toSubGraphSchema(federationSchemaOptions);
