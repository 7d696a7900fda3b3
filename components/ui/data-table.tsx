'use client';

import { useMemo, useState, type ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  header: string;
  render: (row: Row) => ReactNode;
  /** Present when the column sorts: the value to compare. */
  sortValue?: (row: Row) => string | number | null;
  numeric?: boolean;
}

interface DataTableProps<Row> {
  rows: Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string | number;
  initialSort?: { key: string; direction: 'asc' | 'desc' };
  /** Client-side filter over the rows, e.g. from a search box. */
  filter?: (row: Row) => boolean;
  empty?: ReactNode;
}

/** A table whose sortable columns sort on click; for lists the server already pages, sort there instead. */
export function DataTable<Row>({ rows, columns, rowKey, initialSort, filter, empty }: DataTableProps<Row>) {
  const [sort, setSort] = useState(initialSort);
  const visible = useMemo(() => {
    const filtered = filter ? rows.filter(filter) : rows;
    const column = columns.find((candidate) => candidate.key === sort?.key);
    if (!sort || !column?.sortValue) return filtered;
    const sign = sort.direction === 'asc' ? 1 : -1;
    return [...filtered].sort((a, b) => sign * compare(column.sortValue!(a), column.sortValue!(b)));
  }, [rows, columns, sort, filter]);

  const toggle = (key: string) =>
    setSort((current) => (current?.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' }));

  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} className={column.numeric ? 'num' : undefined} aria-sort={sort?.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                {column.sortValue ? (
                  <button type="button" className="sort-button" onClick={() => toggle(column.key)}>
                    {column.header}
                    <span aria-hidden className="sort-mark">
                      {sort?.key === column.key ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{empty ?? <div className="empty">No rows match.</div>}</td>
            </tr>
          ) : (
            visible.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => (
                  <td key={column.key} className={column.numeric ? 'num' : undefined}>
                    {column.render(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}
