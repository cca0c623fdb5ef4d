/** The opt-in in-page card: its script runs on LinkedIn only while the user chose it (and LinkedIn is on). */
import type { Settings } from '@/lib/model/settings';
import type { Platform } from '@/lib/platform/browser';
import type { BackgroundEnv } from './env';
import { warnFailed } from '@/lib/platform/warn';

const CARD_SCRIPT_ID = 'kith-linkedin-card';

export async function syncCardScript(platform: Platform, s: Settings): Promise<void> {
  const scripting = platform.scripting;
  if (!scripting) return;
  const want = s.sites.linkedin && s.placement.linkedin === 'inpage';
  const have = (await scripting.getRegisteredContentScripts({ ids: [CARD_SCRIPT_ID] })).length > 0;
  if (want && !have) {
    await scripting.registerContentScripts([
      {
        id: CARD_SCRIPT_ID,
        matches: ['https://www.linkedin.com/*'],
        js: ['content-scripts/linkedin-card.js'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  } else if (!want && have) {
    await scripting.unregisterContentScripts({ ids: [CARD_SCRIPT_ID] });
  }
}

export function register(env: BackgroundEnv): void {
  const sync = (s: Settings) => void syncCardScript(env.platform, s).catch(warnFailed('registering the in-page card script'));
  env.settings.watch(sync);
  void env.settings.get().then(sync, () => undefined);
}
