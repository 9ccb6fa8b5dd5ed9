// Typed operations for the dashboard, generated from the composed client schema. Every
// document lives in src/operations.ts (graphql() calls); `pnpm generate` writes src/gql/.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { SCALARS } from '../codegen.ts';

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
        scalars: SCALARS,
        strictScalars: true,
      },
    },
  },
};

export default config;
