import { useEffect, useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { getDb } from '../lib/db/db';
import { reachOutList } from '../lib/db/queries';
import { markDone, snooze } from '../lib/db/repo';
import { describeReason } from '../lib/i18n/describe';
import type { Settings } from '../lib/model/settings';
import type { Channel, Person, Profile } from '../lib/model/types';
import type { RankedPerson } from '../lib/relationship/rank';
import { localParts } from '../lib/background/digest';
import { REACH_SNAPSHOT_KEY, type ReachSnapshot } from '../lib/ui/reach-snapshot';
import { mailtoHref, safeHref, telHref, whatsappHref } from '../lib/ui/safe-url';
import { errorKey, writeCtx } from './ctx';
import { SnoozeChoices } from './SnoozeChoices';
import { useLang, useT } from './i18n';

const DONE_CHANNELS: Channel[] = ['call', 'message', 'meeting'];

/** A short list first: the top people, and the rest on request (there may be hundreds). */
const PAGE = 20;

function Row({ item, profile, settings, now, onError, onOpen }: { item: RankedPerson; profile: Profile | undefined; settings: Settings; now: number; onError: (k: string) => void; onOpen?: ((person: Person) => void) | undefined }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const [mode, setMode] = useState<'none' | 'done' | 'snooze'>('none');
  const db = getDb();
  const { person, top } = item;
  const ctx = writeCtx(settings, now);
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setMode('none');
      void browser.runtime.sendMessage({ type: 'badge/refresh' }).catch(() => undefined);
    } catch (err) {
      onError(errorKey(err));
    }
  };
  const phone = person.phones[0];
  const email = person.emails[0];
  const open = profile ? safeHref(profile.url ?? (profile.site === 'linkedin' ? `https://www.linkedin.com/in/${encodeURIComponent(profile.handle)}/` : undefined)) : undefined;
  const initials = person.name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
  return (
    <li className="reach-row" aria-labelledby={`${id}-n`} data-person={person.id}>
      {/* Initials, never the site's photo: Kith's pages request nothing from the network. */}
      <span className="avatar avatar-initials" aria-hidden="true">
        {initials || '?'}
      </span>
      <div className="reach-main">
        {onOpen ? (
          <button type="button" id={`${id}-n`} className="reach-name link" onClick={() => onOpen(person)}>
            {person.name}
          </button>
        ) : (
          <span id={`${id}-n`} className="reach-name">
            {person.name}
          </span>
        )}
        <span className={`reach-reason reason-${top.code}`}>{describeReason(lang, top, now, ctx.timeZone)}</span>
        <div className="reach-actions">
          <button type="button" aria-expanded={mode === 'done'} onClick={() => setMode(mode === 'done' ? 'none' : 'done')}>
            {t('action_done')}
          </button>
          <button type="button" aria-expanded={mode === 'snooze'} onClick={() => setMode(mode === 'snooze' ? 'none' : 'snooze')}>
            {t('action_snooze')}
          </button>
          {open && (
            <a href={open} target="_blank" rel="noopener noreferrer">
              {t('action_open_profile')}
            </a>
          )}
          {phone && telHref(phone) && <a href={telHref(phone)}>{t('action_call')}</a>}
          {phone && whatsappHref(phone) && (
            <a href={whatsappHref(phone)} target="_blank" rel="noopener noreferrer">
              {t('action_whatsapp')}
            </a>
          )}
          {email && mailtoHref(email) && <a href={mailtoHref(email)}>{t('action_email')}</a>}
        </div>
        {mode === 'done' && (
          <div className="reach-choices" role="group" aria-label={t('done_how', { name: person.name })}>
            {DONE_CHANNELS.map((c) => (
              <button key={c} type="button" onClick={() => void act(() => markDone(db, person.id, c, writeCtx(settings), { keepDuePromises: top.code === 'followup-due' }))}>
                {t(`done_${c}` as never)}
              </button>
            ))}
          </div>
        )}
        {mode === 'snooze' && <SnoozeChoices label={t('snooze_for', { name: person.name })} timeZone={ctx.timeZone} onSnooze={(until) => act(() => snooze(db, person.id, until, writeCtx(settings)))} />}
      </div>
    </li>
  );
}

export function ReachOutToday({ settings, now, place, onOpenPerson }: { settings: Settings; now: number; place: 'popup' | 'sidepanel'; onOpenPerson?: (person: Person) => void }) {
  const t = useT();
  const [error, setError] = useState<string>();
  const db = getDb();
  const [shown, setShown] = useState(PAGE);
  const live = useLiveQuery(() => reachOutList(db, writeCtx(settings, now)), [settings, now]);
  // Paint at once from the background's last snapshot; the live query replaces it.
  const [snapshot, setSnapshot] = useState<ReachSnapshot>();
  useEffect(() => {
    let alive = true;
    void browser.storage.session
      .get(REACH_SNAPSHOT_KEY)
      .then((got) => {
        const snap = got[REACH_SNAPSHOT_KEY] as ReachSnapshot | undefined;
        // An empty snapshot is not shown: "nobody is waiting" must never be a guess.
        if (alive && snap && snap.items.length > 0 && snap.day === localParts(Date.now(), writeCtx(settings).timeZone).day) setSnapshot(snap);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [settings]);
  const list = live ?? snapshot?.items;
  const visible = list?.slice(0, shown);
  const visibleIds = visible?.map((r) => r.person.id).join(',') ?? '';
  // One query for the profiles of the visible rows, not one per row.
  const liveProfiles = useLiveQuery(async () => {
    const ids = visibleIds ? visibleIds.split(',') : [];
    const rows = ids.length ? await db.profiles.where('personId').anyOf(ids).toArray() : [];
    const map = new Map<string, Profile>();
    for (const p of rows) if (!p.deletedAt && (!map.has(p.personId) || p.site === 'linkedin')) map.set(p.personId, p);
    return map;
  }, [visibleIds]);
  const profiles = liveProfiles ?? (snapshot ? new Map(Object.entries(snapshot.profiles)) : undefined);
  const headingId = useId();
  const count = live?.length;
  useEffect(() => {
    // The badge says the same number as this list (it may have been computed before a day changed).
    if (count !== undefined) void browser.runtime.sendMessage({ type: 'badge/refresh' }).catch(() => undefined);
  }, [count]);
  if (list === undefined) return <p className="loading">{t('loading')}</p>;
  return (
    <section className={`reach reach-${place}`} aria-labelledby={headingId}>
      <h1 id={headingId}>{t('reach_title')}</h1>
      {error && (
        <p className="error" role="alert">
          {t(error as never)}
        </p>
      )}
      {list.length === 0 ? (
        <div className="empty">
          <p>{t('reach_empty')}</p>
          <p className="muted">{t('reach_empty_hint')}</p>
        </div>
      ) : (
        <>
          <p className="muted" data-testid="waiting-count">
            {t('reach_waiting', { count: live ? live.length : (snapshot?.count ?? list.length) })}
          </p>
          <ul className="reach-list" aria-labelledby={headingId}>
            {visible!.map((item) => (
              <Row key={item.person.id} item={item} profile={profiles?.get(item.person.id)} settings={settings} now={now} onError={setError} onOpen={onOpenPerson} />
            ))}
          </ul>
          {(live ? live.length : (snapshot?.count ?? 0)) > shown && live && (
            <button type="button" className="link more" onClick={() => setShown(shown + PAGE)}>
              {t('reach_show_more', { count: Math.min(PAGE, live.length - shown) })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
