-- The document scan (DESIGN §2): what the OCR stage read, how a document was
-- categorized, which money account its transactions go to, and when its
-- review went stale. Duplicate uploads are refused per entity by digest.

ALTER TABLE "Document"
    ADD COLUMN "accountId" TEXT,
    ADD COLUMN "categoryId" TEXT,
    ADD COLUMN "categorizedBy" TEXT,
    ADD COLUMN "categorizationReason" TEXT,
    ADD COLUMN "engine" TEXT,
    ADD COLUMN "staleAt" TIMESTAMPTZ(3),
    ADD COLUMN "completedAt" TIMESTAMPTZ(3);

ALTER TABLE "Document" ADD CONSTRAINT "Document_accountId_fkey" FOREIGN KEY ("accountId", "tenantId") REFERENCES "Account"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Document" ADD CONSTRAINT "Document_categoryId_fkey" FOREIGN KEY ("categoryId", "tenantId") REFERENCES "Category"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Document" ADD CONSTRAINT "Document_categorizedBy_check" CHECK ("categorizedBy" IS NULL OR "categorizedBy" IN ('rule', 'vendor', 'keyword', 'mistral', 'none'));

-- One live document per content per entity; a cancelled upload frees its digest.
CREATE UNIQUE INDEX "Document_entityId_sha256_live_key" ON "Document"("tenantId", "entityId", "sha256") WHERE "deletedAt" IS NULL AND "status" <> 'CANCELLED';

-- The text the OCR stage read (one row per document, replaced on a re-run):
-- `looks` holds one or more readings of the pages (TextDocument JSON).
CREATE TABLE "DocumentText" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "engine" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "pageCount" INTEGER NOT NULL,
    "looks" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DocumentText_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DocumentText_documentId_key" ON "DocumentText"("documentId");
CREATE INDEX "DocumentText_tenantId_idx" ON "DocumentText"("tenantId");
ALTER TABLE "DocumentText" ADD CONSTRAINT "DocumentText_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "DocumentText" ADD CONSTRAINT "DocumentText_documentId_fkey" FOREIGN KEY ("documentId", "tenantId") REFERENCES "Document"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "DocumentText" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DocumentText" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "DocumentText"
    USING ("tenantId" = akount_current_tenant()) WITH CHECK ("tenantId" = akount_current_tenant());
