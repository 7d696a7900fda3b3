/** `<input type="datetime-local">` speaks the browser's local time without an offset; the API speaks instants. */

export function fromLocalInput(value: string): string | null {
  return value === '' ? null : new Date(value).toISOString();
}

export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
