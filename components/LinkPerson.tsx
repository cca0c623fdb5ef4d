/**
 * One person across sites. Beside a profile Kith does not know yet: the
 * people already in Kith with the same name (accents and case aside), each with
 * "this is <name>", and a way to pick anyone else by name. Beside a known person:
 * "this is also …", to link another profile by its address, or to say that someone
 * else in Kith is the same person (the two become one). Side panel only: it reads
 * and writes the database directly (extension origin), so the in-page card does
 * not get it.
 */
import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KithDB } from '@/lib/db/db';
import { getDb } from '@/lib/db/db';
import { findPersonByProfile } from '@/lib/db/read';
import { linkProfile, type ProfileIdentity, mergePeople } from '@/lib/db/writes';
import { runUndoable } from './undoable';
import { fold, isLive } from '@/lib/relationship/people-list';
import type { PageIdentity, Person, SiteId } from '@/lib/model/types';
import type { MessageKey } from '@/lib/i18n';
import { handleFromProfileUrl } from '@/lib/sites/identity';
import { profileUrl, SITE_LABEL } from '@/lib/sites/table';
import { errorKey } from '@/lib/ui/write-ctx';
import { currentWriteCtx } from './settings-store';
import { useT } from './i18n';

function sameName(a: string, b: string): boolean {
  const norm = (s: string) => fold(s.normalize('NFC')).replace(/\s+/g, ' ').trim();
  return norm(a) !== '' && norm(a) === norm(b);
}

interface Candidate {
  person: Person;
  sites: SiteId[];
}

/**
 * Live people whose name passes `test`, with the sites they have profiles on. Reads
 * the name index's keys only, then the few matching rows: fast at tens of thousands.
 */
async function peopleByName(db: KithDB, test: (name: string) => boolean, limit: number, exclude?: string): Promise<Candidate[]> {
  const names = ((await db.people.orderBy('name').uniqueKeys()) as string[]).filter((n) => typeof n === 'string' && test(n));
  if (names.length === 0) return [];
  const people = (await db.people.where('name').anyOf(names).toArray()).filter((p) => isLive(p) && p.id !== exclude).slice(0, limit);
  const profiles = await db.profiles
    .where('personId')
    .anyOf(people.map((p) => p.id))
    .toArray();
  return people.map((person) => ({
    person,
    sites: [...new Set(profiles.filter((pr) => pr.personId === person.id && !pr.deletedAt).map((pr) => pr.site))],
  }));
}

function CandidateRow({ c, label, onPick, busy }: { c: Candidate; label: string; onPick: () => void; busy: boolean }) {
  const t = useT();
  return (
    <li className="row">
      <button type="button" onClick={onPick} disabled={busy}>
        {label}
      </button>
      {c.sites.length > 0 && <span className="muted small">{c.sites.map((s) => t(SITE_LABEL[s])).join(', ')}</span>}
    </li>
  );
}

/** Search people by name (accents and case aside). */
function PersonPicker({
  db,
  exclude,
  label,
  action,
  onPick,
  busy,
}: {
  db: KithDB;
  exclude?: string;
  label: string;
  action: (name: string) => string;
  onPick: (c: Candidate) => void;
  busy: boolean;
}) {
  const [query, setQuery] = useState('');
  const q = fold(query.trim());
  // Two letters at least: one would list half the people.
  const found = useLiveQuery(() => (q.length >= 2 ? peopleByName(db, (n) => fold(n).includes(q), 8, exclude) : Promise.resolve([])), [q, exclude]);
  return (
    <div className="stack">
      <label className="field">
        <span>{label}</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      </label>
      {found && found.length > 0 && (
        <ul className="plain stack">
          {found.map((c) => (
            <CandidateRow key={c.person.id} c={c} label={action(c.person.name)} onPick={() => onPick(c)} busy={busy} />
          ))}
        </ul>
      )}
    </div>
  );
}

export interface LinkPersonProps {
  /** The profile in view. */
  identity: PageIdentity;
  /** The known person it belongs to; absent when the profile is not in Kith yet. */
  personId?: string | undefined;
  db?: KithDB;
}

export function LinkPerson({ identity, personId, db = getDb() }: LinkPersonProps) {
  const t = useT();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey>();
  const [done, setDone] = useState<string>();
  /** A pasted profile that someone else in Kith already has: offer to make them one. */
  const [owner, setOwner] = useState<Person>();
  const [confirm, setConfirm] = useState<Person>();
  const [address, setAddress] = useState('');

  const name = identity.name ?? '';
  const sameNamed = useLiveQuery(() => (personId || !name ? Promise.resolve([]) : peopleByName(db, (n) => sameName(n, name), 5)), [personId, name]);

  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      await fn();
      return true;
    } catch (err) {
      setError((err instanceof Error && err.message === 'profile-owned-by-other' ? 'link_error_owned' : errorKey(err)) as MessageKey);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const viewProfile: ProfileIdentity = { site: identity.site, handle: identity.handle, url: profileUrl(identity.site, identity.handle) };
  const linkHere = (target: Person) => run(() => linkProfile(db, target.id, viewProfile, currentWriteCtx()));

  /** Two records of one person become one; the older record (usually the richer one) is kept. */
  const merge = async (other: Person) => {
    if (!personId) return;
    const me = await db.people.get(personId);
    if (!me) return;
    const [keep, drop] = me.createdAt <= other.createdAt ? [me, other] : [other, me];
    if (await run(() => runUndoable(() => mergePeople(db, keep.id, drop.id, currentWriteCtx()), t('undo_merged', { name: keep.name }), { db }))) {
      setConfirm(undefined);
      setOwner(undefined);
      setDone(t('link_merged', { name: other.name }));
    }
  };

  const linkAddress = async (e: FormEvent) => {
    e.preventDefault();
    if (!personId) return;
    setOwner(undefined);
    const parsed = handleFromProfileUrl(address);
    if (!parsed) {
      setError('link_error_address');
      return;
    }
    const held = await findPersonByProfile(db, parsed.site, parsed.handle);
    if (held && held.person.id === personId) {
      setDone(t('link_already', { site: t(SITE_LABEL[parsed.site]) }));
      return;
    }
    if (held) {
      setOwner(held.person);
      setError('link_error_owned');
      return;
    }
    const ok = await run(() => linkProfile(db, personId, { ...parsed, url: profileUrl(parsed.site, parsed.handle) }, currentWriteCtx()));
    if (ok) {
      setAddress('');
      setDone(t('link_linked', { site: t(SITE_LABEL[parsed.site]), handle: parsed.handle }));
    }
  };

  const status = (
    <>
      {error && (
        <p className="error small" role="alert">
          {owner ? t('link_error_owned_by', { name: owner.name }) : t(error)}
        </p>
      )}
      {owner && (
        <button type="button" onClick={() => setConfirm(owner)} disabled={busy}>
          {t('link_merge_ask', { name: owner.name })}
        </button>
      )}
      {done && (
        <p className="notice small" role="status">
          {done}
        </p>
      )}
    </>
  );

  if (!personId) {
    return (
      <section className="link-person stack" aria-labelledby={`${id}-h`}>
        {sameNamed && sameNamed.length > 0 && (
          <>
            <h2 id={`${id}-h`} className="section-title">
              {t('link_same_name_title')}
            </h2>
            <p className="muted small">{t('link_same_name_hint')}</p>
            <ul className="plain stack">
              {sameNamed.map((c) => (
                <CandidateRow key={c.person.id} c={c} label={t('link_this_is', { name: c.person.name })} onPick={() => void linkHere(c.person)} busy={busy} />
              ))}
            </ul>
          </>
        )}
        <details>
          <summary id={sameNamed && sameNamed.length > 0 ? undefined : `${id}-h`}>{t('link_someone_in_kith')}</summary>
          <PersonPicker
            db={db}
            label={t('link_find_person')}
            action={(n) => t('link_this_is', { name: n })}
            onPick={(c) => void linkHere(c.person)}
            busy={busy}
          />
        </details>
        {status}
      </section>
    );
  }

  return (
    <section className="link-person stack" aria-labelledby={`${id}-h`}>
      <details>
        <summary id={`${id}-h`}>{t('link_also_title')}</summary>
        <div className="stack">
          <form onSubmit={(e) => void linkAddress(e)} className="stack" aria-label={t('link_by_address')}>
            <label className="field">
              <span>{t('link_address')}</span>
              <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder={t('link_address_hint')} autoComplete="off" inputMode="url" />
            </label>
            <button type="submit" disabled={busy || !address.trim()}>
              {t('link_address_button')}
            </button>
          </form>
          <PersonPicker
            db={db}
            exclude={personId}
            label={t('link_find_same')}
            action={(n) => t('link_same_as', { name: n })}
            onPick={(c) => setConfirm(c.person)}
            busy={busy}
          />
          {confirm && (
            <div className="notice stack" role="group" aria-label={t('link_merge_confirm', { name: confirm.name })}>
              <p>{t('link_merge_confirm', { name: confirm.name })}</p>
              <div className="row">
                <button type="button" className="primary" onClick={() => void merge(confirm)} disabled={busy}>
                  {t('link_merge_yes')}
                </button>
                <button type="button" onClick={() => setConfirm(undefined)} disabled={busy}>
                  {t('link_cancel')}
                </button>
              </div>
            </div>
          )}
          {status}
        </div>
      </details>
    </section>
  );
}
