import { describeMigrationDrift } from '@lip/shared/drift-suite';

describeMigrationDrift('union', new URL('..', import.meta.url));
