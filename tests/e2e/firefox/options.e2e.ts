/**
 * The options page in Firefox: a LinkedIn export zip imported through the page's
 * file input with its preview, then an encrypted backup downloaded, someone
 * deleted, and the backup restored.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ElementHandle } from 'puppeteer-core';
import { linkedInZip } from '@/tests/fixtures/e2e/linkedin-zip';
import { launchFirefoxKith, type FirefoxKith } from './harness';
import { click, control, fill, texts, until, waitText } from './ui';

let kith: FirefoxKith | undefined;
const tmp = mkdtempSync(join(tmpdir(), 'kith-ff-options-'));
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Firefox: the options page', () => {
  it('imports a LinkedIn zip with a preview, and round-trips an encrypted backup', async () => {
    kith = await launchFirefoxKith();
    const page = await kith.open('options.html#/import');
    const zip = join(tmp, 'Basic_LinkedInDataExport_03-01-2026.zip');
    writeFileSync(zip, linkedInZip());

    await ((await control(page, 'Choose files')) as ElementHandle<HTMLInputElement>).uploadFile(zip);
    await page.waitForSelector('.import-preview[role="region"]');
    await waitText(page, '3 new people');
    await waitText(page, '3 conversations and touches');
    await waitText(page, '1 row skipped');
    await click(page, 'Import', '.import-preview');
    await waitText(page, 'Done: 3 new, 0 updated, 3 conversations and touches added.');

    await click(page, 'See the people');
    const names = () => texts(page, '[role="listbox"] [role="option"]');
    await until(async () => (await names()).length, 3);
    expect((await names()).find((t) => t.includes('Ada Lovelace'))).toMatch(/Message, .*ago/);

    // An encrypted backup, saved by Firefox to the profile's download folder.
    await click(page, 'Backup and export');
    await fill(page, 'Passphrase (optional)', 'a long passphrase, kept safe');
    await fill(page, 'Passphrase again', 'a long passphrase, kept safe');
    await click(page, 'Download encrypted backup');
    const saved = () => readdirSync(kith!.downloads).filter((f) => /^kith-backup-\d{4}-\d\d-\d\d-encrypted\.json$/.test(f));
    await until(async () => saved().length, 1, 30_000);
    const backupPath = join(kith.downloads, saved()[0]!);
    await until(async () => readFileSync(backupPath, 'utf8').trim().endsWith('}'), true);
    const text = readFileSync(backupPath, 'utf8');
    expect((JSON.parse(text) as { format: string }).format).toBe('kith-backup-encrypted');
    expect(text).not.toContain('Lovelace');

    // Delete someone, then restore the backup (replace): they are back.
    await click(page, 'People');
    const alan = await page.waitForFunction(
      () => Array.from(document.querySelectorAll('[role="option"]')).find((o) => o.textContent?.includes('Alan Turing')) ?? null,
    );
    await (alan as ElementHandle<Element>).click();
    await until(
      () => texts(page, 'h1, h2'),
      (h) => h.includes('Alan Turing'),
    );
    await click(page, 'Delete');
    await until(async () => (await names()).length, 2);

    await click(page, 'Backup and export');
    await ((await control(page, 'Backup file')) as ElementHandle<HTMLInputElement>).uploadFile(backupPath);
    await fill(page, 'Passphrase', 'not the passphrase');
    await click(page, 'Restore');
    await waitText(page, 'Wrong passphrase, or the file was changed. Nothing was restored.', 30_000);
    await fill(page, 'Passphrase', 'a long passphrase, kept safe');
    await (await control(page, 'Replace everything here', false)).click();
    await click(page, 'Restore');
    await waitText(page, /Restored: 3 people/, 30_000);
    await click(page, 'People');
    await until(async () => (await names()).length, 3);
  });
});
