/** The scan's stages as a short ordered list: what ran, what runs now, what failed and why. */
import { stageLabel } from '../documents/status';
import type { StageState } from './types';

const stateLabel: Record<StageState['state'], string> = {
  pending: 'waiting',
  running: 'in progress',
  completed: 'done',
  failed: 'failed',
  skipped: 'skipped',
  unknown: '—',
};

export function ScanStages({ stages }: { stages: StageState[] }) {
  return (
    <ol className="review-stages" aria-label="Scan stages">
      {stages.map((stage) => (
        <li key={stage.name} data-state={stage.state}>
          <span className="review-stage-name">{stageLabel[stage.name]}</span>
          <span className="muted">
            {stateLabel[stage.state]}
            {stage.attempts > 1 && ` · attempt ${stage.attempts}`}
            {stage.detail && ` · ${stage.detail}`}
          </span>
          {stage.lastError && stage.state !== 'completed' && <span className="review-stage-error">{stage.lastError.message}</span>}
        </li>
      ))}
    </ol>
  );
}
