/**
 * Word tokens for the content model. Deliberately simple and dependency-free: lowercase, runs of
 * unicode letters and digits, English stop words dropped. Catalogues in other languages still
 * tokenise sensibly, they just keep their function words (idf then weighs those down).
 */

/**
 * Function words that say nothing about what an item is about. Kept short on purpose: idf already
 * discounts common words, the list only spares the vocabulary from spending slots on them.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about after all also an and any are as at be been before but by can could did do does for from had has have he her his how ' +
    'i if in into is it its just may more most my no nor not of on one only or other our out over she so some such than that the ' +
    'their them then there these they this those through to too under up very was we were what when where which while who whom why ' +
    'will with would you your'
  ).split(' '),
);

/** Letters with their combining marks, and digits; everything else separates words. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Apostrophes inside words ("don't", "l'été") join rather than split, so no stray one-letter fragments. */
const APOSTROPHES = /['’]/g;
const MIN_TOKEN_LENGTH = 2;

/** The words of a text, in order, repeats kept (term frequency needs them). */
export function tokenize(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '').match(WORD) ?? [];
  return words.filter((word) => word.length >= MIN_TOKEN_LENGTH && !STOP_WORDS.has(word));
}

/** A tag or category as one whole token: "Sci-Fi", " sci-fi" and "Sci Fi" all become "sci-fi". */
export function normalizeLabel(label: string): string {
  return label.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, '-');
}
