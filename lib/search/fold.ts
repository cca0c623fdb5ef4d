/**
 * Text as search compares it: case and accents folded (NFD, combining marks
 * dropped), so "Niccolò", "NICCOLO" and "niccolo" are one word, as are "perché"
 * and "perche". Used for the index and the query alike, and to find the matched
 * word again in a snippet.
 */

const MARKS = /\p{M}+/gu;

/** Lower case, no accents. Keeps the string's length only for already-folded text: use `foldWithMap` to map back. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/**
 * The folded text and, for each folded character, where it came from in `s`:
 * a snippet is cut from the original text around a match found in the folded one.
 */
export function foldWithMap(s: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of s) {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) from.push(i);
    folded += f;
    i += ch.length;
  }
  from.push(i);
  return { folded, from };
}

/** Words as the index splits them: letters and digits, with apostrophes splitting too ("dell'arte" = "dell", "arte"). */
export const WORD = /[\p{L}\p{N}]+/gu;

export function words(s: string): string[] {
  return fold(s).match(WORD) ?? [];
}

/** A phone number as digits only: "+39 333 123-4567" is "393331234567". */
export function digits(s: string): string {
  return s.replace(/\D+/g, '');
}

/**
 * The tokens a phone number is found by: every tail of its digits from four
 * digits up, so a prefix search finds any run of digits the user remembers
 * ("333 12", "1234567", the whole number with or without the country code).
 */
export function phoneTokens(phone: string): string[] {
  const d = digits(phone);
  const out: string[] = [];
  for (let i = 0; i + 4 <= d.length; i++) out.push(d.slice(i));
  if (d.length > 0 && d.length < 4) out.push(d);
  return out;
}
