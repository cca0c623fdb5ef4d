/**
 * The people muted with "Not for this person" on a nudge, live, and the way back:
 * the options page writes the same `nudge:mutes` row the background reads before
 * every nudge, so "Allow nudges again" applies at once.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db/db';
import { isLive } from '@/lib/relationship/people-list';
import { readMutedPeople } from '@/lib/db/read';
import { setPersonMuted } from '@/lib/db/writes';
import type { MessageKey } from '@/lib/i18n';
import { useT } from '@/components/i18n';
import { routeHash } from '@/lib/ui/route';
import { failureKey } from '@/lib/ui/failure-words';

/** Ids of the people muted from nudges; undefined while loading. */
export function useMutedIds(): string[] | undefined {
  return useLiveQuery(() => readMutedPeople(getDb()), []);
}

/** The muted people still in Kith, by name (a deleted person's mute stays, for an undo). */
function useMutedPeople(): Array<{ id: string; name: string }> | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const ids = await readMutedPeople(db);
    const people = await db.people.bulkGet(ids);
    return people.filter((p) => p !== undefined && isLive(p)).map((p) => ({ id: p!.id, name: p!.name }));
  }, []);
}

export function AllowNudgesButton({ personId, name, onError }: { personId: string; name: string; onError: (k: MessageKey | undefined) => void }) {
  const t = useT();
  return (
    <button
      type="button"
      aria-label={t('nudges_allow_again_for', { name })}
      onClick={() => {
        onError(undefined);
        setPersonMuted(getDb(), personId, false).catch((err: unknown) => onError(failureKey(err)));
      }}
    >
      {t('nudges_allow_again')}
    </button>
  );
}

/** The settings' list of muted people, each with a link to their page and "Allow nudges again". */
export function MutedPeople({ headingId }: { headingId: string }) {
  const t = useT();
  const muted = useMutedPeople();
  const [error, setError] = useState<MessageKey>();
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('settings_muted_people')}</h3>
      <p className="muted small">{t('settings_muted_hint')}</p>
      {muted === undefined ? (
        <p className="loading">{t('loading')}</p>
      ) : muted.length === 0 ? (
        <p className="muted">{t('settings_muted_none')}</p>
      ) : (
        <ul className="plain-list" aria-labelledby={headingId}>
          {muted.map((p) => (
            <li key={p.id} className="row">
              <a className="grow" href={routeHash({ section: 'person', id: p.id })}>
                {p.name}
              </a>
              <AllowNudgesButton personId={p.id} name={p.name} onError={setError} />
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
    </section>
  );
}
