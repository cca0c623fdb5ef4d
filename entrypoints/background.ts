/**
 * The background service worker: one module per concern in lib/background, each
 * registering its listeners with the same env (database, clock, browser platform,
 * settings, the worker's state).
 */
import * as badge from '@/lib/background/badge';
import * as cardScript from '@/lib/background/card-script';
import * as commands from '@/lib/background/commands';
import * as dailyDigest from '@/lib/background/daily-digest';
import { createBackgroundEnv } from '@/lib/background/env';
import * as install from '@/lib/background/install';
import * as menus from '@/lib/background/menus';
import * as search from '@/lib/background/search';
import * as messaging from '@/lib/background/messaging';
import * as settings from '@/lib/background/settings';
import * as sites from '@/lib/background/sites';
import * as sync from '@/lib/background/sync';
import * as view from '@/lib/background/view';

export default defineBackground(() => {
  const env = createBackgroundEnv();
  // Listeners are added synchronously, at the worker's first turn: an event that
  // woke the worker is delivered only to listeners there by then.
  for (const concern of [settings, messaging, install, menus, commands, view, cardScript, sites, dailyDigest, badge, search, sync]) concern.register(env);
});
