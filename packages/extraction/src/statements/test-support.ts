/** Readers shared by the statement tests: rows as plain tuples and a check's outcome by name. */
import type { Extraction } from '@akount/contracts';

export const rowsOf = (result: Extraction) =>
  result.statement?.rows.map((row) => [
    row.date.value,
    row.description.value,
    row.amount.value.amountMinor,
    row.balance?.value.amountMinor,
  ]);

export const check = (result: Extraction, name: string) => result.checks.find((c) => c.name === name)?.passed;
