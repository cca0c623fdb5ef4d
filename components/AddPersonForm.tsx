/**
 * Add someone by hand, in one step: the popup's, the side panel's and the people
 * list's form. Only the name is required. Before anything is written, the people
 * already stored who look like this one are shown (same profile, e-mail or phone,
 * similar name), with "Open" and "Add to this person" instead of a new row.
 */
import { useId, useState, type FormEvent } from 'react';
import { getDb } from '@/lib/db/db';
import { loadPeopleRows } from '@/lib/db/read';
import { addPersonByHand, addToPersonByHand, type ByHandInput } from '@/lib/db/writes';
import type { MessageKey } from '@/lib/i18n';
import { normEmail } from '@/lib/model/email';
import type { NoteSource, Rhythm } from '@/lib/model/types';
import { cleanPhone, findLikelyDuplicates, type LikelyDuplicate, type LikelyDuplicateReason } from '@/lib/relationship/duplicates';
import { handleFromProfileUrl } from '@/lib/sites/identity';
import { profileUrl } from '@/lib/sites/table';
import { readBirthday, NO_BIRTHDAY, type BirthdayDraft } from '@/lib/ui/birthday-input';
import { refreshBadge } from '@/lib/ui/badge';
import { errorKey } from '@/lib/ui/write-ctx';
import { BirthdayFields } from './BirthdayFields';
import { CircleOptions } from './CircleOptions';
import { RhythmInputs } from './RhythmInputs';
import { useT } from './i18n';
import { currentWriteCtx, useSettings } from './settings-store';

/** The select's value for "Own rhythm" (circle ids are random strings, never this). */
const OWN = '__own__';

const REASON: Record<LikelyDuplicateReason, MessageKey> = {
  profile: 'add_dupe_reason_profile',
  email: 'add_dupe_reason_email',
  phone: 'add_dupe_reason_phone',
  name: 'add_dupe_reason_name',
};

export interface AddResult {
  personId: string;
  name: string;
  /** True when the fields went to a person already there ("Add to this person"). */
  merged: boolean;
}

export interface AddPersonFormProps {
  /** The popup's narrow layout: birthday and links behind "more". */
  compact?: boolean;
  initial?: { name?: string; email?: string; phone?: string };
  /** A note saved with the person (a text captured from a page). */
  note?: { text: string; source?: NoteSource | undefined };
  onSaved: (result: AddResult) => void;
  /** "Open" on a likely duplicate. */
  onOpen: (personId: string) => void;
  onCancel?: () => void;
}

interface Draft {
  name: string;
  howWeMet: string;
  phone: string;
  email: string;
  circle: string;
  rhythm: Rhythm;
  birthday: BirthdayDraft;
  links: string;
}

type Checked = { ok: true; input: ByHandInput } | { ok: false; error: MessageKey; params?: Record<string, string> };

/** What was typed, checked and normalised; the first problem otherwise. */
export function checkDraft(d: Draft): Checked {
  const name = d.name.trim();
  if (!name) return { ok: false, error: 'add_name_required' };
  const email = d.email.trim();
  if (email && !normEmail(email)) return { ok: false, error: 'add_email_invalid' };
  const phone = d.phone.trim();
  if (phone && !cleanPhone(phone)) return { ok: false, error: 'add_phone_invalid' };
  const birthday = readBirthday(d.birthday);
  if (birthday === 'invalid') return { ok: false, error: 'field_birthday_invalid' };
  const profiles: NonNullable<ByHandInput['profiles']>[number][] = [];
  for (const url of d.links.split(/\s+/).filter(Boolean)) {
    const found = handleFromProfileUrl(url);
    if (!found) return { ok: false, error: 'add_link_invalid', params: { url } };
    if (!profiles.some((p) => p.site === found.site && p.handle === found.handle)) profiles.push({ ...found, url: profileUrl(found.site, found.handle) });
  }
  return {
    ok: true,
    input: {
      name,
      ...(d.howWeMet.trim() ? { howWeMet: d.howWeMet.trim() } : {}),
      ...(email ? { emails: [email] } : {}),
      ...(phone ? { phones: [phone] } : {}),
      ...(birthday ? { birthday } : {}),
      ...(d.circle === OWN ? { rhythm: d.rhythm } : d.circle ? { circleId: d.circle } : {}),
      ...(profiles.length ? { profiles } : {}),
    },
  };
}

export function AddPersonForm({ compact = false, initial, note, onSaved, onOpen, onCancel }: AddPersonFormProps) {
  const t = useT();
  const id = useId();
  const circles = useSettings((s) => s.circles);
  const [d, setD] = useState<Draft>(() => ({
    name: initial?.name ?? '',
    howWeMet: '',
    phone: initial?.phone ?? '',
    email: initial?.email ?? '',
    circle: '',
    rhythm: { idealDays: 30, maxDays: 45 },
    birthday: NO_BIRTHDAY,
    links: '',
  }));
  const [problem, setProblem] = useState<{ key: MessageKey; params?: Record<string, string> }>();
  const [dupes, setDupes] = useState<{ input: ByHandInput; list: LikelyDuplicate[] }>();
  const [busy, setBusy] = useState(false);
  const up = (k: 'name' | 'howWeMet' | 'phone' | 'email' | 'circle' | 'links') => (e: { target: { value: string } }) =>
    setD((x) => ({ ...x, [k]: e.target.value }));
  const withNote = (input: ByHandInput): ByHandInput => (note?.text.trim() ? { ...input, note } : input);

  const write = async (fn: () => Promise<AddResult>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await fn();
      refreshBadge();
      onSaved(result);
    } catch (err) {
      setProblem({ key: errorKey(err) as MessageKey });
    } finally {
      setBusy(false);
    }
  };
  const create = (input: ByHandInput) =>
    write(async () => {
      const p = await addPersonByHand(getDb(), withNote(input), currentWriteCtx());
      return { personId: p.id, name: p.name, merged: false };
    });
  const addTo = (personId: string, input: ByHandInput) =>
    write(async () => {
      const p = await addToPersonByHand(getDb(), personId, withNote(input), currentWriteCtx());
      return { personId: p.id, name: p.name, merged: true };
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkDraft(d);
    if (!checked.ok) return setProblem({ key: checked.error, ...(checked.params ? { params: checked.params } : {}) });
    setProblem(undefined);
    setBusy(true);
    let list: LikelyDuplicate[];
    try {
      const { input } = checked;
      list = findLikelyDuplicates(
        { name: input.name, emails: input.emails ?? [], phones: input.phones ?? [], profiles: input.profiles ?? [] },
        await loadPeopleRows(getDb()),
      );
    } catch (err) {
      setBusy(false);
      return setProblem({ key: errorKey(err) as MessageKey });
    }
    setBusy(false);
    if (list.length > 0) setDupes({ input: checked.input, list });
    else await create(checked.input);
  };

  if (dupes) {
    return (
      <section className="add-dupes stack" aria-labelledby={`${id}-dh`}>
        <h2 id={`${id}-dh`} className="section-title">
          {t('add_dupes_title')}
        </h2>
        <p className="muted small">{t('add_dupes_hint')}</p>
        <ul className="dupe-list">
          {dupes.list.map(({ row, reason }) => (
            <li key={row.id} className="stack dupe-candidate">
              <span>
                <strong>{row.name}</strong>
                {row.company && <span className="muted">{` · ${row.company}`}</span>} <span className="muted small">{t(REASON[reason])}</span>
              </span>
              <span className="row">
                <button type="button" disabled={busy} onClick={() => onOpen(row.id)}>
                  {t('add_dupe_open', { name: row.name })}
                </button>
                <button type="button" disabled={busy} onClick={() => void addTo(row.id, dupes.input)}>
                  {t('add_dupe_merge', { name: row.name })}
                </button>
              </span>
            </li>
          ))}
        </ul>
        <div className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void create(dupes.input)}>
            {t('add_dupe_new')}
          </button>
          <button type="button" className="link" disabled={busy} onClick={() => setDupes(undefined)}>
            {t('add_dupe_back')}
          </button>
        </div>
        {problem && (
          <p className="error" role="alert">
            {t(problem.key, problem.params)}
          </p>
        )}
      </section>
    );
  }

  const more = (
    <>
      <BirthdayFields className={compact ? 'row compact-birthday' : 'row'} value={d.birthday} onChange={(birthday) => setD((x) => ({ ...x, birthday }))} />
      <label className="field">
        <span>{t('add_links')}</span>
        <textarea rows={2} value={d.links} onChange={up('links')} placeholder={t('add_links_hint')} />
      </label>
    </>
  );
  return (
    <form className={`add-person stack${compact ? ' compact' : ''}`} onSubmit={(e) => void submit(e)} aria-label={t('add_title')} noValidate>
      <label className="field">
        <span>{t('field_name')}</span>
        <input value={d.name} onChange={up('name')} required autoFocus autoComplete="off" />
      </label>
      <label className="field">
        <span>{t('field_how_we_met')}</span>
        <input value={d.howWeMet} onChange={up('howWeMet')} placeholder={t('field_how_we_met_hint')} />
      </label>
      <div className="row">
        <label className="field grow">
          <span>{t('field_phone')}</span>
          <input type="tel" value={d.phone} onChange={up('phone')} autoComplete="off" />
        </label>
        <label className="field grow">
          <span>{t('field_email')}</span>
          <input type="email" value={d.email} onChange={up('email')} autoComplete="off" />
        </label>
      </div>
      <div className="row">
        <label className="field">
          <span>{t('add_circle_or_rhythm')}</span>
          <select value={d.circle} onChange={up('circle')}>
            <CircleOptions circles={circles} />
            <option value={OWN}>{t('add_own_rhythm')}</option>
          </select>
        </label>
        {d.circle === OWN && <RhythmInputs rhythm={d.rhythm} onChange={(rhythm) => setD((x) => ({ ...x, rhythm }))} />}
      </div>
      {compact ? (
        <details>
          <summary>{t('add_more')}</summary>
          <div className="stack">{more}</div>
        </details>
      ) : (
        more
      )}
      {problem && (
        <p className="error" role="alert">
          {t(problem.key, problem.params)}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('add_save')}
        </button>
        {onCancel && (
          <button type="button" className="link" onClick={onCancel}>
            {t('add_cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
