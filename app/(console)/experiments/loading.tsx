import { LoadingState } from '@/components/ui/query-state';

export default function Loading() {
  return <LoadingState label="Loading experiments…" />;
}
