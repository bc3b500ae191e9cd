/**
 * `npm run extract -- FILE... [--engine local|mistral] [--pretty]`: prints one extraction JSON object
 * (DESIGN §8) per file, in input order, each with its `file`. PDFs, PNG/JPEG photos, CSV/OFX/QFX
 * statements and `.txt` (already-OCR'd text) are read by the local engines, loaded once for all
 * files. A file that cannot be used prints `{ file, error: { code, message, line? } }` on its line,
 * and the exit code is 1 at the end.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DocumentError } from '../errors';
import { LocalDocumentReader } from '../reader';
import { supportedTypes } from '../sniff';

const usage = `usage: npm run extract -- FILE... [--engine local|mistral] [--pretty]   (${supportedTypes})\n`;

type LineError = { code: string; message: string; line?: number };

function parseOptions(): { files: string[]; pretty: boolean; engine: string } | undefined {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { engine: { type: 'string', default: 'local' }, pretty: { type: 'boolean', default: false } },
    });
    if (positionals.length === 0) return undefined;
    return { files: positionals, pretty: values.pretty, engine: values.engine };
  } catch {
    return undefined;
  }
}

async function readBytes(file: string): Promise<Buffer | LineError> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { code: 'NOT_FOUND', message: 'file not found' };
    if (code === 'EISDIR') return { code: 'UNREADABLE', message: 'this is a folder, not a file' };
    return { code: 'UNREADABLE', message: `cannot read the file (${code ?? String(error)})` };
  }
}

async function main(): Promise<number> {
  const options = parseOptions();
  if (!options) {
    process.stderr.write(usage);
    return 2;
  }
  if (options.engine !== 'local') {
    process.stderr.write(
      options.engine === 'mistral'
        ? 'the Mistral engine is not built yet (it arrives with the document-scan workflow); use --engine local\n'
        : `unknown engine "${options.engine}"; choose local or mistral\n`,
    );
    return 2;
  }
  const reader = new LocalDocumentReader();
  let failed = 0;
  try {
    for (const file of options.files) {
      const bytes = await readBytes(file);
      let line: object;
      if (!Buffer.isBuffer(bytes)) {
        line = { file, error: bytes };
      } else {
        try {
          const { extraction } = await reader.extract(bytes, file);
          line = { file, ...extraction };
        } catch (error) {
          if (!(error instanceof DocumentError)) throw error;
          line = { file, error: { code: error.code, message: error.message, ...(error.line ? { line: error.line } : {}) } };
        }
      }
      if ('error' in line) failed += 1;
      process.stdout.write(`${JSON.stringify(line, null, options.pretty ? 2 : undefined)}\n`);
    }
  } finally {
    await reader.close();
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
