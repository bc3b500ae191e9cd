-- Sorting a large transaction list by amount (and its keyset cursors) walks this index instead of sorting the table.
CREATE INDEX "Transaction_tenantId_entityId_amountMinor_id_idx" ON "Transaction"("tenantId", "entityId", "amountMinor" DESC, "id" DESC);
