/** The options page's sections, addressed by the URL hash (the side panel links to #/people/<id>, and to #/sync when sync needs the user). */
export type Route =
  { section: 'settings' } | { section: 'people' } | { section: 'person'; id: string } | { section: 'import' } | { section: 'backup' } | { section: 'sync' };

export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [head, rest] = [h.split('/')[0] ?? '', h.split('/').slice(1).join('/')];
  if (head === 'people' && rest) {
    let id = rest;
    try {
      id = decodeURIComponent(rest);
    } catch {
      // A malformed escape: keep the raw text (it will simply match nobody).
    }
    return { section: 'person', id };
  }
  if (head === 'people') return { section: 'people' };
  if (head === 'import') return { section: 'import' };
  if (head === 'backup') return { section: 'backup' };
  if (head === 'sync') return { section: 'sync' };
  return { section: 'settings' };
}

export function routeHash(r: Route): string {
  return r.section === 'person' ? `#/people/${encodeURIComponent(r.id)}` : `#/${r.section}`;
}

export function navigate(r: Route): void {
  const hash = routeHash(r);
  if (location.hash !== hash) location.hash = hash;
}
