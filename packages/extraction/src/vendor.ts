/**
 * Finds the seller's name in the document header: the first plausible business-name line, with
 * legal-form suffixes (SDN BHD, LLC, LTD, GMBH…) as the strongest signal and addresses, phone
 * numbers, registration numbers, dates and document titles ruled out. Joins a name broken over two
 * lines (`SYL ROASTED DELIGHTS` / `SDN. BHD.`). Knows no vendor names; never reads past the header.
 */
import type { DocLine } from './document';

const LEGAL_FORM =
  /\b(SDN\.?\s*BHD|BHD|S\/B|SDN|BERHAD|PTE\.?\s*LTD|PTY\.?\s*LTD|LTD|LIMITED|LLC|L\.L\.C|LLP|INC|INCORPORATED|CORP|CORPORATION|CO\.?\s*LTD|GMBH|AG|KG|SARL|SAS|S\.?A\.?|S\.?L\.?|S\.?R\.?L|B\.?V\.?|N\.?V\.?|PLC|OY|AB|A\/S|K\.?K\.?|PT|CV|ENTERPRISES?|TRADING|COMPANY|CO\.)(?![\p{L}])/iu;
const BUSINESS_WORD =
  /\b(RESTAURANT|RESTORAN|CAFE|CAF[EÉ]|BAKERY|KITCHEN|MART|MINI ?MARKET|SUPERMARKET|MARKET|HYPERMARKET|STORE|STORES|SHOP|BOOKS?|STATIONERY|HARDWARE|PHARMACY|FARMASI|HOTEL|GALLERY|MACHINERY|ELECTRICAL|ENGINEERING|SERVICES?|STATION|PERNIAGAAN|KEDAI|PASARAYA|BORONG|HOLDINGS|INTERNATIONAL|INDUSTRIES|GROUP|FOOD|BISTRO|BAR|GRILL|PIZZA|COFFEE|TEA|DELI|MOTOR|AUTO|TRAVEL|OUTLET|CENTRE|CENTER)\b|\B(MART|MARKET|STORE|SHOP)\b/i;
const SUFFIX_ONLY = /^\(?\s*(SDN\.?\s*BHD\.?|BHD\.?|S\/B|BERHAD|PTE\.?\s*LTD\.?|LTD\.?|LLC\.?|INC\.?|GMBH|CO\.?\s*LTD\.?)\s*\)?\.?$/i;

const ADDRESS =
  /\b(JALAN|JLN|LORONG|LRG|TAMAN|TMN|LOT|NO\.?\s*\d|BLOK|BLOCK|LEVEL|FLOOR|TINGKAT|BANDAR|KAWASAN|PERSIARAN|STREET|ST\.|ROAD|RD\.?|AVENUE|AVE\.?|BLVD|BOULEVARD|HIGHWAY|SUITE|STE\.?|UNIT|BUILDING|PLAZA|STRASSE|STRAßE|STR\.|RUE|VIA|CALLE|P\.?O\.? BOX)\b|\b\d{5}\b|\b[A-Z]{2}\s\d{5}(-\d{4})?\b|\b\d{4,5}\s+[A-Z][a-z]+|,\s*$/i;
const CONTACT =
  /\b(TEL|TELEPHONE|PHONE|PH|FAX|H\/P|HP|MOBILE|EMAIL|E-MAIL|WWW|HTTP|WEBSITE)\b|\.(COM|NET|ORG|MY|SG)\b|@|\+?\d[\d\s()-]{7,}\d/i;
const IDENTIFIER =
  /\b(GST|SST|VAT|TAX|ABN|EIN|TIN|UEN|CO\.?\s*REG|COMPANY\s*(REG|NO)|REG(ISTRATION)?\s*NO|ROC|BRN|NPWP|USt-?IdNr|SIRET|SIREN)\b|^\(?\s*[A-Z]{0,3}\d{5,}[-\s]?[A-Z]?\s*\)?$/i;
const TITLE =
  /\b(TQ|TAX\s*INVOICE|INVOICE|RECEIPT|RESIT|CASH\s*BILL|BILL|ORDER|QUOTATION|STATEMENT|WELCOME|SELAMAT|THANK|TERIMA|OFFICIAL|COPY|DUPLICATE|REPRINT|CUSTOMER|MEMBER|CASHIER|TABLE|SERVER|DATE|TIME|SIMPLIFIED|DOCUMENT|KASSENBON|RECHNUNG|FACTURE|TICKET)\b/i;

export interface VendorGuess {
  name: string;
  confidence: number;
  line: DocLine;
}

function letterCount(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** Whether a header line could be the business name at all (judged without its registration number). */
function plausible(raw: string): boolean {
  const text = clean(raw);
  if (letterCount(text) < 3) return false;
  if (CONTACT.test(raw) || IDENTIFIER.test(raw)) return false;
  if (ADDRESS.test(raw) && !LEGAL_FORM.test(raw)) return false;
  if (TITLE.test(raw) && !LEGAL_FORM.test(raw)) return false;
  const digits = (text.match(/\d/g) ?? []).length;
  return digits <= letterCount(text) / 2;
}

const REGISTRATION = String.raw`\(?\s*(?:CO\.?\s*(?:NO|REG)\.?\s*:?\s*)?[A-Z]{0,3}\d{5,}[\d\s-]*[A-Z]?\s*\)?`;

function clean(name: string): string {
  return name
    .replace(/\s+/g, ' ')
    .replace(new RegExp(`\\s${REGISTRATION}(\\s.*)?$`, 'i'), ' ')
    .replace(/\(\s*[A-Z]{0,3}\s*\d[\d\s-]*[A-Z]?\s*\)/gi, ' ')
    .replace(/^#?\d{4,}\s+/, '')
    .replace(/^(own(ed)?|operated|managed)\s+by\s*:?\s*|^dimiliki\s+oleh\s*:?\s*/i, '')
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}(]+|[^\p{L}\p{N}.)]+$/gu, '')
    .trim();
}

/** Words printed before the legal form: `STATIONERY SDN BHD` has one, `CO. (M) SDN BHD` none. */
function wordsBeforeLegalForm(text: string): number {
  const match = LEGAL_FORM.exec(text);
  if (!match) return Infinity;
  return text
    .slice(0, match.index)
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word)).length;
}

const OPEN_ENDED = /(&|\bAND|,|-|\()\s*$/i;
const unbalanced = (text: string) => (text.match(/\(/g) ?? []).length > (text.match(/\)/g) ?? []).length;

/** Grows the chosen line into a name broken over neighbouring lines. */
function expand(lines: readonly DocLine[], index: number): { start: number; end: number } {
  let start = index;
  let end = index;
  const current = lines[index]?.text ?? '';
  const previous = lines[index - 1]?.text;
  if (previous && plausible(previous) && !LEGAL_FORM.test(previous) && (OPEN_ENDED.test(previous) || wordsBeforeLegalForm(current) <= 1))
    start--;
  for (let step = 0; step < 2; step++) {
    const joined = lines
      .slice(start, end + 1)
      .map((line) => line.text)
      .join(' ');
    const next = lines[end + 1]?.text;
    if (!next || CONTACT.test(next) || IDENTIFIER.test(next)) break;
    const continues =
      OPEN_ENDED.test(joined) ||
      unbalanced(joined) ||
      SUFFIX_ONLY.test(clean(next)) ||
      (/^\s*(&|AND\b)/i.test(next) && !LEGAL_FORM.test(joined)) ||
      (!LEGAL_FORM.test(joined) && LEGAL_FORM.test(next) && wordsBeforeLegalForm(next) <= 1);
    if (!continues) break;
    end++;
  }
  return { start, end };
}

/** The vendor name from the first lines of the document, or null when nothing plausible is there. */
/**
 * A document title, with its number if any, printed on the name's line: text layers and OCR join a
 * two-column header (`Acme Ltd        INVOICE`, `Bäckerei Bergli   Bon-Nr. 89592`) into one line.
 */
const TRAILING_TITLE =
  /\s+(?:TAX\s+INVOICE|INVOICE|RECEIPT|RECHNUNG|FACTURE|FACTURA|FATTURA|QUITTUNG|KASSENBON|TICKET|BON|BELEG)(?:\s*(?:#|N[°ºo]\.?|NO\.?|-?NR\.?|NUMBER|NUMMER)\s*:?\s*[A-Z0-9][\w/-]*)?\s*$/i;

function withoutTrailingTitle(line: DocLine): DocLine {
  const text = line.text.replace(TRAILING_TITLE, '');
  return text !== line.text && letterCount(text) >= 3 ? { ...line, text } : line;
}

export function findVendor(lines: readonly DocLine[], headerSize = 10): VendorGuess | null {
  const header = lines.slice(0, headerSize).map(withoutTrailingTitle);
  // The header ends at the first line that clearly belongs to the body or at the document title.
  let end = header.length;
  for (let i = 0; i < header.length; i++) {
    const text = header[i]?.text ?? '';
    const body =
      /\b(QTY|DESCRIPTION|ITEM|PRICE|AMOUNT|CASHIER|DATE)\b/i.test(text) ||
      /\d+[.,]\d{2}\b/.test(text.replace(/\d{1,2}[./-]\d{1,2}[./-]\d{2,4}/, ''));
    const title = /\b(INVOICE|RECEIPT|CASH\s*BILL|RESIT)\b/i.test(text) && header.slice(0, i).some((line) => plausible(line.text));
    if (body || title) {
      end = i;
      break;
    }
  }
  const candidates = header.slice(0, Math.max(end, 1));
  const first = candidates.findIndex((line) => plausible(line.text));
  const legal = candidates.findIndex((line) => LEGAL_FORM.test(line.text) && !SUFFIX_ONLY.test(line.text) && plausible(line.text));
  const firstIsBusiness = first >= 0 && BUSINESS_WORD.test(candidates[first]?.text ?? '');
  const index = legal >= 0 && !firstIsBusiness ? legal : first;
  const line = candidates[index];
  if (!line) return null;
  const span = expand(header, index);
  const name = clean(
    header
      .slice(span.start, span.end + 1)
      .map((part) => part.text)
      .join(' '),
  );
  const confidence = index === legal ? 0.85 : firstIsBusiness ? 0.7 : 0.5;
  return name ? { name, confidence, line } : null;
}
