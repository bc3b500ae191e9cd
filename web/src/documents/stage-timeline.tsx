/**
 * The scan's stages in order, from the status JSON: each with its state, attempts, how long it
 * took (or has been running), what it found and its last error. A database answer (the scan has
 * ended or the workflow cannot be asked) knows no per-stage detail and says so.
 */
import { formatDuration, stageDuration } from './format';
import { stageLabel, stageStateWords } from './status';
import type { ScanStatus } from './types';

export function StageTimeline({ status, now }: { status: ScanStatus; now: number }) {
  return (
    <div className="stack doc-timeline">
      <ol className="doc-stages" aria-label="Scan stages">
        {status.stages.map((stage) => {
          const took = stageDuration(stage.startedAt, stage.endedAt, now);
          const waitsForUser = stage.name === 'review' && stage.state === 'running';
          const facts = [
            stage.attempts > 0 ? `${stage.attempts} ${stage.attempts === 1 ? 'attempt' : 'attempts'}` : null,
            took === null ? null : `${stage.endedAt ? 'took' : waitsForUser ? 'for' : 'running for'} ${formatDuration(took)}`,
            stage.detail,
          ].filter(Boolean);
          return (
            <li key={stage.name} data-state={stage.state}>
              <span className="doc-stage-dot" aria-hidden="true" />
              <span className="doc-stage-name">{stageLabel[stage.name]}</span>
              <span className="doc-stage-state">{waitsForUser ? 'Waiting for you' : stageStateWords[stage.state].label}</span>
              <span className="muted doc-stage-facts">{facts.join(' · ')}</span>
              {stage.lastError && (
                <span className="doc-stage-error">
                  {stage.state === 'completed' ? 'Earlier attempt failed: ' : ''}
                  {stage.lastError.message} <span className="muted">({stage.lastError.code})</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {status.source === 'database' && (
        <p className="muted doc-small">The scan has ended; only its outcome is kept, not each stage&rsquo;s timing.</p>
      )}
    </div>
  );
}
