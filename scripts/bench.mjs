// `npm run bench -- <name> [options]`: runs one benchmark from bench/ and
// writes its results under bench/results/. A benchmark measures; it is not a
// test, so missing a target is reported (FAIL in the table) but only a run
// that could not measure correctly exits non-zero.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './bootstrap/paths.mjs';

/** Benchmark name → its module under bench/, which exports `run(argv)`. */
const benchmarks = {
  api: { module: 'bench/api.mjs', what: 'GET /api/banking/transactions (limit 50) on 100,000 rows under 50 connections' },
  documents: { module: 'bench/documents.mjs', what: 'local engines: text-layer PDF pages, receipt photos through OCR, worker RSS' },
  pipeline: {
    module: 'bench/pipeline.mjs',
    what: 'documents through API, workflow and worker with the fake Mistral at 0 and 800 ms, vs. direct calls',
  },
};

function usage() {
  const lines = [
    'usage: npm run bench -- <name> [options]',
    '',
    'benchmarks:',
    ...Object.entries(benchmarks).map(([name, bench]) => `  ${name.padEnd(10)} ${bench.what}`),
    '',
    'options for api: --duration <s> (20) --warmup <s> (5) --connections <n> (50) --rows <n> (100000)',
    '                 --rate-limit <per minute> (1000000) --cpu-profile (writes .cpuprofile files of the API)',
    'options for documents: --dev-set <dir> (fixtures/dev-set) --sroie <dir> (../shared/data/sroie-dev)',
    'options for pipeline: --documents <n> (200) --concurrency <n> (8) --latencies <ms,ms> (0,800)',
    '',
    'See bench/README.md.',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

const [name, ...rest] = process.argv.slice(2);
const bench = name ? benchmarks[name] : undefined;
if (!bench) {
  if (name && name !== '--help' && name !== '-h') process.stderr.write(`unknown benchmark: ${name}\n\n`);
  usage();
  process.exit(2);
}

const { run } = await import(pathToFileURL(path.join(root, bench.module)).href);
try {
  process.exitCode = await run(rest);
} catch (error) {
  process.stderr.write(`\nbench ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
