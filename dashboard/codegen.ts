// Typed operations for the dashboard, generated from the composed client schema. Its documents
// live in src/operations.ts (graphql() calls), and person 360 is the ready-made
// operations/person.graphql (one definition for the explorer and the page); `pnpm generate` writes src/gql/.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { SCALARS } from '../codegen.ts';

const config: CodegenConfig = {
  schema: '../schema/api.graphql',
  documents: ['src/operations.ts', '../operations/person.graphql'],
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
