// Runs monitoring on a schedule (MONITORING_RUN_INTERVAL_MINUTES, default 10; 0 turns it off).
// Several replicas may tick at once: each chunk commits only if the cursor is where it started,
// under one advisory lock, so overlapping runs never raise twice (see run.ts).
import type { PrismaClient } from '../generated/prisma/client.ts';
import { gatewayGraph } from './graph.ts';
import { runMonitoring } from './run.ts';

export function startScheduler(prisma: PrismaClient, env: NodeJS.ProcessEnv = process.env) {
  const minutes = Number(env.MONITORING_RUN_INTERVAL_MINUTES ?? 10);
  if (!(minutes > 0)) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runMonitoring(prisma, gatewayGraph(), { trigger: 'SCHEDULED', requestedBy: 'scheduler' })
      .catch((error) => console.warn(`scheduled monitoring run failed: ${(error as Error).message}`))
      .finally(() => (running = false));
  }, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
