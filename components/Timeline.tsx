/**
 * One timeline per person: touches (imported ones marked), notes and promises,
 * dates, and the day the person was added, newest first, in the side panel and
 * the person editor. Every entry but "added" can be edited and deleted in place,
 * through the write path's operations (`editTouch`, `removeTouch`, `editNote`,
 * `deleteNote`, `saveDate`, `removeDate`), so whatever wraps those (an undo)
 * wraps the timeline too.
 */
import { useId, useState, type FormEvent } from 'react';
import type { PersonView } from '@/lib/db/read';
import { getDb } from '@/lib/db/db';
import { deleteNote, editNote, editTouch, removeDate, removeTouch, saveDate } from '@/lib/db/writes';
import { formatDate, type Lang } from '@/lib/i18n';
import type { Channel, Note, PersonDate, Touch } from '@/lib/model/types';
import { nextOccurrenceKey } from '@/lib/relationship/dates';
import { ALL_CHANNELS, depthOfChannel } from '@/lib/relationship/touches';
import { localDayKey, startOfLocalDate } from '@/lib/relationship/time';
import { channelLabel, dateName } from '@/lib/ui/describe';
import { useLang, useT } from './i18n';
import { useWrite } from './useWrite';
import { DateForm, formatDay } from './PersonDates';
import { fromLocalInput, toLocalInput } from './TouchFields';

type Entry =
  | { type: 'touch'; key: string; at: number; touch: Touch }
  | { type: 'note'; key: string; at: number; note: Note }
  | { type: 'date'; key: string; at: number; date: PersonDate }
  | { type: 'added'; key: string; at: number };

/** The entries, newest first (upcoming dates on top); ties keep a fixed order. */
export function timelineEntries(view: PersonView, now: number, timeZone: string): Entry[] {
  const today = localDayKey(now, timeZone);
  const out: Entry[] = [
    ...view.touches.map((touch): Entry => ({ type: 'touch', key: `t:${touch.id}`, at: touch.at, touch })),
    ...view.notes.map((note): Entry => ({ type: 'note', key: `n:${note.id}`, at: note.createdAt, note })),
    ...(view.person.dates ?? []).map((date): Entry => ({
      type: 'date',
      key: `d:${date.id}`,
      at: startOfLocalDate(nextOccurrenceKey(date, today), timeZone),
      date,
    })),
    { type: 'added', key: 'added', at: view.person.createdAt },
  ];
  return out.sort((a, b) => b.at - a.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function touchTitle(lang: Lang, t: ReturnType<typeof useT>, touch: Touch): string {
  const how = channelLabel(lang, touch.channel);
  return touch.direction === 'in' ? t('timeline_touch_in', { channel: how }) : how;
}

/** Imported touches say where from: LinkedIn's export keys its rows "li-…"; other imports are files. */
function importedFrom(t: ReturnType<typeof useT>, touch: Touch): string | undefined {
  if (touch.sourceKey?.startsWith('li-')) return t('timeline_imported', { source: t('site_linkedin') });
  if (touch.source === 'import' || touch.sourceKey) return t('timeline_imported_file');
  return undefined;
}

function noteTitle(t: ReturnType<typeof useT>, note: Note): string {
  if (note.kind === 'listening') return t('timeline_note');
  return t(note.doneAt !== undefined ? 'timeline_followup_done' : 'timeline_followup');
}

/** A `date` input's value for an instant, in the browser's time (as the add-note form reads it back). */
function toDateInput(ms: number): string {
  return toLocalInput(ms).slice(0, 10);
}

function TouchEdit({ touch, onDone, afterWrite }: { touch: Touch; onDone: () => void; afterWrite?: () => void }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const [f, setF] = useState({ at: toLocalInput(touch.at), channel: touch.channel, note: touch.note ?? '' });
  const { error, run } = useWrite(afterWrite);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const at = fromLocalInput(f.at);
    const channelChanged = f.channel !== touch.channel;
    const ok = await run((ctx) =>
      editTouch(
        getDb(),
        touch.id,
        {
          ...(at !== undefined ? { at } : {}),
          ...(channelChanged ? { channel: f.channel, depth: depthOfChannel(f.channel) ?? touch.depth } : {}),
          note: f.note,
        },
        ctx,
      ),
    );
    if (ok) onDone();
  };
  return (
    <form
      className="stack"
      onSubmit={(e) => void save(e)}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
      aria-label={t('timeline_edit_label', { what: touchTitle(lang, t, touch) })}
    >
      <div className="row">
        <label className="field">
          <span>{t('timeline_when')}</span>
          <input type="datetime-local" value={f.at} onChange={(e) => setF({ ...f, at: e.target.value })} autoFocus />
        </label>
        <span className="field">
          <label htmlFor={`${id}-how`}>{t('timeline_channel')}</label>
          <select id={`${id}-how`} value={f.channel} onChange={(e) => setF({ ...f, channel: e.target.value as Channel })}>
            {ALL_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channelLabel(lang, c)}
              </option>
            ))}
          </select>
        </span>
        <label className="field grow">
          <span>{t('timeline_text')}</span>
          <input value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} />
        </label>
      </div>
      <div className="row">
        <button type="submit">{t('timeline_save')}</button>
        <button type="button" onClick={onDone}>
          {t('timeline_cancel')}
        </button>
      </div>
      {error && <p className="error">{t(error)}</p>}
    </form>
  );
}

function NoteEdit({ note, onDone, afterWrite }: { note: Note; onDone: () => void; afterWrite?: () => void }) {
  const t = useT();
  const [text, setText] = useState(note.text);
  const [due, setDue] = useState(note.dueAt !== undefined ? toDateInput(note.dueAt) : '');
  const { error, run } = useWrite(afterWrite);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const dueMs = due ? new Date(`${due}T09:00`).getTime() : null;
    const ok = await run((ctx) =>
      editNote(getDb(), note.id, { text, ...(note.kind === 'followup' ? { dueAt: dueMs !== null && Number.isFinite(dueMs) ? dueMs : null } : {}) }, ctx),
    );
    if (ok) onDone();
  };
  return (
    <form
      className="stack"
      onSubmit={(e) => void save(e)}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
      aria-label={t('timeline_edit_label', { what: noteTitle(t, note) })}
    >
      <label className="field">
        <span>{t('timeline_text')}</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} required autoFocus rows={3} />
      </label>
      {note.kind === 'followup' && (
        <label className="field">
          <span>{t('field_due')}</span>
          <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
      )}
      <div className="row">
        <button type="submit">{t('timeline_save')}</button>
        <button type="button" onClick={onDone}>
          {t('timeline_cancel')}
        </button>
      </div>
      {error && <p className="error">{t(error)}</p>}
    </form>
  );
}

function EntryRow({ entry, view, timeZone, afterWrite }: { entry: Entry; view: PersonView; timeZone: string; afterWrite?: () => void }) {
  const t = useT();
  const lang = useLang();
  const [editing, setEditing] = useState(false);
  const { error, run } = useWrite(afterWrite);
  const personId = view.person.id;
  const done = () => setEditing(false);
  let title: string;
  let body: string | undefined;
  let extra: string | undefined;
  let when = formatDate(lang, entry.at, timeZone);
  let remove: (() => Promise<unknown>) | undefined;
  switch (entry.type) {
    case 'touch':
      title = touchTitle(lang, t, entry.touch);
      body = entry.touch.note;
      extra = importedFrom(t, entry.touch);
      remove = () => run((ctx) => removeTouch(getDb(), entry.touch.id, ctx));
      break;
    case 'note':
      title = noteTitle(t, entry.note);
      body = entry.note.text;
      if (entry.note.kind === 'followup' && entry.note.dueAt !== undefined && entry.note.doneAt === undefined) {
        extra = t('timeline_due', { date: formatDate(lang, entry.note.dueAt, timeZone) });
      }
      remove = () => run((ctx) => deleteNote(getDb(), entry.note.id, ctx));
      break;
    case 'date':
      title = dateName(lang, entry.date);
      when = entry.date.once ? formatDay(lang, entry.date, true) : t('timeline_date_next', { date: formatDate(lang, entry.at, timeZone) });
      extra = entry.date.once ? undefined : t('date_every_year', { date: formatDay(lang, entry.date, entry.date.year !== undefined) });
      remove = () => run((ctx) => removeDate(getDb(), personId, entry.date.id, ctx));
      break;
    case 'added':
      title = t('timeline_added');
      break;
  }
  if (editing) {
    return (
      <li className={`timeline-entry timeline-${entry.type}`}>
        {entry.type === 'touch' && <TouchEdit touch={entry.touch} onDone={done} {...(afterWrite ? { afterWrite } : {})} />}
        {entry.type === 'note' && <NoteEdit note={entry.note} onDone={done} {...(afterWrite ? { afterWrite } : {})} />}
        {entry.type === 'date' && (
          <DateForm
            date={entry.date}
            onCancel={done}
            onSave={async (input) => {
              const ok = await run((ctx) => saveDate(getDb(), personId, input, ctx));
              if (ok) done();
              return ok;
            }}
          />
        )}
      </li>
    );
  }
  return (
    <li className={`timeline-entry timeline-${entry.type}`}>
      <div className="row">
        <span className="grow">
          <strong>{title}</strong> <span className="muted small">{when}</span>
          {extra && <span className="chip small"> {extra}</span>}
        </span>
        {entry.type !== 'added' && (
          <>
            <button
              type="button"
              className="link"
              onClick={() => setEditing(true)}
              aria-label={t('timeline_edit_label', { what: body ? `${title}: ${body}` : title })}
            >
              {t('timeline_edit')}
            </button>
            <button
              type="button"
              className="link danger"
              onClick={() => void remove?.()}
              aria-label={t('timeline_delete_label', { what: body ? `${title}: ${body}` : title })}
            >
              {t('timeline_delete')}
            </button>
          </>
        )}
      </div>
      {body && <p className="timeline-body">{body}</p>}
      {error && <p className="error">{t(error)}</p>}
    </li>
  );
}

const PAGE = 50;

export function Timeline({
  view,
  now,
  timeZone,
  heading = 'h3',
  afterWrite,
}: {
  view: PersonView;
  now: number;
  timeZone: string;
  heading?: 'h2' | 'h3';
  afterWrite?: () => void;
}) {
  const t = useT();
  const hid = useId();
  const [limit, setLimit] = useState(PAGE);
  const entries = timelineEntries(view, now, timeZone);
  const Heading = heading;
  return (
    <section className="stack timeline" aria-labelledby={`${hid}-h`}>
      <Heading id={`${hid}-h`} className={heading === 'h2' ? 'section-title' : undefined}>
        {t('timeline_title')}
      </Heading>
      {entries.length <= 1 && <p className="muted">{t('timeline_empty')}</p>}
      <ol className="plain-list timeline-list">
        {entries.slice(0, limit).map((e) => (
          <EntryRow key={e.key} entry={e} view={view} timeZone={timeZone} {...(afterWrite ? { afterWrite } : {})} />
        ))}
      </ol>
      {entries.length > limit && (
        <button type="button" className="link" onClick={() => setLimit((n) => n + PAGE * 4)}>
          {t('timeline_more', { count: entries.length - limit })}
        </button>
      )}
    </section>
  );
}
