import { describeMigrationDrift } from '@lip/shared/drift-suite';

describeMigrationDrift('health-insurance', new URL('..', import.meta.url));
