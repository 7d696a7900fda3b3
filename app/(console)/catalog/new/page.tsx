import Link from 'next/link';
import { ItemForm } from '@/components/catalog/item-form';
import { PageHeader } from '@/components/ui/page-header';
import { getConnection } from '@/db';
import { requireConsoleUser } from '@/lib/auth/guard';
import { categoryNames } from '@/lib/console/overview';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New item' };

export default async function NewItemPage() {
  await requireConsoleUser('catalog:write', '/catalog/new');
  const categories = await categoryNames(await getConnection());
  return (
    <>
      <div className="subtle" style={{ marginBottom: 8 }}>
        <Link href="/catalog">← Catalog</Link>
      </div>
      <PageHeader title="New item" subtitle="Served from its publish time, if it has one, until it expires or is hidden." />
      <section className="card" style={{ maxWidth: 760 }}>
        <ItemForm categories={categories} />
      </section>
    </>
  );
}
