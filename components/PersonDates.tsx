/**
 * A person's dates besides the birthday, and the name-day suggestion: shown in
 * the side panel and in the options page's person editor. Writes go through the
 * write path's date operations (`saveDate`, `removeDate`, `dismissDate`). The
 * name day is only ever a suggestion the user accepts: never added silently.
 */
import { useId, useState, type FormEvent } from 'react';
import { getDb } from '@/lib/db/db';
import { dismissDate, removeDate, saveDate, type DateInput } from '@/lib/db/writes';
import type { Lang, MessageKey } from '@/lib/i18n';
import type { Person, PersonDate, PersonDateKind } from '@/lib/model/types';
import { DATE_YEARS_AHEAD, isOneOffOpen, isValidPersonDate, MAX_DATE_LABEL, MIN_DATE_YEAR, oneOffKey } from '@/lib/relationship/dates';
import { nameDayFor } from '@/lib/relationship/nameday';
import { localDayKey } from '@/lib/relationship/time';
import { dateName } from '@/lib/ui/describe';
import { useLang, useT } from './i18n';
import { useWrite } from './useWrite';
import { useSettings } from './settings-store';

/** What the form's first select offers: the kinds, and "once" (a one-off date, kind 'other'). */
type FormKind = PersonDateKind | 'once';
const FORM_KINDS: readonly FormKind[] = ['nameday', 'wedding', 'work', 'child', 'other', 'once'];
const FORM_KIND_LABEL: Readonly<Record<FormKind, MessageKey>> = {
  nameday: 'date_kind_nameday',
  wedding: 'date_kind_wedding',
  work: 'date_kind_work',
  child: 'date_kind_child',
  other: 'date_kind_other',
  once: 'date_kind_once',
};
const LEADS = [0, 1, 2, 3, 7, 14, 30] as const;

/** "22 May" / "22 maggio" (and the year for a one-off date): a calendar day, in no time zone. */
export function formatDay(lang: Lang, d: Pick<PersonDate, 'month' | 'day' | 'year'>, withYear: boolean): string {
  const at = Date.UTC(withYear && d.year !== undefined ? d.year : 2000, d.month - 1, d.day);
  return new Intl.DateTimeFormat(lang, {
    day: 'numeric',
    month: 'long',
    ...(withYear && d.year !== undefined ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(at);
}

function monthName(lang: Lang, month: number): string {
  return new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
}

interface FormState {
  kind: FormKind;
  label: string;
  day: string;
  month: string;
  year: string;
  lead: string;
}

function formOf(d: PersonDate | undefined): FormState {
  if (!d) return { kind: 'wedding', label: '', day: '', month: '1', year: '', lead: '0' };
  return {
    kind: d.once ? 'once' : d.kind,
    label: d.label ?? '',
    day: String(d.day),
    month: String(d.month),
    year: d.year !== undefined ? String(d.year) : '',
    lead: String(d.leadDays ?? 0),
  };
}

/** The form for one date, new or edited; `onSave` gets a date the rules accept. */
export function DateForm({ date, onSave, onCancel }: { date?: PersonDate; onSave: (input: DateInput) => Promise<boolean>; onCancel: () => void }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const [f, setF] = useState(() => formOf(date));
  const [bad, setBad] = useState<MessageKey>();
  const up = (k: keyof FormState) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const once = f.kind === 'once';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const thisYear = new Date().getFullYear();
    const year = f.year.trim() === '' ? undefined : Number(f.year);
    const input: DateInput = {
      ...(date ? { id: date.id } : {}),
      kind: f.kind === 'once' ? 'other' : f.kind,
      month: Number(f.month),
      day: Number(f.day),
      ...(year !== undefined ? { year } : {}),
      ...(once ? { once: true } : {}),
      ...(Number(f.lead) > 0 ? { leadDays: Number(f.lead) } : {}),
      ...(f.label.trim() ? { label: f.label.trim() } : {}),
      ...(date?.dismissedAt !== undefined ? { dismissedAt: date.dismissedAt } : {}),
    };
    if (once && !input.label) return setBad('date_label_required');
    if (!Number.isInteger(input.day) || (year !== undefined && !Number.isInteger(year)) || !isValidPersonDate(input, thisYear)) return setBad('date_invalid');
    setBad(undefined);
    if (await onSave(input)) setF(formOf(undefined));
  };
  return (
    <form
      className="stack date-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
      aria-label={date ? t('date_edit_label', { what: dateName(lang, date) }) : t('date_add')}
    >
      <div className="row">
        <span className="field">
          <label htmlFor={`${id}-kind`}>{t('date_kind_label')}</label>
          <select id={`${id}-kind`} value={f.kind} onChange={up('kind')} autoFocus>
            {FORM_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(FORM_KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </span>
        <label className="field grow">
          <span>{t('date_label')}</span>
          <input value={f.label} maxLength={MAX_DATE_LABEL} placeholder={t('date_label_placeholder')} onChange={up('label')} />
        </label>
      </div>
      <div className="row">
        <label className="field">
          <span>{t('date_day')}</span>
          <input type="number" inputMode="numeric" min={1} max={31} required value={f.day} onChange={up('day')} className="narrow" />
        </label>
        <span className="field">
          <label htmlFor={`${id}-month`}>{t('date_month')}</label>
          <select id={`${id}-month`} value={f.month} onChange={up('month')}>
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i + 1} value={String(i + 1)}>
                {monthName(lang, i + 1)}
              </option>
            ))}
          </select>
        </span>
        <label className="field">
          <span>{t(once ? 'date_year' : 'date_year_optional')}</span>
          <input
            type="number"
            inputMode="numeric"
            min={MIN_DATE_YEAR}
            max={new Date().getFullYear() + DATE_YEARS_AHEAD}
            required={once}
            value={f.year}
            onChange={up('year')}
            className="narrow"
          />
        </label>
        <span className="field">
          <label htmlFor={`${id}-lead`}>{t('date_lead')}</label>
          <select id={`${id}-lead`} value={f.lead} onChange={up('lead')}>
            {LEADS.map((n) => (
              <option key={n} value={String(n)}>
                {n === 0 ? t('date_lead_0') : t('date_lead_days', { count: n })}
              </option>
            ))}
          </select>
        </span>
      </div>
      {bad && (
        <p className="error" role="alert" id={`${id}-bad`}>
          {t(bad)}
        </p>
      )}
      <div className="row">
        <button type="submit">{t('date_save')}</button>
        <button type="button" onClick={onCancel}>
          {t('timeline_cancel')}
        </button>
      </div>
    </form>
  );
}

/** Name days declined this session ("Not now"), so the suggestion does not follow the user from page to page. */
const declined = new Set<string>();

/** "Giulia's name day is 22 May: add it?" — only when the table knows the first name and no name day is set. */
export function NameDaySuggestion({ person, afterWrite }: { person: Person; afterWrite?: () => void }) {
  const t = useT();
  const lang = useLang();
  const [, setTick] = useState(0);
  const { error, run } = useWrite(afterWrite);
  const suggest = useSettings((s) => s.suggestNameDays);
  const hit = nameDayFor(person.name);
  if (!suggest || !hit || declined.has(person.id) || (person.dates ?? []).some((d) => d.kind === 'nameday')) return null;
  return (
    <div className="nameday-suggestion row" role="group" aria-label={t('date_kind_nameday')}>
      <p className="grow">{t('nameday_suggest', { name: hit.firstName, date: formatDay(lang, hit, false) })}</p>
      <button type="button" onClick={() => void run((ctx) => saveDate(getDb(), person.id, { kind: 'nameday', month: hit.month, day: hit.day }, ctx))}>
        {t('nameday_add')}
      </button>
      <button
        type="button"
        className="link"
        onClick={() => {
          declined.add(person.id);
          setTick((n) => n + 1);
        }}
      >
        {t('nameday_not_now')}
      </button>
      {error && <p className="error">{t(error)}</p>}
    </div>
  );
}

function DateRow({ person, date, now, timeZone, afterWrite }: { person: Person; date: PersonDate; now: number; timeZone: string; afterWrite?: () => void }) {
  const t = useT();
  const lang = useLang();
  const [editing, setEditing] = useState(false);
  const { error, run } = useWrite(afterWrite);
  const what = dateName(lang, date);
  const when = date.once ? formatDay(lang, date, true) : t('date_every_year', { date: formatDay(lang, date, date.year !== undefined) });
  const asking = date.once && isOneOffOpen(date, person.summary.lastPersonalAt, timeZone) && oneOffKey(date) < localDayKey(now, timeZone);
  if (editing) {
    return (
      <li>
        <DateForm
          date={date}
          onCancel={() => setEditing(false)}
          onSave={async (input) => {
            const ok = await run((ctx) => saveDate(getDb(), person.id, input, ctx));
            if (ok) setEditing(false);
            return ok;
          }}
        />
        {error && <p className="error">{t(error)}</p>}
      </li>
    );
  }
  return (
    <li className="date-row row">
      <span className="grow">
        <strong>{what}</strong> <span className="muted">{when}</span>
        {date.leadDays ? <span className="muted small"> · {t('date_lead_days', { count: date.leadDays })}</span> : null}
        {date.once && date.dismissedAt !== undefined && <span className="muted small"> · {t('date_asked')}</span>}
      </span>
      {asking && (
        <button type="button" onClick={() => void run((ctx) => dismissDate(getDb(), person.id, date.id, ctx))} aria-label={t('date_dismiss_label', { what })}>
          {t('date_dismiss')}
        </button>
      )}
      <button type="button" onClick={() => setEditing(true)} aria-label={t('date_edit_label', { what })}>
        {t('date_edit')}
      </button>
      <button
        type="button"
        className="danger"
        onClick={() => void run((ctx) => removeDate(getDb(), person.id, date.id, ctx))}
        aria-label={t('date_remove_label', { what })}
      >
        {t('date_remove')}
      </button>
      {error && <p className="error">{t(error)}</p>}
    </li>
  );
}

/** The dates section: the list, the name-day suggestion, and "Add a date". */
export function PersonDates({
  person,
  now,
  timeZone,
  heading = 'h3',
  afterWrite,
}: {
  person: Person;
  now: number;
  timeZone: string;
  heading?: 'h2' | 'h3';
  afterWrite?: () => void;
}) {
  const t = useT();
  const hid = useId();
  const [adding, setAdding] = useState(false);
  const { error, run } = useWrite(afterWrite);
  const Heading = heading;
  const dates = person.dates ?? [];
  return (
    <section className="stack person-dates" aria-labelledby={`${hid}-h`}>
      <Heading id={`${hid}-h`} className={heading === 'h2' ? 'section-title' : undefined}>
        {t('date_section')}
      </Heading>
      <NameDaySuggestion person={person} {...(afterWrite ? { afterWrite } : {})} />
      {dates.length === 0 ? (
        <p className="muted">{t('date_none')}</p>
      ) : (
        <ul className="plain-list">
          {dates.map((d) => (
            <DateRow key={d.id} person={person} date={d} now={now} timeZone={timeZone} {...(afterWrite ? { afterWrite } : {})} />
          ))}
        </ul>
      )}
      {adding ? (
        <DateForm
          onCancel={() => setAdding(false)}
          onSave={async (input) => {
            const ok = await run((ctx) => saveDate(getDb(), person.id, input, ctx));
            if (ok) setAdding(false);
            return ok;
          }}
        />
      ) : (
        <div>
          <button type="button" onClick={() => setAdding(true)}>
            {t('date_add')}
          </button>
        </div>
      )}
      {error && <p className="error">{t(error)}</p>}
    </section>
  );
}
