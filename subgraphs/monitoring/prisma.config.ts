import { defineConfig } from 'prisma/config';

// The URL is only for an operator running Prisma Migrate against a server;
// the services open their database through @lip/shared/database.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.MONITORING_DATABASE_URL ?? 'postgresql://localhost:5432/monitoring' },
});
