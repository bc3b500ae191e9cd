/**
 * Reads the identifiers printed on a document: the seller's tax or registration id (GST/SST/VAT
 * number, ABN, EIN, company registration such as `(789417-W)`) and the invoice/receipt/bill number.
 * Only returns text that is printed next to a label or in a registration-number shape; never
 * composes an id.
 */
import type { DocLine } from './document';

export interface IdGuess {
  value: string;
  confidence: number;
  line: DocLine;
}

const TAX_LABEL =
  /\b(GST\s*(?:REG(?:ISTRATION)?\.?\s*)?(?:ID|NO|NUMBER|#)?|SST\s*(?:REG(?:ISTRATION)?\.?\s*)?(?:ID|NO|NUMBER|#)?|VAT\s*(?:REG(?:ISTRATION)?\.?\s*)?(?:ID|NO|NUMBER|#)?|TAX\s*(?:ID|NO|NUMBER|REG(?:ISTRATION)?)|ABN|EIN|TIN|UEN|GSTIN|NPWP|USt-?Id(?:Nr)?\.?|UID|N[°º]\s*TVA|CIF|NIF|P\.?\s*IVA|BTW(?:-?nr)?|CO\.?\s*REG(?:\.|ISTRATION)?\s*(?:NO)?|COMPANY\s*(?:REG(?:ISTRATION)?\s*)?NO|REG(?:ISTRATION)?\.?\s*NO|ROC|BRN)\b\.?\s*[:#.]?\s*/i;
const ID_VALUE = /([A-Z]{0,4}[\s-]?\d[\d\s\-./]{4,20}[A-Z0-9]?)/i;
const REGISTRATION_SHAPE = /^\(?\s*(?:CO\.?\s*(?:NO|REG)\.?\s*:?\s*)?(\d{5,12}\s?-\s?[A-Z])\s*\)?$/i;

/** Seller tax or registration id, looked for in the first part of the document. */
export function findTaxId(lines: readonly DocLine[]): IdGuess | null {
  const head = lines.slice(0, Math.max(15, Math.ceil(lines.length / 2)));
  for (const [i, line] of head.entries()) {
    const label = TAX_LABEL.exec(line.text);
    if (!label) continue;
    const after = line.text.slice(label.index + label[0].length);
    const sameLine = ID_VALUE.exec(after);
    const nextText = head[i + 1]?.text ?? '';
    const value = sameLine?.[1] ?? (after.trim() === '' ? ID_VALUE.exec(nextText)?.[1] : undefined);
    if (value && /\d{4}/.test(value.replace(/\D/g, ''))) {
      return { value: value.trim().replace(/[\s.]+$/, ''), confidence: 0.8, line };
    }
  }
  const shaped = head.slice(0, 8).find((line) => REGISTRATION_SHAPE.test(line.text));
  if (shaped) {
    const value = REGISTRATION_SHAPE.exec(shaped.text)?.[1]?.replace(/\s/g, '') ?? '';
    return { value, confidence: 0.6, line: shaped };
  }
  return null;
}

const NUMBER_LABEL =
  /\b(invoice|inv|receipt|rcpt|bill|doc(?:ument)?|order|ticket|trans(?:action)?|check|chk|slip|ref(?:erence)?|facture|rechnung|no\.? resit|resit)\s*(?:no\.?|number|num|#|nr\.?|n[°º])?\s*[:#.]?\s*/i;
const NUMBER_VALUE = /^([A-Z0-9][A-Z0-9\-/]*\d[A-Z0-9\-/]*)/i;

/** Invoice, receipt or bill number: a labelled code containing at least one digit. */
export function findInvoiceNumber(lines: readonly DocLine[]): IdGuess | null {
  let best: IdGuess | null = null;
  for (const [i, line] of lines.entries()) {
    const label = NUMBER_LABEL.exec(line.text);
    if (!label) continue;
    const keyword = (label[1] ?? '').toLowerCase();
    const hasNumberWord = /(no|number|num|#|nr|n°|º)\s*[:#.]?\s*$/i.test(label[0]) || /[:#]/.test(label[0]);
    if (!hasNumberWord && !/^(inv|invoice|receipt|bill)$/.test(keyword)) continue;
    const after = line.text.slice(label.index + label[0].length).trim();
    const value = NUMBER_VALUE.exec(after)?.[1] ?? (after === '' ? NUMBER_VALUE.exec(lines[i + 1]?.text.trim() ?? '')?.[1] : undefined);
    if (!value || /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(value)) continue;
    const confidence = /invoice|inv|bill|receipt|facture|rechnung/.test(keyword) ? 0.8 : 0.6;
    if (!best || confidence > best.confidence) best = { value, confidence, line };
  }
  return best;
}
