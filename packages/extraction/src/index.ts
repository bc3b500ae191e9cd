export { detectDecimalSeparator, findAmounts, parseAmount, splitDecimal, toMinorUnits } from './amounts';
export type { AmountOptions, AmountToken, DecimalSeparator } from './amounts';
export { detectCurrency, minorUnitExponent } from './currency';
export { dateOrderFor, findDates, parseDate } from './dates';
export type { DateOrder, DateToken } from './dates';
export { documentFromText, flattenLines } from './document';
export type { DocLine, ExtractionHints, LineBox, TextDocument, TextLine, TextPage } from './document';
export type { TextExtractor } from './engine';
export { extractLocal, localExtractor } from './local-extractor';
