'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState, type KeyboardEvent } from 'react';
import { PosterThumb } from '@/components/catalog/poster-thumb';
import { FieldMessage } from '@/components/ui/field';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import styles from './curation.module.css';

export interface PickedItem {
  id: string;
  title: string;
  category: string | null;
}

/** Long enough that typing a word asks once, short enough to feel live. */
const SEARCH_DELAY_MS = 250;
const RESULTS = 8;

/**
 * A combobox over the catalog: type part of a title (or paste an id), pick with the mouse or with
 * the arrow keys and Enter. It only reports the pick; the caller shows or collects it.
 */
export function ItemPicker({ label, onPick, hint, error, exclude = [] }: { label: string; onPick: (item: PickedItem) => void; hint?: string; error?: string; exclude?: readonly string[] }) {
  const inputId = useId();
  const listId = `${inputId}-results`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const needle = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const search = useQuery({
    queryKey: ['item-picker', needle],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/items', { params: { query: { q: needle, limit: RESULTS } } })),
    enabled: needle !== '',
    staleTime: 30_000,
  });
  const options = needle === '' ? [] : (search.data?.items ?? []).filter((item) => !exclude.includes(item.id));
  // The highlighted option belongs to one search: a new search starts again at the top.
  const [highlight, setHighlight] = useState({ needle, index: 0 });
  const active = highlight.needle === needle ? Math.min(highlight.index, options.length - 1) : 0;
  const expanded = open && needle !== '';
  const optionId = (index: number) => `${inputId}-option-${index}`;

  const pick = (item: PickedItem) => {
    onPick({ id: item.id, title: item.title, category: item.category });
    setText('');
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlight({ needle, index: Math.max(0, Math.min(options.length - 1, active + step)) });
    } else if (event.key === 'Enter' && expanded) {
      // Enter picks; it must not submit the form around the picker.
      event.preventDefault();
      const item = options[active];
      if (item) pick(item);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  // Not `Field`: a label around the list would make every option's text part of the input's name.
  return (
    <div className={`field ${styles.picker}`}>
      <label className="field-label" htmlFor={inputId}>
        {label}
      </label>
      <div className={styles.combo}>
        <input
          id={inputId}
          className="input"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && options[active] ? optionId(active) : undefined}
          autoComplete="off"
          placeholder="Search titles, or paste an item id"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <div className={styles.pickerPopup} hidden={!expanded}>
          <ul id={listId} role="listbox" aria-label={`${label}: matching items`} className={styles.pickerList}>
            {options.map((item, index) => (
              <li
                key={item.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className={index === active ? styles.pickerActive : undefined}
                // Keeps the focus in the input, so the blur does not close the list before the click lands.
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setHighlight({ needle, index })}
                onClick={() => pick(item)}
              >
                <ItemLine item={item} />
              </li>
            ))}
          </ul>
          <div role="status" className={`subtle ${styles.pickerStatus}`}>
            {search.isError ? 'Search failed: try again' : search.isFetching || needle !== text.trim() ? 'Searching…' : options.length === 0 ? `No item matches “${needle}”` : ''}
          </div>
        </div>
      </div>
      <FieldMessage error={error} hint={hint} />
    </div>
  );
}

/** Poster, title, and category with the id underneath: how the curation pages show an item. */
export function ItemLine({ item, link = false }: { item: PickedItem; link?: boolean }) {
  return (
    <span className={styles.itemLine}>
      <PosterThumb item={item} />
      <span className={styles.itemText}>
        {link ? <Link href={`/catalog/${encodeURIComponent(item.id)}`}>{item.title || item.id}</Link> : <span className={styles.itemTitle}>{item.title || item.id}</span>}
        <span className="subtle">
          {item.category ?? 'No category'} · <code>{item.id}</code>
        </span>
      </span>
    </span>
  );
}
