/**
 * The snooze choices (1 day, 1 week, 1 month, or until a chosen day), shared by
 * the reach-out list (popup, side panel) and the options page (person editor and
 * bulk bar). It only works out the instant the snooze ends, the start of the
 * chosen local day in the user's time zone; the caller writes it.
 */
import { useId, useState } from 'react';
import type { Lang } from '@/lib/i18n';
import { addDaysToKey, localDayKey, startOfLocalDate } from '@/lib/relationship/time';
import { useT } from './i18n';
import { useNow } from './useSettings';

export const SNOOZE_DAYS = [1, 7, 30] as const;
const LABEL = { 1: 'snooze_day', 7: 'snooze_week', 30: 'snooze_month' } as const;

/** The start of the local day `days` days after today. */
export function snoozeEnd(days: number, now: number, timeZone: string): number {
  return startOfLocalDate(addDaysToKey(localDayKey(now, timeZone), days), timeZone);
}

/**
 * A typed "YYYY-MM-DD" as the start of that local day, or why not: a day that is
 * not after today would end the snooze before it starts.
 */
export function customSnoozeEnd(value: string, now: number, timeZone: string): { until: number } | { error: 'snooze_date_invalid' | 'snooze_date_past' } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return { error: 'snooze_date_invalid' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return { error: 'snooze_date_invalid' };
  if (value <= localDayKey(now, timeZone)) return { error: 'snooze_date_past' };
  return { until: startOfLocalDate(value, timeZone) };
}

/** "3 December" this year, "3 December 2027" another year, in the user's time zone. */
export function formatSnoozeDay(lang: Lang, at: number, now: number, timeZone: string): string {
  const year = (t: number) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(new Date(t));
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', ...(year(at) !== year(now) ? { year: 'numeric' } : {}), timeZone }).format(
    new Date(at),
  );
}

export function SnoozeChoices({
  label,
  timeZone,
  onSnooze,
  className = 'reach-choices',
}: {
  label: string;
  timeZone: string;
  onSnooze: (until: number) => unknown;
  className?: string;
}) {
  const t = useT();
  const id = useId();
  const [custom, setCustom] = useState('');
  const [bad, setBad] = useState<'snooze_date_invalid' | 'snooze_date_past'>();
  const now = useNow();
  const tomorrow = addDaysToKey(localDayKey(now, timeZone), 1);
  return (
    <div className={className} role="group" aria-label={label}>
      {SNOOZE_DAYS.map((days) => (
        <button key={days} type="button" onClick={() => void onSnooze(snoozeEnd(days, Date.now(), timeZone))}>
          {t(LABEL[days])}
        </button>
      ))}
      <label className="inline">
        <span>{t('snooze_until')}</span>
        <input
          type="date"
          min={tomorrow}
          value={custom}
          aria-invalid={bad ? true : undefined}
          aria-describedby={bad ? `${id}-err` : undefined}
          onChange={(e) => {
            setCustom(e.target.value);
            setBad(undefined);
          }}
        />
      </label>
      <button
        type="button"
        disabled={!custom}
        onClick={() => {
          const r = customSnoozeEnd(custom, Date.now(), timeZone);
          if ('error' in r) setBad(r.error);
          else void onSnooze(r.until);
        }}
      >
        {t('snooze_custom')}
      </button>
      {bad && (
        <p id={`${id}-err`} className="error small" role="alert">
          {t(bad)}
        </p>
      )}
    </div>
  );
}
