/**
 * The one error statement parsers throw for a file they cannot read as a statement: a code the
 * workflow and the CLI can branch on, and a message for a person that names the line and what is
 * wrong with it. Parsers must throw this (never a bare Error or a TypeError) for bad input.
 */

export type StatementFileErrorCode =
  /** Nothing but whitespace (or a byte-order mark). */
  | 'EMPTY'
  /** OFX: the `OFXHEADER:100` / `<?OFX OFXHEADER="200"?>` header is missing or broken, or there is no `<OFX>` element. */
  | 'BAD_HEADER'
  /** CSV: no date column together with an amount (or debit/credit) column could be recognised. */
  | 'NO_COLUMNS'
  /** A header but not one transaction (CSV rows, OFX STMTTRN). */
  | 'NO_ROWS'
  /** A transaction row whose date or amount cannot be read. */
  | 'BAD_ROW'
  /** CSV: a quoted field that is never closed. */
  | 'UNCLOSED_QUOTE'
  /** OFX: the file ends before `</OFX>` (a cut-off download). */
  | 'TRUNCATED'
  /** OFX: more than one account statement in one file; one Extraction holds one account. */
  | 'MULTIPLE_ACCOUNTS';

export class StatementFileError extends Error {
  readonly code: StatementFileErrorCode;
  /** 1-based line in the file the problem was found on, when there is one. */
  readonly line: number | undefined;

  constructor(code: StatementFileErrorCode, problem: string, line?: number) {
    super(line === undefined ? problem : `line ${line}: ${problem}`);
    this.name = 'StatementFileError';
    this.code = code;
    this.line = line;
  }
}
