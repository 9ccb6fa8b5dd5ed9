// Prints each subgraph's SDL and composes the supergraph into schema/.
//   tsx scripts/compose.ts          write the files
//   tsx scripts/compose.ts --check  exit 1 when the checked-in files are stale
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { subgraphUrl } from '@lip/shared/topology';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';
import { SUBGRAPH_MODULES } from './subgraphs.ts';

export const SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

/** The files of schema/ as they should be, by file name: each subgraph's SDL, the supergraph, the client API. */
export function composeSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const services = SUBGRAPH_MODULES.map((module) => {
    const sdl = printSubgraphSchema(module.createSchema(undefined as never));
    files[`${module.name}.graphql`] = `${sdl.trim()}\n`;
    // Routing URLs are the local defaults; the gateway overrides them per deployment.
    return { name: module.name, typeDefs: parse(sdl), url: subgraphUrl(module.name, {}) };
  });
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  files['supergraph.graphql'] = `${result.supergraphSdl.trim()}\n`;
  // What clients see (no federation internals): for codegen and the breaking-change check.
  const api = lexicographicSortSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  files['api.graphql'] = `${printSchema(api).trim()}\n`;
  return files;
}

export function staleSchemaFiles(): string[] {
  return Object.entries(composeSchemaFiles())
    .filter(([name, content]) => {
      try {
        return readFileSync(path.join(SCHEMA_DIR, name), 'utf8') !== content;
      } catch {
        return true;
      }
    })
    .map(([name]) => name);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = staleSchemaFiles();
    if (stale.length) {
      console.error(`stale in schema/: ${stale.join(', ')}; run \`pnpm compose\``);
      process.exit(1);
    }
    console.log('schema/ is up to date');
  } else {
    for (const [name, content] of Object.entries(composeSchemaFiles())) writeFileSync(path.join(SCHEMA_DIR, name), content);
    console.log(`wrote ${SCHEMA_DIR}`);
  }
}
