/**
 * The side panel's picker for what the context menu captured on a page: a note
 * (the selected text) or an e-mail or phone from a link. The user edits the text,
 * picks a person by typing, or makes someone new, and confirms: nothing is saved
 * before that.
 */
import { useEffect, useId, useState } from 'react';
import { getDb } from '@/lib/db/db';
import { addToPersonByHand } from '@/lib/db/writes';
import type { MessageKey } from '@/lib/i18n';
import type { PersonRow } from '@/lib/relationship/people-list';
import type { PendingCapture } from '@/lib/ui/capture';
import { refreshBadge } from '@/lib/ui/badge';
import { searchPeople as searchByName } from '@/lib/ui/person-search';
import type { PersonMatch } from '@/lib/ui/search-client';
import { safeHref } from '@/lib/ui/safe-url';
import { errorKey } from '@/lib/ui/write-ctx';
import { AddPersonForm } from './AddPersonForm';
import { MatchRow } from './search/PeopleSearchBox';
import { usePeopleSearch } from './search/usePeopleSearch';
import { useT } from './i18n';
import { currentWriteCtx } from './settings-store';

const TITLE: Record<PendingCapture['kind'], MessageKey> = {
  note: 'capture_title_note',
  email: 'capture_title_email',
  phone: 'capture_title_phone',
};
const FIELD: Record<PendingCapture['kind'], MessageKey> = {
  note: 'capture_note',
  email: 'field_email',
  phone: 'field_phone',
};

/** Rows while the full-text index is not ready yet (first run, being built): the name search of the page's own data. */
const FALLBACK_LIMIT = 8;

/**
 * People as the user types, from the same full-text search as the search box
 * (names, handles, e-mails, phones and the words of notes and touches, each with
 * why it matched). While the background is still building or opening the index,
 * or cannot answer, the picker falls back to names, handles, e-mails and phones
 * read here, a beat after the last key, so a capture never waits for the index.
 */
function usePickerSearch(query: string): PersonMatch[] | undefined {
  const found = usePeopleSearch(query, { limit: FALLBACK_LIMIT });
  const fallingBack = query.trim() !== '' && (found.state === 'building' || found.state === 'loading' || found.state === 'failed');
  const [byName, setByName] = useState<{ query: string; rows: PersonMatch[] }>();
  useEffect(() => {
    if (!fallingBack) return;
    let alive = true;
    const timer = setTimeout(() => {
      void searchByName(getDb(), query, FALLBACK_LIMIT).then(
        (rows) => alive && setByName({ query, rows: rows.map(toMatch) }),
        () => alive && setByName({ query, rows: [] }),
      );
    }, 120);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [query, fallingBack]);
  if (found.state === 'ready') return found.results;
  return fallingBack && byName?.query === query ? byName.rows : undefined;
}

const toMatch = (r: PersonRow): PersonMatch => ({
  id: r.id,
  name: r.name,
  ...(r.headline ? { headline: r.headline } : {}),
  ...(r.company ? { company: r.company } : {}),
});

export function CapturePicker({
  capture,
  onDone,
  onDiscard,
  onOpen,
}: {
  capture: PendingCapture;
  /** Saved: the person it went to. */
  onDone: (personId: string, name: string) => void;
  onDiscard: () => void;
  /** "Open" on a likely duplicate in the new-person form. */
  onOpen: (personId: string) => void;
}) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(capture.text);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<PersonMatch>();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey>();
  const hits = usePickerSearch(query);
  const source = capture.source;
  const href = safeHref(source?.url);
  const isNote = capture.kind === 'note';
  const usable = text.trim().length > 0;

  const save = async (person: PersonMatch) => {
    setBusy(true);
    setError(undefined);
    try {
      const input = isNote
        ? { name: person.name, note: { text, source } }
        : capture.kind === 'email'
          ? { name: person.name, emails: [text] }
          : { name: person.name, phones: [text] };
      const p = await addToPersonByHand(getDb(), person.id, input, currentWriteCtx());
      refreshBadge();
      onDone(p.id, p.name);
    } catch (err) {
      setError(errorKey(err) as MessageKey);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="capture stack" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t(TITLE[capture.kind])}</h1>
      <label className="field">
        <span>{t(FIELD[capture.kind])}</span>
        {isNote ? (
          <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        ) : (
          <input value={text} onChange={(e) => setText(e.target.value)} />
        )}
      </label>
      {source && (
        <p className="muted small capture-source">
          {t('capture_from')}{' '}
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {source.title ?? source.url}
            </a>
          ) : (
            (source.title ?? source.url)
          )}
        </p>
      )}
      {creating ? (
        <AddPersonForm
          initial={{ name: query, ...(capture.kind === 'email' ? { email: text } : {}), ...(capture.kind === 'phone' ? { phone: text } : {}) }}
          {...(isNote ? { note: { text, source } } : {})}
          onSaved={(r) => onDone(r.personId, r.name)}
          onOpen={onOpen}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <>
          <label className="field">
            <span>{t(isNote ? 'capture_find_note' : 'capture_find_contact')}</span>
            <input
              type="search"
              value={query}
              placeholder={t('capture_find_hint')}
              autoFocus
              onChange={(e) => {
                setQuery(e.target.value);
                setChosen(undefined);
              }}
            />
          </label>
          {query.trim() && hits?.length === 0 && <p className="muted">{t('capture_no_match')}</p>}
          {hits && hits.length > 0 && (
            <ul className="capture-hits" aria-label={t(isNote ? 'capture_find_note' : 'capture_find_contact')}>
              {hits.map((r, i) => (
                <li key={r.id}>
                  <button
                    type="button"
                    className={chosen?.id === r.id ? 'chosen' : ''}
                    aria-pressed={chosen?.id === r.id}
                    aria-labelledby={`${id}-n${i}`}
                    {...(r.headline || r.company || (r.why && r.why.field !== 'name') ? { 'aria-describedby': `${id}-d${i}` } : {})}
                    onClick={() => setChosen(r)}
                  >
                    <MatchRow match={r} nameId={`${id}-n${i}`} detailId={`${id}-d${i}`} />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="row">
            <button type="button" className="primary" disabled={!chosen || !usable || busy} onClick={() => chosen && void save(chosen)}>
              {chosen ? t('capture_save_to', { name: chosen.name }) : t(TITLE[capture.kind])}
            </button>
            <button type="button" disabled={!usable} onClick={() => setCreating(true)}>
              {t('capture_new_person')}
            </button>
            <button type="button" className="link" onClick={onDiscard}>
              {t('capture_discard')}
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
    </section>
  );
}
