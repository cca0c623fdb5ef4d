import { useEffect, useState, type FormEvent } from 'react';
import { updateTouch, logTouch, removeTouch } from '@/lib/db/writes';
import { type PersonView } from '@/lib/db/read';
import { getDb } from '@/lib/db/db';
import type { MessageKey } from '@/lib/i18n';
import { channelLabel } from '@/lib/ui/describe';
import type { Channel, Direction, Touch, TouchDepth } from '@/lib/model/types';
import { ALL_CHANNELS, depthOfChannel } from '@/lib/relationship/touches';
import { useLang, useT } from '@/components/i18n';
import { fromLocalInput, newTouchDraft, toLocalInput, TouchFields } from '@/components/TouchFields';
import { useAction } from './useAction';
import { runUndoable } from '@/components/undoable';

const DEPTHS: TouchDepth[] = ['personal', 'passive', 'broadcast'];
const DEPTH_LABEL: Record<TouchDepth, MessageKey> = { personal: 'depth_personal', passive: 'depth_passive', broadcast: 'depth_broadcast' };

function TouchRow({ touch }: { touch: Touch }) {
  const t = useT();
  const lang = useLang();
  const [f, setF] = useState({ channel: touch.channel, depth: touch.depth, direction: touch.direction, at: toLocalInput(touch.at), note: touch.note ?? '' });
  useEffect(
    () => setF({ channel: touch.channel, depth: touch.depth, direction: touch.direction, at: toLocalInput(touch.at), note: touch.note ?? '' }),
    [touch],
  );
  const { error, run } = useAction();
  const dirty =
    f.channel !== touch.channel ||
    f.depth !== touch.depth ||
    f.direction !== touch.direction ||
    f.at !== toLocalInput(touch.at) ||
    f.note !== (touch.note ?? '');
  const save = () => {
    const at = fromLocalInput(f.at);
    void run((ctx) =>
      updateTouch(getDb(), touch.id, { channel: f.channel, depth: f.depth, direction: f.direction, note: f.note, ...(at !== undefined ? { at } : {}) }, ctx),
    );
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
          <select
            value={f.channel}
            onChange={(e) => {
              const channel = e.target.value as Channel;
              setF({ ...f, channel, depth: depthOfChannel(channel) ?? f.depth });
            }}
          >
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

export function Touches({ view }: { view: PersonView }) {
  const t = useT();
  const [draft, setDraft] = useState(() => newTouchDraft(Date.now()));
  const [limit, setLimit] = useState(30);
  const { error, run } = useAction();
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const when = fromLocalInput(draft.at);
    const ok = await run((ctx) =>
      runUndoable(
        () =>
          logTouch(
            getDb(),
            { personId: view.person.id, channel: draft.channel, note: draft.note, source: 'manual', ...(when !== undefined ? { at: when } : {}) },
            ctx,
          ),
        t('undo_logged', { name: view.person.name }),
      ),
    );
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
            <TouchRow key={x.id} touch={x} />
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
