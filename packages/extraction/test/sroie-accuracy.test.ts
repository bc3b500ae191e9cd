/**
 * Accuracy floor on the 313 SROIE receipts beside the checkout
 * (../shared/data/sroie-dev): a change that makes the local extractor worse
 * on real receipts fails here. The floors sit a little under the measured
 * accuracy (see `npm run eval`), so they catch regressions, not noise.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentFromText, extractLocal } from '../src/index';
import { scoreCase, type Truth } from '../src/evaluate';

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/sroie-dev');

describe('local extractor on SROIE receipts', () => {
  it('keeps total, date and vendor accuracy above their floors', () => {
    expect(existsSync(dataDir), `SROIE data not found at ${dataDir}`).toBe(true);
    const ids = readdirSync(path.join(dataDir, 'text')).map((name) => name.replace(/\.txt$/, ''));
    expect(ids.length).toBeGreaterThan(300);
    const correct = { total: 0, date: 0, vendor: 0 };
    for (const id of ids) {
      const text = readFileSync(path.join(dataDir, 'text', `${id}.txt`), 'utf8');
      const truth = JSON.parse(readFileSync(path.join(dataDir, 'truth', `${id}.json`), 'utf8')) as Truth;
      const result = scoreCase(id, truth, extractLocal(documentFromText(text)), 0);
      for (const field of ['total', 'date', 'vendor'] as const)
        if (result.outcomes.find((outcome) => outcome.field === field)?.correct) correct[field] += 1;
    }
    expect(correct.total / ids.length).toBeGreaterThanOrEqual(0.94);
    expect(correct.date / ids.length).toBeGreaterThanOrEqual(0.97);
    expect(correct.vendor / ids.length).toBeGreaterThanOrEqual(0.9);
  });
});
