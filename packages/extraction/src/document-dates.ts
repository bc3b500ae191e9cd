/**
 * Picks the document date and due date among all dates printed on a document. Dates next to a
 * "date" label, or printed with a time of day, win; expiry, validity and birth dates lose. The
 * day/month order is decided once per document: month-first only when the hint says so or when
 * some date on the page can only be read month-first. Never returns a date it did not read.
 */
import { findDates, type DateOrder, type DateToken } from './dates';
import type { DocLine } from './document';

export interface DateGuess {
  iso: string;
  confidence: number;
  line: DocLine;
}

const DATE_LABEL = /\b(date|dated|tarikh|tkh|datum|fecha|data|invoice\s*date|issue(d)?|bill\s*date|txn\s*date|trans(action)?\s*date)\b/i;
const DUE_LABEL = /\b(due|payable\s+by|pay\s+by|f[äa]llig|[ée]ch[ée]ance|vencimiento)\b/i;
const IGNORE_LABEL = /\b(exp(iry|ires|iration)?|valid|until|best\s+before|use\s+by|birth|dob|since|member\s+since|period)\b/i;
const TIME = /\b\d{1,2}\s?:\s?\d{2}(\s?:\s?\d{2})?\s*(am|pm)?\b/i;

/** Decide the document's numeric date order from dates that can only be read one way. */
export function documentDateOrder(lines: readonly DocLine[], preferred: DateOrder): DateOrder {
  let monthFirstOnly = 0;
  let dayFirstOnly = 0;
  for (const line of lines) {
    for (const token of findDates(line.text, preferred)) {
      if (token.monthFirstOnly) monthFirstOnly++;
      else if (token.order === 'dmy' && !token.ambiguous && preferred === 'mdy') dayFirstOnly++;
    }
  }
  if (preferred === 'dmy') return monthFirstOnly > 0 ? 'mdy' : 'dmy';
  return dayFirstOnly > 0 && monthFirstOnly === 0 ? 'dmy' : 'mdy';
}

interface Scored {
  token: DateToken;
  line: DocLine;
  score: number;
  due: boolean;
}

export function findDocumentDates(lines: readonly DocLine[], preferred: DateOrder): { date: DateGuess | null; dueDate: DateGuess | null } {
  const order = documentDateOrder(lines, preferred);
  const scored: Scored[] = [];
  lines.forEach((line, i) => {
    const previous = lines[i - 1]?.text ?? '';
    for (const token of findDates(line.text, order)) {
      const before = line.text.slice(Math.max(0, token.start - 30), token.start);
      const label = before.trim() !== '' ? before : previous.length <= 30 ? previous : '';
      const due = DUE_LABEL.test(label);
      let score = 1 - i / Math.max(lines.length, 1);
      if (DATE_LABEL.test(label)) score += before.trim() !== '' ? 3 : 2.5;
      if (IGNORE_LABEL.test(label) && !DATE_LABEL.test(label)) score -= 4;
      if (TIME.test(line.text.slice(token.end)) || TIME.test(before)) score += 1.5;
      if (token.ambiguous) score -= 0.2;
      scored.push({ token, line, score, due });
    }
  });
  const best = (items: Scored[]) =>
    items.reduce<Scored | undefined>((top, item) => (!top || item.score > top.score ? item : top), undefined);
  const issue = best(scored.filter((item) => !item.due));
  const due = best(scored.filter((item) => item.due));
  const toGuess = (item: Scored | undefined, base: number): DateGuess | null =>
    item
      ? {
          iso: item.token.iso,
          line: item.line,
          confidence: Math.max(0.2, Math.min(0.95, base + item.score / 10 - (item.token.ambiguous ? 0.1 : 0))),
        }
      : null;
  return { date: toGuess(issue, 0.55), dueDate: toGuess(due, 0.6) };
}
