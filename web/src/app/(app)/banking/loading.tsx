/** Shown in the content area while Banking's data loads; the banner and navigation stay. */
import { LoadingStatus } from '@/components/loading-status';

export default function Loading() {
  return <LoadingStatus />;
}
