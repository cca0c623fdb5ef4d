import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SITE_ORIGINS } from '@/components/options/sites';
import { OPTIONAL_HOSTS } from '@/lib/sites/table';
import { collectBackup } from '@/lib/db/read';
import { encryptBackup } from '@/lib/backup/crypto';
import { serializeBackup } from '@/lib/backup/format';
import type { KithDB } from '@/lib/db/db';
import { addPerson, logTouch, editPerson } from '@/lib/db/writes';
import { getSettings } from '@/lib/settings/store';
import { linkedInZip } from '@/tests/fixtures/e2e/linkedin-zip';
import { ctxAt, DAY } from '@/tests/unit/db/helpers';
import { openOptions, installOptionsPageHarness } from './page-harness';

const page = installOptionsPageHarness();
let db: KithDB;
beforeEach(() => {
  db = page.db;
});
const realNow = Date.now();

const open = openOptions;

describe('settings', () => {
  it('changes apply through the settings store', async () => {
    const user = userEvent.setup();
    await open('#/settings');
    const limit = screen.getByLabelText('At most this many nudges a day');
    await user.clear(limit);
    await user.type(limit, '3');
    await waitFor(async () => expect((await getSettings()).dailyNudgeLimit).toBe(3));
    await user.click(screen.getByLabelText('When you like a post by someone you know'));
    await waitFor(async () => expect((await getSettings()).nudges.like).toBe(false));
    await user.selectOptions(screen.getByLabelText('Language'), 'it');
    expect(await screen.findByRole('heading', { name: 'Impostazioni' })).toBeTruthy();
  });

  it('asks for the host permission when a site is turned on, and gives it back when turned off', async () => {
    const user = userEvent.setup();
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true);
    await open('#/settings');
    await user.click(screen.getByLabelText('GitHub'));
    expect(request).toHaveBeenCalledWith({ origins: ['https://github.com/*'] });
    await waitFor(async () => expect((await getSettings()).sites.github).toBe(true));
    // Only LinkedIn has the in-page card: GitHub offers no choice that would do nothing.
    expect(await screen.findByText(/On GitHub, your notes show in the browser's side panel/)).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Where your notes show on LinkedIn' })).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Where your notes show on GitHub' })).toBeNull();
    expect(screen.getAllByRole('radio', { name: 'In a card inside the page' })).toHaveLength(1);
    await user.click(screen.getByLabelText('GitHub'));
    expect(remove).toHaveBeenCalledWith({ origins: ['https://github.com/*'] });
    await waitFor(async () => expect((await getSettings()).sites.github).toBe(false));
  });

  it('keeps a site off when the browser refuses, and says so', async () => {
    const user = userEvent.setup();
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    await open('#/settings');
    await user.click(screen.getByLabelText('X (Twitter)'));
    expect(await screen.findByText(/did not grant access/)).toBeTruthy();
    expect((await getSettings()).sites.x).toBe(false);
  });

  it('shows the in-page disclosure, and adds and deletes a circle', async () => {
    const user = userEvent.setup();
    await open('#/settings');
    expect(screen.getByText(/LinkedIn's terms forbid extensions/)).toBeTruthy();
    await user.type(screen.getByLabelText('New circle'), 'Climbing');
    await user.click(screen.getByRole('button', { name: 'Add circle' }));
    await waitFor(async () => expect((await getSettings()).circles.map((c) => c.name)).toContain('Climbing'));
    await user.click(await screen.findByRole('button', { name: 'Delete the circle Climbing' }));
    await user.click(screen.getByRole('button', { name: /^Delete Climbing/ }));
    await waitFor(async () => expect((await getSettings()).circles.map((c) => c.name)).not.toContain('Climbing'));
  });

  it('asks only for hosts the manifest declares as optional', () => {
    // The manifest's optional host permissions, as wxt.config.ts takes them from the
    // site table (importing the config pulls WXT's build tooling, esbuild, into jsdom).
    expect(OPTIONAL_HOSTS.length).toBeGreaterThan(0);
    for (const origins of Object.values(SITE_ORIGINS)) for (const o of origins) expect(OPTIONAL_HOSTS).toContain(o);
  });
});

describe('people list', () => {
  async function seed() {
    const ada = await addPerson(db, { name: 'Ada Lovelace', identity: { site: 'linkedin', handle: 'ada', url: '' } }, ctxAt(realNow));
    await logTouch(db, { personId: ada.id, channel: 'call', source: 'manual', at: realNow - 3 * DAY }, ctxAt(realNow));
    const bruno = await addPerson(db, { name: 'Bruno Rossi' }, ctxAt(realNow));
    await db.people.update(bruno.id, { company: 'Bakery' });
    await addPerson(db, { name: 'Carla Bianchi' }, ctxAt(realNow));
    return { ada, bruno };
  }

  it('lists people with their last personal touch, searches and filters', async () => {
    const user = userEvent.setup();
    await seed();
    await open('#/people');
    const list = await screen.findByRole('listbox', { name: 'People' });
    expect(within(list).getAllByRole('option')).toHaveLength(3);
    expect(within(list).getByText(/Call, 3 days ago/)).toBeTruthy();
    await user.type(screen.getByLabelText('Search'), 'bakery');
    await waitFor(() =>
      expect(
        within(screen.getByRole('listbox'))
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual([expect.stringContaining('Bruno Rossi')]),
    );
    await user.clear(screen.getByLabelText('Search'));
    await user.selectOptions(screen.getByLabelText('Relationship'), 'acquainted');
    await waitFor(() => expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(1));
    expect(screen.getByRole('listbox').textContent).toContain('Ada Lovelace');
  });

  it('is driven by the keyboard: arrows move, Space selects, Enter opens', async () => {
    const user = userEvent.setup();
    const { bruno } = await seed();
    await open('#/people');
    const list = await screen.findByRole('listbox');
    list.focus();
    await user.keyboard('{ArrowDown}');
    await user.keyboard(' ');
    const opts = within(list).getAllByRole('option');
    expect(opts[1]!.getAttribute('aria-selected')).toBe('true');
    expect(list.getAttribute('aria-activedescendant')).toBe(opts[1]!.id);
    expect(screen.getByText('1 selected')).toBeTruthy();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(location.hash).toBe(`#/people/${bruno.id}`));
  });

  it('bulk-tags the selection, and deletes with undo', async () => {
    const user = userEvent.setup();
    await seed();
    await open('#/people');
    await user.click(await screen.findByRole('button', { name: 'Select all shown' }));
    await user.type(screen.getByLabelText('Tag', { selector: 'input' }), 'friends');
    await user.click(screen.getByRole('button', { name: 'Add tag' }));
    await waitFor(async () => expect((await db.people.toArray()).every((p) => p.tags.includes('friends'))).toBe(true));
    await user.click(within(screen.getByRole('region', { name: 'Change the selected people' })).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('3 people deleted.')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Nobody here yet.', { exact: false })).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(3));
  });
});

describe('person editor', () => {
  it('edits the details and deletes with undo', async () => {
    const user = userEvent.setup();
    const p = await addPerson(db, { name: 'Ada Lovelace' }, ctxAt(realNow));
    await open(`#/people/${p.id}`);
    const company = await screen.findByLabelText('Company');
    await user.type(company, 'Analytical Engines');
    await user.type(screen.getByLabelText('E-mails (one a line)'), 'ada@example.org');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await waitFor(async () =>
      expect(await db.people.get(p.id)).toMatchObject({ company: 'Analytical Engines', emails: ['ada@example.org'], userEdited: ['company', 'emails'] }),
    );
    await user.click(screen.getAllByRole('button', { name: 'Delete' })[0]!);
    await waitFor(() => expect(location.hash).toBe('#/people'));
    expect((await db.people.get(p.id))!.deletedAt).toBeDefined();
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await db.people.get(p.id))!.deletedAt).toBeUndefined());
  });
});

describe('person editor: e-mail addresses', () => {
  it('refuses an address carrying mailto: parameters (a hidden bcc), in words, and stores nothing', async () => {
    const user = userEvent.setup();
    const p = await addPerson(db, { name: 'Ada Lovelace' }, ctxAt(realNow));
    await open(`#/people/${p.id}`);
    const emails = await screen.findByLabelText('E-mails (one a line)');
    await user.type(emails, 'ada@example.org{Enter}ada@example.com?bcc=spy%40evil.example&body=hi');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText('Write one plain e-mail address a line, like name@example.com (no spaces, ?, & or %).')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect((await db.people.get(p.id))!.emails).toEqual([]);
    await user.clear(emails);
    await user.type(emails, 'ada@example.org');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await waitFor(async () => expect((await db.people.get(p.id))!.emails).toEqual(['ada@example.org']));
  });
});

describe('person editor, changed elsewhere while open', () => {
  it('keeps what the user is typing when the person changes elsewhere; shows the change when nothing was typed', async () => {
    const user = userEvent.setup();
    const p = await addPerson(db, { name: 'Ada Lovelace' }, ctxAt(realNow));
    await open(`#/people/${p.id}`);
    const company = (await screen.findByLabelText('Company')) as HTMLInputElement;
    // Nothing typed: a change made elsewhere shows at once.
    await editPerson(db, p.id, { company: 'Engines Ltd' }, ctxAt(realNow + 1));
    await waitFor(() => expect(company.value).toBe('Engines Ltd'));
    // Half-typed: a touch logged in the side panel must not wipe it.
    await user.clear(company);
    await user.type(company, 'Analytical Eng');
    await logTouch(db, { personId: p.id, channel: 'call', source: 'manual', at: realNow }, ctxAt(realNow + 2));
    await waitFor(async () => expect((await db.people.get(p.id))!.summary.lastPersonalAt).toBe(realNow));
    await new Promise((r) => setTimeout(r, 100));
    expect(company.value).toBe('Analytical Eng');
    // Saved: the form shows what is stored.
    await user.type(company, 'ines ');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await waitFor(async () => expect((await db.people.get(p.id))!.company).toBe('Analytical Engines'));
    await waitFor(() => expect(company.value).toBe('Analytical Engines'));
  });
});

describe('import: preview, apply, report', () => {
  it('imports a LinkedIn zip after a preview; the second time there is nothing new', async () => {
    const user = userEvent.setup();
    await open('#/import');
    const zip = () => new File([linkedInZip() as Uint8Array<ArrayBuffer>], 'Basic_LinkedInDataExport_03-01-2026.zip', { type: 'application/zip' });
    await user.upload(screen.getByLabelText('Choose files'), zip());
    const preview = await screen.findByRole('region', { name: 'Before importing' });
    expect(preview.textContent).toContain('3 new people');
    expect(preview.textContent).toContain('3 conversations and touches');
    expect(preview.textContent).toContain('1 row skipped');
    expect(preview.textContent).toContain('connections who hide their profile');
    expect(await db.people.count()).toBe(0);
    await user.click(within(preview).getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Done: 3 new, 0 updated, 3 conversations and touches added.')).toBeTruthy();
    expect(await db.people.count()).toBe(3);
    await user.upload(screen.getByLabelText('Choose files'), zip());
    expect(await screen.findByText(/Nothing new/)).toBeTruthy();
  });

  it('says what is wrong with a damaged file, and writes nothing', async () => {
    const user = userEvent.setup();
    await open('#/import');
    const cut = linkedInZip().slice(0, 60);
    await user.upload(screen.getByLabelText('Choose files'), new File([cut], 'export.zip'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('export.zip: The .zip file is damaged or incomplete.');
    expect(alert.textContent).toContain('Nothing was written');
    expect(await db.people.count()).toBe(0);
  });
});

describe('restore errors', () => {
  async function backupFile(pass?: string) {
    await addPerson(db, { name: 'Ada' }, ctxAt(realNow));
    const text = serializeBackup(await collectBackup(db, await getSettings()));
    return new File([pass ? await encryptBackup(text, pass) : text], 'kith-backup.json', { type: 'application/json' });
  }

  it('a wrong passphrase fails closed with a clear message', async () => {
    const user = userEvent.setup();
    const file = await backupFile('right one');
    await open('#/backup');
    await user.upload(screen.getByLabelText('Backup file'), file);
    await user.type(await screen.findByLabelText('Passphrase'), 'wrong one');
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect((await screen.findByRole('alert', {}, { timeout: 8000 })).textContent).toBe('Wrong passphrase, or the file was changed. Nothing was restored.');
  });

  it.each([
    ['not a backup', 'First Name,Last Name\nAda,Lovelace', 'This file is not a Kith backup.'],
    [
      'newer',
      JSON.stringify({ format: 'kith-backup', version: 7, schemaVersion: 1, exportedAt: 0, tables: {} }),
      'This backup comes from a newer version of Kith. Update Kith, then restore it.',
    ],
    [
      'truncated',
      '{"format":"kith-backup","version":1,"tables":{"people":[{"id":"a"',
      'This backup is incomplete (perhaps the download was cut off). Nothing was changed.',
    ],
  ])('%s', async (_what, text, message) => {
    const user = userEvent.setup();
    await open('#/backup');
    await user.upload(screen.getByLabelText('Backup file'), new File([text], 'file.json'));
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
  });

  it('restores a plain backup by merging', async () => {
    const user = userEvent.setup();
    const file = await backupFile();
    await db.people.clear();
    await open('#/backup');
    await user.upload(screen.getByLabelText('Backup file'), file);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText(/Restored: 1 people/)).toBeTruthy();
    expect(await db.people.count()).toBe(1);
  });
});

describe('conventions', () => {
  it('has no literal user-visible text in the options components', () => {
    const dir = join(__dirname, '../../../components/options');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.tsx'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      // Text between a closing '>' and the next '<' or '{' that contains a letter.
      const hits = [...src.matchAll(/>([^<>{}]*\p{L}[^<>{}]*)</gu)]
        .map((m) => m[1]!.trim())
        .filter((s) => s && !/[=;()&|]/.test(s) && !/^(Promise|string|number|boolean)$/.test(s));
      expect({ f, hits }).toEqual({ f, hits: [] });
    }
  });
});
