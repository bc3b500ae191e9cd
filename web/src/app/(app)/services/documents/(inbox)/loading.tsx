/** Shown in the content area while the inbox's first page loads; the shell stays. */
import { LoadingStatus } from '@/components/loading-status';

export default function Loading() {
  return <LoadingStatus />;
}
