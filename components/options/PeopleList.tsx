import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { getDb } from '@/lib/db/db';
import { usePeopleSearch } from '../search/usePeopleSearch';
import { WhyLine } from '../search/PeopleSearchBox';
import type { SearchField } from '@/lib/search/docs';
import { allTags, filterPeople, isDueRow, isSnoozedRow, type PeopleFilter, type PeopleSort, type PersonRow } from '@/lib/relationship/people-list';
import { bulkEdit, deletePeople, type BulkOp } from '@/lib/db/writes';
import { runUndoable } from '@/components/undoable';
import { relativeTime, type MessageKey } from '@/lib/i18n';
import { channelLabel } from '@/lib/ui/describe';
import { resolveTimeZone } from '@/lib/settings/normalize';
import type { SiteId } from '@/lib/model/types';
import { STAGES, type Stage } from '@/lib/relationship/stages';
import { circleName } from '@/lib/ui/circles';
import { currentWriteCtx, useSettings } from '@/components/settings-store';
import { useLang, useT, type TFunction } from '@/components/i18n';
import { formatSnoozeDay, SnoozeChoices } from '@/components/SnoozeChoices';
import { useNow } from '@/components/useSettings';
import { Duplicates } from './Duplicates';
import { navigate } from '@/lib/ui/route';
import { SITES } from './sites';
import { SITE_LABEL } from '@/lib/sites/table';
import { useToasts } from './toast';
import { usePeopleRows, useDebounced } from './usePeople';
import { failureKey } from '@/lib/ui/failure-words';
import { CircleOptions } from '@/components/CircleOptions';
import { refreshBadge } from '@/lib/ui/badge';
import { AddPersonForm } from '@/components/AddPersonForm';

export const STAGE_LABEL: Record<Stage, MessageKey> = {
  connected: 'stage_connected',
  acquainted: 'stage_acquainted',
  'in-touch': 'stage_in_touch',
  close: 'stage_close',
};

const ROW_HEIGHT = 56;

/** One labelled select of the filter bar; options as [value, text]. */
function FilterSelect({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function lastTouchText(t: TFunction, lang: ReturnType<typeof useLang>, r: PersonRow, now: number): string {
  if (r.lastPersonalAt === undefined) return t('panel_no_personal');
  return t('panel_last_personal', {
    channel: r.lastPersonalChannel ? channelLabel(lang, r.lastPersonalChannel) : '',
    when: relativeTime(lang, r.lastPersonalAt, now),
  });
}

function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const circleList = useSettings((s) => s.circles);
  const timeZone = useSettings(resolveTimeZone);
  const t = useT();
  const show = useToasts((s) => s.show);
  const [tag, setTag] = useState('');
  const [circle, setCircle] = useState('');
  const [snoozing, setSnoozing] = useState(false);
  const [error, setError] = useState<MessageKey>();
  const run = async (op: BulkOp) => {
    setError(undefined);
    try {
      const n = await bulkEdit(getDb(), ids, op, currentWriteCtx());
      show({ text: t('people_bulk_done', { count: n }), ms: 4000 });
      if (op.kind === 'snooze') {
        setSnoozing(false);
        // The toolbar badge counts today's list: tell the background it changed.
        refreshBadge();
      }
    } catch (err) {
      setError(failureKey(err));
    }
  };
  const remove = async () => {
    setError(undefined);
    try {
      await runUndoable(
        () => deletePeople(getDb(), ids, currentWriteCtx()),
        (snap) => t('people_deleted', { count: snap.people.length }),
      );
      onDone();
      // The deleted may have been in today's list.
      refreshBadge();
    } catch (err) {
      setError(failureKey(err));
    }
  };
  return (
    <div className="bulk-bar stack" role="region" aria-label={t('people_bulk_label')}>
      <div className="row">
        <strong>{t('people_selected', { count: ids.length })}</strong>
        <button type="button" className="link" onClick={onDone}>
          {t('people_select_none')}
        </button>
      </div>
      <div className="row">
        <label className="field">
          <span>{t('people_bulk_tag')}</span>
          <input value={tag} onChange={(e) => setTag(e.target.value)} />
        </label>
        <button type="button" disabled={!tag.trim()} onClick={() => void run({ kind: 'add-tag', tag: tag.trim() }).then(() => setTag(''))}>
          {t('people_bulk_add_tag')}
        </button>
        <label className="field">
          <span>{t('field_circle')}</span>
          <select value={circle} onChange={(e) => setCircle(e.target.value)}>
            <CircleOptions circles={circleList} />
          </select>
        </label>
        <button type="button" onClick={() => void run({ kind: 'set-circle', circleId: circle || undefined })}>
          {t('people_bulk_set_circle')}
        </button>
        <button type="button" onClick={() => void run({ kind: 'archive', archived: true })}>
          {t('people_archive')}
        </button>
        <button type="button" onClick={() => void run({ kind: 'archive', archived: false })}>
          {t('people_unarchive')}
        </button>
        <button type="button" aria-expanded={snoozing} onClick={() => setSnoozing((v) => !v)}>
          {t('action_snooze')}
        </button>
        <button type="button" onClick={() => void run({ kind: 'snooze', until: undefined })}>
          {t('unsnooze')}
        </button>
        <button type="button" className="danger" onClick={() => void remove()}>
          {t('opt_delete')}
        </button>
      </div>
      {snoozing && (
        <SnoozeChoices
          className="row snooze-choices"
          label={t('people_bulk_snooze_label')}
          timeZone={timeZone}
          onSnooze={(until) => run({ kind: 'snooze', until })}
        />
      )}
      {error && <p className="error">{t(error)}</p>}
    </div>
  );
}

/** Fields the box's own filter does not read: a match there is shown with its snippet. */
const TEXT_FIELDS: ReadonlySet<SearchField> = new Set(['notes', 'followups', 'touches', 'howWeMet']);

export function PeopleList() {
  const circleList = useSettings((s) => s.circles);
  const t = useT();
  const lang = useLang();
  const id = useId();
  const now = useNow();
  const rows = usePeopleRows();
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search, 150);
  const [filter, setFilter] = useState<Omit<PeopleFilter, 'search'>>({ sort: 'name', archived: 'active' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState(0);
  const [showDupes, setShowDupes] = useState(false);
  const [adding, setAdding] = useState(false);
  const showToast = useToasts((s) => s.show);
  const listRef = useRef<HTMLDivElement>(null);

  // The full-text search adds the people found by their notes, touches and how you
  // met (with why), after those the box's own filter finds; a #tag is the filter's alone.
  const text = debounced.trim();
  const found = usePeopleSearch(text && !text.startsWith('#') ? text : '', { limit: 50 });
  const whyOf = useMemo(
    () => new Map(found.state === 'ready' ? found.results.flatMap((r) => (r.why && TEXT_FIELDS.has(r.why.field) ? [[r.id, r.why] as const] : [])) : []),
    [found],
  );
  const shown = useMemo(() => {
    const byFilter = filterPeople(rows ?? [], { ...filter, search: debounced }, now);
    if (whyOf.size === 0) return byFilter;
    const have = new Set(byFilter.map((r) => r.id));
    const more = filterPeople(
      (rows ?? []).filter((r) => whyOf.has(r.id) && !have.has(r.id)),
      { ...filter, search: '' },
      now,
    );
    return [...byFilter, ...more];
  }, [rows, filter, debounced, now, whyOf]);
  const tags = useMemo(() => allTags(rows ?? []), [rows]);
  const notYet = useMemo(() => (rows ?? []).filter((r) => r.archived === 0 && r.stage === 'connected').length, [rows]);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const circles = useMemo(() => new Map(circleList.map((c) => [c.id, c])), [circleList]);
  const timeZone = useSettings(resolveTimeZone);
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));
  const activeRow = shown[activeIndex];

  const patch = (p: Partial<PeopleFilter>) => {
    setFilter((f) => ({ ...f, ...p }));
    setActive(0);
  };
  const toggle = (rid: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(rid)) n.delete(rid);
      else n.add(rid);
      return n;
    });
  const moveTo = (i: number) => {
    const clamped = Math.max(0, Math.min(shown.length - 1, i));
    setActive(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (shown.length === 0) return;
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? 560) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      PageDown: () => moveTo(activeIndex + page),
      PageUp: () => moveTo(activeIndex - page),
      Home: () => moveTo(0),
      End: () => moveTo(shown.length - 1),
      ' ': () => activeRow && toggle(activeRow.id),
      Enter: () => activeRow && navigate({ section: 'person', id: activeRow.id }),
    };
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setSelected(new Set(shown.map((r) => r.id)));
      return;
    }
    const fn = keys[e.key];
    if (fn) {
      e.preventDefault();
      fn();
    }
  };

  return (
    <section aria-labelledby={`${id}-h`} className="stack">
      <div className="row">
        <h2 id={`${id}-h`} className="grow">
          {t('options_people')}
        </h2>
        <button type="button" aria-expanded={adding} onClick={() => setAdding((v) => !v)}>
          {t('add_someone')}
        </button>
      </div>
      {adding && (
        <AddPersonForm
          onSaved={(r) => {
            setAdding(false);
            showToast({
              text: t(r.merged ? 'add_merged' : 'add_saved', { name: r.name }),
              actionLabel: t('add_open'),
              onAction: () => navigate({ section: 'person', id: r.personId }),
            });
          }}
          onOpen={(personId) => navigate({ section: 'person', id: personId })}
          onCancel={() => setAdding(false)}
        />
      )}
      {rows === undefined ? (
        <p className="loading">{t('loading')}</p>
      ) : (
        <>
          <p className="muted">
            {t('people_count', { count: rows.length })} {notYet > 0 && t('people_not_yet', { count: notYet })}
          </p>
          <div className="row filters">
            <label className="field grow">
              <span>{t('people_search')}</span>
              <input type="search" value={search} placeholder={t('people_search_hint')} onChange={(e) => setSearch(e.target.value)} />
            </label>
            <FilterSelect
              label={t('field_circle')}
              value={filter.circle ?? ''}
              onChange={(v) => patch({ circle: v || undefined })}
              options={[['', t('people_any')], ['none', t('circle_none')], ...circleList.map((c) => [c.id, circleName(lang, c)] as const)]}
            />
            <FilterSelect
              label={t('people_stage')}
              value={filter.stage ?? ''}
              onChange={(v) => patch({ stage: (v || undefined) as Stage | undefined })}
              options={[['', t('people_any')], ...STAGES.map((st) => [st, t(STAGE_LABEL[st])] as const)]}
            />
            <FilterSelect
              label={t('people_tag')}
              value={filter.tag ?? ''}
              onChange={(v) => patch({ tag: v || undefined })}
              options={[['', t('people_any')], ...tags.map((tg) => [tg, tg] as const)]}
            />
            <FilterSelect
              label={t('people_site')}
              value={filter.site ?? ''}
              onChange={(v) => patch({ site: (v || undefined) as SiteId | undefined })}
              options={[['', t('people_any')], ...SITES.map((st) => [st, t(SITE_LABEL[st])] as const)]}
            />
            <FilterSelect
              label={t('people_show')}
              value={filter.archived ?? 'active'}
              onChange={(v) => patch({ archived: v as PeopleFilter['archived'] })}
              options={[
                ['active', t('people_show_active')],
                ['archived', t('people_show_archived')],
                ['all', t('people_show_all')],
              ]}
            />
            <FilterSelect
              label={t('people_sort')}
              value={filter.sort ?? 'name'}
              onChange={(v) => patch({ sort: v as PeopleSort })}
              options={[
                ['name', t('people_sort_name')],
                ['last-personal', t('people_sort_last')],
                ['due', t('people_sort_due')],
              ]}
            />
            <label className="inline">
              <input type="checkbox" checked={Boolean(filter.dueOnly)} onChange={(e) => patch({ dueOnly: e.target.checked })} /> {t('people_due_only')}
            </label>
          </div>
          <div className="row">
            <span className="muted grow" aria-live="polite">
              {t('people_shown', { count: shown.length })}
            </span>
            <button type="button" className="link" onClick={() => setSelected(new Set(shown.map((r) => r.id)))} disabled={shown.length === 0}>
              {t('people_select_all')}
            </button>
            <button type="button" className="link" onClick={() => setShowDupes((v) => !v)} aria-expanded={showDupes}>
              {t('people_find_duplicates')}
            </button>
          </div>
          {selected.size > 0 && <BulkBar ids={[...selected]} onDone={() => setSelected(new Set())} />}
          {showDupes && <Duplicates rows={rows} />}
          {shown.length === 0 ? (
            <p className="empty muted">{rows.length === 0 ? t('people_empty') : t('people_no_match')}</p>
          ) : (
            <>
              <p id={`${id}-help`} className="muted small">
                {t('people_keys_hint')}
              </p>
              <div
                ref={listRef}
                className="people-list"
                role="listbox"
                aria-label={t('options_people')}
                aria-multiselectable="true"
                aria-describedby={`${id}-help`}
                aria-activedescendant={activeRow ? `${id}-o-${activeRow.id}` : undefined}
                tabIndex={0}
                onKeyDown={onKey}
              >
                <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                  {virtualizer.getVirtualItems().map((v) => {
                    const r = shown[v.index];
                    if (!r) return null;
                    const circle = r.circleId ? circles.get(r.circleId) : undefined;
                    const isSel = selected.has(r.id);
                    const due = isDueRow(r, now);
                    const snoozed = isSnoozedRow(r, now) ? r.snoozedUntil : undefined;
                    return (
                      <div
                        key={r.id}
                        id={`${id}-o-${r.id}`}
                        role="option"
                        aria-selected={isSel}
                        aria-setsize={shown.length}
                        aria-posinset={v.index + 1}
                        className={`person-row${v.index === activeIndex ? ' active' : ''}${isSel ? ' selected' : ''}`}
                        style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                        onClick={(e) => {
                          setActive(v.index);
                          if (e.ctrlKey || e.metaKey || e.shiftKey) toggle(r.id);
                          else navigate({ section: 'person', id: r.id });
                        }}
                      >
                        <span
                          className={`check${isSel ? ' on' : ''}`}
                          aria-hidden="true"
                          onClick={(e) => {
                            e.stopPropagation();
                            setActive(v.index);
                            toggle(r.id);
                          }}
                        />
                        <span className="person-main">
                          <span className="person-line">
                            <strong>{r.name}</strong>
                            {r.company && <span className="muted">{` · ${r.company}`}</span>}
                            {r.archived === 1 && <span className="chip">{t('people_archived')}</span>}
                            {whyOf.has(r.id) && (
                              <>
                                {' '}
                                <WhyLine why={whyOf.get(r.id)!} />
                              </>
                            )}
                          </span>
                          <span className="person-line small muted">
                            <span className="last-touch">{lastTouchText(t, lang, r, now)}</span>
                            <span className="chip">{t(STAGE_LABEL[r.stage])}</span>
                            {circle && <span className="chip">{circleName(lang, circle)}</span>}
                            {due && <span className="chip due-chip">{t('people_due')}</span>}
                            {snoozed !== undefined && (
                              <span className="chip snoozed-chip">{t('snoozed_until', { date: formatSnoozeDay(lang, snoozed, now, timeZone) })}</span>
                            )}
                            {r.tags.slice(0, 3).map((tg) => (
                              <span key={tg} className="chip">
                                {`#${tg}`}
                              </span>
                            ))}
                          </span>
                        </span>
                      </div>
                    );
                  })}
                </div>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
