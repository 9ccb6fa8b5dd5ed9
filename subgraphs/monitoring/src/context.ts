import { groupLoader } from '@lip/shared/loaders';
import type { SubgraphContext } from '@lip/shared/subgraph';
import { type GraphClient, gatewayGraph } from './engine/graph.ts';
import type { Alert, PrismaClient, Referral } from './generated/prisma/client.ts';

export interface Context extends SubgraphContext {
  prisma: PrismaClient;
  /** The graph through the gateway, as the monitoring SERVICE identity. */
  graph: GraphClient;
  /** A person's alerts, newest first: one query per batch of persons. */
  alertsByPerson: ReturnType<typeof groupLoader<Alert>>;
  /** A person's referrals, newest first: one query per batch of persons. */
  referralsByPerson: ReturnType<typeof groupLoader<Referral>>;
  /** An alert's referrals, newest first: one query per batch of alerts. */
  referralsByAlert: ReturnType<typeof groupLoader<Referral>>;
}

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  return {
    ...base,
    prisma,
    graph: gatewayGraph(),
    alertsByPerson: groupLoader(
      (idNumbers) => prisma.alert.findMany({ where: { personIdNumber: { in: idNumbers } }, orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }] }),
      (alert) => alert.personIdNumber,
    ),
    referralsByPerson: groupLoader(
      (idNumbers) => prisma.referral.findMany({ where: { personIdNumber: { in: idNumbers } }, orderBy: [{ referredAt: 'desc' }, { id: 'asc' }] }),
      (referral) => referral.personIdNumber,
    ),
    referralsByAlert: groupLoader(
      (alertIds) => prisma.referral.findMany({ where: { alertId: { in: alertIds } }, orderBy: [{ referredAt: 'desc' }, { id: 'asc' }] }),
      (referral) => referral.alertId,
    ),
  };
}
