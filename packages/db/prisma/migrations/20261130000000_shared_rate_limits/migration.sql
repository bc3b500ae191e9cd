-- Rate-limit counters shared by every API process (a node:cluster primary's
-- workers, PM2 cluster instances, several hosts): one row per limited key,
-- counting hits in a window that starts at the key's first hit.
-- Its own schema because it is operational state, not part of the data
-- model (schema.prisma, the drift check and RLS cover `public` only): no
-- tenant data, nothing a tenant may read. UNLOGGED: counters are not worth
-- WAL; after a crash PostgreSQL empties the table, which only resets windows.
CREATE SCHEMA IF NOT EXISTS "akount_runtime";

CREATE UNLOGGED TABLE "akount_runtime"."rate_limit_hits" (
    "key" TEXT PRIMARY KEY NOT NULL,
    "hits" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL
) WITH (fillfactor = 50);
