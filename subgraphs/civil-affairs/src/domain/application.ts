// What an application must contain before it is stored: members listed once, incomes tied to
// listed members, amounts not negative, text of a sensible length, an alert only from monitoring.
import { invalidInput } from '@lip/shared/errors';
import { toFen } from '@lip/shared/money';
import { checkOptionalText, checkText } from '@lip/shared/text';
import type { ApplicationChannel, AssetKind, CareLevel, ExpenditureKind, IncomeKind } from '../generated/prisma/enums.ts';

export const MAX_MEMBERS = 20;
export const MAX_ITEMS = 100;

export interface ApplicationInput {
  channel: ApplicationChannel;
  alertId?: string | null;
  submittedOn: Date;
  members: readonly {
    idNumber: string;
    ableToWork: boolean;
    severeDisability?: boolean | null;
    hasSupporter?: boolean | null;
    careLevel?: CareLevel | null;
    careInstitution?: string | null;
  }[];
  incomes?: readonly { memberIdNumber?: string | null; kind: IncomeKind; monthlyAmount: string }[] | null;
  assets?: readonly { kind: AssetKind; value: string; description: string }[] | null;
  expenditures?: readonly { kind: ExpenditureKind; annualAmount: string; description: string }[] | null;
}

const notNegative = (amount: string, field: string) => {
  if (toFen(amount) < 0) throw invalidInput(`${field} must not be negative`, { field });
  return amount;
};

/** The application's rows, checked; throws INVALID_INPUT naming the first bad field. */
export function checkApplication(input: ApplicationInput, today: Date) {
  if (input.submittedOn > today) throw invalidInput('submittedOn must not be in the future', { field: 'submittedOn' });
  const alertId = checkOptionalText(input.alertId, 'alertId', 1, 100);
  if ((input.channel === 'MONITORING_ALERT') !== (alertId !== null)) {
    throw invalidInput('alertId is required for MONITORING_ALERT and only for it', { field: 'alertId' });
  }
  if (input.members.length === 0 || input.members.length > MAX_MEMBERS)
    throw invalidInput(`members must list 1 to ${MAX_MEMBERS} persons`, { field: 'members' });
  const seen = new Set<string>();
  const members = input.members.map((member, index) => {
    if (seen.has(member.idNumber)) throw invalidInput(`${member.idNumber} is listed twice`, { field: `members.${index}.idNumber` });
    seen.add(member.idNumber);
    return {
      idNumber: member.idNumber,
      ableToWork: member.ableToWork,
      severeDisability: member.severeDisability ?? false,
      hasSupporter: member.hasSupporter ?? true,
      careLevel: member.careLevel ?? null,
      careInstitution: checkOptionalText(member.careInstitution, `members.${index}.careInstitution`, 1, 100),
    };
  });
  const list = <T>(items: readonly T[] | null | undefined, field: string) => {
    if ((items?.length ?? 0) > MAX_ITEMS) throw invalidInput(`${field} must have at most ${MAX_ITEMS} entries`, { field });
    return items ?? [];
  };
  const incomes = list(input.incomes, 'incomes').map((income, index) => {
    if (income.memberIdNumber && !seen.has(income.memberIdNumber)) {
      throw invalidInput(`${income.memberIdNumber} earns an income but is not a listed member`, { field: `incomes.${index}.memberIdNumber` });
    }
    return {
      memberIdNumber: income.memberIdNumber ?? null,
      kind: income.kind,
      monthlyAmount: notNegative(income.monthlyAmount, `incomes.${index}.monthlyAmount`),
    };
  });
  const assets = list(input.assets, 'assets').map((asset, index) => ({
    kind: asset.kind,
    value: notNegative(asset.value, `assets.${index}.value`),
    description: checkText(asset.description, `assets.${index}.description`, 1, 200),
  }));
  const expenditures = list(input.expenditures, 'expenditures').map((item, index) => ({
    kind: item.kind,
    annualAmount: notNegative(item.annualAmount, `expenditures.${index}.annualAmount`),
    description: checkText(item.description, `expenditures.${index}.description`, 1, 200),
  }));
  return { alertId, members, incomes, assets, expenditures };
}
