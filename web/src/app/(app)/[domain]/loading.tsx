/**
 * Shown in the content area while a domain page's server work is under way;
 * the banner and navigation stay. Boundaries sit below the layouts that
 * decide on purpose: one above them would commit a 200 before the shell could
 * redirect a stale session or the domain layout could answer 404.
 */
import { LoadingStatus } from '@/components/loading-status';

export default function Loading() {
  return <LoadingStatus />;
}
