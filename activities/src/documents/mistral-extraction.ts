/**
 * The answer Mistral's chat model gives for a document, and its mapping into the extraction
 * contract (DESIGN §8). The schema is slimmer than the contract: plain values, amounts as decimal
 * strings (never floats; they become integer minor units here), no confidences or sources, which
 * the model cannot know. What does not parse (a date that is not a date, an amount that is not a
 * number) is dropped, never repaired into something the document did not say. Confidences start
 * at one level for everything the model read and move with the same arithmetic checks the local
 * extractor runs: items add up to the subtotal, subtotal + tax + tip to the total, and a
 * statement's rows take the opening balance to the closing one.
 */
import { extraction as extractionContract, type Extraction, type Field, type Money } from '@akount/contracts';
import { minorUnitExponent, toMinorUnits } from '@akount/extraction';
import { z } from 'zod';
import type { DocumentHints } from './hints';

const text = z.string().nullable();
const amount = z.string().nullable().describe('decimal string with a dot, e.g. "1234.50"; null when not printed');
const date = z.string().nullable().describe('YYYY-MM-DD; null when not printed');

export const mistralExtractionSchema = z.object({
  docType: z.enum(['receipt', 'invoice', 'bank_statement', 'other']),
  vendorName: text,
  vendorTaxId: text,
  invoiceNumber: text,
  date,
  dueDate: date,
  currency: z.string().nullable().describe('ISO 4217 code, e.g. EUR'),
  subtotal: amount,
  taxes: z.array(z.object({ kind: z.string(), rate: z.number().nullable().describe('percent, e.g. 20'), amount: z.string() })),
  tip: amount,
  total: amount,
  paymentMethod: text,
  lineItems: z.array(z.object({ description: z.string(), quantity: z.number().nullable(), unitPrice: amount, amount: z.string() })),
  statement: z
    .object({
      accountName: text,
      accountMask: text.describe('last four digits of the account number'),
      periodStart: date,
      periodEnd: date,
      openingBalance: amount,
      closingBalance: amount,
      rows: z.array(z.object({ date: z.string(), description: z.string(), amount: z.string(), balance: amount })),
    })
    .nullable()
    .describe('only for bank statements'),
});

export type MistralExtraction = z.infer<typeof mistralExtractionSchema>;

/** How sure a field the model read is before any check; a passing check raises, a failing one lowers. */
const READ = 0.85;
const CHECKED = 0.95;
const CONTRADICTED = 0.5;
const NO_CURRENCY = 'XXX';

const field = <T>(value: T, confidence = READ): Field<T> => ({ value, confidence });

function textField(value: string | null): Field<string> | undefined {
  const trimmed = value?.trim();
  return trimmed ? field(trimmed) : undefined;
}

function dateField(value: string | null): Field<string> | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? field(value) : undefined;
}

/** "1,234.50" / "-12.5" / "(12.50)" → minor units of a currency with `exponent` decimals. */
export function minorUnits(value: string, exponent: number): number | undefined {
  const compact = value.replace(/[\s,]/g, '');
  const match = /^(\()?([-+])?(\d+)(?:\.(\d+))?(\))?$/.exec(compact);
  if (!match || Boolean(match[1]) !== Boolean(match[5])) return undefined;
  const minor = toMinorUnits(match[3]!, match[4] ?? '', exponent);
  if (minor === null) return undefined;
  return match[1] || match[2] === '-' ? -minor : minor;
}

interface Checked {
  name: string;
  passed: boolean;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

export function toExtraction(answer: MistralExtraction, hints: DocumentHints): Extraction {
  const isStatement = answer.docType === 'bank_statement';
  const fallback = (isStatement ? hints.statement : hints.document).defaultCurrency;
  const printed = answer.currency?.trim().toUpperCase();
  const currencyCode = printed && /^[A-Z]{3}$/.test(printed) ? printed : fallback;
  const currency = currencyCode ?? NO_CURRENCY;
  const exponent = minorUnitExponent(currency);
  const money = (value: string | null): Money | undefined => {
    const minor = value === null ? undefined : minorUnits(value, exponent);
    return minor === undefined ? undefined : { amountMinor: minor, currency };
  };

  const result: Extraction = { engine: 'mistral', docType: field(answer.docType), checks: [] };
  const texts = { vendorName: answer.vendorName, vendorTaxId: answer.vendorTaxId, invoiceNumber: answer.invoiceNumber };
  for (const [key, value] of Object.entries(texts)) {
    const found = textField(value);
    if (found) result[key as keyof typeof texts] = found;
  }
  const paymentMethod = textField(answer.paymentMethod);
  if (paymentMethod) result.paymentMethod = paymentMethod;
  const dates = { date: dateField(answer.date), dueDate: dateField(answer.dueDate) };
  if (dates.date) result.date = dates.date;
  if (dates.dueDate) result.dueDate = dates.dueDate;
  if (currencyCode) result.currency = field(currencyCode, printed === currencyCode ? READ : 0.5);

  if (isStatement && answer.statement) {
    result.statement = statementOf(answer.statement, money, result);
  } else {
    moneyFields(answer, money, result);
  }
  return extractionContract.parse(result);
}

function moneyFields(answer: MistralExtraction, money: (value: string | null) => Money | undefined, result: Extraction): void {
  const subtotal = money(answer.subtotal);
  const tip = money(answer.tip);
  const total = money(answer.total);
  const taxes = answer.taxes.flatMap((tax) => {
    const value = money(tax.amount);
    const rate = tax.rate !== null && tax.rate >= 0 && tax.rate <= 100 ? tax.rate : null;
    return value && tax.kind.trim() ? [{ kind: tax.kind.trim(), rate, amount: field(value) }] : [];
  });
  const items = answer.lineItems.flatMap((item) => {
    const value = money(item.amount);
    const description = textField(item.description);
    if (!value || !description) return [];
    const unitPrice = money(item.unitPrice);
    return [
      {
        description,
        amount: field(value),
        quantity: item.quantity !== null && item.quantity > 0 ? field(item.quantity) : null,
        unitPrice: unitPrice ? field(unitPrice) : null,
      },
    ];
  });
  const checks: Checked[] = [];
  const target = subtotal ?? total;
  if (items.length > 0 && target) {
    checks.push({
      name: subtotal ? 'items=subtotal' : 'items=total',
      passed: sum(items.map((item) => item.amount.value.amountMinor)) === target.amountMinor,
    });
  }
  if (subtotal && total && (taxes.length > 0 || tip || subtotal.amountMinor === total.amountMinor)) {
    const expected = subtotal.amountMinor + sum(taxes.map((tax) => tax.amount.value.amountMinor)) + (tip?.amountMinor ?? 0);
    checks.push({ name: 'subtotal+tax=total', passed: expected === total.amountMinor });
  }
  const moneyConfidence = checks.length === 0 ? READ : checks.every((check) => check.passed) ? CHECKED : CONTRADICTED;
  if (subtotal) result.subtotal = field(subtotal, moneyConfidence);
  if (tip) result.tip = field(tip, moneyConfidence);
  if (total) result.total = field(total, moneyConfidence);
  if (taxes.length > 0) result.taxes = taxes.map((tax) => ({ ...tax, amount: field(tax.amount.value, moneyConfidence) }));
  if (items.length > 0) result.lineItems = items;
  result.checks = checks;
}

function statementOf(
  statement: NonNullable<MistralExtraction['statement']>,
  money: (value: string | null) => Money | undefined,
  result: Extraction,
): NonNullable<Extraction['statement']> {
  const rows = statement.rows.flatMap((row) => {
    const rowDate = dateField(row.date);
    const value = money(row.amount);
    const description = textField(row.description);
    if (!rowDate || !value || !description) return [];
    const balance = money(row.balance);
    return [{ date: rowDate, description, amount: value, balance: balance ? field(balance) : null }];
  });
  const opening = money(statement.openingBalance);
  const closing = money(statement.closingBalance);
  let rowConfidence = READ;
  if (opening && closing && rows.length > 0) {
    const passed = opening.amountMinor + sum(rows.map((row) => row.amount.amountMinor)) === closing.amountMinor;
    result.checks.push({ name: 'statement_balance', passed });
    rowConfidence = passed ? CHECKED : CONTRADICTED;
  }
  const optional = <T>(value: T | undefined) => (value === undefined ? null : field(value));
  return {
    accountName: textField(statement.accountName) ?? null,
    accountMask: textField(statement.accountMask) ?? null,
    periodStart: dateField(statement.periodStart) ?? null,
    periodEnd: dateField(statement.periodEnd) ?? null,
    openingBalance: optional(opening),
    closingBalance: optional(closing),
    rows: rows.map((row) => ({ ...row, amount: field(row.amount, rowConfidence) })),
  };
}
