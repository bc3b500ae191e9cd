// Prisma CLI config. The app never uses the CLI at run time; this is for
// `prisma generate` (bootstrap) and for `prisma migrate deploy` where the
// schema engine can be downloaded. The URL is a placeholder when unset
// because generate does not connect.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/akount' },
});
