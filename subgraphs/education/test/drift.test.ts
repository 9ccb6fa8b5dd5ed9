import { describeMigrationDrift } from '@lip/shared/drift-suite';

describeMigrationDrift('education', new URL('..', import.meta.url));
