'use client';

import { ErrorState } from '@/components/ui/query-state';

export default function ExperimentsError({ error, reset }: { error: Error; reset: () => void }) {
  return <ErrorState error={error} onRetry={reset} />;
}
