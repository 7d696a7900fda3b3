import Link from 'next/link';
import type { DisplayField } from '@/lib/console/fields';
import styles from './field-list.module.css';

/** Fields as "label: value" lines; a field with an `href` links its value. */
export function FieldList({ fields, compact = false, label }: { fields: DisplayField[]; compact?: boolean; label?: string }) {
  return (
    <dl className={compact ? `${styles.list} ${styles.compact}` : styles.list} aria-label={label}>
      {fields.map((field, index) => (
        <div key={`${field.label}-${index}`} className={styles.row}>
          <dt>{field.label}</dt>
          <dd>{field.href ? <Link href={field.href}>{field.value}</Link> : field.value}</dd>
        </div>
      ))}
    </dl>
  );
}
