/**
 * Classifies a document as receipt, invoice, bank statement or other from its wording and shape.
 * Keyword votes only; never depends on which fields happened to be extracted.
 */
import type { DocType } from '@akount/contracts';
import type { DocLine } from './document';

export interface DocTypeGuess {
  value: DocType;
  confidence: number;
}

const SIGNALS: [DocType, RegExp, number][] = [
  [
    'bank_statement',
    /\b(statement\s+of\s+account|account\s+statement|bank\s+statement|(opening|closing|beginning|ending|previous|new)\s+balance|balance\s+(b\/f|brought\s+forward|c\/f|carried\s+forward)|statement\s+period|penyata|kontoauszug|relev[ée]\s+de\s+compte|extracto\s+(de\s+cuenta|bancario))\b/i,
    3,
  ],
  ['bank_statement', /\b(account\s+(number|no\.?|ending)|acct\s+ending|iban)\b/i, 1.5],
  ['bank_statement', /\b(withdrawals?|deposits?|debits?|credits?)\b.*\bbalance\b/i, 2],
  [
    'invoice',
    /\b(invoice\s*(no|number|#|date)|bill\s+to|ship\s+to|due\s+date|payment\s+terms|terms\s*:|net\s*\d{2}\b|remit|purchase\s+order|p\.?o\.?\s*(no|number|#)|rechnung|facture|factura|fattura|faktura|fecha\s+de\s+vencimiento|date\s+d.[ée]ch[ée]ance|f[äa]llig(keitsdatum)?)\b/i,
    2,
  ],
  ['invoice', /^\s*-?\s*(tax\s+)?invoice\s*-?\s*$/i, 1],
  [
    'receipt',
    /\b(receipt|resit|cash\s*bill|cashier|change|tendered|thank\s+you|terima\s+kasih|pos\b|counter|kassenbon|ticket\s+de\s+caisse|table\s*(no)?\s*:?\s*\d|guests?|server)\b/i,
    1.5,
  ],
  ['receipt', /\b(simplified\s+tax\s+invoice|visa|mastercard|approval\s+code|auth(orisation|orization)?\s+code)\b/i, 1.5],
  // How a till receipt says it was paid; weak on its own (statements and invoices mention cards too).
  ['receipt', /\b(cash|card|contactless|eftpos|girocard|interac|amex)\b/i, 1],
  // The same words on French, German and Spanish tills.
  [
    'receipt',
    /\b(merci|danke|gracias|caisse|kasse|bar(zahlung)?|esp[èe]ces|efectivo|tarjeta|carte\s+bancaire|rendu|r[üu]ckgeld|cambio|ticket|bon\s+n)/i,
    1,
  ],
  // Loyalty blocks on receipts print "opening/closing balance" of points; they are not bank balances.
  [
    'receipt',
    /\b(loyalty|(total|earned|bonus|redeemed)\s+points|points\s+(earned|balance|redeemed)|member(ship)?\s+(no|card|id|number))\b/i,
    2,
  ],
];

export function classifyDocument(lines: readonly DocLine[]): DocTypeGuess {
  const score: Record<DocType, number> = { receipt: 0, invoice: 0, bank_statement: 0, other: 0 };
  for (const line of lines) {
    for (const [type, re, weight] of SIGNALS) if (re.test(line.text)) score[type] += weight;
  }
  const datedRows = lines.filter((line) => /^\s*\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?\s+\S.*\d[.,]\d{2}\s*$/.test(line.text)).length;
  if (datedRows >= 5) score.bank_statement += datedRows / 2;
  const ranked = (Object.entries(score) as [DocType, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0) return { value: 'other', confidence: 0.3 };
  const margin = best[1] - (second?.[1] ?? 0);
  return { value: best[0], confidence: Math.min(0.95, 0.5 + margin / 10) };
}
