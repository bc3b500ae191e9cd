/**
 * RFC 4180 records from CSV text: quoted fields with doubled quotes and line breaks inside, CRLF,
 * LF or CR line ends, a byte-order mark, and a delimiter (`,` `;` tab `|`) chosen by which one
 * splits the rows most consistently. Each record keeps the file line it starts on, so errors can
 * name it. Knows nothing about columns or money.
 */
import { StatementFileError } from './statement-file-error';

export type Delimiter = ',' | ';' | '\t' | '|';

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  cells: string[];
}

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export function readCsv(text: string): { delimiter: Delimiter; records: CsvRecord[] } {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new StatementFileError('EMPTY', 'the file is empty');
  const delimiter = detectDelimiter(body);
  return { delimiter, records: splitRecords(body, delimiter).filter((record) => record.cells.some((cell) => cell.trim() !== '')) };
}

/**
 * The delimiter that splits most of the first rows into the same number of fields, weighted by how
 * many fields: a decimal comma splits every row of a `;` file in two, the real delimiter into more.
 */
export function detectDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 20_000);
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of DELIMITERS) {
    let records: CsvRecord[];
    try {
      records = splitRecords(sample, delimiter, 30);
    } catch {
      continue;
    }
    const counts = records.filter((record) => record.cells.some((cell) => cell.trim() !== '')).map((record) => record.cells.length);
    const tally = new Map<number, number>();
    for (const count of counts) tally.set(count, (tally.get(count) ?? 0) + 1);
    const [width, rows] = [...tally.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [1, 0];
    if (width < 2) continue;
    const score = rows * (width - 1) * 100 + width;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** Splits text into records; stops after `limit` records (used on samples, where a quote may be cut off). */
function splitRecords(text: string, delimiter: Delimiter, limit = Infinity): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  let inQuotes = false;
  let quotedCell = false;
  const endRecord = () => {
    cells.push(cell);
    records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    quotedCell = false;
    recordLine = line;
  };
  for (let i = 0; i < text.length && records.length < limit; i++) {
    const char = text[i] ?? '';
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line++;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell.trim() === '' && !quotedCell) {
      inQuotes = true;
      quotedCell = true;
      quoteLine = line;
      cell = '';
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
      quotedCell = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRecord();
    } else if (!(quotedCell && (char === ' ' || char === '\t'))) {
      cell += char;
    }
  }
  if (inQuotes && limit === Infinity) throw new StatementFileError('UNCLOSED_QUOTE', 'a quoted field is never closed', quoteLine);
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
