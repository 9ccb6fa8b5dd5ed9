import { describeMigrationDrift } from '@lip/shared/drift-suite';

describeMigrationDrift('civil-affairs', new URL('..', import.meta.url));
