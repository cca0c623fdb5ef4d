import { useEffect, useRef, useState, type FormEvent } from 'react';
import { editPerson, type PersonPatch } from '@/lib/db/writes';
import { type PersonView } from '@/lib/db/read';
import { getDb } from '@/lib/db/db';
import type { MessageKey } from '@/lib/i18n';
import { normEmail } from '@/lib/model/email';
import { readBirthday } from '@/lib/ui/birthday-input';
import { BirthdayFields } from '@/components/BirthdayFields';
import { useT } from '@/components/i18n';
import { CircleOptions } from '@/components/CircleOptions';
import { useSettings } from '@/components/settings-store';
import { useAction } from './useAction';

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);

export function DetailsForm({ view }: { view: PersonView }) {
  const circles = useSettings((s) => s.circles);
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
  const { error, run } = useAction();
  const up = (k: keyof typeof f) => (e: { target: { value: string } }) => {
    setSaved(false);
    setF((x) => ({ ...x, [k]: e.target.value }));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBad(undefined);
    const birthday = readBirthday({ day: f.bDay, month: f.bMonth, year: f.bYear });
    if (birthday === 'invalid') return setBad('field_birthday_invalid');
    const emails = lines(f.emails);
    if (emails.some((m) => !normEmail(m))) return setBad('field_emails_invalid');
    const ideal = Math.max(1, Number(f.ideal) || 1);
    const patch: PersonPatch = {
      name: f.name.trim() || p.name,
      headline: f.headline.trim() || undefined,
      company: f.company.trim() || undefined,
      location: f.location.trim() || undefined,
      phones: lines(f.phones),
      emails,
      birthday,
      howWeMet: f.howWeMet.trim() || undefined,
      tags: [
        ...new Set(
          f.tags
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ],
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
      <BirthdayFields
        value={{ day: f.bDay, month: f.bMonth, year: f.bYear }}
        onChange={(d) => {
          setSaved(false);
          setF((x) => ({ ...x, bDay: d.day, bMonth: d.month, bYear: d.year }));
        }}
      />
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
            <CircleOptions circles={circles} />
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
