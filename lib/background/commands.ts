/** The keyboard shortcut: toggle the in-page card where the user chose it, else open Kith's panel. */
import { browser } from 'wxt/browser';
import { togglePanel } from '@/lib/platform/browser';
import type { CardToggleMessage } from '@/lib/messages/types';
import type { BackgroundEnv } from './env';
import { warnFailed } from '@/lib/platform/warn';

function onCommand(env: BackgroundEnv, command: string, tab?: { id?: number; windowId?: number; url?: string }): void {
  if (command !== 'toggle-notes') return;
  if (env.state.settings?.placement.linkedin === 'inpage' && tab?.id !== undefined && tab.url?.startsWith('https://www.linkedin.com/')) {
    // The card script runs only in tabs loaded since the card was turned on: in
    // the others there is no one to toggle, and nothing to tell.
    void browser.tabs.sendMessage(tab.id, { type: 'card/toggle' } satisfies CardToggleMessage).catch(() => undefined);
    return;
  }
  // Called synchronously, with the settings as last read: Chrome and Firefox only
  // open a panel inside the user's gesture.
  void togglePanel(env.platform, tab?.windowId)?.catch(warnFailed('toggling the side panel'));
}

export function register(env: BackgroundEnv): void {
  browser.commands.onCommand.addListener((command, tab) => onCommand(env, command, tab));
}
