// GraphQL Code Generator for frontend teams: typed documents from the client-facing schema.
// In this repository it types the ready-made operations (`npm run codegen` → generated/client/);
// in an app, copy this file and point `schema` at your copy of schema/api.graphql and
// `documents` at your operations. A test runs this configuration and type-checks its output.
import type { CodegenConfig } from '@graphql-codegen/cli';

/** The graph's custom scalars as they travel in JSON (see their descriptions in schema/api.graphql). */
export const SCALARS = {
  /** 居民身份证号码: 18 characters; a lowercase x is accepted and returned as X. */
  IdNumber: 'string',
  /** 日期: YYYY-MM-DD, no time zone. */
  Date: 'string',
  /** 时间: an ISO 8601 instant in UTC. */
  DateTime: 'string',
  /** 金额 (元): a decimal string with at most 2 decimals; numbers are accepted as input. */
  Money: { input: 'string | number', output: 'string' },
};

const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'generated/client/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: SCALARS,
        // A scalar added to the schema without a mapping here fails the generation, instead of becoming `unknown`.
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
