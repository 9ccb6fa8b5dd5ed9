// 工会帮扶 entitlement (docs/design.md §6: "low-income workers meeting union filing conditions"):
// entitled = an OPEN difficult-worker file AND at least one active low-income category;
// covered = union assistance, not cancelled, dated in the current calendar year.

import { formatDate } from '@lip/shared/calendar';
import { type Entitlement, entitlement, type RegisterFacts } from '@lip/shared/entitlements';
import type { DifficultWorkerFileStatus } from '../generated/prisma/enums.ts';

export interface EntitlementFile {
  status: DifficultWorkerFileStatus;
  filedOn: Date;
}

export interface EntitlementAssistance {
  grantedOn: Date;
  cancelledAt: Date | null;
}

export function unionEntitlement(
  facts: RegisterFacts,
  files: readonly EntitlementFile[],
  assistance: readonly EntitlementAssistance[],
  today: Date,
): Entitlement {
  const open = files.find((file) => file.status === 'OPEN');
  const categories = facts.activeCategories;
  if (!open) {
    const held = categories?.length ? ` (holds ${categories.join(', ')})` : '';
    return entitlement('UNION_ASSISTANCE', null, false, `no open difficult-worker file${held}`);
  }
  const filed = `open difficult-worker file since ${formatDate(open.filedOn)}`;
  if (categories == null) return entitlement('UNION_ASSISTANCE', null, false, `${filed}, but not in the low-income register`);
  if (categories.length === 0) return entitlement('UNION_ASSISTANCE', null, false, `${filed}, but holds no active low-income category`);

  const year = today.getUTCFullYear();
  const thisYear = assistance
    .filter((record) => !record.cancelledAt && record.grantedOn.getUTCFullYear() === year && record.grantedOn <= today)
    .sort((a, b) => b.grantedOn.getTime() - a.grantedOn.getTime());
  const coverage = thisYear.length ? `union assistance in ${year}, last on ${formatDate(thisYear[0]!.grantedOn)}` : `no union assistance in ${year}`;
  return entitlement('UNION_ASSISTANCE', `${filed} and low-income categories ${categories.join(', ')}`, thisYear.length > 0, coverage);
}
