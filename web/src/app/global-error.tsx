'use client';
/**
 * The last resort: the root layout itself failed, so this replaces the whole
 * document (its own <html> and <body>, the stylesheet included).
 */
import { ErrorState } from '@/components/error-state';
import './globals.css';

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <main className="centered">
          <div className="card narrow">
            <ErrorState
              error={error}
              retry={retry}
              boundary="root"
              title="Akount could not start this page"
              explanation="Something failed before the page could load."
            />
          </div>
        </main>
      </body>
    </html>
  );
}
