/**
 * A field the user cleared in the side panel stays cleared when the same
 * LinkedIn Connections.csv is imported again: the side panel's edit is a user
 * edit (`userEdited`), which an import never fills.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useUiStore } from '@/components/i18n';
import { SidePanelApp } from '@/components/SidePanelApp';
import { setDbForTests, type KithDB } from '@/lib/db/db';
import { findPersonByProfile, readExisting } from '@/lib/db/read';
import { applyImport } from '@/lib/db/writes';
import { detectAndParse } from '@/lib/import/detect';
import { mergePlan } from '@/lib/import/merge';
import { LAST_VIEW_KEY, type ViewState } from '@/lib/ui/view-state';
import { ctxAt, freshDb } from '@/tests/unit/db/helpers';
import { buildFile, fixtureText, realHeader } from '@/tests/unit/import/helpers';

/** A real 2024 export's Connections.csv header with the invented 2024 rows (Ada has an e-mail there). */
const connectionsCsv = () =>
  buildFile(realHeader('2024-12_complete', 'Connections'), fixtureText('synthetic/connections-2024.rows.csv'), {
    crlf: true,
    trailingNewline: true,
    bom: false,
  });

const ADA = { site: 'linkedin', handle: 'ada-lovelace-0a1b2c' } as const;

/** The options page's import, as it runs it: parse, plan against what is stored, apply. */
async function importConnections(db: KithDB): Promise<void> {
  const parsed = detectAndParse('Connections.csv', connectionsCsv(), { now: Date.now() });
  await applyImport(db, mergePlan(await readExisting(db), parsed), ctxAt(Date.now()));
}

let db: KithDB;
beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  // The fake browser has no windows: the side panel's window is window 1.
  vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 1 } as Awaited<ReturnType<typeof fakeBrowser.windows.getCurrent>>);
  useUiStore.setState({ lang: 'en' });
  db = freshDb();
  setDbForTests(db);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  setDbForTests(undefined);
  await db.delete();
});

describe('the side panel and a re-import', () => {
  it('an e-mail cleared in the side panel is not filled again by importing the same Connections.csv', async () => {
    await importConnections(db);
    expect((await findPersonByProfile(db, ADA.site, ADA.handle))?.person.emails).toEqual(['ada@example.com']);

    // Ada's profile is in view in the side panel.
    const view: ViewState = { identity: { ...ADA, url: `https://www.linkedin.com/in/${ADA.handle}/`, name: 'Ada Lovelace' }, inView: true, at: Date.now() };
    await fakeBrowser.storage.session.set({ [LAST_VIEW_KEY]: view });
    const user = userEvent.setup();
    render(<SidePanelApp />);
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });

    // The user opens the details, empties the e-mail field and saves.
    await user.click(await screen.findByText('Contact details, birthday, circle'));
    const email = screen.getByLabelText('E-mail') as HTMLInputElement;
    expect(email.value).toBe('ada@example.com');
    await user.clear(email);
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await waitFor(async () => expect((await findPersonByProfile(db, ADA.site, ADA.handle))?.person.emails).toEqual([]));

    await importConnections(db);
    const ada = (await findPersonByProfile(db, ADA.site, ADA.handle))!.person;
    expect(ada.emails).toEqual([]);
    expect(ada.userEdited).toContain('emails');
    // What the user did not touch is still the import's.
    expect(ada.company).toBe('Analytical Engines Ltd');
  });
});
