/**
 * The extraction JSON (DESIGN §8): one contract shared by the extraction engines, the workflow,
 * the API, the web app and the CLI. Every extracted value is wrapped in a Field with a confidence
 * and, where known, the page/line it was read from. Money is integer minor units plus an ISO 4217
 * code. This module only describes shapes; it must never extract, compute or default a value —
 * a field that was not found stays absent or null.
 */
import { z } from 'zod';

export const fieldSource = z.object({
  page: z.number().int().min(1),
  line: z.number().int().min(1),
});

/** `{ value, confidence, source? }` around any value schema. */
export function field<T extends z.ZodType>(value: T) {
  return z.object({
    value,
    confidence: z.number().min(0).max(1),
    source: fieldSource.optional(),
  });
}

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, three capital letters');
export const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');

export const money = z.object({
  amountMinor: z.number().int().refine(Number.isSafeInteger, 'safe integer'),
  currency: currencyCode,
});

export const docType = z.enum(['receipt', 'invoice', 'bank_statement', 'other']);
export const engine = z.enum(['local', 'mistral']);

const moneyField = field(money);
const dateField = field(isoDate);
const textField = field(z.string().min(1));

export const taxLine = z.object({
  kind: z.string().min(1),
  rate: z.number().min(0).max(100).nullish(),
  amount: moneyField,
});

export const lineItem = z.object({
  description: textField,
  quantity: field(z.number().positive()).nullish(),
  unitPrice: moneyField.nullish(),
  amount: moneyField,
});

export const statementRow = z.object({
  date: dateField,
  description: textField,
  amount: moneyField,
  balance: moneyField.nullish(),
});

export const statement = z.object({
  accountName: textField.nullish(),
  accountMask: textField.nullish(),
  periodStart: dateField.nullish(),
  periodEnd: dateField.nullish(),
  openingBalance: moneyField.nullish(),
  closingBalance: moneyField.nullish(),
  rows: z.array(statementRow),
});

export const consistencyCheck = z.object({
  name: z.string().min(1),
  passed: z.boolean(),
});

export const extraction = z.object({
  file: z.string().optional(),
  engine,
  docType: field(docType),
  vendorName: textField.nullish(),
  vendorTaxId: textField.nullish(),
  invoiceNumber: textField.nullish(),
  date: dateField.nullish(),
  dueDate: dateField.nullish(),
  currency: field(currencyCode).nullish(),
  subtotal: moneyField.nullish(),
  taxes: z.array(taxLine).optional(),
  tip: moneyField.nullish(),
  total: moneyField.nullish(),
  paymentMethod: textField.nullish(),
  lineItems: z.array(lineItem).optional(),
  statement: statement.nullish(),
  checks: z.array(consistencyCheck),
});

export type FieldSource = z.infer<typeof fieldSource>;
export type Field<T> = { value: T; confidence: number; source?: FieldSource };
export type Money = z.infer<typeof money>;
export type DocType = z.infer<typeof docType>;
export type Engine = z.infer<typeof engine>;
export type TaxLine = z.infer<typeof taxLine>;
export type LineItem = z.infer<typeof lineItem>;
export type StatementRow = z.infer<typeof statementRow>;
export type Statement = z.infer<typeof statement>;
export type ConsistencyCheck = z.infer<typeof consistencyCheck>;
export type Extraction = z.infer<typeof extraction>;
