import { useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { describeReason } from '@/lib/ui/describe';
import { resolveTimeZone } from '@/lib/settings/normalize';
import type { Channel, Person, Profile } from '@/lib/model/types';
import type { RankedPerson } from '@/lib/relationship/rank';
import { localParts } from '@/lib/background/digest';
import { readSnapshot, type ReachSnapshot } from '@/lib/ui/reach-snapshot';
import { initialsOf } from '@/lib/ui/reach-paint';
import { mailtoHref, safeHref, telHref, whatsappHref } from '@/lib/ui/safe-url';
import { errorKey } from '@/lib/ui/write-ctx';
import { currentWriteCtx, useSettings } from './settings-store';
import { SnoozeChoices } from './SnoozeChoices';
import { useLang, useT } from './i18n';
import { refreshBadge } from '@/lib/ui/badge';
import type { UndoRecord } from '@/lib/db/writes';
import { offerUndo } from './toast';

const DONE_CHANNELS: Channel[] = ['call', 'message', 'meeting'];

/**
 * The database side (Dexie, the live queries, the writes) comes in a chunk of its
 * own, fetched as the list mounts: the first paint needs only the snapshot.
 */
const loadLive = () => import('@/lib/ui/reach-live');
type LiveModule = Awaited<ReturnType<typeof loadLive>>;

/** Like dexie-react-hooks' useLiveQuery, over the lazily loaded module; the last value stays until the next arrives. */
function useLive<T>(
  start: (m: LiveModule, next: (v: T) => void, error: (err: unknown) => void) => () => void,
  onError: (key: string) => void,
  deps: unknown[],
  enabled = true,
): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    let stop: (() => void) | undefined;
    void loadLive()
      .then((m) => {
        if (alive)
          stop = start(
            m,
            (v) => alive && setValue(() => v),
            (err) => alive && onError(errorKey(err)),
          );
      })
      .catch((err: unknown) => alive && onError(errorKey(err)));
    return () => {
      alive = false;
      stop?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the query reads
  }, [...deps, enabled]);
  return value;
}

/** A short list first: the top people, and the rest on request (there may be hundreds). */
const PAGE = 20;

function Row({
  item,
  profile,
  now,
  onError,
  onOpen,
  profilesKnown,
}: {
  item: RankedPerson;
  profile: Profile | undefined;
  /** The rows' profiles have been read: no profile means none, not "not yet". */
  profilesKnown: boolean;
  now: number;
  onError: (k: string) => void;
  onOpen?: ((person: Person) => void) | undefined;
}) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const [mode, setMode] = useState<'none' | 'done' | 'snooze'>('none');
  const { person, top } = item;
  const timeZone = useSettings(resolveTimeZone);
  /** A Done or a Snooze, then the offer to undo it. */
  const act = async (fn: () => Promise<UndoRecord>, text: string) => {
    try {
      const record = await fn();
      setMode('none');
      refreshBadge();
      offerUndo(text, async () => (await loadLive()).undo(record));
    } catch (err) {
      onError(errorKey(err));
    }
  };
  const phone = person.phones[0];
  const email = person.emails[0];
  const open = profile
    ? safeHref(profile.url ?? (profile.site === 'linkedin' ? `https://www.linkedin.com/in/${encodeURIComponent(profile.handle)}/` : undefined))
    : undefined;
  const initials = initialsOf(person.name);
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
        <span className={`reach-reason reason-${top.code}`}>{describeReason(lang, top, now, timeZone)}</span>
        <div className="reach-actions">
          <button type="button" aria-expanded={mode === 'done'} onClick={() => setMode(mode === 'done' ? 'none' : 'done')}>
            {t('action_done')}
          </button>
          <button type="button" aria-expanded={mode === 'snooze'} onClick={() => setMode(mode === 'snooze' ? 'none' : 'snooze')}>
            {t('action_snooze')}
          </button>
          {open ? (
            <a href={open} target="_blank" rel="noopener noreferrer">
              {t('action_open_profile')}
            </a>
          ) : (
            // No profile to open (someone added by hand): their page in Kith instead.
            !onOpen &&
            profilesKnown && (
              <button
                type="button"
                className="link"
                onClick={() => void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#/people/${encodeURIComponent(person.id)}`) })}
              >
                {t('add_open_person')}
              </button>
            )
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
              <button
                key={c}
                type="button"
                onClick={() =>
                  void act(
                    async () => (await loadLive()).done(person.id, c, currentWriteCtx(), top.code === 'followup-due'),
                    t('undo_done', { name: person.name }),
                  )
                }
              >
                {t(`done_${c}` as never)}
              </button>
            ))}
          </div>
        )}
        {mode === 'snooze' && (
          <SnoozeChoices
            label={t('snooze_for', { name: person.name })}
            timeZone={timeZone}
            onSnooze={(until) => act(async () => (await loadLive()).snoozeUntil(person.id, until, currentWriteCtx()), t('undo_snoozed', { name: person.name }))}
          />
        )}
      </div>
    </li>
  );
}

/** A snapshot is shown only on the day it was taken, and never when empty ("nobody is waiting" must never be a guess). */
function usableSnapshot(snap: ReachSnapshot | null | undefined, timeZone: string): ReachSnapshot | undefined {
  return snap && snap.items.length > 0 && snap.day === localParts(Date.now(), timeZone).day ? snap : undefined;
}

/**
 * Today's list. `initialSnapshot`: the background's snapshot, already read by the
 * page before React rendered (null: read, there was none); without it the list
 * reads it itself.
 */
export function ReachOutToday({
  now,
  place,
  onOpenPerson,
  initialSnapshot,
}: {
  now: number;
  place: 'popup' | 'sidepanel';
  onOpenPerson?: (person: Person) => void;
  initialSnapshot?: ReachSnapshot | null;
}) {
  const t = useT();
  const circles = useSettings((s) => s.circles);
  const timeZone = useSettings(resolveTimeZone);
  const [error, setError] = useState<string>();
  const [shown, setShown] = useState(PAGE);
  // Paint at once from the background's last snapshot; the live query replaces it.
  // The database side loads once the snapshot has been painted (or found missing),
  // so that loading Dexie never delays the first paint.
  const given = initialSnapshot !== undefined;
  const [snapshot, setSnapshot] = useState<ReachSnapshot | undefined>(() => usableSnapshot(initialSnapshot, timeZone));
  const [snapshotRead, setSnapshotRead] = useState(given);
  const live = useLive<RankedPerson[]>(
    (m, next, error) => m.watchReach({ now, timeZone, circles }, next, error),
    setError,
    [circles, timeZone, now],
    snapshotRead,
  );
  useEffect(() => {
    if (given) return;
    let alive = true;
    void readSnapshot().then((snap) => {
      if (!alive) return;
      setSnapshot(usableSnapshot(snap, timeZone));
      setSnapshotRead(true);
    });
    return () => {
      alive = false;
    };
  }, [timeZone, given]);
  const list = live ?? snapshot?.items;
  const visible = list?.slice(0, shown);
  const visibleIds = visible?.map((r) => r.person.id).join(',') ?? '';
  const liveProfiles = useLive<Map<string, Profile>>(
    (m, next, error) => m.watchProfiles(visibleIds ? visibleIds.split(',') : [], next, error),
    setError,
    [visibleIds],
    snapshotRead,
  );
  const profiles = liveProfiles ?? (snapshot ? new Map(Object.entries(snapshot.profiles)) : undefined);
  const headingId = useId();
  const count = live?.length;
  useEffect(() => {
    // The badge says the same number as this list (it may have been computed before a day changed).
    if (count !== undefined) refreshBadge();
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
              <Row
                key={item.person.id}
                item={item}
                profile={profiles?.get(item.person.id)}
                profilesKnown={profiles !== undefined}
                now={now}
                onError={setError}
                onOpen={onOpenPerson}
              />
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
