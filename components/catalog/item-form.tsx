'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Field, fieldErrors } from '@/components/ui/field';
import { apiRequest } from '@/lib/console/api-client';
import { fromLocalInput, toLocalInput } from '@/lib/catalog/datetime-local';
import type { Item } from '@/lib/catalog/schema';
import styles from './catalog.module.css';

interface ItemFormProps {
  /** Absent: the form creates a new item. */
  item?: Item;
  categories: string[];
}

/** Creates an item, or edits one in place: text, category, tags, attributes and its schedule. */
export function ItemForm({ item, categories }: ItemFormProps) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const [attributesError, setAttributesError] = useState<string>();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      item ? apiRequest<Item>(`/api/v1/items/${encodeURIComponent(item.id)}`, { method: 'PATCH', json: body }) : apiRequest<Item>('/api/v1/items', { method: 'POST', json: body }),
    onSuccess: (result) => {
      if (item) {
        setSaved(true);
        router.refresh();
      } else router.push(`/catalog/${encodeURIComponent(result.id)}`);
    },
  });
  const errors = fieldErrors(save.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    let attributes: unknown;
    try {
      attributes = text('attributes') === '' ? {} : JSON.parse(text('attributes'));
      setAttributesError(undefined);
    } catch {
      setAttributesError('must be a JSON object, e.g. {"year": 2024}');
      return;
    }
    save.mutate({
      ...(!item && { id: text('id'), is_hidden: form.get('is_hidden') === 'on' }),
      title: text('title'),
      description: text('description'),
      category: text('category') || null,
      tags: text('tags')
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
      attributes,
      published_at: fromLocalInput(text('published_at')),
      expires_at: fromLocalInput(text('expires_at')),
    });
  };

  return (
    <form onSubmit={submit} aria-label={item ? 'Edit item' : 'New item'}>
      <div className={styles.sectionTitle}>Content</div>
      {!item && (
        <Field label="ID" error={errors.id} hint="Your own identifier; events and recommendations use it.">
          <input className="input" name="id" required maxLength={256} />
        </Field>
      )}
      <Field label="Title" error={errors.title}>
        <input className="input" name="title" defaultValue={item?.title} maxLength={500} />
      </Field>
      <Field label="Description" error={errors.description}>
        <textarea className="input" name="description" defaultValue={item?.description} rows={3} style={{ fontFamily: 'inherit' }} />
      </Field>
      <div className="form-row">
        <Field label="Category" error={errors.category}>
          <input className="input" name="category" list="item-categories" defaultValue={item?.category ?? ''} />
        </Field>
        <Field label="Tags" error={errors.tags ?? errors['tags.0']} hint="Comma-separated">
          <input className="input" name="tags" defaultValue={item?.tags.join(', ')} />
        </Field>
      </div>
      <datalist id="item-categories">
        {categories.map((category) => (
          <option key={category} value={category} />
        ))}
      </datalist>
      <Field label="Attributes" error={attributesError ?? errors.attributes} hint="A JSON object of your own fields.">
        <textarea className="input" name="attributes" defaultValue={JSON.stringify(item?.attributes ?? {}, null, 2)} rows={4} />
      </Field>
      <div className={styles.sectionTitle}>Schedule</div>
      <div className="form-row">
        <Field label="Publish at" error={errors.published_at} hint="Not served before this time. Empty: now.">
          <input className="input" type="datetime-local" name="published_at" defaultValue={toLocalInput(item?.published_at)} />
        </Field>
        <Field label="Expires at" error={errors.expires_at} hint="Not served from this time on. Empty: never.">
          <input className="input" type="datetime-local" name="expires_at" defaultValue={toLocalInput(item?.expires_at)} />
        </Field>
      </div>
      {!item && (
        <label className={styles.checkbox}>
          <input type="checkbox" name="is_hidden" /> Create hidden (never served until shown)
        </label>
      )}
      {save.isError && Object.keys(errors).length === 0 && (
        <div className="error-box" role="alert">
          {save.error.message}
        </div>
      )}
      <div className={styles.formActions}>
        <button className="button" type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : item ? 'Save changes' : 'Create item'}
        </button>
        {saved && !save.isPending && (
          <span className="badge badge-good" role="status">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
