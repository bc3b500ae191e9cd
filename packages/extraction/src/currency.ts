/**
 * Currency knowledge for extraction: which markers name which ISO 4217 code (`RM` → MYR, `€` →
 * EUR), the minor-unit exponent of each code, and the document-level currency vote. Never guesses
 * a currency from nothing: without a marker, a country cue or a hint, the answer is "unknown".
 */
import type { DocLine, ExtractionHints } from './document';
import type { DecimalSeparator } from './amounts';

const EXPONENT_OVERRIDES: Record<string, number> = {
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
};

/** Digits after the decimal point for an ISO 4217 code (2 unless the code says otherwise). */
export function minorUnitExponent(currency: string): number {
  return EXPONENT_OVERRIDES[currency.toUpperCase()] ?? 2;
}

const SYMBOLS: Record<string, string> = {
  RM: 'MYR',
  S$: 'SGD',
  A$: 'AUD',
  C$: 'CAD',
  NZ$: 'NZD',
  HK$: 'HKD',
  US$: 'USD',
  R$: 'BRL',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  円: 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '฿': 'THB',
  '₱': 'PHP',
  '₫': 'VND',
  '₺': 'TRY',
  '₽': 'RUB',
  '₪': 'ILS',
  RP: 'IDR',
  'RS.': 'INR',
  CHF: 'CHF',
  $: 'USD',
};

const CODES = [
  'AED',
  'AUD',
  'BHD',
  'BRL',
  'CAD',
  'CHF',
  'CNY',
  'CZK',
  'DKK',
  'EUR',
  'GBP',
  'HKD',
  'HUF',
  'IDR',
  'ILS',
  'INR',
  'JPY',
  'KRW',
  'KWD',
  'MXN',
  'MYR',
  'NOK',
  'NZD',
  'OMR',
  'PHP',
  'PLN',
  'QAR',
  'RUB',
  'SAR',
  'SEK',
  'SGD',
  'THB',
  'TRY',
  'TWD',
  'USD',
  'VND',
  'ZAR',
];

/** Alternation for the amount scanner: codes, then multi-character symbols, then single symbols. */
export const CURRENCY_MARKER_PATTERN = [
  ...CODES,
  'NZ\\$',
  'HK\\$',
  'US\\$',
  'S\\$',
  'A\\$',
  'C\\$',
  'R\\$',
  'RM',
  'Rp',
  '€',
  '£',
  '¥',
  '円',
  '₹',
  '₩',
  '฿',
  '₱',
  '₫',
  '₺',
  '₽',
  '₪',
  '\\$',
].join('|');

export function currencyOfMarker(marker: string): string | undefined {
  const upper = marker.toUpperCase();
  return CODES.includes(upper) ? upper : SYMBOLS[upper];
}

/** Decimal-comma currencies, used only when the document itself does not show its separator. */
const DECIMAL_COMMA = new Set(['EUR', 'BRL', 'IDR', 'VND', 'TRY', 'RUB', 'PLN', 'CZK', 'HUF', 'DKK', 'NOK', 'SEK', 'CHF']);

export function defaultDecimalSeparator(currency: string | undefined, locale: string | undefined): DecimalSeparator {
  if (locale && /^(de|fr|es|it|nl|pt|pl|cs|da|nb|no|sv|fi|tr|ru|id|vi)\b/i.test(locale)) return ',';
  return currency && DECIMAL_COMMA.has(currency) ? ',' : '.';
}

/** Country cues that name a currency without a symbol (legal forms, tax names, country names). */
const COUNTRY_CUES: [RegExp, string][] = [
  [/\(M\)\s*BHD\b/i, 'MYR'],
  [/\b(SDN\.?\s*BHD|BERHAD|S\/B|MALAYSIA|SST\s*(ID|NO|REG)|JALAN|JLN|KUALA LUMPUR|SELANGOR|JOHOR)\b/i, 'MYR'],
  [/\b(PTE\.?\s*LTD|SINGAPORE|UEN)\b/i, 'SGD'],
  [/\b(ABN|PTY\.?\s*LTD|AUSTRALIA)\b/i, 'AUD'],
  [/\b(HST|PST|QST|TPS|TVQ|CANADA|ONTARIO|QU[ÉE]BEC|BRITISH\s+COLUMBIA|ALBERTA|MANITOBA|NOVA\s+SCOTIA)\b/i, 'CAD'],
  [/\b(GMBH|MWST|UST-?ID|USt\.|DEUTSCHLAND|B\.?V\.|S\.?A\.?R\.?L|TVA|IVA|BTW)\b/i, 'EUR'],
  [/\b(PLC|UNITED KINGDOM|VAT REG)\b/i, 'GBP'],
];

export interface CurrencyVote {
  code: string;
  confidence: number;
  line: DocLine | undefined;
}

/**
 * Letter codes count only where they name money: next to a number, alone on a line or in a column
 * header like `(RM)`. `SDN BHD` is a Malaysian legal form, not Bahraini dinars.
 */
function namesMoney(text: string, start: number, marker: string, previous: string): boolean {
  const before = text.slice(0, start);
  if (!/\p{L}/u.test(marker)) {
    // A symbol names money next to a number (`$12`, `12 €`, `(€)` headers, alone on a line), not
    // inside a code: OCR reads the `V` of `20965-V` as `¥`.
    const after = text.slice(start + marker.length);
    if (/\d\s*[-/]\s*$/.test(before)) return false;
    return /^\s?-?\d/.test(after) || /\d\s?$/.test(before) || /\(\s*$/.test(before) || after.trim() === '' || before.trim() === '';
  }
  if (/\bSDN\.?\s*$/i.test(before) || (before.trim() === '' && /\bSDN\.?\s*$/i.test(previous))) return false;
  const after = text.slice(start + marker.length);
  if (/^\s?:?\s?-?\d/.test(after) || /\d\s?$/.test(before)) return true;
  if (/^\s*\)/.test(after) && /\(\s*$/.test(before)) return true;
  // "Amounts in USD", "Currency: EUR", "Währung: EUR", "Devise : EUR", "Moneda: EUR".
  if (/\b(amounts?\s+(are\s+)?(shown\s+)?in|currency|curr\.?|w[äa]hrung|devise|moneda|valuta)\s*:?\s*$/i.test(before)) return true;
  // Alone on a line: a column header like `RM`; a lone ISO code is too often a wrapped word.
  return !CODES.includes(marker.toUpperCase()) && before.trim() === '' && after.trim().replace(/[:.]/g, '') === '';
}

/** The document currency: explicit markers first, then country cues, then the hint. */
export function detectCurrency(lines: readonly DocLine[], hints: ExtractionHints = {}): CurrencyVote | null {
  const votes = new Map<string, { count: number; line: DocLine }>();
  const markerRe = new RegExp(`(?<![\\p{L}])(${CURRENCY_MARKER_PATTERN})(?![\\p{L}])`, 'giu');
  for (const [i, line] of lines.entries()) {
    for (const match of line.text.matchAll(markerRe)) {
      const marker = match[1] ?? '';
      const code = currencyOfMarker(marker);
      if (!code || !namesMoney(line.text, match.index, marker, lines[i - 1]?.text ?? '')) continue;
      const seen = votes.get(code);
      votes.set(code, { count: (seen?.count ?? 0) + 1, line: seen?.line ?? line });
    }
  }
  const dollar = votes.get('USD');
  // A bare `$` is any dollar; defer to the hint or a country cue when they name another dollar.
  const cue = COUNTRY_CUES.find(([re]) => lines.some((line) => re.test(line.text)))?.[1];
  const hinted = hints.defaultCurrency?.toUpperCase();
  // Equal votes are settled by the country the document is from (a misread `¥` on a Malaysian receipt).
  const ranked = [...votes.entries()]
    .filter(([code]) => code !== 'USD')
    .sort((a, b) => b[1].count - a[1].count || Number(b[0] === cue) - Number(a[0] === cue));
  const best = ranked[0];
  if (best && (!dollar || best[1].count >= dollar.count)) return { code: best[0], confidence: 0.9, line: best[1].line };
  if (dollar) {
    const explicitUsd = lines.some((line) => /\bUSD\b|US\$/.test(line.text));
    if (explicitUsd) return { code: 'USD', confidence: 0.9, line: dollar.line };
    const dollarLike = [cue, hinted].find((code) => code !== undefined && /D$/.test(code));
    if (dollarLike) return { code: dollarLike, confidence: 0.7, line: dollar.line };
    if (cue === 'MYR') return { code: 'MYR', confidence: 0.6, line: dollar.line };
    return { code: 'USD', confidence: 0.5, line: dollar.line };
  }
  if (cue) return { code: cue, confidence: 0.6, line: undefined };
  if (hinted) return { code: hinted, confidence: 0.4, line: undefined };
  return null;
}
