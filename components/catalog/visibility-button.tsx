'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { Item } from '@/lib/catalog/schema';

/** Hiding takes an item out of every list at once; showing it again is one click. */
export function VisibilityButton({ item }: { item: Pick<Item, 'id' | 'is_hidden'> }) {
  const router = useRouter();
  const toggle = useMutation({
    mutationFn: (hidden: boolean) => unwrap(consoleApi.PATCH('/api/v1/items/{id}', { params: { path: { id: item.id } }, body: { is_hidden: hidden } })),
    onSuccess: () => router.refresh(),
  });
  return (
    <>
      {toggle.isError && <span className="badge badge-bad">{toggle.error.message}</span>}
      {item.is_hidden ? (
        <button type="button" className="button button-secondary" disabled={toggle.isPending} onClick={() => toggle.mutate(false)}>
          {toggle.isPending ? 'Working…' : 'Show item'}
        </button>
      ) : (
        <ConfirmButton label="Hide item" question="Hide it from every feed?" confirmLabel="Hide" pending={toggle.isPending} onConfirm={() => toggle.mutate(true)} />
      )}
    </>
  );
}
