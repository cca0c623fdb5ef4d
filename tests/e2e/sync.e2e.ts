/**
 * Two devices, one server: device A in Chromium, device B in Firefox ESR, each
 * with its own profile, syncing through one pouchdb-server on 127.0.0.1 (tests/sync/)
 * reached through a TCP proxy that can take it off the network without losing its
 * data. Both network guards let exactly that server through while sync is on.
 *
 * Run with the Chromium suite (vitest.e2e.config.ts); needs both builds
 * (`npx wxt build && npx wxt build -b firefox`, as `npm test` makes them). The
 * steps share the two browsers and run in order, each starting from where the
 * previous one left the devices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page as FirefoxPage } from 'puppeteer-core';
import type { Page } from 'playwright-core';
import { launchKith, type Kith } from './harness';
import { launchFirefoxKith, type FirefoxKith } from './firefox/harness';
import { button, click, control, fill, texts, until, waitNoText, waitText } from './firefox/ui';
import { dumpKith } from './seed';
import { fillSyncForm, grantHostAccess, syncFormValues } from './sync-ui';
import { startSyncServer, type SyncServer } from '@/tests/sync/pouchdb-server';
import { startTcpProxy, type TcpProxy } from '@/tests/sync/tcp-proxy';

const ADA = '/in/ada-example-0a1b2c3d/';
const PAGES = { [ADA]: 'tests/fixtures/linkedin/profile-ember-2025-12.html' };
const PASSPHRASE = 'the sync passphrase of both devices';

/** Everything personal that goes through the server: none of it may be readable there. */
const SECRET = {
  name: 'Ada Example',
  handle: 'ada-example-0a1b2c3d',
  howWeMet: 'Milan meetup on local-first software, 2024',
  callNote: 'Her new team at the observatory',
  note: 'Training for the Milan marathon in April',
  laterNote: 'Ask how the marathon went',
  company: 'Analytical Engines Ltd',
  location: 'Torino',
  phone: '+39 333 123 4567',
  email: 'ada@analytical.example',
};

let server: SyncServer;
let proxy: TcpProxy;
let a: Kith;
let b: FirefoxKith;
/** Pages kept open on each device. */
let aOptions: Page;
let bOptions: FirefoxPage;
let adaId = '';

type Tables = { people: Array<{ id: string; name: string; deletedAt?: number; company?: string; location?: string }>; touches: Array<{ at: number }> };
const tables = async (page: Parameters<typeof dumpKith>[0]) => JSON.parse(await dumpKith(page)) as Tables;
const livePeople = async (page: Parameters<typeof dumpKith>[0]) =>
  (await tables(page)).people
    .filter((p) => !p.deletedAt)
    .map((p) => p.name)
    .sort();

async function fillOnB(page: FirefoxPage, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) await fill(page, label, value);
}

beforeAll(async () => {
  server = await startSyncServer();
  proxy = await startTcpProxy(server.port);
  [a, b] = await Promise.all([
    launchKith({ pages: PAGES, allowOrigins: [proxy.origin] }),
    launchFirefoxKith({ pages: PAGES, grantOptionalPermissions: true, allowOrigins: [proxy.origin] }),
  ]);
}, 120_000);

afterAll(async () => {
  const closing = await Promise.allSettled([a?.close(), b?.close()]);
  await proxy?.close();
  await server?.close();
  for (const c of closing) if (c.status === 'rejected') throw c.reason;
});

describe('sync between a Chromium device and a Firefox device', { timeout: 240_000 }, () => {
  it('A turns sync on as the first device', async () => {
    await grantHostAccess(a, ['http://127.0.0.1/*']);
    aOptions = await a.open('options.html#/sync');
    await fillSyncForm(aOptions, syncFormValues({ ...server, origin: proxy.origin }, PASSPHRASE, 'first'));
    await aOptions.getByRole('button', { name: 'Turn on sync' }).click();
    await aOptions.getByText(`Sync is on, with ${proxy.origin}`).waitFor({ timeout: 60_000 });
    await aOptions.getByText(/Last synced/).waitFor({ timeout: 60_000 });
  });

  it('B with a wrong passphrase: a clear message, nothing written on B, nothing overwritten on the server', async () => {
    bOptions = await b.open('options.html#/sync');
    await waitText(bOptions, 'Sync between your devices');
    const bBefore = await dumpKith(bOptions);
    const serverBefore = await server.dump();
    await (await control(bOptions, 'Joining device: take what is on the server and merge it with what is here')).click();
    await fillOnB(bOptions, {
      'Server address': proxy.origin,
      Database: server.database,
      'User name': server.user.name,
      Password: server.user.password,
      'Sync passphrase': 'not the passphrase of the first device',
    });
    await click(bOptions, 'Turn on sync');
    await waitText(bOptions, 'This passphrase does not open the data on the server.', 60_000);
    await waitText(bOptions, 'Nothing was written here or on the server.');
    expect(await dumpKith(bOptions)).toBe(bBefore);
    expect(await server.dump()).toBe(serverBefore);
    // Still off: the form is there to try again.
    await control(bOptions, 'Server address');
  });

  it('B joins with the right passphrase, after a preview', async () => {
    await fill(bOptions, 'Sync passphrase', PASSPHRASE);
    await click(bOptions, 'Turn on sync');
    await waitText(bOptions, 'The server holds nothing for this passphrase yet.', 60_000);
    await click(bOptions, 'Merge and turn on sync');
    await waitText(bOptions, `Sync is on, with ${proxy.origin}`, 60_000);
  });

  it('A adds a person with a note and a call; B shows them in the side panel and the list without a click within 60 s', async () => {
    // B looks at the same profile, and at its people list, before A adds anyone.
    await b.linkedin(ADA);
    const bPanel = await b.open('sidepanel.html');
    await until(() => texts(bPanel, 'h1'), ['Ada Example']);
    // Unknown to B so far: the panel offers to add her.
    await button(bPanel, 'Add Ada Example');
    expect(await livePeople(bPanel)).toEqual([]);
    const bList = await b.open('options.html#/people');

    await a.linkedin(ADA);
    const aPanel = await a.open('sidepanel.html');
    await aPanel.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor();
    await aPanel.getByLabel('How we met').fill(SECRET.howWeMet);
    await aPanel.getByRole('button', { name: 'Add Ada Example' }).click();
    await aPanel.getByTestId('nudge').waitFor();
    await aPanel.getByLabel('How', { exact: true }).selectOption('call');
    await aPanel.getByLabel('What you talked about (optional)').fill(SECRET.callNote);
    await aPanel.getByRole('button', { name: 'Log it' }).click();
    await aPanel.getByLabel('What they told you').fill(SECRET.note);
    await aPanel.getByRole('button', { name: 'Save note' }).click();
    await aPanel.locator('.notes li').filter({ hasText: SECRET.note }).waitFor();
    const aPeople = (await tables(aPanel)).people.filter((p) => p.name === SECRET.name);
    expect(aPeople).toHaveLength(1);
    adaId = aPeople[0]!.id;

    const added = Date.now();
    await waitText(bPanel, SECRET.note, 60_000);
    await waitText(bPanel, SECRET.howWeMet);
    await until(
      () => texts(bPanel, '[data-testid="last-personal"]'),
      (t) => /^Call, /.test(t[0] ?? ''),
      5_000,
    );
    await waitText(bList, SECRET.name, 60_000 - (Date.now() - added));
  });

  it('B shows a change of A within 5 s of opening its popup', async () => {
    const aPanel = await a.open('sidepanel.html');
    await aPanel.getByLabel('What they told you').fill(SECRET.laterNote);
    await aPanel.getByRole('button', { name: 'Save note' }).click();
    await aPanel.locator('.notes li').filter({ hasText: SECRET.laterNote }).waitFor();
    // On the server: A has nothing left to send.
    await aOptions.bringToFront();
    await aOptions.getByText('Every change made here is on the server.').waitFor({ timeout: 60_000 });

    const opened = Date.now();
    const popup = await b.open('popup.html');
    await until(async () => (await dumpKith(popup)).includes(SECRET.laterNote), true, 5_000);
    expect(Date.now() - opened).toBeLessThan(5_000 + 1_000);
  });

  it('both edit the same person while the server is down; once it is back, both show the same merged person', async () => {
    await proxy.cut();
    const aEditor = await a.open(`options.html#/people/${adaId}`);
    await aEditor.getByLabel('Company').fill(SECRET.company);
    await aEditor.getByLabel('Phones (one a line)').fill(SECRET.phone);
    await aEditor.getByLabel('E-mails (one a line)').fill(SECRET.email);
    await aEditor.getByRole('button', { name: 'Save details' }).click();
    await aEditor.getByText('Saved.').waitFor();

    const bEditor = await b.open(`options.html#/people/${adaId}`);
    await fill(bEditor, 'Where they live', SECRET.location);
    await click(bEditor, 'Save details');
    await waitText(bEditor, 'Saved.');

    await proxy.restore();
    await aOptions.bringToFront();
    await aOptions.getByRole('button', { name: 'Sync now' }).click();
    await click(bOptions, 'Sync now');

    const merged = async (page: Parameters<typeof dumpKith>[0]) => {
      const ada = (await tables(page)).people.find((p) => p.id === adaId);
      return { company: ada?.company, location: ada?.location };
    };
    const expected = { company: SECRET.company, location: SECRET.location };
    await expect.poll(() => merged(aEditor), { timeout: 90_000 }).toEqual(expected);
    await until(() => merged(bEditor), expected, 90_000);
    // And on screen, after a fresh look.
    const aAgain = await a.open(`options.html#/people/${adaId}`);
    await expect.poll(() => aAgain.getByLabel('Where they live').inputValue()).toBe(SECRET.location);
    const bAgain = await b.open(`options.html#/people/${adaId}`);
    await until(async () => (await control(bAgain, 'Company')).evaluate((el) => (el as HTMLInputElement).value), SECRET.company);
    expect(await dumpKith(aAgain).then((d) => JSON.parse(d).people)).toEqual(await dumpKith(bAgain).then((d) => JSON.parse(d).people));
  });

  it('the server cut off in the middle of a push: nothing is lost, and the push completes later', async () => {
    // A batch of changes from A: three new people from a LinkedIn export, imported in one go.
    const { linkedInZip } = await import('@/tests/fixtures/e2e/linkedin-zip');
    const aImport = await a.open('options.html#/import');
    const cut = proxy.cutAfter(1_500);
    await aImport
      .locator('input[type="file"]')
      .setInputFiles({ name: 'Basic_LinkedInDataExport_03-01-2026.zip', mimeType: 'application/zip', buffer: Buffer.from(linkedInZip()) });
    await aImport.locator('.import-preview').getByRole('button', { name: 'Import' }).click();
    await aImport.getByText(/^Done: 3 new/).waitFor();
    await cut;
    expect(proxy.up).toBe(false);
    // Down for a while: A keeps everything, and says changes are waiting.
    expect(await livePeople(aImport)).toHaveLength(4);
    await aOptions.bringToFront();
    await aOptions.getByText(/changes? waiting to be sent/).waitFor({ timeout: 60_000 });

    await proxy.restore();
    await aOptions.getByText('Every change made here is on the server.').waitFor({ timeout: 120_000 });
    const bList = await b.open('options.html#/people');
    await until(async () => (await livePeople(bList)).length, 4, 90_000);
    expect(await livePeople(bList)).toEqual(await livePeople(aImport));
  });

  it("the server's database holds none of the names, handles, notes, phones, e-mails or dates that were synced", async () => {
    const dump = await server.dump();
    expect(dump.length).toBeGreaterThan(1_000);
    for (const [what, value] of Object.entries(SECRET)) expect(dump, what).not.toContain(value);
    for (const word of ['Lovelace', 'Turing', 'Hopper', 'marathon', 'Milan']) expect(dump).not.toContain(word);
    const { touches } = await tables(aOptions);
    expect(touches.length).toBeGreaterThan(0);
    for (const t of touches) {
      expect(dump).not.toContain(String(t.at));
      expect(dump).not.toContain(new Date(t.at).toISOString().slice(0, 10));
    }
  });

  it("A deletes the person; B's copy goes, and stays gone", async () => {
    const aEditor = await a.open(`options.html#/people/${adaId}`);
    // The person's own Delete, at the top of the editor (its notes and touches have theirs further down).
    await aEditor.getByRole('button', { name: 'Delete', exact: true }).first().click();
    await aEditor.getByText('Deleted.').waitFor();
    const bList = await b.open('options.html#/people');
    await until(async () => (await livePeople(bList)).includes(SECRET.name), false, 60_000);
    await waitNoText(bList, SECRET.name);

    // Another round on both sides, and a fresh look: still gone.
    await aOptions.bringToFront();
    await aOptions.getByRole('button', { name: 'Sync now' }).click();
    await click(bOptions, 'Sync now');
    await new Promise((r) => setTimeout(r, 5_000));
    const bPanel = await b.open('sidepanel.html');
    await button(bPanel, 'Add Ada Example');
    expect(await livePeople(bPanel)).not.toContain(SECRET.name);
    expect(await livePeople(aEditor)).not.toContain(SECRET.name);
  });
});
