/**
 * `npm run extract -- FILE... [--pretty]`: prints one extraction JSON object
 * (DESIGN §8) per file, in input order, each with its `file`; a file that
 * cannot be read prints `{ file, error: { code, message } }` on its line and
 * the exit code is 1 at the end. One process and one extractor for all files.
 */
import { extractLocal } from '../local-extractor';
import { readInput } from './read-input';

const args = process.argv.slice(2);
const pretty = args.includes('--pretty');
const files = args.filter((arg) => !arg.startsWith('--'));
const unknownFlags = args.filter((arg) => arg.startsWith('--') && arg !== '--pretty' && !arg.startsWith('--engine'));

if (files.length === 0 || unknownFlags.length > 0) {
  process.stderr.write('usage: npm run extract -- FILE... [--pretty]   (supported so far: .txt)\n');
  process.exit(2);
}
if (args.some((arg) => arg.startsWith('--engine') && arg !== '--engine=local')) {
  process.stderr.write('only the local engine exists so far (--engine=local)\n');
  process.exit(2);
}

let failed = 0;
for (const file of files) {
  const input = await readInput(file);
  const line = 'error' in input ? { file, error: input.error } : { file, ...extractLocal(input.document) };
  if ('error' in input) failed += 1;
  process.stdout.write(`${JSON.stringify(line, null, pretty ? 2 : undefined)}\n`);
}
process.exitCode = failed > 0 ? 1 : 0;
