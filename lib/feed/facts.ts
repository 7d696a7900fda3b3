/**
 * The line of facts under a title, from whichever well-known attributes an item has: the demo
 * world sets year, duration, age rating and language; other catalogues may set some or none.
 */
export function itemFacts(attributes: Record<string, unknown>): string[] {
  const facts: string[] = [];
  const { year, duration_minutes: minutes, rating_age: rating, language } = attributes;
  if (typeof year === 'number' || typeof year === 'string') facts.push(String(year));
  if (typeof minutes === 'number' && minutes > 0) facts.push(minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`);
  if (typeof rating === 'number') facts.push(rating > 0 ? `${rating}+` : 'All ages');
  else if (typeof rating === 'string' && rating) facts.push(rating);
  if (typeof language === 'string' && language) facts.push(language.toUpperCase());
  return facts;
}
