-- Akount initial schema: tables of prisma/schema.prisma, partial unique
-- indexes for soft-deleted rows, same-tenant foreign keys, the balanced
-- journal check, and row-level security on every tenant-scoped table.

-- Enums
CREATE TYPE "Role" AS ENUM ('OWNER', 'ADMIN', 'ACCOUNTANT', 'VIEWER');
CREATE TYPE "AccountType" AS ENUM ('BANK', 'CARD', 'CASH');
CREATE TYPE "GLAccountType" AS ENUM ('ASSET', 'LIABILITY', 'EQUITY', 'INCOME', 'EXPENSE');
CREATE TYPE "DocumentStatus" AS ENUM ('QUEUED', 'SCANNING', 'STORING', 'OCR', 'EXTRACTING', 'CATEGORIZING', 'AWAITING_REVIEW', 'POSTING', 'COMPLETED', 'REJECTED', 'DUPLICATE', 'NEEDS_ATTENTION', 'DISMISSED', 'CANCELLED');
CREATE TYPE "DocumentType" AS ENUM ('RECEIPT', 'INVOICE', 'BANK_STATEMENT', 'OTHER');
CREATE TYPE "TransactionSource" AS ENUM ('MANUAL', 'DOCUMENT', 'IMPORT');
CREATE TYPE "RuleField" AS ENUM ('VENDOR', 'DESCRIPTION');
CREATE TYPE "RuleMatch" AS ENUM ('CONTAINS', 'EQUALS', 'STARTS_WITH');

-- Tables
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "clerkUserId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "TenantUser" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),
    CONSTRAINT "TenantUser_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Entity" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "functionalCurrency" CHAR(3) NOT NULL,
    "country" CHAR(2) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    CONSTRAINT "Entity_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "glAccountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "AccountType" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "institution" TEXT,
    "mask" TEXT,
    "openingBalanceMinor" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "GLAccount" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "GLAccountType" NOT NULL,
    "parentId" TEXT,
    "isSystem" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    CONSTRAINT "GLAccount_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Category" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "glAccountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Vendor" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "taxId" TEXT,
    "defaultCategoryId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    CONSTRAINT "Vendor_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Transaction" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "description" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "categoryId" TEXT,
    "vendorId" TEXT,
    "documentId" TEXT,
    "journalEntryId" TEXT,
    "source" "TransactionSource" NOT NULL DEFAULT 'MANUAL',
    "externalId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    CONSTRAINT "Transaction_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "JournalEntry" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "memo" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "sourceId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JournalEntry_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "JournalLine" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "journalEntryId" TEXT NOT NULL,
    "glAccountId" TEXT NOT NULL,
    "debitMinor" BIGINT NOT NULL DEFAULT 0,
    "creditMinor" BIGINT NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL,
    "description" TEXT,
    CONSTRAINT "JournalLine_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "JournalLine_one_side" CHECK (
        "debitMinor" >= 0 AND "creditMinor" >= 0 AND (("debitMinor" > 0) <> ("creditMinor" > 0))
    )
);

CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "storageKey" TEXT NOT NULL,
    "status" "DocumentStatus" NOT NULL DEFAULT 'QUEUED',
    "docType" "DocumentType",
    "pageCount" INTEGER,
    "workflowId" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "duplicateOfId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "DocumentExtraction" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "engine" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "confidence" DOUBLE PRECISION,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DocumentExtraction_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CategorizationRule" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "field" "RuleField" NOT NULL,
    "match" "RuleMatch" NOT NULL DEFAULT 'CONTAINS',
    "pattern" TEXT NOT NULL,
    "minAmountMinor" BIGINT,
    "maxAmountMinor" BIGINT,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    CONSTRAINT "CategorizationRule_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AiUsage" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "documentId" TEXT,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "pages" INTEGER,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "latencyMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AiUsage_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT,
    "action" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- Indexes declared in the Prisma schema
CREATE UNIQUE INDEX "User_clerkUserId_key" ON "User"("clerkUserId");
CREATE INDEX "TenantUser_userId_idx" ON "TenantUser"("userId");
CREATE INDEX "Entity_tenantId_idx" ON "Entity"("tenantId");
CREATE INDEX "Account_tenantId_entityId_idx" ON "Account"("tenantId", "entityId");
CREATE INDEX "GLAccount_tenantId_entityId_idx" ON "GLAccount"("tenantId", "entityId");
CREATE INDEX "Category_tenantId_entityId_idx" ON "Category"("tenantId", "entityId");
CREATE INDEX "Vendor_tenantId_entityId_idx" ON "Vendor"("tenantId", "entityId");
CREATE UNIQUE INDEX "Transaction_journalEntryId_key" ON "Transaction"("journalEntryId");
CREATE INDEX "Transaction_tenantId_entityId_date_id_idx" ON "Transaction"("tenantId", "entityId", "date" DESC, "id" DESC);
CREATE INDEX "Transaction_tenantId_accountId_date_idx" ON "Transaction"("tenantId", "accountId", "date");
CREATE INDEX "Transaction_tenantId_categoryId_idx" ON "Transaction"("tenantId", "categoryId");
CREATE INDEX "Transaction_documentId_idx" ON "Transaction"("documentId");
CREATE INDEX "JournalEntry_tenantId_entityId_date_idx" ON "JournalEntry"("tenantId", "entityId", "date");
CREATE INDEX "JournalLine_tenantId_journalEntryId_idx" ON "JournalLine"("tenantId", "journalEntryId");
CREATE INDEX "JournalLine_tenantId_glAccountId_idx" ON "JournalLine"("tenantId", "glAccountId");
CREATE INDEX "Document_tenantId_entityId_status_createdAt_idx" ON "Document"("tenantId", "entityId", "status", "createdAt" DESC);
CREATE INDEX "Document_tenantId_entityId_sha256_idx" ON "Document"("tenantId", "entityId", "sha256");
CREATE UNIQUE INDEX "DocumentExtraction_documentId_version_key" ON "DocumentExtraction"("documentId", "version");
CREATE INDEX "DocumentExtraction_tenantId_idx" ON "DocumentExtraction"("tenantId");
CREATE INDEX "CategorizationRule_tenantId_entityId_priority_idx" ON "CategorizationRule"("tenantId", "entityId", "priority");
CREATE INDEX "AiUsage_tenantId_createdAt_idx" ON "AiUsage"("tenantId", "createdAt");
CREATE INDEX "AuditLog_tenantId_resourceType_resourceId_idx" ON "AuditLog"("tenantId", "resourceType", "resourceId");
CREATE INDEX "AuditLog_tenantId_createdAt_idx" ON "AuditLog"("tenantId", "createdAt");

-- Unique among live rows: a soft-deleted record frees its name or code.
CREATE UNIQUE INDEX "TenantUser_tenantId_userId_live_key" ON "TenantUser"("tenantId", "userId") WHERE "deletedAt" IS NULL;
CREATE UNIQUE INDEX "GLAccount_entityId_code_live_key" ON "GLAccount"("entityId", "code") WHERE "deletedAt" IS NULL;
CREATE UNIQUE INDEX "Category_entityId_name_live_key" ON "Category"("entityId", lower("name")) WHERE "deletedAt" IS NULL;
CREATE UNIQUE INDEX "Vendor_entityId_normalizedName_live_key" ON "Vendor"("entityId", "normalizedName") WHERE "deletedAt" IS NULL;
CREATE UNIQUE INDEX "Account_entityId_name_live_key" ON "Account"("entityId", lower("name")) WHERE "deletedAt" IS NULL;
CREATE UNIQUE INDEX "Transaction_accountId_externalId_live_key" ON "Transaction"("accountId", "externalId") WHERE "deletedAt" IS NULL AND "externalId" IS NOT NULL;

-- Targets for same-tenant foreign keys: (id, tenantId) is unique because id is.
CREATE UNIQUE INDEX "Entity_id_tenantId_key" ON "Entity"("id", "tenantId");
CREATE UNIQUE INDEX "Account_id_tenantId_key" ON "Account"("id", "tenantId");
CREATE UNIQUE INDEX "GLAccount_id_tenantId_key" ON "GLAccount"("id", "tenantId");
CREATE UNIQUE INDEX "Category_id_tenantId_key" ON "Category"("id", "tenantId");
CREATE UNIQUE INDEX "Vendor_id_tenantId_key" ON "Vendor"("id", "tenantId");
CREATE UNIQUE INDEX "JournalEntry_id_tenantId_key" ON "JournalEntry"("id", "tenantId");
CREATE UNIQUE INDEX "Document_id_tenantId_key" ON "Document"("id", "tenantId");

-- Foreign keys. Each reference to a tenant-scoped row includes tenantId, so a
-- row can never point at another tenant's row, even by a guessed id.
ALTER TABLE "TenantUser" ADD CONSTRAINT "TenantUser_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "TenantUser" ADD CONSTRAINT "TenantUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Entity" ADD CONSTRAINT "Entity_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Account" ADD CONSTRAINT "Account_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Account" ADD CONSTRAINT "Account_entityId_fkey" FOREIGN KEY ("entityId", "tenantId") REFERENCES "Entity"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Account" ADD CONSTRAINT "Account_glAccountId_fkey" FOREIGN KEY ("glAccountId", "tenantId") REFERENCES "GLAccount"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "GLAccount" ADD CONSTRAINT "GLAccount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "GLAccount" ADD CONSTRAINT "GLAccount_entityId_fkey" FOREIGN KEY ("entityId", "tenantId") REFERENCES "Entity"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "GLAccount" ADD CONSTRAINT "GLAccount_parentId_fkey" FOREIGN KEY ("parentId", "tenantId") REFERENCES "GLAccount"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Category" ADD CONSTRAINT "Category_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Category" ADD CONSTRAINT "Category_entityId_fkey" FOREIGN KEY ("entityId", "tenantId") REFERENCES "Entity"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Category" ADD CONSTRAINT "Category_glAccountId_fkey" FOREIGN KEY ("glAccountId", "tenantId") REFERENCES "GLAccount"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Vendor" ADD CONSTRAINT "Vendor_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Vendor" ADD CONSTRAINT "Vendor_entityId_fkey" FOREIGN KEY ("entityId", "tenantId") REFERENCES "Entity"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Vendor" ADD CONSTRAINT "Vendor_defaultCategoryId_fkey" FOREIGN KEY ("defaultCategoryId", "tenantId") REFERENCES "Category"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_entityId_fkey" FOREIGN KEY ("entityId", "tenantId") REFERENCES "Entity"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_accountId_fkey" FOREIGN KEY ("accountId", "tenantId") REFERENCES "Account"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_categoryId_fkey" FOREIGN KEY ("categoryId", "tenantId") REFERENCES "Category"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_vendorId_fkey" FOREIGN KEY ("vendorId", "tenantId") REFERENCES "Vendor"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_documentId_fkey" FOREIGN KEY ("documentId", "tenantId") REFERENCES "Document"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_journalEntryId_fkey" FOREIGN KEY ("journalEntryId", "tenantId") REFERENCES "JournalEntry"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "JournalEntry" ADD CONSTRAINT "JournalEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "JournalEntry" ADD CONSTRAINT "JournalEntry_entityId_fkey" FOREIGN KEY ("entityId", "tenantId") REFERENCES "Entity"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "JournalLine" ADD CONSTRAINT "JournalLine_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "JournalLine" ADD CONSTRAINT "JournalLine_journalEntryId_fkey" FOREIGN KEY ("journalEntryId", "tenantId") REFERENCES "JournalEntry"("id", "tenantId") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "JournalLine" ADD CONSTRAINT "JournalLine_glAccountId_fkey" FOREIGN KEY ("glAccountId", "tenantId") REFERENCES "GLAccount"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Document" ADD CONSTRAINT "Document_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Document" ADD CONSTRAINT "Document_entityId_fkey" FOREIGN KEY ("entityId", "tenantId") REFERENCES "Entity"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Document" ADD CONSTRAINT "Document_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Document" ADD CONSTRAINT "Document_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId", "tenantId") REFERENCES "Document"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "DocumentExtraction" ADD CONSTRAINT "DocumentExtraction_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "DocumentExtraction" ADD CONSTRAINT "DocumentExtraction_documentId_fkey" FOREIGN KEY ("documentId", "tenantId") REFERENCES "Document"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "CategorizationRule" ADD CONSTRAINT "CategorizationRule_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "CategorizationRule" ADD CONSTRAINT "CategorizationRule_entityId_fkey" FOREIGN KEY ("entityId", "tenantId") REFERENCES "Entity"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "CategorizationRule" ADD CONSTRAINT "CategorizationRule_categoryId_fkey" FOREIGN KEY ("categoryId", "tenantId") REFERENCES "Category"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "AiUsage" ADD CONSTRAINT "AiUsage_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AiUsage" ADD CONSTRAINT "AiUsage_documentId_fkey" FOREIGN KEY ("documentId", "tenantId") REFERENCES "Document"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Double entry: an entry's debits equal its credits. Deferred to commit so
-- the lines of one entry can be inserted one by one inside a transaction.
CREATE FUNCTION akount_check_journal_balance() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    entry_id TEXT := COALESCE(NEW."journalEntryId", OLD."journalEntryId");
    debits NUMERIC;
    credits NUMERIC;
    line_count INTEGER;
BEGIN
    SELECT COALESCE(SUM("debitMinor"), 0), COALESCE(SUM("creditMinor"), 0), COUNT(*)
      INTO debits, credits, line_count
      FROM "JournalLine" WHERE "journalEntryId" = entry_id;
    IF line_count > 0 AND debits <> credits THEN
        RAISE EXCEPTION 'journal entry % is unbalanced: debits % <> credits %', entry_id, debits, credits
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "JournalLine_balanced"
    AFTER INSERT OR UPDATE OR DELETE ON "JournalLine"
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION akount_check_journal_balance();

-- Row-level security: the second wall behind the tenant-scoped client.
-- The app sets app.tenant_id (and, for membership look-ups, app.user_id)
-- per transaction with set_config(..., true). FORCE applies the policies to
-- the table owner too; only superusers and BYPASSRLS roles skip them, and
-- the app refuses to run as one (src/client.ts).
CREATE FUNCTION akount_current_tenant() RETURNS TEXT
LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '') $$;

CREATE FUNCTION akount_current_user() RETURNS TEXT
LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('app.user_id', true), '') $$;

CREATE FUNCTION akount_current_clerk_user() RETURNS TEXT
LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('app.clerk_user_id', true), '') $$;

DO $$
DECLARE
    table_name TEXT;
BEGIN
    FOREACH table_name IN ARRAY ARRAY[
        'Entity', 'Account', 'GLAccount', 'Category', 'Vendor', 'Transaction', 'JournalEntry',
        'JournalLine', 'Document', 'DocumentExtraction', 'CategorizationRule', 'AiUsage', 'AuditLog'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', table_name);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', table_name);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I USING ("tenantId" = akount_current_tenant()) WITH CHECK ("tenantId" = akount_current_tenant())',
            table_name
        );
    END LOOP;
END;
$$;

-- Memberships are visible to their tenant, and to their user (to list the
-- tenants a signed-in user may enter); only the tenant context may write.
ALTER TABLE "TenantUser" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "TenantUser" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "TenantUser"
    USING ("tenantId" = akount_current_tenant() OR "userId" = akount_current_user())
    WITH CHECK ("tenantId" = akount_current_tenant());

-- A tenant is visible inside its own context and to its members.
ALTER TABLE "Tenant" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Tenant" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Tenant"
    USING (
        "id" = akount_current_tenant()
        OR EXISTS (
            SELECT 1 FROM "TenantUser" m
             WHERE m."tenantId" = "Tenant"."id" AND m."userId" = akount_current_user() AND m."deletedAt" IS NULL
        )
    )
    WITH CHECK ("id" = akount_current_tenant());

-- A user is visible to themself (by id, or by the Clerk id of a verified
-- token while signing in) and to the tenants they belong to; a user row is
-- written only in that user's own context (sign-up sync).
ALTER TABLE "User" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "User" FORCE ROW LEVEL SECURITY;
CREATE POLICY user_visibility ON "User"
    USING (
        "id" = akount_current_user()
        OR "clerkUserId" = akount_current_clerk_user()
        OR EXISTS (
            SELECT 1 FROM "TenantUser" m
             WHERE m."userId" = "User"."id" AND m."tenantId" = akount_current_tenant() AND m."deletedAt" IS NULL
        )
    )
    WITH CHECK ("id" = akount_current_user());
