/** `npm run seed -w @akount/db`: seeds the demo tenants into DATABASE_URL (never in production). */
import { createLogger } from '@akount/logger';
import { createDatabase } from '../client';
import { seedDemoTenants } from '../seed';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is not set.\n');
  process.exit(1);
}
if (process.env.NODE_ENV === 'production') {
  process.stderr.write('Refusing to seed demo data with NODE_ENV=production.\n');
  process.exit(1);
}
const logger = createLogger({ name: 'seed', level: 'warn', pretty: false });
const database = createDatabase({ url, poolSize: 2, slowQueryMs: 5_000, poolWaitWarnMs: 1_000, logger });
try {
  const result = await seedDemoTenants(database);
  process.stdout.write(`seeded: ${result.created.join(', ') || 'nothing new'}; already there: ${result.skipped.join(', ') || 'none'}\n`);
} finally {
  await database.close();
}
