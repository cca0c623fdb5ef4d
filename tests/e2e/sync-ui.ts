/**
 * Turning sync on in Chromium the way a user does, shared by tests/e2e/sync.e2e.ts
 * and the benchmark's browser sync stage (bench/sync-browser.ts).
 */
import type { Page } from 'playwright-core';
import type { Kith } from './harness';

/** Grant host access the way a user would on chrome://extensions: headless Chromium cannot answer the prompt of `permissions.request` (see sites.e2e.ts). */
export async function grantHostAccess(k: Kith, origins: string[]): Promise<void> {
  const page = await k.context.newPage();
  await page.goto('chrome://extensions/');
  await page.evaluate(
    async ({ id, origins }) => {
      const dp = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission: (id: string, host: string) => Promise<void> } } }).chrome
        .developerPrivate;
      for (const o of origins) await dp.addHostPermission(id, o);
    },
    { id: k.extensionId, origins },
  );
  await page.close();
}

/** Fills the options page's sync form, field by field, by label. */
export async function fillSyncForm(options: Page, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) await options.getByLabel(label, { exact: true }).fill(value);
}

/** The form's values for a server, as a user types them (a first device types the passphrase twice). */
export function syncFormValues(
  server: { origin: string; database: string; user: { name: string; password: string } },
  passphrase: string,
  mode: 'first' | 'join',
): Record<string, string> {
  return {
    'Server address': server.origin,
    Database: server.database,
    'User name': server.user.name,
    Password: server.user.password,
    'Sync passphrase': passphrase,
    ...(mode === 'first' ? { 'Sync passphrase again': passphrase } : {}),
  };
}

/** Picks "Joining device" in the options page's sync form. */
export async function chooseJoining(options: Page): Promise<void> {
  await options.getByLabel('Joining device: take what is on the server and merge it with what is here', { exact: true }).check();
}
