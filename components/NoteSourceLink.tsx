import type { NoteSource } from '@/lib/model/types';
import { safeHref } from '@/lib/ui/safe-url';
import { useT } from './i18n';

/** "from <page>" under a note captured on a page: its title (or address) as a link, opened in a new tab. */
export function NoteSourceLink({ source }: { source: NoteSource | undefined }) {
  const t = useT();
  if (!source) return null;
  const href = safeHref(source.url);
  const label = source.title ?? source.url;
  return (
    <span className="muted small note-source">
      {t('capture_note_from')}{' '}
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        label
      )}
    </span>
  );
}
