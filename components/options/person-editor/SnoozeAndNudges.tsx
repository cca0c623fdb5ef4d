import { useId, useState } from 'react';
import { snooze, unsnooze } from '@/lib/db/writes';
import { type PersonView } from '@/lib/db/read';
import { getDb } from '@/lib/db/db';
import type { MessageKey } from '@/lib/i18n';
import { resolveTimeZone } from '@/lib/settings/normalize';
import { currentWriteCtx, useSettings } from '@/components/settings-store';
import { useLang, useT } from '@/components/i18n';
import { formatSnoozeDay, SnoozeChoices } from '@/components/SnoozeChoices';
import { useNow } from '@/components/useSettings';
import { AllowNudgesButton, useMutedIds } from '@/components/options/mutes';
import { useAction } from './useAction';
import { runUndoable } from '@/components/undoable';
import { refreshBadge } from '@/lib/ui/badge';

export function SnoozeAndNudges({ view }: { view: PersonView }) {
  const t = useT();
  const lang = useLang();
  const hid = useId();
  const now = useNow();
  const mutedIds = useMutedIds();
  const { error, run } = useAction();
  const [muteError, setMuteError] = useState<MessageKey>();
  const p = view.person;
  const timeZone = useSettings(resolveTimeZone);
  const snoozed = p.snoozedUntil !== undefined && p.snoozedUntil > now ? p.snoozedUntil : undefined;
  const write = (fn: (ctx: ReturnType<typeof currentWriteCtx>) => Promise<unknown>) =>
    void run(fn).then((ok) => {
      // The toolbar badge counts today's list: tell the background it changed.
      if (ok) refreshBadge();
    });
  return (
    <section className="stack" aria-labelledby={`${hid}-h`}>
      <h3 id={`${hid}-h`}>{t('editor_reach')}</h3>
      <p role="status" className="snooze-state">
        {snoozed !== undefined ? (
          <strong>{t('snoozed_until', { date: formatSnoozeDay(lang, snoozed, now, timeZone) })}</strong>
        ) : (
          t('editor_not_snoozed', { name: p.name })
        )}
      </p>
      {snoozed !== undefined && (
        <div className="row">
          <span className="muted small grow">{t('editor_snoozed_hint', { name: p.name })}</span>
          <button type="button" onClick={() => write((ctx) => unsnooze(getDb(), p.id, ctx))}>
            {t('unsnooze')}
          </button>
        </div>
      )}
      <SnoozeChoices
        className="row snooze-choices"
        label={t('snooze_for', { name: p.name })}
        timeZone={timeZone}
        onSnooze={(until) => write((ctx) => runUndoable(() => snooze(getDb(), p.id, until, ctx), t('undo_snoozed', { name: p.name })))}
      />
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
