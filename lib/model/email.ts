/**
 * The one e-mail normaliser: every way an address gets stored (the importers, the
 * person editor, a backup restore) and every mailto: link goes through it.
 *
 * Beyond the shape name@domain.tld, an address may not hold `?`, `&`, `%` or `#`:
 * in a mailto: link they start headers (`?bcc=…&body=…`), decode to other
 * characters or cut the address, so an imported address could open a draft with a
 * hidden recipient. Addresses that need them are vanishingly rare.
 */
const EMAIL_RE = /^[^\s@<>(),;:"?&%#[\]\\]+@[^\s@<>(),;:"?&%#[\]\\]+\.[^\s@<>(),;:"?&%#[\]\\]+$/;

/** A plain address: trimmed, lower-cased, without `mailto:`; undefined when it is not one. */
export function normEmail(raw: string): string | undefined {
  const e = raw
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return EMAIL_RE.test(e) && e.length <= 254 && !/[\u0000-\u001f\u007f]/.test(e) ? e : undefined;
}
