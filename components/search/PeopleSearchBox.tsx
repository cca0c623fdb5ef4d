/**
 * One search over everyone (names, companies, handles, e-mails, phones and the
 * words of notes, touches and how you met), as a combobox: type, and the results
 * replace what the page shows below (`children`) until the box is cleared. Arrow
 * keys move through the results, Enter opens one, Escape clears. Each result
 * says why it matched ("Note: …the ceramics class in Faenza…"). The index lives
 * in the background; this is only the box and the list.
 */
import { useId, useState, type ReactNode } from 'react';
import type { MessageKey } from '@/lib/i18n';
import type { SearchField } from '@/lib/search/docs';
import type { PersonMatch, SearchReply, Why } from '@/lib/ui/search-client';
import { useT } from '../i18n';
import { usePeopleSearch, warmSearch } from './usePeopleSearch';

export const FIELD_LABEL: Record<SearchField, MessageKey> = {
  name: 'search_field_name',
  handles: 'search_field_handles',
  emails: 'search_field_emails',
  phones: 'search_field_phones',
  company: 'search_field_company',
  headline: 'search_field_headline',
  howWeMet: 'search_field_howWeMet',
  notes: 'search_field_notes',
  followups: 'search_field_followups',
  touches: 'search_field_touches',
};

/** "Note: …the ceramics class in Faenza…", the matched word marked. */
export function WhyLine({ why }: { why: Why }) {
  const t = useT();
  return (
    <span className="search-why">
      <span className="search-why-field">{t(FIELD_LABEL[why.field])}:</span> {why.before}
      <mark>{why.match}</mark>
      {why.after}
    </span>
  );
}

/**
 * What a result row says: the name, headline · company, and why the person
 * matched when it is not the name itself. The same in the search box and in a
 * person picker. `nameId`/`detailId` let a button take the name as its label and
 * the rest as its description.
 */
export function MatchRow({ match, nameId, detailId }: { match: PersonMatch; nameId?: string; detailId?: string }) {
  const sub = [match.headline, match.company].filter(Boolean).join(' · ');
  const why = match.why && match.why.field !== 'name' ? match.why : undefined;
  return (
    <>
      <span className="search-name" id={nameId}>
        {match.name}
      </span>
      {(sub || why) && (
        <span className="search-detail" id={detailId}>
          {sub && <span className="search-sub">{sub}</span>}
          {why && <WhyLine why={why} />}
        </span>
      )}
    </>
  );
}

export interface PeopleSearchBoxProps {
  onOpen: (match: PersonMatch) => void;
  /** What the page shows while nothing is typed. */
  children?: ReactNode;
  /** For tests: the search itself (the background's by default). */
  search?: (q: string, limit: number) => Promise<SearchReply>;
  autoFocus?: boolean;
}

export function PeopleSearchBox({ onOpen, children, search, autoFocus }: PeopleSearchBoxProps) {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  // The highlighted person, by id: results that refresh under it (the data changed) keep it on the same person.
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const [warmed, setWarmed] = useState(false);
  const found = usePeopleSearch(query, search ? { search } : {});
  const results = found.state === 'ready' ? found.results : [];
  const active = Math.max(
    0,
    results.findIndex((r) => r.id === activeId),
  );
  const open = query.trim() !== '';
  const listId = `${id}-results`;
  const optionId = (i: number) => `${id}-r${i}`;

  const status =
    found.state === 'ready'
      ? results.length === 0
        ? t('search_none', { query: found.query })
        : t('search_results', { count: results.length })
      : found.state === 'building'
        ? t('search_building', { percent: found.percent })
        : found.state === 'loading'
          ? t('search_loading')
          : found.state === 'failed'
            ? t('search_failed')
            : '';

  return (
    <>
      <div className="search-box" role="search">
        <input
          type="search"
          role="combobox"
          aria-label={t('search_label')}
          placeholder={t('search_placeholder')}
          aria-expanded={open && results.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          {...(open && results[active] ? { 'aria-activedescendant': optionId(active) } : {})}
          value={query}
          autoFocus={autoFocus}
          onFocus={() => {
            if (!warmed) {
              setWarmed(true);
              warmSearch(search);
            }
          }}
          onChange={(e) => {
            setQuery(e.target.value);
            setActiveId(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && results.length) {
              e.preventDefault();
              setActiveId(results[(active + 1) % results.length]!.id);
            } else if (e.key === 'ArrowUp' && results.length) {
              e.preventDefault();
              setActiveId(results[(active - 1 + results.length) % results.length]!.id);
            } else if (e.key === 'Enter' && results[active]) {
              e.preventDefault();
              onOpen(results[active]);
            } else if (e.key === 'Escape' && query) {
              e.preventDefault();
              setQuery('');
              setActiveId(undefined);
            }
          }}
        />
        <p className="search-status" aria-live="polite" role="status">
          {open ? status : ''}
        </p>
      </div>
      {open ? (
        <ul
          className="search-results"
          id={listId}
          role="listbox"
          aria-label={t('search_label')}
          // Which query these results answer (the bench times keystroke to results by it).
          data-query={found.state === 'ready' ? found.query : undefined}
        >
          {results.map((r, i) => (
            <li
              key={r.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-result active' : 'search-result'}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActiveId(r.id)}
              onClick={() => onOpen(r)}
            >
              <MatchRow match={r} />
            </li>
          ))}
        </ul>
      ) : (
        children
      )}
    </>
  );
}
