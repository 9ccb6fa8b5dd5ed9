// Typed operations for the dashboard, generated from the composed client schema. Every
// document lives in src/operations.ts (graphql() calls); `pnpm generate` writes src/gql/.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema/api.graphql',
  documents: ['src/operations.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Plain strings: the browser bundle needs no GraphQL parser.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        // The graph's custom scalars, as the client receives them in JSON.
        scalars: {
          IdNumber: { input: 'string', output: 'string' },
          Date: { input: 'string', output: 'string' },
          DateTime: { input: 'string', output: 'string' },
          Money: { input: 'string', output: 'string' },
        },
        strictScalars: true,
      },
    },
  },
};

export default config;
