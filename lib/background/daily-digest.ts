/**
 * The daily digest: one notification at the time the user picked saying how many
 * people are waiting (when to show it is decided in `digest.ts`). Alarms do not
 * survive every browser restart and a service worker can be stopped at any time:
 * the alarm is set again at every start and after every firing, and a digest
 * missed while the browser was closed is shown at the next start.
 */
import { browser } from 'wxt/browser';
import { reachOutList, refreshStaleSummaries } from '@/lib/db/queries';
import { translate, type Lang } from '@/lib/i18n';
import type { RankedPerson } from '@/lib/relationship/rank';
import { describeReason } from '@/lib/ui/describe';
import { resolveTimeZone } from '@/lib/settings/normalize';
import { setBadge } from './badge';
import { localParts, nextDigestCheck, shouldShowDigest } from './digest';
import { uiLang, writeContext, type BackgroundEnv } from './env';

const DIGEST_ALARM = 'kith-digest';
const DIGEST_NOTIFICATION = 'kith-digest';

/** How many dated reasons the notification names, under the count. */
const DIGEST_DATE_LINES = 3;

/**
 * The notification's text: how many are waiting, then the people listed for a
 * date (a name day, an anniversary, a one-off date to ask about), each with the
 * reason in words: a fixed day is worth reading before opening the list.
 */
export function digestText(lang: Lang, ranked: readonly RankedPerson[], now: number, timeZone: string): string {
  const lines = [translate(lang, 'digest_message', { count: ranked.length })];
  for (const r of ranked) {
    if (lines.length > DIGEST_DATE_LINES) break;
    const dated = r.reasons.find((x) => x.code === 'date-today' || x.code === 'date-soon' || x.code === 'date-after');
    if (dated) lines.push(translate(lang, 'date_digest_line', { name: r.person.name, reason: describeReason(lang, dated, now, timeZone) }));
  }
  return lines.join('\n');
}

async function scheduleDigest(env: BackgroundEnv): Promise<void> {
  const s = await env.settings.get();
  const when = nextDigestCheck(env.now(), resolveTimeZone(s), s.digestTime, s.quietStart, s.quietEnd);
  await browser.alarms.create(DIGEST_ALARM, { when });
}

/** Shows today's digest if it is due; true when it did. */
export async function maybeShowDigest(env: BackgroundEnv): Promise<boolean> {
  const s = await env.settings.get();
  const db = env.db;
  const ctx = await writeContext(env);
  await refreshStaleSummaries(db, ctx);
  const ranked = await reachOutList(db, ctx);
  const waiting = ranked.length;
  const last = (await db.meta.get('lastDigestDay'))?.value as string | undefined;
  const input = {
    now: ctx.now,
    timeZone: ctx.timeZone,
    digestTime: s.digestTime,
    quietStart: s.quietStart,
    quietEnd: s.quietEnd,
    enabled: s.digestEnabled,
    waiting,
    ...(last ? { lastDigestDay: last } : {}),
  };
  const show = shouldShowDigest(input);
  if (show) {
    const lang = uiLang(s);
    await browser.notifications.create(DIGEST_NOTIFICATION, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: translate(lang, 'extName'),
      message: digestText(lang, ranked, ctx.now, ctx.timeZone),
    });
    await db.meta.put({ key: 'lastDigestDay', value: localParts(ctx.now, ctx.timeZone).day });
  }
  // Nothing to say today: nothing is shown (and nothing is owed later today).
  await setBadge(env, waiting);
  return show;
}

export function register(env: BackgroundEnv): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== DIGEST_ALARM) return;
    void maybeShowDigest(env).finally(() => void scheduleDigest(env));
  });
  // A click on the digest opens the popup's list (a tab with it where the browser cannot open the popup).
  browser.notifications.onClicked.addListener((id) => {
    if (id !== DIGEST_NOTIFICATION) return;
    const action = env.platform.action;
    void (action.openPopup?.() ?? Promise.reject(new Error('no openPopup'))).catch(() => browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }));
    void browser.notifications.clear(id);
  });
  env.settings.watch(() => void scheduleDigest(env));
  void scheduleDigest(env);
  void maybeShowDigest(env);
}
