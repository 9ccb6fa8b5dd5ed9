import { checkDateWindow, DATE_WINDOWS } from '@lip/shared/dates';
import { invalidInput } from '@lip/shared/errors';
import { checkReason } from '@lip/shared/text';
import { retrying } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { batchRejected, MAX_IMPORT_ROWS, normaliseRows, planImport, type RegisteredPerson } from '../domain/relapse-import.ts';
import { HoldingSubtype } from './enums.ts';
import { checkRecognizedBy, recordEvent } from './holding.ts';
import { lockPersons } from './locks.ts';

const RelapseImportRow = builder.inputType('RelapseImportRow', {
  description: 'One target from the agriculture department’s list. The ID number is a plain string so a bad one is reported by row.',
  fields: (t) => ({
    idNumber: t.string({ description: '居民身份证号码' }),
    subtype: t.field({ type: HoldingSubtype, description: 'UNSTABLE_LIFTED_OUT, MARGINAL_AT_RISK or SUDDEN_SEVERE_HARDSHIP' }),
  }),
});

const RelapseImportInput = builder.inputType('RelapseImportInput', {
  description: '防止返贫监测对象导入: a list from agriculture and rural affairs (农业农村局), applied whole or not at all.',
  fields: (t) => ({
    recognizedBy: t.string({ description: '认定机关, e.g. 三门峡市农业农村局 (1 to 100 characters, as for grantCategory)' }),
    validFrom: t.field({ type: 'Date', description: 'Start date for newly granted holdings: from 2000-01-01 to one year ahead' }),
    reason: t.string({ description: '批次说明, e.g. 2024年第3批监测对象 (2 to 500 characters)' }),
    rows: t.field({ type: [RelapseImportRow], description: `目标名单 (at most ${MAX_IMPORT_ROWS} rows)` }),
  }),
});

interface ImportResult {
  total: number;
  granted: number;
  subtypeChanged: number;
  unchanged: number;
}

const RelapseImportResult = builder.objectRef<ImportResult>('RelapseImportResult').implement({
  description: 'What an import did. Importing the same list again gives granted 0, subtypeChanged 0.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Rows in the list' }),
    granted: t.exposeInt('granted', { description: 'New RELAPSE_MONITORING holdings' }),
    subtypeChanged: t.exposeInt('subtypeChanged', { description: 'Existing holdings whose subtype changed' }),
    unchanged: t.exposeInt('unchanged', { description: 'Rows already in the register as given' }),
  }),
});

builder.mutationField('importRelapseMonitoringTargets', (t) =>
  t.field({
    type: RelapseImportResult,
    description:
      '导入防止返贫监测对象: idempotent; every bad row (invalid ID, unknown or deceased person, duplicate, suspended holding) is reported ' +
      'in extensions.rows of a BATCH_REJECTED error and nothing is written.',
    args: { input: t.arg({ type: RelapseImportInput, description: 'The batch' }) },
    // Agriculture's feed may send its list; so may civil affairs' own staff.
    skipTypeScopes: true,
    authScopes: { importRelapseMonitoring: true },
    resolve: async (_root, { input }, ctx) => {
      // The same rules as a single grant (grantCategory), so a batch cannot store what a clerk could not.
      const reason = checkReason(input.reason);
      const recognizedBy = checkRecognizedBy(input.recognizedBy);
      checkDateWindow(input.validFrom, 'validFrom', DATE_WINDOWS.START);
      if (input.rows.length === 0 || input.rows.length > MAX_IMPORT_ROWS) {
        throw invalidInput(`rows must hold 1 to ${MAX_IMPORT_ROWS} entries`, { field: 'rows' });
      }
      const { rows, errors } = normaliseRows(input.rows);
      const failed = new Set(errors.map((error) => error.row));
      const valid = rows.filter((_row, index) => !failed.has(index + 1)).map((row) => row.idNumber);
      return retrying(() =>
        ctx.prisma.$transaction(
          async (tx) => {
            // Every listed person is locked, as a single grant locks its person.
            await lockPersons(tx, valid);
            const persons = await tx.person.findMany({
              where: { idNumber: { in: valid }, regionCode: { startsWith: ctx.identity.region } },
              select: {
                idNumber: true,
                deceasedOn: true,
                holdings: { where: { category: 'RELAPSE_MONITORING', status: { not: 'ENDED' } }, select: { id: true, status: true, subtype: true } },
              },
            });
            const register = new Map<string, RegisteredPerson>(
              persons.map((person) => [person.idNumber, { deceasedOn: person.deceasedOn, holding: person.holdings[0] }]),
            );
            // Every bad row is listed: format errors and duplicates together with unknown and deceased persons.
            const { plan, errors: rowErrors } = planImport(rows, register, failed);
            if (errors.length || rowErrors.length) throw batchRejected([...errors, ...rowErrors], rows.length);
            const actor = ctx.identity.subject;
            for (const row of plan.grant) {
              const holding = await tx.categoryHolding.create({
                data: {
                  personIdNumber: row.idNumber,
                  category: 'RELAPSE_MONITORING',
                  subtype: row.subtype,
                  status: 'ACTIVE',
                  validFrom: input.validFrom,
                  recognizedBy,
                },
              });
              await recordEvent(tx, holding, { action: 'GRANTED', fromStatus: null, reason, actor });
            }
            for (const change of plan.changeSubtype) {
              const holding = await tx.categoryHolding.update({ where: { id: change.holdingId }, data: { subtype: change.to } });
              await recordEvent(tx, holding, { action: 'SUBTYPE_CHANGED', fromStatus: holding.status, reason, actor });
            }
            return { total: rows.length, granted: plan.grant.length, subtypeChanged: plan.changeSubtype.length, unchanged: plan.unchanged };
          },
          { timeout: 120_000 },
        ),
      );
    },
  }),
);
