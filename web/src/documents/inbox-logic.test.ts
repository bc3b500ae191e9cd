import type { DocumentStatus } from '@akount/contracts';
import { describe, expect, it } from 'vitest';
import { formatDuration, stageDuration } from './format';
import { currentStage, isRetrying, keepWatching, nextPollDelay, statusSignature } from './polling';
import { canCancel, canRetry, documentStatusWords, isInFlight, stageStateWords } from './status';
import type { ScanStatus, StageStatus } from './types';
import { uploadOutcome } from './upload';

const stage = (name: StageStatus['name'], state: StageStatus['state'], attempts = 1): StageStatus => ({
  name,
  state,
  attempts,
  startedAt: null,
  endedAt: null,
  lastError: null,
  detail: null,
});

const scan = (status: DocumentStatus, stages: StageStatus[]): ScanStatus => ({
  documentId: 'd1',
  status,
  source: 'workflow',
  stages,
  failedStage: null,
  error: null,
  stale: false,
  terminal: false,
  result: null,
});

describe('document statuses in the inbox', () => {
  it('polls only while the scan moves on its own, and stops at every waiting or final status', () => {
    const stops: DocumentStatus[] = ['AWAITING_REVIEW', 'NEEDS_ATTENTION', 'COMPLETED', 'REJECTED', 'DISMISSED', 'CANCELLED', 'DUPLICATE'];
    for (const status of stops) expect(isInFlight(status), status).toBe(false);
    const moving = (Object.keys(documentStatusWords) as DocumentStatus[]).filter((status) => !stops.includes(status));
    expect(moving.sort()).toEqual(['CATEGORIZING', 'EXTRACTING', 'OCR', 'POSTING', 'QUEUED', 'SCANNING', 'STORING']);
    for (const status of moving) expect(documentStatusWords[status].tone).toBe('progress');
  });

  it('offers Retry only when attention is needed, and Cancel before posting starts', () => {
    expect(canRetry('NEEDS_ATTENTION')).toBe(true);
    expect(canRetry('OCR')).toBe(false);
    expect(canCancel('OCR')).toBe(true);
    expect(canCancel('NEEDS_ATTENTION')).toBe(true);
    expect(canCancel('POSTING')).toBe(false);
    expect(canCancel('AWAITING_REVIEW')).toBe(false);
    expect(canCancel('COMPLETED')).toBe(false);
  });

  it('has a label for every stage state', () => {
    expect(Object.values(stageStateWords).every((words) => words.label.length > 0)).toBe(true);
  });
});

describe('polling schedule', () => {
  const working = { unchangedPolls: 0, documentsInFlight: 1, retrying: false, hidden: false };

  it('asks every second while a stage works, however long it takes', () => {
    expect(nextPollDelay(working)).toBe(1000);
    expect(nextPollDelay({ ...working, unchangedPolls: 40 })).toBe(1000);
  });

  it('backs off up to 8 s while a stage waits out a retry, and waits 8 s while the tab is hidden', () => {
    const retrying = { ...working, retrying: true };
    expect(nextPollDelay(retrying)).toBe(1000);
    expect(nextPollDelay({ ...retrying, unchangedPolls: 1 })).toBe(1500);
    expect(nextPollDelay({ ...retrying, unchangedPolls: 3 })).toBe(3375);
    expect(nextPollDelay({ ...retrying, unchangedPolls: 20 })).toBe(8000);
    expect(nextPollDelay({ ...working, hidden: true })).toBe(8000);
  });

  it('spreads the polls when many documents are in flight', () => {
    expect(nextPollDelay({ ...working, documentsInFlight: 20 })).toBe(5000);
    expect(nextPollDelay({ ...working, documentsInFlight: 4 })).toBe(1000);
  });

  it('knows a stage that failed and waits for its next attempt', () => {
    const failing = { ...stage('ocr', 'running', 2), lastError: { code: 'OCR_UNAVAILABLE', message: 'down' } };
    expect(isRetrying({ stages: [stage('virusScan', 'completed'), failing] } as ScanStatus)).toBe(true);
    expect(isRetrying({ stages: [stage('virusScan', 'completed'), stage('ocr', 'running')] } as ScanStatus)).toBe(false);
  });

  it('after an action keeps watching until the status leaves where it was, or ten quiet seconds pass', () => {
    const watch = { from: 'NEEDS_ATTENTION' as const, since: 1000 };
    expect(keepWatching('NEEDS_ATTENTION', watch, 4000)).toBe(true);
    expect(keepWatching('NEEDS_ATTENTION', watch, 11_000)).toBe(false);
    expect(keepWatching('OCR', watch, 60_000)).toBe(true);
    expect(keepWatching('CANCELLED', watch, 2000)).toBe(false);
    expect(keepWatching('AWAITING_REVIEW', { from: null, since: 0 }, 0)).toBe(false);
  });

  it('sees a change in a stage (attempts) even when the status stays', () => {
    const before = scan('OCR', [stage('virusScan', 'completed'), stage('ocr', 'running', 1)]);
    const after = scan('OCR', [stage('virusScan', 'completed'), stage('ocr', 'running', 2)]);
    expect(statusSignature(before)).not.toBe(statusSignature(after));
    expect(statusSignature(before)).toBe(statusSignature(structuredClone(before)));
    expect(currentStage(after)).toBe('Read text, attempt 2');
    expect(currentStage(before)).toBe('Read text');
    expect(currentStage(scan('AWAITING_REVIEW', [stage('ocr', 'completed')]))).toBeNull();
  });
});

describe('stage durations', () => {
  it('measures ended stages and running ones up to now', () => {
    expect(stageDuration('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.450Z', 0)).toBe(450);
    expect(stageDuration('2026-01-01T00:00:00.000Z', null, Date.parse('2026-01-01T00:01:05.000Z'))).toBe(65_000);
    expect(stageDuration(null, null, 0)).toBeNull();
    expect(formatDuration(450)).toBe('0.5 s');
    expect(formatDuration(65_000)).toBe('1 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
  });
});

describe('upload answers', () => {
  it('takes the document id from a 202', () => {
    expect(uploadOutcome(202, { documentId: 'abc', status: 'QUEUED', statusUrl: '/x' })).toEqual({ ok: true, documentId: 'abc' });
  });

  it('keeps the earlier document of a duplicate', () => {
    const body = {
      error: {
        code: 'DUPLICATE_DOCUMENT',
        message: 'This file was already uploaded for this business',
        details: { existingDocumentId: 'old' },
      },
    };
    expect(uploadOutcome(409, body)).toMatchObject({ ok: false, existingDocumentId: 'old' });
  });

  it("shows the server's message for other refusals, and a fallback when there is none", () => {
    const body = { error: { code: 'UNPROCESSABLE', message: 'This PDF cannot be scanned: it has 80 pages' } };
    expect(uploadOutcome(422, body)).toMatchObject({ ok: false, status: 422, message: 'This PDF cannot be scanned: it has 80 pages' });
    expect(uploadOutcome(502, null)).toMatchObject({ ok: false, message: 'The server answered 502; try again in a moment.' });
    expect(uploadOutcome(0, null)).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be reached/) });
  });
});
