import { describeMigrationDrift } from '@lip/shared/drift-suite';

describeMigrationDrift('payments', new URL('..', import.meta.url));
