// The monitoring service reads other departments only through the graph: the gateway, as the
// SERVICE identity of civil affairs for the whole city (MONITORING_GATEWAY_TOKEN; development mints one).
import { DomainError, ErrorCode } from '@lip/shared/errors';
import { gatewayClient } from '@lip/shared/gateway-client';
import type { SignalPage } from '@lip/shared/signal-changes';
import type { PersonFacts } from '../domain/rules.ts';

export interface PersonView {
  facts: PersonFacts;
  /** Program → status, per department; a department that did not answer is absent. */
  entitlements: Record<string, string>;
  /** Departments whose entitlements answered (so a missing program means none missing). */
  departmentsAnswered: string[];
}

export interface GraphClient {
  /** Register facts and entitlements of persons in the register (absent: not in the register). */
  persons(idNumbers: readonly string[]): Promise<Map<string, PersonView>>;
  /** Ends a person's holdings by recording the death in civil affairs; true when done or already recorded. */
  recordDeath(idNumber: string, deceasedOn: string, reason: string): Promise<boolean>;
  /**
   * A department's signals of the persons changed after `after` (a cursor it handed out; null: from
   * the start), dates as ISO strings. Null when the department did not answer; `restart` when it no longer knows `after`.
   */
  departmentSignals(department: SignalDepartment, after: string | null): Promise<SignalPage<string> | null | 'restart'>;
  /** Payment lines of a month not paid by its due day (settled late included), after `afterLineId`, 500 at most. */
  latePayments(month: string, asOf: string, afterLineId: string | null): Promise<LatePaymentLine[]>;
}

/** Department → its `…SignalsSince` field (what changed there since a position). The register last: see readDepartmentSignals. */
export const SIGNAL_FIELDS = {
  EDUCATION: 'educationSignalsSince',
  HEALTH_INSURANCE: 'healthInsuranceSignalsSince',
  HOUSING: 'housingSignalsSince',
  UNION: 'unionSignalsSince',
  CIVIL_AFFAIRS: 'civilAffairsSignalsSince',
} as const;
export type SignalDepartment = keyof typeof SIGNAL_FIELDS;

export interface LatePaymentLine {
  lineId: string;
  personIdNumber: string;
  countyCode: string;
  month: string;
  amount: string;
  settledOn: string | null;
}

/** Lines per latePayments page (its maximum). */
export const LATE_LINES_PER_REQUEST = 500;

/** Department whose `…Entitlements` field publishes each program. */
export const ENTITLEMENT_FIELDS = {
  EDUCATION: 'educationEntitlements',
  HOUSING: 'housingEntitlements',
  HEALTH_INSURANCE: 'healthInsuranceEntitlements',
  UNION: 'unionEntitlements',
} as const;

const PERSONS = `query MonitoringPersons($idNumbers: [IdNumber!]!) {
  personsByIdNumbers(idNumbers: $idNumbers) {
    idNumber regionCode deceasedOn activeCategories
    holdings { category }
    household { id perCapitaMonthlyIncome }
    ${Object.values(ENTITLEMENT_FIELDS)
      .map((field) => `${field} { program status }`)
      .join('\n    ')}
  }
}`;

const RECORD_DEATH = `mutation MonitoringRecordDeath($idNumber: IdNumber!, $deceasedOn: Date!, $reason: String!) {
  recordDeath(idNumber: $idNumber, deceasedOn: $deceasedOn, reason: $reason) { idNumber }
}`;

const SIGNALS = (field: string) => `query MonitoringSignals($after: String) {
  ${field}(after: $after, first: 1000) { cursor hasMore signals { personIdNumber source status kind level amount occurredOn regionCode reference } }
}`;

const LATE_PAYMENTS = `query MonitoringLatePayments($month: String!, $asOf: Date!, $afterLineId: ID) {
  latePayments(month: $month, asOf: $asOf, first: ${LATE_LINES_PER_REQUEST}, afterLineId: $afterLineId) {
    items { kind lineId personIdNumber countyCode month amount settledOn }
  }
}`;

/** Persons asked for per request (the gateway's cost limit is per operation, not per person). */
export const PERSONS_PER_REQUEST = 100;

interface PersonAnswer {
  idNumber: string;
  regionCode: string;
  deceasedOn: string | null;
  activeCategories: string[] | null;
  holdings: { category: string }[] | null;
  household: { id: string; perCapitaMonthlyIncome: string } | null;
  [field: string]: unknown;
}

export function gatewayGraph(): GraphClient {
  const gateway = gatewayClient('monitoring', { department: 'CIVIL_AFFAIRS', region: '4112' });
  return {
    async persons(idNumbers) {
      const found = new Map<string, PersonView>();
      for (let start = 0; start < idNumbers.length; start += PERSONS_PER_REQUEST) {
        const chunk = idNumbers.slice(start, start + PERSONS_PER_REQUEST);
        const answer = await gateway.request<{ personsByIdNumbers: PersonAnswer[] | null }>(PERSONS, { idNumbers: chunk });
        if (!answer.data?.personsByIdNumbers) {
          throw new DomainError(ErrorCode.SUBGRAPH_UNAVAILABLE, `civil affairs did not answer: ${answer.errors?.[0]?.message ?? 'no data'}`, {
            serviceName: 'civil-affairs',
          });
        }
        for (const person of answer.data.personsByIdNumbers) {
          const entitlements: Record<string, string> = {};
          const departmentsAnswered: string[] = [];
          for (const [department, field] of Object.entries(ENTITLEMENT_FIELDS)) {
            const list = person[field] as { program: string; status: string }[] | null;
            if (!list) continue;
            departmentsAnswered.push(department);
            for (const entry of list) entitlements[entry.program] = entry.status;
          }
          found.set(person.idNumber, {
            facts: {
              inRegister: true,
              regionCode: person.regionCode,
              householdId: person.household?.id ?? '',
              categories: person.activeCategories ?? [],
              everHeld: [...new Set((person.holdings ?? []).map((holding) => holding.category))],
              deceased: person.deceasedOn !== null,
              perCapitaIncome: Number(person.household?.perCapitaMonthlyIncome ?? 0),
            },
            entitlements,
            departmentsAnswered,
          });
        }
      }
      return found;
    },
    async recordDeath(idNumber, deceasedOn, reason) {
      const answer = await gateway.request<{ recordDeath: { idNumber: string } | null }>(RECORD_DEATH, { idNumber, deceasedOn, reason });
      if (answer.data?.recordDeath) return true;
      const error = answer.errors?.[0];
      if (error?.extensions?.reason === 'PERSON_DECEASED') return true; // already recorded: the holdings ended then
      const code = error?.extensions?.code;
      throw new DomainError((code ?? 'INTERNAL_SERVER_ERROR') as ErrorCode, `recordDeath failed: ${answer.errors?.[0]?.message ?? 'no answer'}`);
    },
    async departmentSignals(department, after) {
      const field = SIGNAL_FIELDS[department];
      const answer = await gateway.request<Record<string, SignalPage<string> | null>>(SIGNALS(field), { after });
      const page = answer.data?.[field];
      if (page) return page;
      // A cursor the department no longer opens (its sealing key changed): read again from the start.
      if (after !== null && answer.errors?.some((error) => error.extensions?.code === 'INVALID_INPUT')) return 'restart';
      return null;
    },
    async latePayments(month, asOf, afterLineId) {
      const answer = await gateway.request<{ latePayments: { items: (LatePaymentLine & { kind: string })[] } | null }>(LATE_PAYMENTS, {
        month,
        asOf,
        afterLineId,
      });
      if (!answer.data?.latePayments) {
        throw new DomainError(ErrorCode.SUBGRAPH_UNAVAILABLE, `payments did not answer: ${answer.errors?.[0]?.message ?? 'no data'}`, {
          serviceName: 'payments',
        });
      }
      return answer.data.latePayments.items.filter((item) => item.kind === 'LINE_NOT_PAID' && item.personIdNumber);
    },
  };
}
