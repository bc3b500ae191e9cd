/**
 * The measured side of `npm run bench -- documents` (bench/documents.mjs starts it and samples its
 * memory from outside): loads the local engines once, as the worker does, then reads every
 * text-layer PDF of the dev set three times and every SROIE photo once through the full local
 * pipeline (sharp, Tesseract, second look, extraction). Prints one JSON object per document.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LocalDocumentReader } from '../src/index';

const [devSet, sroieImages] = process.argv.slice(2);
if (!devSet || !sroieImages) throw new Error('usage: bench-documents.ts DEV_SET_DIR SROIE_IMAGES_DIR');

const reader = new LocalDocumentReader();
const emit = (record: object) =>
  process.stdout.write(`${JSON.stringify({ ...record, rssMb: Math.round(process.memoryUsage().rss / 1e6) })}\n`);

const pdfs = readdirSync(devSet)
  .filter((name) => name.endsWith('.pdf'))
  .sort()
  .map((name) => path.join(devSet, name));
for (let round = 0; round < 3; round += 1) {
  for (const file of pdfs) {
    const bytes = readFileSync(file);
    const started = performance.now();
    const { pages } = await reader.extract(bytes, file);
    const ms = performance.now() - started;
    if (pages.every((page) => page.method === 'text-layer'))
      emit({ kind: 'pdf-text-page', file: path.basename(file), ms: ms / pages.length, pages: pages.length, round });
  }
}

const photos = readdirSync(sroieImages)
  .filter((name) => /\.(jpe?g|png)$/i.test(name))
  .sort();
for (const name of photos) {
  const bytes = readFileSync(path.join(sroieImages, name));
  const started = performance.now();
  const { pages } = await reader.extract(bytes, name);
  emit({ kind: 'photo', file: name, ms: performance.now() - started, looks: pages.length });
}
await reader.close();
