/** Shown in the content area while the review page loads its document; the shell stays. */
import { LoadingStatus } from '@/components/loading-status';

export default function Loading() {
  return <LoadingStatus />;
}
