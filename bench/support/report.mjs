// Results on disk: <name>.json for machines and <name>.md for people, each
// written to a .tmp file first and renamed, so a crash never leaves half a
// result behind. Also what every result carries: the machine it ran on and a
// digest of the code it measured (the scripts never run git).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { root } from '../../scripts/bootstrap/paths.mjs';

export const resultsDir = path.join(root, 'bench', 'results');

export function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    // Other work on the machine skews a benchmark; the load average before the run says how much there was.
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

/** sha256 over the TypeScript sources under the given folders (generated code excluded), so two results can be compared. */
export function sourceDigest(folders) {
  const hash = createHash('sha256');
  for (const folder of folders) {
    const files = readdirSync(path.join(root, folder), { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.ts') && !file.includes('generated') && !file.endsWith('.test.ts'))
      .sort();
    for (const file of files) hash.update(`${folder}/${file}\0`).update(readFileSync(path.join(root, folder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

function writeAtomically(file, text) {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** @returns {{ json: string, md: string }} the paths written */
export function writeResults(name, result, markdown) {
  mkdirSync(resultsDir, { recursive: true });
  const json = path.join(resultsDir, `${name}.json`);
  const md = path.join(resultsDir, `${name}.md`);
  writeAtomically(json, `${JSON.stringify(result, null, 2)}\n`);
  writeAtomically(md, markdown);
  return { json: path.relative(root, json), md: path.relative(root, md) };
}

/**
 * The value at quantile q (0–1) of ascending numbers, nearest-rank (no interpolation); 0 for none.
 * @param {number[]} sorted
 * @param {number} q
 * @returns {number}
 */
export function quantile(sorted, q) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** A Markdown table with padded columns, readable as plain text on stdout too. */
export function table(header, rows) {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => `| ${cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  return [line(header), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...rows.map(line)].join('\n');
}
