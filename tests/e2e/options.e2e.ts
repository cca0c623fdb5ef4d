/**
 * The options page in real Chromium: import a LinkedIn export through the
 * page's file input, see the people with their last personal touch, import again
 * and see nothing change, then an encrypted backup round trip.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionsCsv } from '@/tests/fixtures/e2e/connections-csv';
import { linkedInZip } from '@/tests/fixtures/e2e/linkedin-zip';
import { launchKith, type Kith } from './harness';
import { dumpKith } from './seed';

let kith: Kith | undefined;
const tmp = mkdtempSync(join(tmpdir(), 'kith-options-e2e-'));
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

const zipFile = () => ({ name: 'Basic_LinkedInDataExport_03-01-2026.zip', mimeType: 'application/zip', buffer: Buffer.from(linkedInZip()) });

describe('the options page in Chromium', () => {
  it('imports a LinkedIn zip with a preview, is idempotent, and restores an encrypted backup', async () => {
    kith = await launchKith();
    const page = await kith.open('options.html#/import');
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));

    // 1. Import: preview first, nothing written yet.
    await page.getByLabel('Choose files').setInputFiles(zipFile());
    const preview = page.getByRole('region', { name: 'Before importing' });
    await preview.waitFor();
    const previewText = await preview.innerText();
    expect(previewText).toContain('3 new people');
    expect(previewText).toContain('3 conversations and touches');
    expect(previewText).toContain('1 row skipped');
    // Parsed in the shipped worker, not on the page's thread.
    expect(workers.some((u) => u.endsWith('/import-worker.js'))).toBe(true);
    // And the worker answers by itself (not through the page's fallback).
    const answer = await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const w = new Worker('/import-worker.js');
          let progress = '';
          w.onmessage = (e: MessageEvent<{ ok?: boolean; results?: Array<{ people: unknown[] }>; progress?: { done: number; total: number } }>) => {
            // Progress by bytes read comes first, then the answer.
            if (e.data.progress) progress = `${e.data.progress.done}/${e.data.progress.total}`;
            else resolve(e.data.ok ? `${e.data.results?.[0]?.people.length} person, read ${progress}` : 'failed');
          };
          w.onerror = () => resolve('did not load');
          const csv = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,B,https://www.linkedin.com/in/ada-b,,,,09 Oct 2024';
          w.postMessage({ files: [new File([csv], 'Connections.csv')], now: Date.now(), keepText: false });
        }),
    );
    // Connections.csv is read once: 123 bytes of 123.
    expect(answer).toBe('1 person, read 123/123');
    await preview.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Done: 3 new, 0 updated, 3 conversations and touches added.').waitFor();

    // 2. The people, with their last personal touch.
    await page.getByRole('button', { name: 'See the people' }).click();
    const list = page.getByRole('listbox', { name: 'People' });
    await list.waitFor();
    await expect(list.getByRole('option').count()).resolves.toBe(3);
    const ada = list.getByRole('option', { name: /Ada Lovelace/ });
    expect(await ada.innerText()).toMatch(/Message, .*ago/);
    expect(await list.getByRole('option', { name: /Alan Turing/ }).innerText()).toContain('No personal conversation yet');
    const before = await page.getByText(/^3 people\./).innerText();

    // 3. Import the same file again: nothing new.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('Choose files').setInputFiles(zipFile());
    await page.getByText('Nothing new: everything in these files is already in Kith.').waitFor();
    await page.getByRole('button', { name: 'People', exact: true }).click();
    await list.waitFor();
    await expect(list.getByRole('option').count()).resolves.toBe(3);
    expect(await page.getByText(/^3 people\./).innerText()).toBe(before);

    // 4. An encrypted backup.
    await page.getByRole('button', { name: 'Backup and export', exact: true }).click();
    await page.getByLabel('Passphrase (optional)').fill('a long passphrase, kept safe');
    await page.getByLabel('Passphrase again').fill('a long passphrase, kept safe');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download encrypted backup' }).click()]);
    const backupPath = join(tmp, download.suggestedFilename());
    await download.saveAs(backupPath);
    expect(download.suggestedFilename()).toMatch(/^kith-backup-\d{4}-\d\d-\d\d-encrypted\.json$/);
    const envelope = JSON.parse(readFileSync(backupPath, 'utf8')) as { format: string; kdf: { iterations: number } };
    expect(envelope.format).toBe('kith-backup-encrypted');
    expect(envelope.kdf.iterations).toBeGreaterThanOrEqual(600_000);
    expect(readFileSync(backupPath, 'utf8')).not.toContain('Lovelace');

    // 5. Delete someone, then restore the backup (replace): they are back.
    await page.getByRole('button', { name: 'People', exact: true }).click();
    await list.getByRole('option', { name: /Alan Turing/ }).click();
    await page.getByRole('heading', { name: 'Alan Turing' }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).first().click();
    await list.waitFor();
    await expect(list.getByRole('option').count()).resolves.toBe(2);

    await page.getByRole('button', { name: 'Backup and export', exact: true }).click();
    await page.getByLabel('Backup file').setInputFiles(backupPath);
    await page.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText('Wrong passphrase, or the file was changed. Nothing was restored.').waitFor({ timeout: 20_000 });

    await page.getByLabel('Passphrase', { exact: true }).fill('a long passphrase, kept safe');
    await page.getByLabel(/Replace everything here/).check();
    const [safety] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Restore', exact: true }).click()]);
    expect(safety.suggestedFilename()).toMatch(/^kith-backup-before-restore-/);
    await page.getByText(/^Restored: 3 people/).waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'People', exact: true }).click();
    await list.waitFor();
    await expect(list.getByRole('option').count()).resolves.toBe(3);
    expect(await list.getByRole('option', { name: /Ada Lovelace/ }).innerText()).toMatch(/Message, .*ago/);
    await page.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('reading a large file shows a progress bar that moves, and Cancel stops it with nothing written', async () => {
    kith = await launchKith();
    const page = await kith.open('options.html#/import');
    await page.getByRole('heading', { name: 'Import' }).waitFor();
    const empty = await dumpKith(page);
    // About 20 MB: read 1 MiB at a time, so the bar has steps to show.
    const big = { name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(connectionsCsv(250_000), 'utf8') };
    expect(big.buffer.byteLength).toBeGreaterThan(15 * 2 ** 20);
    await page.getByLabel('Choose files').setInputFiles(big);
    await page.getByRole('status').filter({ hasText: 'Reading the files…' }).waitFor();
    const bar = page.locator('progress');
    // Under way: some of the file read, not all of it.
    await expect.poll(async () => bar.evaluate((el: HTMLProgressElement) => el.value > 0 && el.value < el.max), { timeout: 20_000, interval: 20 }).toBe(true);
    expect(await page.getByLabel('Choose files').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('status').filter({ hasText: 'Reading the files…' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('region', { name: 'Before importing' }).count()).toBe(0);
    expect(await page.getByLabel('Choose files').isDisabled()).toBe(false);
    expect(await dumpKith(page)).toBe(empty);

    // The page is ready for the next file.
    await page.getByLabel('Choose files').setInputFiles(zipFile());
    await page.getByRole('region', { name: 'Before importing' }).waitFor();
  });
});
