/**
 * Names how a document was paid (cash, card network, e-wallet, bank transfer) from the words
 * printed on it. A card network beats the generic word "card"; "cash" counts only when it labels
 * a payment, not in "cash bill". Never infers a payment method from amounts alone.
 */
import type { DocLine } from './document';

export interface PaymentGuess {
  value: string;
  confidence: number;
  line: DocLine;
}

const METHODS: [string, RegExp, number][] = [
  ['visa', /\bvisa\b/i, 0.85],
  ['mastercard', /\bmaster\s?card\b|\bmc\b(?=.*\d{4})/i, 0.85],
  ['amex', /\b(amex|american express)\b/i, 0.85],
  ['unionpay', /\bunion\s?pay\b/i, 0.85],
  ['jcb', /\bjcb\b/i, 0.8],
  ['discover', /\bdiscover\b(?=.*(card|\d{4}))/i, 0.7],
  ['debit_card', /\b(debit|maestro|eftpos|interac|girocard|ec[- ]karte|mydebit)\b/i, 0.75],
  ['credit_card', /\b(credit\s*card|cc)\b/i, 0.7],
  ['e_wallet', /\b(apple\s?pay|google\s?pay|paypal|grab\s?pay|boost|touch\s?['n]*\s?go|tng|alipay|wechat\s?pay|e-?wallet)\b/i, 0.75],
  ['bank_transfer', /\b(bank\s*transfer|wire\s*transfer|iban|fpx|duitnow|ach|sepa)\b/i, 0.6],
  ['card', /\b(card|kad|karte|carte|tarjeta)\b/i, 0.6],
  ['cash', /\b(cash|tunai|bar(geld)?|esp[eè]ces|efectivo|contanti)\b(?!\s*(bill|sale|invoice|register|receipt|memo))/i, 0.75],
];

export function findPaymentMethod(lines: readonly DocLine[]): PaymentGuess | null {
  for (const [value, re, confidence] of METHODS) {
    // Search from the bottom: the payment block follows the total.
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i];
      if (line && re.test(line.text) && !/\b(no|not|tidak)\s+(cash|card)\b|refund/i.test(line.text)) return { value, confidence, line };
    }
  }
  return null;
}
