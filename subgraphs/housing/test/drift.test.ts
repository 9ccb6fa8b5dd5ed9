import { describeMigrationDrift } from '@lip/shared/drift-suite';

describeMigrationDrift('housing', new URL('..', import.meta.url));
