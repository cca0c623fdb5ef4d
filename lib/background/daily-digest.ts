/**
 * The daily digest: one notification at the time the user picked saying how many
 * people are waiting (when to show it is decided in `digest.ts`). Alarms do not
 * survive every browser restart and a service worker can be stopped at any time:
 * the alarm is set again at every start and after every firing, and a digest
 * missed while the browser was closed is shown at the next start.
 */
import { browser } from 'wxt/browser';
import { reachOutList, refreshStaleSummaries } from '@/lib/db/queries';
import { translate } from '@/lib/i18n';
import { resolveTimeZone } from '@/lib/settings/normalize';
import { setBadge } from './badge';
import { localParts, nextDigestCheck, shouldShowDigest } from './digest';
import { uiLang, writeContext, type BackgroundEnv } from './env';

const DIGEST_ALARM = 'kith-digest';
const DIGEST_NOTIFICATION = 'kith-digest';

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
  const waiting = (await reachOutList(db, ctx)).length;
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
      message: translate(lang, 'digest_message', { count: waiting }),
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
