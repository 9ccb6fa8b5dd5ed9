import { describeMigrationDrift } from '@lip/shared/drift-suite';

describeMigrationDrift('monitoring', new URL('..', import.meta.url));
