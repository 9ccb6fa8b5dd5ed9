import { AUDIT_TABLE } from '@lip/shared/audit';
import { type GatewayClient, gatewayClient } from '@lip/shared/gateway-client';
import { groupLoader, rowLoader } from '@lip/shared/loaders';
import { policyCache } from '@lip/shared/policy';
import type { SubgraphContext } from '@lip/shared/subgraph';
import DataLoader from 'dataloader';
import type { PaymentAccount, PaymentLine, PolicyParameter, PrismaClient } from './generated/prisma/client.ts';

export interface Context extends SubgraphContext {
  prisma: PrismaClient;
  /** Every policy parameter, read once per request (the table is small). */
  policy(): Promise<PolicyParameter[]>;
  /** The register, read through the gateway as civil affairs' payment service within `region`. */
  graph(region: string): GatewayClient;
  /** A person's account, one query per batch. */
  accountByPerson: DataLoader<string, PaymentAccount | null>;
  /** A person's payment lines, newest month first, one query per batch. */
  linesByPerson: DataLoader<string, PaymentLine[]>;
  /** Records that the caller was shown these accounts' numbers in full: one audit row per batch. */
  auditAccountRead: DataLoader<PaymentAccount, true>;
}

export function createContext(prisma: PrismaClient, base: SubgraphContext): Context {
  return {
    ...base,
    prisma,
    policy: policyCache(prisma.policyParameter),
    graph: (region) => gatewayClient('payments', { department: 'CIVIL_AFFAIRS', region }),
    accountByPerson: rowLoader(
      (idNumbers) => prisma.paymentAccount.findMany({ where: { personIdNumber: { in: idNumbers } } }),
      (account) => account.personIdNumber ?? '',
    ),
    linesByPerson: groupLoader(
      (idNumbers) => prisma.paymentLine.findMany({ where: { personIdNumber: { in: idNumbers } }, orderBy: [{ month: 'desc' }, { createdAt: 'desc' }] }),
      (line) => line.personIdNumber,
    ),
    auditAccountRead: new DataLoader(
      async (accounts) => {
        // A query's signature is written after it ran (subgraph.ts): write it first here, so that a replay, refused
        // whole, is not logged as a read of these accounts.
        if (await base.admission?.verdict()) return accounts.map(() => true as const);
        const { subject, role, department } = base.identity;
        const persons = [...new Set(accounts.flatMap((account) => (account.personIdNumber ? [account.personIdNumber] : [])))];
        await prisma.$executeRawUnsafe(
          `INSERT INTO "${AUDIT_TABLE}" ("subject", "role", "department", "operation", "kind", "subgraph", "persons", "requestId")
           VALUES ($1, $2, $3, $4, 'READ', 'payments', $5::text[], $6)`,
          subject,
          role,
          department ?? null,
          `accountNumber:${accounts.map((account) => account.id).join(',')}`.slice(0, 2000),
          persons,
          base.requestId,
        );
        return accounts.map(() => true as const);
      },
      { cacheKeyFn: (account) => account.id },
    ),
  };
}
