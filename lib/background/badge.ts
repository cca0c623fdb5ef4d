/**
 * The toolbar badge (how many people are waiting today) and the popup's snapshot:
 * the top of today's list, in the user's words, in `storage.session`, which the
 * popup's boot script paints before React loads. Both follow every change: the
 * messages that write, Kith's own pages writing directly (Dexie tells every
 * context of the origin), and the settings (language, time zone, rhythms).
 */
import { liveQuery } from 'dexie';
import { reachOutList } from '@/lib/db/queries';
import type { WriteContext } from '@/lib/db/writes';
import type { Profile } from '@/lib/model/types';
import type { RankedPerson } from '@/lib/relationship/rank';
import { snapshotPaint } from '@/lib/ui/reach-paint';
import { reachSnapshotItem, SNAPSHOT_ROWS, type ReachSnapshot } from '@/lib/ui/reach-snapshot';
import { localParts } from './digest';
import { uiLang, writeContext, type BackgroundEnv } from './env';
import { warnFailed } from '@/lib/platform/warn';

export async function setBadge(env: BackgroundEnv, n: number): Promise<void> {
  await env.platform.action.setBadgeText({ text: n > 0 ? String(n) : '' });
  await env.platform.action.setBadgeBackgroundColor({ color: '#1f6f5c' });
}

async function writeSnapshot(env: BackgroundEnv, list: RankedPerson[], ctx: WriteContext): Promise<void> {
  const items = list.slice(0, SNAPSHOT_ROWS);
  const rows = items.length
    ? await env.db.profiles
        .where('personId')
        .anyOf(items.map((r) => r.person.id))
        .toArray()
    : [];
  const profiles: Record<string, Profile> = {};
  for (const p of rows) if (!p.deletedAt && (!profiles[p.personId] || p.site === 'linkedin')) profiles[p.personId] = p;
  const lang = uiLang(env.state.settings ?? (await env.settings.get()));
  const paint = snapshotPaint(items, list.length, lang, ctx.now, ctx.timeZone);
  const snapshot: ReachSnapshot = { at: ctx.now, day: localParts(ctx.now, ctx.timeZone).day, count: list.length, items, profiles, paint };
  await reachSnapshotItem.setValue(snapshot);
}

/** Recomputes today's list, then the badge and the snapshot; serialised, never rejects. */
export function refreshBadge(env: BackgroundEnv): Promise<void> {
  return env.state
    .badge(async () => {
      const ctx = await writeContext(env);
      const list = await reachOutList(env.db, ctx);
      await setBadge(env, list.length);
      await writeSnapshot(env, list, ctx);
    })
    .catch(warnFailed('refreshing the badge and the popup snapshot'));
}

export function register(env: BackgroundEnv): void {
  // The popup's first paint is in the snapshot's words: a new language, time zone or circle rhythm rewrites it.
  env.settings.watch(() => void refreshBadge(env));
  // The snapshot the popup paints from may be older than this worker (pages
  // write while it sleeps): bring it up to date at every start.
  void refreshBadge(env);

  // Extension pages write to the database directly; Dexie tells every context of
  // the origin about changes, so the badge follows them too.
  liveQuery(async () => {
    const ctx = await writeContext(env);
    return { list: await reachOutList(env.db, ctx), ctx };
  }).subscribe({
    next: ({ list, ctx }) => {
      void setBadge(env, list.length);
      void writeSnapshot(env, list, ctx).catch(warnFailed('writing the popup snapshot'));
    },
    error: () => undefined,
  });
}
