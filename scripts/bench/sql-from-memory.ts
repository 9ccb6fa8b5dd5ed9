// Imported into every subgraph by `npm run bench -- --sql-from-memory` (see remembered-sql.ts).
import pg from 'pg';
import { answerFromMemory } from './remembered-sql.ts';

answerFromMemory(pg.Client);
