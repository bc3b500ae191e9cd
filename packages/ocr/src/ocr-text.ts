/**
 * Repairs the few OCR misreadings that break money and dates while leaving words alone: a space
 * after the decimal point ("64. 15"), a space instead of the point after a currency ("RM 28 60"),
 * and letters that stand for digits inside numbers ("1O.5O", "l2.00"). Applied to OCR output only,
 * never to text layers or text files, which are exact.
 */

const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', D: '0', l: '1', I: '1', '|': '1', S: '5', B: '8' };

/** A number-like run: digits with lookalike letters and separators. */
const NUMBER_RUN = /(?<![A-Za-z])[0-9OoDlI|SB][0-9OoDlI|SB.,]*[0-9OoDlI|SB](?![A-Za-z])/g;

function fixLookalikes(run: string): string {
  const digits = run.replace(/[^0-9]/g, '').length;
  const letters = run.replace(/[0-9.,]/g, '').length;
  // Only for runs shaped like an amount (a two-place decimal part) with real digits in them, so words and codes are untouched.
  if (letters === 0 || digits === 0 || letters > digits + 1 || !/[.,][0-9OoDlI|SB]{2}$/.test(run)) return run;
  return run.replace(/[OoDlI|SB]/g, (char) => DIGIT_LOOKALIKES[char] ?? char);
}

export function repairOcrLine(text: string): string {
  return (
    text
      .replace(NUMBER_RUN, fixLookalikes)
      // "64. 15" / "0 .00" / "4 ,13" → one number (two decimals after a lone separator).
      .replace(/(\d) ?([.,]) (\d{2})(?![\d.,])/g, '$1$2$3')
      .replace(/(\d) ([.,])(\d{2})(?![\d.,])/g, '$1$2$3')
      // "RM 28 60", "$ 12 50" at the end of a line → decimal point.
      .replace(/((?:RM|\$|€|£|USD|EUR|GBP|MYR|SGD)\s?)(\d{1,6}) (\d{2})\s*$/, '$1$2.$3')
  );
}
