#!/bin/sh
# Stand-in for Prisma's schema engine during `prisma generate`, which never
# calls it. Migrations are applied by packages/db/src/migrate.ts instead.
echo "Prisma's schema engine is not installed here: migrations run through packages/db (npm start / npm test)." >&2
exit 1
