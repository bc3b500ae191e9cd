/** Shown while the sign-in page asks the API for the demo users. */
import { LoadingStatus } from '@/components/loading-status';

export default function Loading() {
  return (
    <main className="centered">
      <LoadingStatus />
    </main>
  );
}
