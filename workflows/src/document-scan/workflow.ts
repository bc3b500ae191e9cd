/**
 * documentScanWorkflow: one uploaded document from staged bytes to posted transactions, as DESIGN §2
 * lists the stages. Orchestration only: every side effect is an activity. The workflow owns the
 * Document row's status: it mirrors every change through the setDocumentStatus local activity and
 * the DocumentStatus search attribute, and answers the `progress` query from its own record.
 *
 * Determinism: a scan can wait weeks for review, so open histories outlive deploys. Any change to
 * the sequence of activities, local activities, timers, conditions or search-attribute upserts
 * below must be guarded with `patched('<change-id>')` (keeping the old path until no open scan can
 * take it); test/replay.test.ts replays saved histories to catch a change that forgot.
 */
import type { DocumentActivities } from '@akount/activities';
import {
  approveInput,
  stageStatus,
  type ApproveInput,
  type ApproveResult,
  type Attempted,
  type DocumentScanInput,
  type DocumentStatus,
  type RejectInput,
  type ReviewEdits,
  type ScanError,
  type ScanProgress,
  type ScanRef,
  type ScanStage,
} from '@akount/contracts';
import { defineSearchAttributeKey } from '@temporalio/common';
import {
  ActivityCancellationType,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  type RetryPolicy,
} from '@temporalio/workflow';
import { approveUpdate, progressQuery, rejectSignal, retrySignal, searchAttributeNames } from './contract';
import { categorizeDetail, extractDetail, ocrDetail, postDetail, rejectedDetail, scanDetail, storeDetail } from './details';
import { stageFailureOf } from './failures';
import { ScanProgressRecord } from './progress';

/** Transient failures retry with backoff and no attempt cap: a Mistral outage delays a scan, it never loses it. */
const patient: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' };

/** Short steps: clamd, storage, categorization, posting. */
const brief = proxyActivities<DocumentActivities>({ startToCloseTimeout: '2 minutes', retry: patient });
/** Heartbeating steps wait for the activity to stop on cancel, so cleanup runs after it, not beside it. */
const reading = proxyActivities<DocumentActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '20 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: patient,
});
const extracting = proxyActivities<DocumentActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '20 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: patient,
});
const cleanup = proxyActivities<DocumentActivities>({ startToCloseTimeout: '1 minute', retry: patient });
/** The status mirror: a local activity, so a status change costs no extra round trip to the server. */
const mirror = proxyLocalActivities<DocumentActivities>({ startToCloseTimeout: '30 seconds', retry: patient });

const documentSearchAttributes = {
  tenantId: defineSearchAttributeKey(searchAttributeNames.tenantId, 'KEYWORD'),
  entityId: defineSearchAttributeKey(searchAttributeNames.entityId, 'KEYWORD'),
  documentId: defineSearchAttributeKey(searchAttributeNames.documentId, 'KEYWORD'),
  status: defineSearchAttributeKey(searchAttributeNames.status, 'KEYWORD'),
};

const defaultReviewStaleDays = 30;
const dayMs = 86_400_000;

interface Approval {
  edits: ReviewEdits;
  userId: string;
}

/** The user rejected the document while the scan waited for them: it ends DISMISSED. */
class ScanDismissed extends Error {}

export async function documentScanWorkflow(input: DocumentScanInput): Promise<ScanProgress> {
  const scan = new DocumentScan(input);
  scan.listen();
  try {
    await scan.run();
  } catch (error) {
    if (!isCancellation(error)) throw error;
    await CancellationScope.nonCancellable(() => scan.cancel());
    throw error;
  }
  return scan.progress.current;
}

class DocumentScan {
  readonly progress: ScanProgressRecord;
  private readonly ref: ScanRef;
  private readonly staleAfterMs: number;
  private approval: Approval | null = null;
  private rejection: RejectInput | null = null;
  private retryRequested = false;

  constructor(input: DocumentScanInput) {
    this.ref = { tenantId: input.tenantId, entityId: input.entityId, documentId: input.documentId };
    this.staleAfterMs = (input.reviewStaleDays ?? defaultReviewStaleDays) * dayMs;
    this.progress = new ScanProgressRecord(input.documentId);
  }

  listen(): void {
    setHandler(progressQuery, () => this.progress.current);
    setHandler(rejectSignal, (rejection) => {
      if (this.acceptsReject()) this.rejection = rejection;
    });
    setHandler(retrySignal, () => {
      if (this.status === 'NEEDS_ATTENTION' && this.rejection === null) this.retryRequested = true;
    });
    setHandler(approveUpdate, (input) => this.approve(input), { validator: (input) => this.validateApproval(input) });
  }

  async run(): Promise<void> {
    upsertSearchAttributes([
      { key: documentSearchAttributes.tenantId, value: this.ref.tenantId },
      { key: documentSearchAttributes.entityId, value: this.ref.entityId },
      { key: documentSearchAttributes.documentId, value: this.ref.documentId },
      { key: documentSearchAttributes.status, value: this.status },
    ]);
    try {
      await this.process();
    } catch (error) {
      if (!(error instanceof ScanDismissed)) throw error;
      await this.dismiss();
    }
  }

  /** The stages in order (DESIGN §2). Adding, removing or reordering a call here needs `patched()`. */
  private async process(): Promise<void> {
    const scan = await this.step('virusScan', () => brief.virusScan(this.ref), scanDetail);
    if (scan.verdict === 'infected') return this.rejectInfected(scan.signature ?? 'an unnamed signature');
    await this.step('store', () => brief.storeDocument(this.ref), storeDetail);
    const text = await this.step('ocr', () => reading.ocrDocument(this.ref), ocrDetail);
    const extraction = await this.step('extract', () => extracting.extractDocument({ ...this.ref, textId: text.textId }), extractDetail);
    const { result } = this.progress.current;
    result.extractionId = extraction.extractionId;
    result.docType = extraction.docType;
    const category = await this.step(
      'categorize',
      () => brief.categorizeDocument({ ...this.ref, extractionId: extraction.extractionId }),
      categorizeDetail,
    );
    result.categoryId = category.categoryId;

    await this.review();
    const posted = await this.step('post', () => this.post(extraction.extractionId), postDetail);
    result.transactionIds = posted.transactionIds;
    await this.setStatus('COMPLETED');
  }

  /**
   * Runs one stage. A permanent failure parks the scan in NEEDS_ATTENTION until the user retries
   * (the stage runs again, its attempts adding up) or rejects (ScanDismissed).
   */
  private async step<T extends Attempted>(stage: ScanStage, run: () => Promise<T>, describe: (result: T) => string): Promise<T> {
    for (;;) {
      await this.setStatus(stageStatus[stage]);
      this.progress.start(stage);
      try {
        const result = await run();
        this.progress.complete(stage, result.attempt, describe(result));
        return result;
      } catch (error) {
        const failure = stageFailureOf(error);
        if (!failure) throw error;
        this.progress.fail(stage, failure.error, failure.attempts);
        await this.setStatus('NEEDS_ATTENTION', failure.error);
        await condition(() => this.retryRequested || this.rejection !== null);
        if (this.rejection) throw new ScanDismissed();
        this.retryRequested = false;
      }
    }
  }

  /** Waits for the user's approve or reject; past the stale timer the row is flagged, the wait goes on. */
  private async review(): Promise<Approval> {
    await this.setStatus('AWAITING_REVIEW');
    this.progress.start('review');
    const decided = () => this.approval !== null || this.rejection !== null;
    if (!(await condition(decided, this.staleAfterMs))) {
      this.progress.current.stale = true;
      await mirror.setDocumentStatus({ ...this.ref, status: 'AWAITING_REVIEW', error: null, stale: true });
      await condition(decided);
    }
    const { approval, rejection } = this;
    if (approval) {
      this.progress.complete('review', 0, 'approved');
      return approval;
    }
    this.progress.complete('review', 0, rejectedDetail(rejection));
    throw new ScanDismissed();
  }

  /** Posts with the latest approval: a correction after a failed posting replaces the first one. */
  private post(extractionId: string) {
    const approval = this.approval;
    if (!approval) throw new Error('posting before approval');
    const { edits, userId } = approval;
    const { result } = this.progress.current;
    if (edits.docType !== undefined) result.docType = edits.docType;
    if (edits.categoryId !== undefined) result.categoryId = edits.categoryId;
    return brief.createTransactions({ ...this.ref, extractionId, edits, userId });
  }

  private async rejectInfected(signature: string): Promise<void> {
    this.progress.skipUnfinished('infected');
    await cleanup.discardStagedDocument(this.ref);
    await this.setStatus('REJECTED', {
      code: 'INFECTED',
      message: `The file contains malware (${signature}) and was deleted. Upload a clean copy.`,
    });
  }

  /** Staged bytes are only still there when the scan stopped before storeDocument promoted them. */
  private async dismiss(): Promise<void> {
    this.progress.skipUnfinished('dismissed');
    if (!this.progress.isCompleted('store')) await cleanup.discardStagedDocument(this.ref);
    await this.setStatus('DISMISSED');
  }

  /** Runs in a non-cancellable scope after the workflow was cancelled, wherever it was. */
  async cancel(): Promise<void> {
    this.progress.skipUnfinished('cancelled');
    await cleanup.discardStagedDocument(this.ref);
    await this.setStatus('CANCELLED');
  }

  private get status(): DocumentStatus {
    return this.progress.current.status;
  }

  private async setStatus(status: DocumentStatus, error: ScanError | null = null): Promise<void> {
    this.progress.setStatus(status, error);
    upsertSearchAttributes([{ key: documentSearchAttributes.status, value: status }]);
    await mirror.setDocumentStatus({ ...this.ref, status, error });
  }

  private acceptsReject(): boolean {
    if (this.rejection !== null) return false;
    if (this.status === 'NEEDS_ATTENTION') return !this.retryRequested;
    return this.status === 'AWAITING_REVIEW' && this.approval === null;
  }

  /** Refuses bad edits and approvals outside review, before anything is written to history. */
  private validateApproval(input: ApproveInput): void {
    const parsed = approveInput.safeParse(input);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
      throw ApplicationFailure.create({ type: 'INVALID_EDITS', message: problems.join('; '), nonRetryable: true });
    }
    if (this.approval !== null || this.correctsFailedPosting()) return;
    if (this.status !== 'AWAITING_REVIEW' || this.rejection !== null) {
      throw ApplicationFailure.create({
        type: 'NOT_AWAITING_REVIEW',
        message: `Only a document awaiting review can be approved; this one is ${this.status}.`,
        nonRetryable: true,
      });
    }
  }

  /**
   * A posting the books refused (no account in that currency, a missing date) is fixed by approving
   * again with corrected edits: they replace the first approval and posting runs again.
   */
  private correctsFailedPosting(): boolean {
    const { failedStage } = this.progress.current;
    return this.status === 'NEEDS_ATTENTION' && failedStage === 'post' && this.rejection === null && !this.retryRequested;
  }

  /** A second approve (a double click, a retried request) is accepted and changes nothing. */
  private approve(input: ApproveInput): ApproveResult {
    const correcting = this.correctsFailedPosting();
    if (this.approval !== null && !correcting) return { accepted: false, status: this.status };
    const { edits, userId } = approveInput.parse(input);
    this.approval = { edits, userId };
    if (correcting) this.retryRequested = true;
    return { accepted: true, status: 'POSTING' };
  }
}
