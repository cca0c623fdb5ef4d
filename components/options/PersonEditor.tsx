import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { getDb } from '../../lib/db/db';
import { deletePeople, editPerson, mergePeople, undoDelete, unlinkProfile, updateNoteText, updateTouch, addNote, deleteNote, linkProfile, logTouch, removeTouch, setFollowUpDone, snooze, unsnooze, type PersonPatch } from '../../lib/db/writes';
import { fold } from '../../lib/relationship/people-list';
import { personView, type PersonView } from '../../lib/db/read';
import { formatDate, type MessageKey } from '../../lib/i18n';
import { channelLabel } from '../../lib/i18n/describe';
import type { Settings } from '../../lib/model/settings';
import type { Birthday, Channel, Direction, Note, NoteKind, SiteId, Touch, TouchDepth } from '../../lib/model/types';
import { stageOf } from '../../lib/relationship/stages';
import { ALL_CHANNELS, depthOfChannel } from '../../lib/relationship/touches';
import { linkedInHandleFromUrl } from '../../lib/sites/identity';
import { safeHref } from '../../lib/ui/safe-url';
import { writeCtx } from '../ctx';
import { useLang, useT } from '../i18n';
import { formatSnoozeDay, SnoozeChoices } from '../SnoozeChoices';
import { fromLocalInput, newTouchDraft, toLocalInput, TouchFields } from '../TouchFields';
import { useNow } from '../useSettings';
import { AllowNudgesButton, useMutedIds } from './mutes';
import { SITE_NAME, STAGE_LABEL } from './PeopleList';
import { navigate } from './route';
import { SITES } from './sites';
import { useToasts } from './toast';
import { usePeopleRows } from './usePeople';
import { failureKey } from './words';
import { CircleOptions } from '../CircleOptions';

const DEPTHS: TouchDepth[] = ['personal', 'passive', 'broadcast'];
const DEPTH_LABEL: Record<TouchDepth, MessageKey> = { personal: 'depth_personal', passive: 'depth_passive', broadcast: 'depth_broadcast' };

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);

/** A typed profile address or handle -> site handle. */
export function handleFrom(site: SiteId, input: string): string | undefined {
  const s = input.trim();
  if (!s) return undefined;
  if (site === 'linkedin') return linkedInHandleFromUrl(s) ?? (/^[^\s/]+$/.test(s) ? s : undefined);
  if (/^https?:\/\//i.test(s)) {
    try {
      const first = new URL(s).pathname.split('/').filter(Boolean)[0];
      return first ? first.replace(/^@/, '') : undefined;
    } catch {
      return undefined;
    }
  }
  return /^@?[^\s/]+$/.test(s) ? s.replace(/^@/, '') : undefined;
}

function useAction(settings: Settings) {
  const [error, setError] = useState<MessageKey>();
  const run = async (fn: (ctx: ReturnType<typeof writeCtx>) => Promise<unknown>): Promise<boolean> => {
    setError(undefined);
    try {
      await fn(writeCtx(settings));
      return true;
    } catch (err) {
      setError(failureKey(err));
      return false;
    }
  };
  return { error, run };
}

function DetailsForm({ view, settings }: { view: PersonView; settings: Settings }) {
  const t = useT();
  const p = view.person;
  const init = () => ({
    name: p.name,
    headline: p.headline ?? '',
    company: p.company ?? '',
    location: p.location ?? '',
    phones: p.phones.join('\n'),
    emails: p.emails.join('\n'),
    bDay: p.birthday ? String(p.birthday.day) : '',
    bMonth: p.birthday ? String(p.birthday.month) : '',
    bYear: p.birthday?.year !== undefined ? String(p.birthday.year) : '',
    howWeMet: p.howWeMet ?? '',
    tags: p.tags.join(', '),
    circleId: p.circleId ?? '',
    ownRhythm: Boolean(p.rhythm),
    ideal: String(p.rhythm?.idealDays ?? 30),
    max: String(p.rhythm?.maxDays ?? 45),
  });
  const [f, setF] = useState(init);
  // What the form last showed from the stored person, and for whom.
  const shown = useRef({ id: p.id, values: f });
  // Set while the form's own save is written: the stored values then replace what was typed.
  const saving = useRef(false);
  // A different person (or a merge) resets the form. A change to the same person
  // made elsewhere (a snooze, a touch logged in the side panel) refreshes it only
  // if the user has not typed anything: half-typed edits are never thrown away.
  useEffect(() => {
    const next = init();
    const prev = shown.current;
    const take = prev.id !== p.id || saving.current;
    saving.current = false;
    setF((cur) => (take || JSON.stringify(cur) === JSON.stringify(prev.values) ? next : cur));
    shown.current = { id: p.id, values: next };
  }, [p.id, p.updatedAt]); // eslint-disable-line react-hooks/exhaustive-deps
  const [saved, setSaved] = useState(false);
  const [bad, setBad] = useState<MessageKey>();
  const { error, run } = useAction(settings);
  const up = (k: keyof typeof f) => (e: { target: { value: string } }) => {
    setSaved(false);
    setF((x) => ({ ...x, [k]: e.target.value }));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBad(undefined);
    let birthday: Birthday | undefined;
    if (f.bDay || f.bMonth || f.bYear) {
      const day = Number(f.bDay);
      const month = Number(f.bMonth);
      const year = f.bYear ? Number(f.bYear) : undefined;
      const ok = Number.isInteger(day) && Number.isInteger(month) && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate() && (year === undefined || (Number.isInteger(year) && year > 1900 && year < 2200));
      if (!ok) return setBad('field_birthday_invalid');
      birthday = { day, month, ...(year !== undefined ? { year } : {}) };
    }
    const ideal = Math.max(1, Number(f.ideal) || 1);
    const patch: PersonPatch = {
      name: f.name.trim() || p.name,
      headline: f.headline.trim() || undefined,
      company: f.company.trim() || undefined,
      location: f.location.trim() || undefined,
      phones: lines(f.phones),
      emails: lines(f.emails),
      birthday,
      howWeMet: f.howWeMet.trim() || undefined,
      tags: [...new Set(f.tags.split(',').map((x) => x.trim()).filter(Boolean))],
      circleId: f.circleId || undefined,
      rhythm: f.ownRhythm ? { idealDays: ideal, maxDays: Math.max(ideal, Number(f.max) || ideal) } : undefined,
    };
    saving.current = true;
    if (await run((ctx) => editPerson(getDb(), p.id, patch, ctx))) setSaved(true);
    else saving.current = false;
  };
  return (
    <form className="stack" onSubmit={submit} aria-label={t('editor_details')}>
      <div className="row">
        <label className="field grow">
          <span>{t('field_name')}</span>
          <input value={f.name} onChange={up('name')} required />
        </label>
        <label className="field grow">
          <span>{t('field_company')}</span>
          <input value={f.company} onChange={up('company')} />
        </label>
      </div>
      <div className="row">
        <label className="field grow">
          <span>{t('field_headline')}</span>
          <input value={f.headline} onChange={up('headline')} />
        </label>
        <label className="field grow">
          <span>{t('field_location')}</span>
          <input value={f.location} onChange={up('location')} />
        </label>
      </div>
      <div className="row">
        <label className="field grow">
          <span>{t('field_phones')}</span>
          <textarea rows={2} value={f.phones} onChange={up('phones')} />
        </label>
        <label className="field grow">
          <span>{t('field_emails')}</span>
          <textarea rows={2} value={f.emails} onChange={up('emails')} />
        </label>
      </div>
      <fieldset className="row">
        <legend>{t('field_birthday')}</legend>
        <label className="field">
          <span>{t('field_day')}</span>
          <input type="number" min={1} max={31} value={f.bDay} onChange={up('bDay')} />
        </label>
        <label className="field">
          <span>{t('field_month')}</span>
          <input type="number" min={1} max={12} value={f.bMonth} onChange={up('bMonth')} />
        </label>
        <label className="field">
          <span>{t('field_year_optional')}</span>
          <input type="number" min={1900} max={2200} value={f.bYear} onChange={up('bYear')} />
        </label>
      </fieldset>
      <label className="field">
        <span>{t('field_how_we_met')}</span>
        <textarea rows={3} value={f.howWeMet} onChange={up('howWeMet')} placeholder={t('field_how_we_met_hint')} />
      </label>
      <label className="field">
        <span>{t('field_tags')}</span>
        <input value={f.tags} onChange={up('tags')} />
      </label>
      <div className="row">
        <label className="field">
          <span>{t('field_circle')}</span>
          <select value={f.circleId} onChange={up('circleId')}>
            <CircleOptions circles={settings.circles} />
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={f.ownRhythm} onChange={(e) => setF((x) => ({ ...x, ownRhythm: e.target.checked }))} /> {t('editor_own_rhythm')}
        </label>
        {f.ownRhythm && (
          <>
            <label className="field">
              <span>{t('settings_ideal_days')}</span>
              <input type="number" min={1} max={3650} value={f.ideal} onChange={up('ideal')} />
            </label>
            <label className="field">
              <span>{t('settings_max_days')}</span>
              <input type="number" min={1} max={3650} value={f.max} onChange={up('max')} />
            </label>
          </>
        )}
      </div>
      <div className="row">
        <button type="submit" className="primary">
          {t('panel_save_details')}
        </button>
        {saved && <span role="status">{t('editor_saved')}</span>}
      </div>
      {bad && <p className="error">{t(bad)}</p>}
      {error && <p className="error">{t(error)}</p>}
    </form>
  );
}

function Profiles({ view, settings }: { view: PersonView; settings: Settings }) {
  const t = useT();
  const [site, setSite] = useState<SiteId>('linkedin');
  const [text, setText] = useState('');
  const [bad, setBad] = useState<MessageKey>();
  const { error, run } = useAction(settings);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setBad(undefined);
    const handle = handleFrom(site, text);
    if (!handle) return setBad('editor_profile_invalid');
    const url = safeHref(text.trim());
    const ok = await run((ctx) => linkProfile(getDb(), view.person.id, { site, handle, url: url ?? '' }, ctx));
    if (ok) setText('');
  };
  return (
    <section className="stack">
      <h3>{t('editor_profiles')}</h3>
      {view.profiles.length === 0 ? (
        <p className="muted">{t('editor_no_profiles')}</p>
      ) : (
        <ul className="plain-list">
          {view.profiles.map((pr) => {
            const href = safeHref(pr.url);
            return (
              <li key={pr.id} className="row">
                <span className="grow">
                  {`${t(SITE_NAME[pr.site])}: `}
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {pr.handle}
                    </a>
                  ) : (
                    pr.handle
                  )}
                </span>
                <button type="button" onClick={() => void run((ctx) => unlinkProfile(getDb(), pr.id, ctx))}>
                  {t('editor_profile_remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="row" onSubmit={add}>
        <label className="field">
          <span>{t('people_site')}</span>
          <select value={site} onChange={(e) => setSite(e.target.value as SiteId)}>
            {SITES.map((s) => (
              <option key={s} value={s}>
                {t(SITE_NAME[s])}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('editor_profile_address')}</span>
          <input value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" disabled={!text.trim()}>
          {t('editor_profile_add')}
        </button>
      </form>
      {bad && <p className="error">{t(bad)}</p>}
      {error && <p className="error">{t(error === 'error_generic' ? 'editor_profile_taken' : error)}</p>}
    </section>
  );
}

function TouchRow({ touch, settings }: { touch: Touch; settings: Settings }) {
  const t = useT();
  const lang = useLang();
  const [f, setF] = useState({ channel: touch.channel, depth: touch.depth, direction: touch.direction, at: toLocalInput(touch.at), note: touch.note ?? '' });
  useEffect(() => setF({ channel: touch.channel, depth: touch.depth, direction: touch.direction, at: toLocalInput(touch.at), note: touch.note ?? '' }), [touch]);
  const { error, run } = useAction(settings);
  const dirty = f.channel !== touch.channel || f.depth !== touch.depth || f.direction !== touch.direction || f.at !== toLocalInput(touch.at) || f.note !== (touch.note ?? '');
  const save = () => {
    const at = fromLocalInput(f.at);
    void run((ctx) => updateTouch(getDb(), touch.id, { channel: f.channel, depth: f.depth, direction: f.direction, note: f.note, ...(at !== undefined ? { at } : {}) }, ctx));
  };
  return (
    <li className="touch-row stack">
      <div className="row">
        <label className="field">
          <span>{t('field_when')}</span>
          <input type="datetime-local" value={f.at} onChange={(e) => setF({ ...f, at: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('field_how')}</span>
          <select value={f.channel} onChange={(e) => {
            const channel = e.target.value as Channel;
            setF({ ...f, channel, depth: depthOfChannel(channel) ?? f.depth });
          }}>
            {ALL_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channelLabel(lang, c)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('editor_counts_as')}</span>
          <select value={f.depth} onChange={(e) => setF({ ...f, depth: e.target.value as TouchDepth })}>
            {DEPTHS.map((d) => (
              <option key={d} value={d}>
                {t(DEPTH_LABEL[d])}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('editor_direction')}</span>
          <select value={f.direction} onChange={(e) => setF({ ...f, direction: e.target.value as Direction })}>
            <option value="out">{t('direction_out')}</option>
            <option value="in">{t('direction_in')}</option>
          </select>
        </label>
        <label className="field grow">
          <span>{t('field_touch_note')}</span>
          <input value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} />
        </label>
      </div>
      <div className="row">
        <button type="button" disabled={!dirty} onClick={save}>
          {t('opt_save')}
        </button>
        <button type="button" onClick={() => void run((ctx) => removeTouch(getDb(), touch.id, ctx))}>
          {t('opt_delete')}
        </button>
        {touch.source === 'import' && <span className="muted small">{t('editor_imported')}</span>}
      </div>
      {error && <p className="error">{t(error)}</p>}
    </li>
  );
}

function Touches({ view, settings }: { view: PersonView; settings: Settings }) {
  const t = useT();
  const [draft, setDraft] = useState(() => newTouchDraft(Date.now()));
  const [limit, setLimit] = useState(30);
  const { error, run } = useAction(settings);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const when = fromLocalInput(draft.at);
    const ok = await run((ctx) => logTouch(getDb(), { personId: view.person.id, channel: draft.channel, note: draft.note, source: 'manual', ...(when !== undefined ? { at: when } : {}) }, ctx));
    if (ok) setDraft((d) => ({ ...d, note: '' }));
  };
  return (
    <section className="stack">
      <h3>{t('editor_touches')}</h3>
      <form className="row" onSubmit={add} aria-label={t('panel_log_touch')}>
        <TouchFields channels={ALL_CHANNELS} draft={draft} onChange={setDraft} inline />
        <button type="submit">{t('panel_log_touch_button')}</button>
      </form>
      {error && <p className="error">{t(error)}</p>}
      {view.touches.length === 0 ? (
        <p className="muted">{t('editor_no_touches')}</p>
      ) : (
        <ul className="plain-list">
          {view.touches.slice(0, limit).map((x) => (
            <TouchRow key={x.id} touch={x} settings={settings} />
          ))}
        </ul>
      )}
      {view.touches.length > limit && (
        <button type="button" className="link" onClick={() => setLimit((n) => n + 100)}>
          {t('editor_more_touches', { count: view.touches.length - limit })}
        </button>
      )}
    </section>
  );
}

function NoteRow({ note, settings }: { note: Note; settings: Settings }) {
  const t = useT();
  const lang = useLang();
  const [text, setText] = useState(note.text);
  useEffect(() => setText(note.text), [note.text]);
  const { error, run } = useAction(settings);
  return (
    <li className="stack note-row">
      <span className="muted small">
        {t(note.kind === 'followup' ? 'note_kind_followup' : 'note_kind_listening')}
        {note.dueAt !== undefined && ` · ${t('panel_due', { date: formatDate(lang, note.dueAt) })}`}
      </span>
      <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} aria-label={t('editor_note_text')} />
      <div className="row">
        {note.kind === 'followup' && (
          <label className="inline">
            <input type="checkbox" checked={note.doneAt !== undefined} onChange={(e) => void run((ctx) => setFollowUpDone(getDb(), note.id, e.target.checked, ctx))} /> {t('editor_done')}
          </label>
        )}
        <button type="button" disabled={text.trim() === note.text || !text.trim()} onClick={() => void run((ctx) => updateNoteText(getDb(), note.id, text, ctx))}>
          {t('opt_save')}
        </button>
        <button type="button" onClick={() => void run((ctx) => deleteNote(getDb(), note.id, ctx))}>
          {t('opt_delete')}
        </button>
      </div>
      {error && <p className="error">{t(error)}</p>}
    </li>
  );
}

function Notes({ view, settings }: { view: PersonView; settings: Settings }) {
  const t = useT();
  const [kind, setKind] = useState<NoteKind>('listening');
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const { error, run } = useAction(settings);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const dueAt = due ? fromLocalInput(`${due}T12:00`) : undefined;
    const ok = await run((ctx) => addNote(getDb(), { personId: view.person.id, kind, text, ...(kind === 'followup' && dueAt !== undefined ? { dueAt } : {}) }, ctx));
    if (ok) {
      setText('');
      setDue('');
    }
  };
  return (
    <section className="stack">
      <h3>{t('editor_notes')}</h3>
      <form className="stack" onSubmit={add} aria-label={t('panel_add_note')}>
        <div className="row">
          <label className="field">
            <span>{t('field_note_kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as NoteKind)}>
              <option value="listening">{t('note_kind_listening')}</option>
              <option value="followup">{t('note_kind_followup')}</option>
            </select>
          </label>
          {kind === 'followup' && (
            <label className="field">
              <span>{t('field_due')}</span>
              <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
            </label>
          )}
        </div>
        <label className="field">
          <span>{t(kind === 'followup' ? 'field_promised' : 'field_heard')}</span>
          <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <div>
          <button type="submit" disabled={!text.trim()}>
            {t('panel_add_note_button')}
          </button>
        </div>
      </form>
      {error && <p className="error">{t(error)}</p>}
      {view.notes.length === 0 ? (
        <p className="muted">{t('panel_no_notes')}</p>
      ) : (
        <ul className="plain-list">
          {view.notes.map((n) => (
            <NoteRow key={n.id} note={n} settings={settings} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Snooze (as from today's list) and the way back from "Not for this person" on a nudge. */
function SnoozeAndNudges({ view, settings }: { view: PersonView; settings: Settings }) {
  const t = useT();
  const lang = useLang();
  const hid = useId();
  const now = useNow();
  const mutedIds = useMutedIds();
  const { error, run } = useAction(settings);
  const [muteError, setMuteError] = useState<MessageKey>();
  const p = view.person;
  const timeZone = writeCtx(settings).timeZone;
  const snoozed = p.snoozedUntil !== undefined && p.snoozedUntil > now ? p.snoozedUntil : undefined;
  const write = (fn: (ctx: ReturnType<typeof writeCtx>) => Promise<unknown>) =>
    void run(fn).then((ok) => {
      // The toolbar badge counts today's list: tell the background it changed.
      if (ok) void browser.runtime.sendMessage({ type: 'badge/refresh' }).catch(() => undefined);
    });
  return (
    <section className="stack" aria-labelledby={`${hid}-h`}>
      <h3 id={`${hid}-h`}>{t('editor_reach')}</h3>
      <p role="status" className="snooze-state">
        {snoozed !== undefined ? <strong>{t('snoozed_until', { date: formatSnoozeDay(lang, snoozed, now, timeZone) })}</strong> : t('editor_not_snoozed', { name: p.name })}
      </p>
      {snoozed !== undefined && (
        <div className="row">
          <span className="muted small grow">{t('editor_snoozed_hint', { name: p.name })}</span>
          <button type="button" onClick={() => write((ctx) => unsnooze(getDb(), p.id, ctx))}>
            {t('unsnooze')}
          </button>
        </div>
      )}
      <SnoozeChoices className="row snooze-choices" label={t('snooze_for', { name: p.name })} timeZone={timeZone} onSnooze={(until) => write((ctx) => snooze(getDb(), p.id, until, ctx))} />
      {error && <p className="error">{t(error)}</p>}
      {mutedIds?.includes(p.id) && (
        <div className="stack muted-nudges">
          <strong>{t('editor_nudges_muted')}</strong>
          <div className="row">
            <span className="muted small grow">{t('editor_nudges_muted_hint', { name: p.name })}</span>
            <AllowNudgesButton personId={p.id} name={p.name} onError={setMuteError} />
          </div>
          {muteError && <p className="error">{t(muteError)}</p>}
        </div>
      )}
    </section>
  );
}

function MergeWith({ view, settings }: { view: PersonView; settings: Settings }) {
  const t = useT();
  const rows = usePeopleRows();
  const [q, setQ] = useState('');
  const [other, setOther] = useState<{ id: string; name: string }>();
  const { error, run } = useAction(settings);
  const matches = useMemo(() => {
    const terms = fold(q).split(/\s+/).filter(Boolean);
    if (!rows || terms.length === 0) return [];
    return rows.filter((r) => r.id !== view.person.id && terms.every((x) => r.hay.includes(x))).slice(0, 8);
  }, [rows, q, view.person.id]);
  return (
    <section className="stack">
      <h3>{t('merge_title')}</h3>
      <p className="muted small">{t('merge_hint', { name: view.person.name })}</p>
      {other ? (
        <div className="row">
          <span className="grow">{t('merge_confirm_text', { other: other.name, name: view.person.name })}</span>
          <button
            type="button"
            className="primary"
            onClick={() => void run((ctx) => mergePeople(getDb(), view.person.id, other.id, ctx)).then((ok) => ok && setOther(undefined))}
          >
            {t('merge_confirm')}
          </button>
          <button type="button" onClick={() => setOther(undefined)}>
            {t('opt_cancel')}
          </button>
        </div>
      ) : (
        <>
          <label className="field">
            <span>{t('merge_search')}</span>
            <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </label>
          {matches.length > 0 && (
            <ul className="plain-list">
              {matches.map((m) => (
                <li key={m.id}>
                  <button type="button" className="link" onClick={() => setOther({ id: m.id, name: m.name })}>
                    {m.company ? t('merge_candidate', { name: m.name, company: m.company }) : m.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {error && <p className="error">{t(error)}</p>}
    </section>
  );
}

export function PersonEditor({ id, settings }: { id: string; settings: Settings }) {
  const t = useT();
  const hid = useId();
  const show = useToasts((s) => s.show);
  const view = useLiveQuery(async () => (await personView(getDb(), id)) ?? (await getDb().people.get(id)) ?? null, [id]);
  const { error, run } = useAction(settings);
  if (view === undefined) return <p className="loading">{t('loading')}</p>;
  const back = (
    <button type="button" className="link" onClick={() => navigate({ section: 'people' })}>
      {t('editor_back')}
    </button>
  );
  if (view === null || !('person' in view)) {
    const mergedInto = view?.mergedInto;
    return (
      <section className="stack">
        {back}
        <p>{t(mergedInto ? 'editor_merged' : 'editor_not_found')}</p>
        {mergedInto && (
          <div>
            <button type="button" onClick={() => navigate({ section: 'person', id: mergedInto })}>
              {t('editor_open_merged')}
            </button>
          </div>
        )}
      </section>
    );
  }
  const p = view.person;
  const remove = async () => {
    const db = getDb();
    await run(async (ctx) => {
      const snap = await deletePeople(db, [p.id], ctx);
      navigate({ section: 'people' });
      show({
        text: t('people_deleted', { count: 1 }),
        actionLabel: t('opt_undo'),
        onAction: () => void undoDelete(db, snap, writeCtx(settings)).then(() => navigate({ section: 'person', id: p.id })),
      });
    });
  };
  return (
    <section className="stack" aria-labelledby={`${hid}-h`}>
      {back}
      <div className="row">
        <h2 id={`${hid}-h`} className="grow">
          {p.name}
        </h2>
        <span className="chip">{t(STAGE_LABEL[stageOf(p.summary)])}</span>
        {p.archived === 1 && <span className="chip">{t('people_archived')}</span>}
      </div>
      <div className="row">
        <button type="button" onClick={() => void run((ctx) => editPerson(getDb(), p.id, { archived: p.archived === 1 ? 0 : 1 }, ctx))}>
          {t(p.archived === 1 ? 'people_unarchive' : 'people_archive')}
        </button>
        <button type="button" className="danger" onClick={() => void remove()}>
          {t('opt_delete')}
        </button>
      </div>
      {error && <p className="error">{t(error)}</p>}
      <SnoozeAndNudges view={view} settings={settings} />
      <DetailsForm view={view} settings={settings} />
      <Profiles view={view} settings={settings} />
      <Touches view={view} settings={settings} />
      <Notes view={view} settings={settings} />
      <MergeWith view={view} settings={settings} />
    </section>
  );
}
