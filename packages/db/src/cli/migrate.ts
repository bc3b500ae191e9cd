/** `npm run migrate -w @akount/db`: applies pending migrations to DATABASE_URL. */
import { migrate } from '../migrate';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is not set. `npm start` and `npm test` migrate their own databases.\n');
  process.exit(1);
}
const result = await migrate(url);
process.stdout.write(
  `migrations applied: ${result.applied.length} (${result.applied.join(', ') || 'none'}); already applied: ${result.alreadyApplied.length}\n`,
);
