/** Bank statements: CSV and OFX/QFX files, and statements that arrive as text lines. */
export { parseCsvStatement } from './csv';
export { parseOfxStatement } from './ofx';
export { StatementFileError } from './statement-file-error';
export type { StatementFileErrorCode } from './statement-file-error';
export { extractStatement } from './text';
