'use client';
/**
 * The upload zone: drop files on it or pick them (the picker is a real file input, so it is
 * reachable by keyboard), several at once. Each file is checked in the browser first (limits.ts);
 * refused ones stay listed with the reason, the others upload two at a time with a progress bar
 * each. An accepted file leaves this list and joins the documents below; a refusal from the server
 * stays with its message (a duplicate links to the earlier upload).
 */
import Link from 'next/link';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { formatBytes } from './format';
import { checkFile, documentMaxPages, formatLimit, uploadMaxBytes, uploadMimeTypes } from './limits';
import type { DocumentSummary } from './types';
import { uploadDocument } from './upload';

type Phase = 'waiting' | 'uploading' | 'refused' | 'failed';

interface UploadEntry {
  key: string;
  name: string;
  size: number;
  phase: Phase;
  loaded: number;
  message: string | null;
  existingDocumentId: string | null;
}

interface Job {
  key: string;
  file: File;
  mimeType: string;
  controller: AbortController;
}

/** Two at a time: progress stays readable and the API's upload rate limit is not hit in a burst. */
const parallelUploads = 2;

interface UploaderProps {
  entityId: string | null;
  onUploaded: (document: DocumentSummary) => void;
  announce: (message: string) => void;
}

export function Uploader({ entityId, onUploaded, announce }: UploaderProps) {
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const [dragging, setDragging] = useState(false);
  const queue = useRef<Job[]>([]);
  const running = useRef(0);
  const jobs = useRef(new Map<string, Job>());
  const dragDepth = useRef(0);
  const nextKey = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  const update = (key: string, change: Partial<UploadEntry>) =>
    setEntries((current) => current.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));
  const remove = (key: string) => setEntries((current) => current.filter((entry) => entry.key !== key));

  async function run(job: Job) {
    update(job.key, { phase: 'uploading' });
    const outcome = await uploadDocument({
      file: job.file,
      entityId,
      signal: job.controller.signal,
      onProgress: (loaded) => update(job.key, { loaded }),
    });
    jobs.current.delete(job.key);
    if (outcome.ok) {
      remove(job.key);
      onUploaded({
        id: outcome.documentId,
        fileName: job.file.name,
        mimeType: job.mimeType,
        sizeBytes: job.file.size,
        status: 'QUEUED',
        docType: null,
        error: null,
        stale: false,
        duplicateOfId: null,
        createdAt: new Date().toISOString(),
      });
      announce(`${job.file.name} uploaded; its scan is queued.`);
      return;
    }
    update(job.key, { phase: 'failed', message: outcome.message, existingDocumentId: outcome.existingDocumentId });
    announce(`${job.file.name} was not uploaded: ${outcome.message}.`);
  }

  async function drain() {
    running.current += 1;
    for (let job = queue.current.shift(); job; job = queue.current.shift()) await run(job);
    running.current -= 1;
  }

  async function add(files: File[]) {
    const checked = await Promise.all(files.map(async (file) => ({ file, check: await checkFile(file) })));
    const added: UploadEntry[] = [];
    const refused: string[] = [];
    for (const { file, check } of checked) {
      const key = `upload-${(nextKey.current += 1)}`;
      const entry = { key, name: file.name, size: file.size, loaded: 0, existingDocumentId: null };
      if (!check.ok) {
        added.push({ ...entry, phase: 'refused', message: check.message });
        refused.push(`${file.name}: ${check.message}`);
        continue;
      }
      added.push({ ...entry, phase: 'waiting', message: null });
      const job = { key, file, mimeType: uploadMimeTypes[check.kind], controller: new AbortController() };
      jobs.current.set(key, job);
      queue.current.push(job);
    }
    setEntries((current) => [...current, ...added]);
    if (refused.length > 0) announce(`Not uploaded: ${refused.join('. ')}`);
    while (running.current < parallelUploads && queue.current.length > 0) void drain();
  }

  function takeChosen(target: HTMLInputElement) {
    const files = Array.from(target.files ?? []);
    target.value = '';
    if (files.length > 0) void add(files);
  }

  // Files chosen before the page finished loading fired their change event with no one listening:
  // the input still holds them, so take them now rather than drop them silently.
  useEffect(() => {
    if (input.current) takeChosen(input.current);
    // Once, on mount: later choices arrive through onChange.
  }, []);

  function stop(key: string) {
    const job = jobs.current.get(key);
    queue.current = queue.current.filter((queued) => queued.key !== key);
    jobs.current.delete(key);
    job?.controller.abort();
    remove(key);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) void add(files);
  }

  const finished = entries.filter((entry) => entry.phase === 'refused' || entry.phase === 'failed');

  return (
    <section className="stack" aria-labelledby="upload-title">
      <div
        className="doc-drop"
        data-dragging={dragging || undefined}
        onDragEnter={(event) => {
          event.preventDefault();
          dragDepth.current += 1;
          setDragging(true);
        }}
        onDragOver={(event) => event.preventDefault()}
        onDragLeave={() => {
          dragDepth.current -= 1;
          if (dragDepth.current <= 0) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <h2 id="upload-title" className="doc-h2">
          Upload receipts, invoices and bank statements
        </h2>
        <p className="muted">
          Drop files here, or choose them. PDF, PNG or JPEG, up to {formatLimit(uploadMaxBytes)} each (PDFs up to {documentMaxPages} pages).
        </p>
        <div>
          <input
            id="document-files"
            className="doc-file-input"
            type="file"
            multiple
            accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
            data-testid="document-upload-input"
            ref={input}
            onChange={(event) => takeChosen(event.currentTarget)}
          />
          <label htmlFor="document-files" className="button">
            Choose files
          </label>
        </div>
      </div>
      {entries.length > 0 && (
        <div className="stack doc-uploads-wrap">
          <ul className="doc-uploads" aria-label="Uploads">
            {entries.map((entry) => (
              <UploadItem key={entry.key} entry={entry} onStop={() => stop(entry.key)} onDismiss={() => remove(entry.key)} />
            ))}
          </ul>
          {finished.length > 1 && (
            <p>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => setEntries((current) => current.filter((entry) => !finished.includes(entry)))}
              >
                Clear the refused files
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function UploadItem({ entry, onStop, onDismiss }: { entry: UploadEntry; onStop: () => void; onDismiss: () => void }) {
  const percent = entry.size > 0 ? Math.min(100, Math.round((entry.loaded / entry.size) * 100)) : 0;
  const nameId = `${entry.key}-name`;
  const active = entry.phase === 'waiting' || entry.phase === 'uploading';
  return (
    <li className="doc-upload" data-phase={entry.phase}>
      <div className="doc-upload-head">
        <span id={nameId} className="doc-upload-name">
          {entry.name}
        </span>
        <span className="muted doc-small">
          {formatBytes(entry.size)}
          {entry.phase === 'waiting' && ' · waiting'}
          {entry.phase === 'uploading' && (percent < 100 ? ` · ${percent}%` : ' · checking…')}
        </span>
        <button type="button" className="button button-secondary button-small" onClick={active ? onStop : onDismiss}>
          {active ? 'Stop' : 'Dismiss'}
          <span className="visually-hidden"> {entry.name}</span>
        </button>
      </div>
      {active ? (
        <progress aria-labelledby={nameId} max={100} value={entry.phase === 'uploading' ? percent : 0}>
          {percent}%
        </progress>
      ) : (
        <p className="doc-error">
          {entry.existingDocumentId ? (
            <>
              Already uploaded: <Link href={`/services/documents/${entry.existingDocumentId}`}>open the earlier upload</Link>.
            </>
          ) : (
            entry.message
          )}
        </p>
      )}
    </li>
  );
}
