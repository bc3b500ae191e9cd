/** A document's status as a coloured pill; the tone and the status are data attributes for the CSS and the e2e test. */
import type { DocumentStatus } from '@akount/contracts';
import { statusLabel, statusTone } from './status';

export function StatusBadge({ status }: { status: DocumentStatus }) {
  return (
    <span className="doc-badge" data-tone={statusTone(status)} data-status={status} data-testid="document-status">
      {statusLabel(status)}
    </span>
  );
}
