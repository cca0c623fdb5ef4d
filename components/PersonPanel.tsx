/**
 * The person panel: one component for the side panel and the opt-in in-page
 * card. Presentational: data and callbacks come in as props; it never touches
 * the database or the browser itself. Page-derived text is only ever rendered as
 * text; links go through `safeHref`.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { PersonView } from '@/lib/db/read';
import type { PersonPatch } from '@/lib/db/writes';
import { describeReason, describeSince, channelLabel } from '@/lib/ui/describe';
import { formatDate, relativeTime } from '@/lib/i18n';
import type { Channel, Circle, NoteKind, PageIdentity } from '@/lib/model/types';
import { reasonsFor } from '@/lib/relationship/reasons';
import { stageOf } from '@/lib/relationship/stages';
import { effectiveDepth, PERSONAL_CHANNELS } from '@/lib/relationship/touches';
import { mailtoHref, safeHref, telHref, whatsappHref } from '@/lib/ui/safe-url';
import { useLang, useT } from './i18n';
import { circleName } from '@/lib/ui/circles';
import { fromLocalInput, newTouchDraft, TouchFields } from './TouchFields';
import { CircleOptions } from './CircleOptions';
import { NoteSourceLink } from './NoteSourceLink';

export interface PanelActions {
  onAdd: (input: { name: string; howWeMet: string }) => Promise<void> | void;
  onLogTouch: (input: { channel: Channel; at: number; note: string }) => Promise<void> | void;
  onAddNote: (input: { kind: NoteKind; text: string; dueAt?: number }) => Promise<void> | void;
  onFollowUpDone: (noteId: string, done: boolean) => Promise<void> | void;
  /** Absent in the in-page card: details are edited in the side panel or the options. */
  onUpdate?: (patch: PersonPatch) => Promise<void> | void;
  onOpenOptions?: (personId: string) => void;
}

export type PanelProps = {
  now: number;
  timeZone: string;
  circles: Circle[];
  actions: PanelActions;
  error?: string | undefined;
  /** Extra pieces the side panel adds under the person (linking profiles across sites); none in the in-page card. */
  extra?: ReactNode;
} & ({ state: 'unknown'; identity: PageIdentity } | { state: 'known'; identity?: PageIdentity | undefined; view: PersonView });

function Initials({ name }: { name: string }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
  return (
    <span className="avatar avatar-initials" aria-hidden="true">
      {initials || '?'}
    </span>
  );
}

/**
 * Initials only: showing the page's photo would make Kith's own page request an
 * image from the site, and Kith makes no network request of its own.
 */
function Avatar({ name }: { name: string }) {
  return <Initials name={name} />;
}

function UnknownPerson({ identity, actions }: { identity: PageIdentity; actions: PanelActions }) {
  const t = useT();
  const id = useId();
  const [howWeMet, setHowWeMet] = useState('');
  // The page's name arrives a moment after the URL: follow it until the user types.
  const [typedName, setName] = useState<string>();
  const name = typedName ?? identity.name ?? '';
  const [busy, setBusy] = useState(false);
  const readable = Boolean(identity.name);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await actions.onAdd({ name: name.trim() || identity.handle, howWeMet });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-name`}>
      <header className="panel-head">
        <Avatar name={identity.name ?? identity.handle} />
        <div>
          <h1 id={`${id}-name`} className="person-name">
            {identity.name ?? identity.handle}
          </h1>
          {identity.headline && <p className="muted">{identity.headline}</p>}
          {identity.location && <p className="muted small">{identity.location}</p>}
        </div>
      </header>
      {!readable && (
        <p className="notice" role="status">
          {t('panel_name_unreadable', { handle: identity.handle })}
        </p>
      )}
      <p>{t('panel_unknown_intro')}</p>
      <form onSubmit={submit} className="stack">
        {!readable && (
          <label className="field">
            <span>{t('field_name')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </label>
        )}
        <label className="field">
          <span>{t('field_how_we_met')}</span>
          <textarea value={howWeMet} onChange={(e) => setHowWeMet(e.target.value)} rows={3} placeholder={t('field_how_we_met_hint')} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('panel_add', { name: name.trim() || identity.handle })}
        </button>
      </form>
      <p className="muted small">{t('panel_nothing_stored')}</p>
    </section>
  );
}

function LogTouchForm({ actions, now }: { actions: PanelActions; now: number }) {
  const t = useT();
  const [draft, setDraft] = useState(() => newTouchDraft(now));
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await actions.onLogTouch({ channel: draft.channel, at: fromLocalInput(draft.at) ?? Date.now(), note: draft.note });
      setDraft((d) => ({ ...d, note: '' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('panel_log_touch')}>
      <TouchFields channels={PERSONAL_CHANNELS} draft={draft} onChange={setDraft} />
      <button type="submit" className="primary" disabled={busy}>
        {t('panel_log_touch_button')}
      </button>
    </form>
  );
}

function AddNoteForm({ actions }: { actions: PanelActions }) {
  const t = useT();
  const [kind, setKind] = useState<NoteKind>('listening');
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    try {
      const dueMs = kind === 'followup' && due ? new Date(`${due}T09:00`).getTime() : undefined;
      await actions.onAddNote({ kind, text, ...(dueMs !== undefined && Number.isFinite(dueMs) ? { dueAt: dueMs } : {}) });
      setText('');
      setDue('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('panel_add_note')}>
      <fieldset className="row radios">
        <legend>{t('field_note_kind')}</legend>
        <label>
          <input type="radio" name="kind" checked={kind === 'listening'} onChange={() => setKind('listening')} />
          {t('note_kind_listening')}
        </label>
        <label>
          <input type="radio" name="kind" checked={kind === 'followup'} onChange={() => setKind('followup')} />
          {t('note_kind_followup')}
        </label>
      </fieldset>
      <label className="field">
        <span>{kind === 'listening' ? t('field_heard') : t('field_promised')}</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} />
      </label>
      {kind === 'followup' && (
        <label className="field">
          <span>{t('field_due')}</span>
          <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
      )}
      <button type="submit" disabled={busy || !text.trim()}>
        {t('panel_add_note_button')}
      </button>
    </form>
  );
}

function EditDetails({ view, circles, actions }: { view: PersonView; circles: Circle[]; actions: PanelActions }) {
  const t = useT();
  const id = useId();
  const p = view.person;
  const [phone, setPhone] = useState(p.phones.join(', '));
  const [email, setEmail] = useState(p.emails.join(', '));
  const [bday, setBday] = useState(p.birthday ? `${p.birthday.day}/${p.birthday.month}${p.birthday.year ? `/${p.birthday.year}` : ''}` : '');
  const [circleId, setCircleId] = useState(p.circleId ?? '');
  const [tags, setTags] = useState(p.tags.join(', '));
  const [bdayError, setBdayError] = useState(false);
  const split = (s: string) =>
    s
      .split(/[,;]/)
      .map((x) => x.trim())
      .filter(Boolean);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let birthday: PersonPatch['birthday'];
    if (bday.trim()) {
      const m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?$/.exec(bday.trim());
      const day = Number(m?.[1]);
      const month = Number(m?.[2]);
      if (!m || day < 1 || day > 31 || month < 1 || month > 12) {
        setBdayError(true);
        return;
      }
      birthday = { day, month, ...(m[3] ? { year: Number(m[3]) } : {}) };
    }
    setBdayError(false);
    await actions.onUpdate?.({ phones: split(phone), emails: split(email), birthday, circleId: circleId || undefined, tags: split(tags) });
  };
  return (
    <details className="edit">
      <summary>{t('panel_edit_details')}</summary>
      <form onSubmit={submit} className="stack">
        <label className="field">
          <span>{t('field_phone')}</span>
          <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>{t('field_email')}</span>
          <input type="text" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>{t('field_birthday')}</span>
          <input
            value={bday}
            onChange={(e) => setBday(e.target.value)}
            placeholder={t('field_birthday_hint')}
            aria-invalid={bdayError}
            aria-describedby={bdayError ? 'bday-error' : undefined}
          />
          {bdayError && (
            <span id="bday-error" className="error" role="alert">
              {t('field_birthday_invalid')}
            </span>
          )}
        </label>
        <div className="field">
          <label htmlFor={`${id}-circle`}>{t('field_circle')}</label>
          <select id={`${id}-circle`} value={circleId} onChange={(e) => setCircleId(e.target.value)}>
            <CircleOptions circles={circles} />
          </select>
        </div>
        <label className="field">
          <span>{t('field_tags')}</span>
          <input value={tags} onChange={(e) => setTags(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit">{t('panel_save_details')}</button>
      </form>
    </details>
  );
}

function KnownPerson({ view, now, timeZone, circles, actions }: { view: PersonView; now: number; timeZone: string; circles: Circle[]; actions: PanelActions }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const { person, touches, notes, profiles } = view;
  const s = person.summary;
  const stage = stageOf(s);
  const circle = circles.find((c) => c.id === person.circleId);
  const openFollowUps = notes.filter((n) => n.kind === 'followup' && !n.doneAt).sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
  const doneFollowUps = notes.filter((n) => n.kind === 'followup' && n.doneAt).sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0));
  const listening = notes.filter((n) => n.kind === 'listening');
  const reasons = reasonsFor({ person, notes: openFollowUps, circles, now, timeZone });
  const top = reasons[0];
  const nudge = top ? describeReason(lang, top, now, timeZone) : s.lastPersonalAt === undefined ? t('nudge_first_contact') : t('nudge_all_good');
  const lastPersonal = touches.find((x) => effectiveDepth(x) === 'personal');
  const since = describeSince(lang, touches, s.lastPersonalAt);
  const phone = person.phones[0];
  const email = person.emails[0];
  const linkedin = profiles.find((p) => p.site === 'linkedin');
  const linkedinHref = linkedin ? safeHref(linkedin.url ?? `https://www.linkedin.com/in/${encodeURIComponent(linkedin.handle)}/`) : undefined;
  const contactLinks: { href: string | undefined; label: string }[] = [
    { href: phone ? telHref(phone) : undefined, label: t('action_call') },
    { href: phone ? whatsappHref(phone) : undefined, label: t('action_whatsapp') },
    { href: email ? mailtoHref(email) : undefined, label: t('action_email') },
    { href: linkedinHref, label: t('action_linkedin_message') },
  ];
  return (
    <section className="panel" aria-labelledby={`${id}-name`}>
      <header className="panel-head">
        <Avatar name={person.name} />
        <div>
          <h1 id={`${id}-name`} className="person-name">
            {person.name}
          </h1>
          {person.headline && <p className="muted">{person.headline}</p>}
          <p className="chips">
            <span className={`chip stage-${stage}`}>{t(`stage_${stage.replace('-', '_')}` as never)}</span>
            <span className="chip">{circle ? circleName(lang, circle) : t('circle_none')}</span>
          </p>
        </div>
      </header>

      <p className={`nudge ${top ? `nudge-${top.code}` : ''}`} role="status" data-testid="nudge">
        {nudge}
      </p>

      <ul className="contact-links" aria-label={t('panel_contact')}>
        {contactLinks
          .filter((l) => l.href)
          .map((l) => (
            <li key={l.label}>
              <a href={l.href} target="_blank" rel="noopener noreferrer">
                {l.label}
              </a>
            </li>
          ))}
      </ul>

      <h2 className="section-title">{t('panel_cycle')}</h2>
      <dl className="cycle">
        <dt>{t('cycle_heard')}</dt>
        <dd>{listening[0] ? listening[0].text : t('cycle_heard_none')}</dd>
        <dt>{t('cycle_talked')}</dt>
        <dd data-testid="last-personal">
          {lastPersonal
            ? t('panel_last_personal', { channel: channelLabel(lang, lastPersonal.channel), when: relativeTime(lang, lastPersonal.at, now) })
            : t('panel_no_personal')}
        </dd>
        <dt>{t('cycle_did')}</dt>
        <dd>
          {doneFollowUps[0]
            ? t('cycle_did_value', { text: doneFollowUps[0].text, when: relativeTime(lang, doneFollowUps[0].doneAt ?? now, now) })
            : t('cycle_did_none')}
        </dd>
      </dl>
      {since && (
        <p className="since" data-testid="since">
          {since}
        </p>
      )}

      <h2 className="section-title">{t('panel_followups')}</h2>
      {openFollowUps.length === 0 ? (
        <p className="muted">{t('panel_no_followups')}</p>
      ) : (
        <ul className="notes">
          {openFollowUps.map((n) => (
            <li key={n.id}>
              <label>
                <input type="checkbox" checked={false} onChange={() => void actions.onFollowUpDone(n.id, true)} />
                <span>{n.text}</span>
              </label>
              {n.dueAt !== undefined && (
                <span className={`due ${n.dueAt < now ? 'overdue' : ''}`}>{t('panel_due', { date: formatDate(lang, n.dueAt, timeZone) })}</span>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2 className="section-title">{t('panel_listening')}</h2>
      {listening.length === 0 ? (
        <p className="muted">{t('panel_no_notes')}</p>
      ) : (
        <ul className="notes">
          {listening.map((n) => (
            <li key={n.id}>
              <span>{n.text}</span> <span className="muted small">{relativeTime(lang, n.createdAt, now)}</span> <NoteSourceLink source={n.source} />
            </li>
          ))}
        </ul>
      )}

      <h2 className="section-title">{t('panel_log_touch')}</h2>
      <LogTouchForm actions={actions} now={now} />
      <h2 className="section-title">{t('panel_add_note')}</h2>
      <AddNoteForm actions={actions} />
      {actions.onUpdate && <EditDetails key={person.updatedAt} view={view} circles={circles} actions={actions} />}
      {person.howWeMet && (
        <p className="small">
          <strong>{t('field_how_we_met')}:</strong> {person.howWeMet}
        </p>
      )}
      {actions.onOpenOptions && (
        <button type="button" className="link" onClick={() => actions.onOpenOptions?.(person.id)}>
          {t('panel_open_options')}
        </button>
      )}
    </section>
  );
}

export function PersonPanel(props: PanelProps) {
  const t = useT();
  return (
    <div className="person-panel">
      {props.error && (
        <p className="error" role="alert">
          {t(props.error as never)}
        </p>
      )}
      {props.state === 'unknown' ? (
        <UnknownPerson identity={props.identity} actions={props.actions} />
      ) : (
        <KnownPerson view={props.view} now={props.now} timeZone={props.timeZone} circles={props.circles} actions={props.actions} />
      )}
      {props.extra}
    </div>
  );
}
