/**
 * The in-the-moment nudge in the side panel: a small, dismissable card
 * with the personal alternative ("you know them: call instead" and their number;
 * for a pitch with no personal touch yet, "ask about them first" and the last
 * thing heard), plus "not for this person" / "not this kind". Below it, the last
 * message logged from a page, with a one-click correction of how it was counted.
 *
 * The background writes the nudge to `browser.storage.session`; this reads it live
 * and reads the person (name, phone, notes) from the database itself.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { getDb } from '@/lib/db/db';
import { personView, type PersonView } from '@/lib/db/read';
import { CURRENT_NUDGE_KEY, LAST_SENT_KEY, type CurrentNudge, type LastSent } from '@/lib/nudges/session';
import { reclassifyMessage } from '@/lib/db/writes';
import { currentWriteCtx } from './settings-store';
import { NudgeCard } from './NudgeCard';
import { useT } from './i18n';
import { warnFailed } from '@/lib/platform/warn';

/** A nudge older than this is history, not a moment: it is not shown. */
const FRESH_MS = 60 * 60_000;

function useSessionValue<T>(key: string): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let alive = true;
    const read = async () => {
      const got = (await browser.storage.session.get(key))[key] as T | undefined;
      if (alive) setValue(got);
    };
    void read();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && key in changes) void read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [key]);
  return value;
}

export interface SentCorrectionProps {
  name: string;
  depth: 'personal' | 'broadcast';
  onCorrect: (depth: 'personal' | 'broadcast') => void;
}

export function SentCorrection({ name, depth, onCorrect }: SentCorrectionProps) {
  const t = useT();
  const other = depth === 'personal' ? 'broadcast' : 'personal';
  return (
    <p className="notice small" data-testid="sent-correction">
      {t(depth === 'personal' ? 'nudge_sent_personal' : 'nudge_sent_broadcast', { name })}{' '}
      <button type="button" className="link" onClick={() => onCorrect(other)}>
        {t(other === 'personal' ? 'nudge_fix_personal' : 'nudge_fix_broadcast')}
      </button>
    </p>
  );
}

function lastListening(view: PersonView | undefined): string | undefined {
  return view?.notes.find((n) => n.kind === 'listening')?.text;
}

/** The container: the current nudge and the last logged message, live. */
export function NudgeBanner({ now }: { now: number }) {
  const nudge = useSessionValue<CurrentNudge>(CURRENT_NUDGE_KEY);
  const lastSent = useSessionValue<LastSent>(LAST_SENT_KEY);
  const [dismissed, setDismissed] = useState<string>();
  const db = getDb();
  const data = useLiveQuery(async () => {
    const [forNudge, forSent, sentTouch] = await Promise.all([
      nudge ? personView(db, nudge.personId) : undefined,
      lastSent ? personView(db, lastSent.personId) : undefined,
      lastSent ? db.touches.get(lastSent.touchId) : undefined,
    ]);
    return { forNudge, forSent, sentTouch };
  }, [nudge?.personId, lastSent?.personId, lastSent?.touchId]);

  // `now` ticks each minute; a nudge written after it is fresh by definition.
  const fresh = (at: number) => at > now || now - at < FRESH_MS;
  const showNudge = nudge && nudge.id !== dismissed && fresh(nudge.at) && data?.forNudge;
  const sentTouch = data?.sentTouch;
  const showSent =
    lastSent && fresh(lastSent.at) && data?.forSent && sentTouch && !sentTouch.deletedAt && (sentTouch.depth === 'personal' || sentTouch.depth === 'broadcast');
  if (!showNudge && !showSent) return null;

  const dismiss = (mute?: 'person' | 'kind') => {
    if (!nudge) return;
    setDismissed(nudge.id);
    void browser.runtime.sendMessage({ type: 'nudge/dismiss', id: nudge.id, ...(mute ? { mute } : {}) }).catch(warnFailed('dismissing the nudge'));
  };
  return (
    <div className="nudges stack">
      {showNudge && data.forNudge && (
        <NudgeCard
          nudge={nudge}
          name={data.forNudge.person.name}
          phone={data.forNudge.person.phones[0]}
          lastHeard={lastListening(data.forNudge)}
          onDismiss={dismiss}
        />
      )}
      {showSent && data.forSent && (
        <SentCorrection
          name={data.forSent.person.name}
          depth={sentTouch.depth as 'personal' | 'broadcast'}
          onCorrect={(depth) => void reclassifyMessage(db, sentTouch.id, depth, currentWriteCtx()).catch(warnFailed("correcting the message's kind"))}
        />
      )}
    </div>
  );
}
