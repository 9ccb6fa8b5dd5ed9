// 主动发现: an application opened from a monitoring alert names an alert that exists and is about
// a member of the household, asked of monitoring through the gateway.
import { DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import { gatewayClient } from '@lip/shared/gateway-client';
import { memberQuery } from './member-query.ts';

/**
 * Whether `alertId` is an alert about one of `idNumbers`, as monitoring answers a civil-affairs
 * service of the household's county. Each member's alerts are asked for by the member's ID number,
 * so the answer needs no ID number back (a service sees them masked).
 */
export async function checkAlertOfHousehold(alertId: string, idNumbers: readonly string[], countyCode: string): Promise<void> {
  const { query, variables } = memberQuery('ApplicationAlert', idNumbers, 'alerts { id }');
  const gateway = gatewayClient('civil-affairs', { department: 'CIVIL_AFFAIRS', region: countyCode });
  const answer = await gateway.request<Record<string, { alerts: { id: string }[] | null } | null>>(query, variables).catch((error: unknown) => {
    throw new DomainError(ErrorCode.SUBGRAPH_UNAVAILABLE, `monitoring cannot be asked about the alert: ${(error as Error).message}`, {
      serviceName: 'monitoring',
      field: 'alertId',
    });
  });
  const people = Object.values(answer.data ?? {});
  if (people.some((person) => person?.alerts?.some((alert) => alert.id === alertId))) return;
  // Monitoring did not answer every member: say so rather than call the alert unknown.
  if (answer.errors?.length || people.length < idNumbers.length || people.some((person) => person && person.alerts === null)) {
    throw new DomainError(ErrorCode.SUBGRAPH_UNAVAILABLE, 'monitoring did not answer about the alert; try again later', {
      serviceName: 'monitoring',
      field: 'alertId',
    });
  }
  throw invalidInput('alertId names no monitoring alert about a member of the household', { field: 'alertId', reason: 'UNKNOWN_ALERT' });
}
