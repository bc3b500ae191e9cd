/**
 * Names the role of an amount from the words printed next to it: total, subtotal, tax, tip,
 * discount, rounding, tendered, change, quantity… Pure text classification with OCR-tolerant
 * patterns (`T0TAL`, `SUB TOTAL`, `ROUND D TOTAL`); never looks at the amount itself.
 */

export type AmountRole =
  | 'grandTotal'
  | 'total'
  | 'subtotal'
  | 'tax'
  | 'taxableBase'
  | 'tip'
  | 'discount'
  | 'rounding'
  | 'tendered'
  | 'change'
  | 'quantity'
  | 'other';

const TOTAL = String.raw`(?:t\s?[o0]\s?t\s?a\s?l|tota1|totai|jumlah|summe|gesamt|montant|importe|totaal)`;

const RULES: [AmountRole, RegExp][] = [
  ['quantity', new RegExp(String.raw`\b(qty|quantity|items?|pcs|units?|count|no\.? of|tot\.? qty|articles?)\b`, 'i')],
  [
    'change',
    /\b(change|kembalian|baki|r[üu]ckgeld|wechselgeld|monnaie|cambio)\b|\bbalance\b(?!\s*(due|owing|payable|to pay|b\/f|brought))/i,
  ],
  ['rounding', /\b(round(ing)?\s*(adj|adjustment|off)|rounding|adj(ustment)?\s*round|pembundaran)\b/i],
  ['tip', /\b(tip|tips|gratuity|pourboire|trinkgeld|propina)\b/i],
  ['discount', /\b(disc|discount|savings?|you saved|less|promo|voucher|coupon|rabatt|remise|descuento)\b/i],
  [
    'subtotal',
    new RegExp(
      String.raw`\b(sub\s?-?\s?${TOTAL}|${TOTAL}\s*\(?\s*(excl?|exclusive|excluding|before|ex\.?|w\/o|sebelum|netto)\b|net\s+amount|nett?o|amount\s+before|taxable|zwischensumme)`,
      'i',
    ),
  ],
  ['tax', /\b(gst|sst|vat|tax|tva|iva|mwst|ust|btw|hst|pst|qst|cgst|sgst|igst|service\s*(charge|tax)|svc|cukai)\b/i],
  [
    'grandTotal',
    new RegExp(
      String.raw`\b(grand\s*${TOTAL}|${TOTAL}\s*(amount\s*)?(due|payable|to pay)|amount\s*(due|payable)|balance\s*(due|owing|payable)|${TOTAL}\s*\(?\s*(incl?|inclusive|including|inc\.?|w\/)|nett?\s*${TOTAL}|${TOTAL}\s*nett?|round(ed|ing)?\s*d?\s*${TOTAL}|${TOTAL}\s*round(ed|ing)?|total\s*sales?\s*\(?\s*incl|${TOTAL}\s*payable|^\W*due\W*$|to pay|zu zahlen|à payer|a pagar|total\s*ttc|net\s*to\s*pay)`,
      'i',
    ),
  ],
  [
    'tendered',
    /\b(cash|tender(ed)?|paid|payment|visa|master\s?card|mastercard|amex|american express|credit|debit|card|e-?wallet|boost|grab\s?pay|touch\s?n\s?go|eftpos|received|bezahlt|bar|esp[eè]ces)\b/i,
  ],
  ['total', new RegExp(String.raw`\b${TOTAL}\b|${TOTAL}`, 'i')],
];

/** The role of the amount labelled by `label`, or 'other' when no rule matches. */
export function classifyLabel(label: string): AmountRole {
  const text = label.replace(/\s+/g, ' ');
  const hasTotal = new RegExp(TOTAL, 'i').test(text);
  if (/\btax\s*invoice\b|\binvoice\b.*\b(no|number|#)/i.test(text) && !hasTotal) return 'other';
  for (const [role, re] of RULES) {
    if (!re.test(text)) continue;
    // "TOTAL GST", "GST TOTAL": tax; "TOTAL INCL. GST", "TOTAL (RM) : ... GST INCL": total.
    if (role === 'tax' && hasTotal && /\binc[\p{L}]*/iu.test(text)) return 'grandTotal';
    if (role === 'tax' && hasTotal && /\bexc[\p{L}]*/iu.test(text)) return 'subtotal';
    if (role === 'quantity' && /sub\s?-?\s?total/i.test(text)) return 'subtotal';
    if (role === 'tendered' && hasTotal && !/\b(cash|tender(ed)?|paid|received)\b/i.test(text)) return 'total';
    if (role === 'rounding' && hasTotal) return 'grandTotal';
    return role;
  }
  return 'other';
}

/** Weight of a role as the document total; higher is more likely. */
export const TOTAL_ROLE_SCORE: Record<AmountRole, number> = {
  grandTotal: 10,
  total: 8,
  subtotal: 2,
  tendered: 1,
  other: 0,
  taxableBase: -1,
  tax: -3,
  tip: -3,
  discount: -4,
  rounding: -5,
  change: -6,
  quantity: -8,
};
