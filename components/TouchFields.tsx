/**
 * The fields of "log a conversation" (how, when, what about), shared by the side
 * panel (personal channels only) and the options page's person editor (every
 * channel). The select has its own label element: a select inside its label would
 * lend its options to the label's accessible name.
 */
import { useId } from 'react';
import { channelLabel } from '@/lib/ui/describe';
import type { Channel } from '@/lib/model/types';
import { useLang, useT } from './i18n';

/** An instant as the value of a `datetime-local` input, in the browser's time. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` (or date) value as an instant; undefined when empty or not a date. */
export function fromLocalInput(s: string): number | undefined {
  if (!s) return undefined;
  const ms = new Date(s).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

export interface TouchDraft {
  channel: Channel;
  /** A `datetime-local` value. */
  at: string;
  note: string;
}

export function newTouchDraft(now: number): TouchDraft {
  return { channel: 'call', at: toLocalInput(now), note: '' };
}

/** How and when, then what about: in one row (`inline`) or with the note on a line of its own. */
export function TouchFields({
  channels,
  draft,
  onChange,
  inline = false,
}: {
  channels: readonly Channel[];
  draft: TouchDraft;
  onChange: (d: TouchDraft) => void;
  inline?: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const how = (
    <div className="field grow">
      <label htmlFor={`${id}-how`}>{t('field_how')}</label>
      <select id={`${id}-how`} value={draft.channel} onChange={(e) => onChange({ ...draft, channel: e.target.value as Channel })}>
        {channels.map((c) => (
          <option key={c} value={c}>
            {channelLabel(lang, c)}
          </option>
        ))}
      </select>
    </div>
  );
  const when = (
    <label className="field grow">
      <span>{t('field_when')}</span>
      <input type="datetime-local" value={draft.at} onChange={(e) => onChange({ ...draft, at: e.target.value })} />
    </label>
  );
  const note = (
    <label className="field grow">
      <span>{t('field_touch_note')}</span>
      <input value={draft.note} onChange={(e) => onChange({ ...draft, note: e.target.value })} autoComplete="off" />
    </label>
  );
  return inline ? (
    <>
      {how}
      {when}
      {note}
    </>
  ) : (
    <>
      <div className="row">
        {how}
        {when}
      </div>
      {note}
    </>
  );
}
