/**
 * One person across sites, in the side panel: "this is <name>" for a
 * profile not in Kith yet, and "this is also …" for a known person, against a real
 * Dexie database (fake-indexeddb).
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkPerson } from '@/components/LinkPerson';
import { useUiStore } from '@/components/i18n';
import type { KithDB } from '@/lib/db/db';
import { addPerson } from '@/lib/db/writes';
import { findPersonByProfile } from '@/lib/db/read';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';
import type { PageIdentity } from '@/lib/model/types';
import { ctxAt, DAY, freshDb, NOW } from '@/tests/unit/db/helpers';
import { seedSettings } from './settings-seed';

let db: KithDB;
beforeEach(() => {
  db = freshDb();
  useUiStore.setState({ lang: 'en' });
  seedSettings(DEFAULT_SETTINGS);
});
afterEach(() => {
  cleanup();
  db.close();
});

const ON_X: PageIdentity = { site: 'x', handle: 'ada_example', url: 'https://x.com/ada_example', name: 'Ada Example' };

async function person(name: string, handle?: string, site: PageIdentity['site'] = 'linkedin', at = NOW) {
  return addPerson(db, { name, ...(handle ? { identity: { site, handle } } : {}) }, ctxAt(at));
}

async function owner(site: PageIdentity['site'], handle: string) {
  return (await findPersonByProfile(db, site, handle))?.person;
}

async function livePeople() {
  return (await db.people.toArray())
    .filter((p) => !p.deletedAt)
    .map((p) => p.name)
    .sort();
}

describe('a profile not in Kith yet', () => {
  it('offers the people with the same name (accents and case aside), and links the profile to the one picked', async () => {
    const ada = await person('Ada Example', 'ada-example-0a1b2c3d');
    await person('ADÀ  example');
    await person('Ada Lovelace', 'ada-lovelace');
    render(<LinkPerson identity={ON_X} db={db} />);
    await screen.findByRole('heading', { name: 'Already in Kith?' });
    const offers = await screen.findAllByRole('button', { name: /^This is / });
    expect(offers.map((b) => b.textContent).sort()).toEqual(['This is ADÀ  example', 'This is Ada Example']);
    expect(screen.getByText('LinkedIn')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'This is Ada Example' }));
    await waitFor(async () => expect((await owner('x', 'ada_example'))?.id).toBe(ada.id));
    expect(await livePeople()).toEqual(['ADÀ  example', 'Ada Example', 'Ada Lovelace']);
    const profile = (await db.profiles.toArray()).find((p) => p.site === 'x');
    expect(profile).toMatchObject({ personId: ada.id, handle: 'ada_example', key: 'x:ada_example', url: 'https://x.com/ada_example' });
  });

  it('with nobody of that name, offers nothing, but lets the user find anyone by name', async () => {
    const bruno = await person('Bruno Sample', 'bruno-sample');
    render(<LinkPerson identity={{ site: 'x', handle: 'bsample', url: 'https://x.com/bsample', name: 'B. S.' }} db={db} />);
    await userEvent.click(screen.getByText('This is someone already in Kith…'));
    expect(screen.queryByRole('heading', { name: 'Already in Kith?' })).toBeNull();
    await userEvent.type(screen.getByLabelText('Find them by name'), 'brunó');
    await userEvent.click(await screen.findByRole('button', { name: 'This is Bruno Sample' }));
    await waitFor(async () => expect((await owner('x', 'bsample'))?.id).toBe(bruno.id));
  });
});

describe('a known person: this is also …', () => {
  it('links a pasted profile address (any page of it), and says so', async () => {
    const ada = await person('Ada Example', 'ada-example-0a1b2c3d');
    render(
      <LinkPerson
        identity={{ site: 'linkedin', handle: 'ada-example-0a1b2c3d', url: 'https://www.linkedin.com/in/ada-example-0a1b2c3d/' }}
        personId={ada.id}
        db={db}
      />,
    );
    await userEvent.click(screen.getByText('This is also…'));
    await userEvent.type(screen.getByLabelText('Their profile on another site'), 'twitter.com/Ada_Example/status/1900000000000000001');
    await userEvent.click(screen.getByRole('button', { name: 'Link this profile' }));
    await screen.findByText('Linked: ada_example on X (Twitter).');
    expect((await owner('x', 'ada_example'))?.id).toBe(ada.id);
    expect((await db.profiles.where('key').equals('x:ada_example').first())?.url).toBe('https://x.com/ada_example');

    await userEvent.type(screen.getByLabelText('Their profile on another site'), 'https://x.com/ada_example');
    await userEvent.click(screen.getByRole('button', { name: 'Link this profile' }));
    await screen.findByText('This X (Twitter) profile is already theirs.');
  });

  it.each(['https://example.com/ada', 'x.com/home', 'https://github.com/ada/kith', 'not an address'])('refuses %s with a clear message', async (address) => {
    const ada = await person('Ada Example', 'ada-example-0a1b2c3d');
    render(<LinkPerson identity={ON_X} personId={ada.id} db={db} />);
    await userEvent.click(screen.getByText('This is also…'));
    await userEvent.type(screen.getByLabelText('Their profile on another site'), address);
    await userEvent.click(screen.getByRole('button', { name: 'Link this profile' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/does not recognise/);
    expect(await db.profiles.count()).toBe(1);
  });

  it('a profile someone else in Kith has: says whose it is and, when confirmed, makes the two one (the older record kept)', async () => {
    const ada = await person('Ada Example', 'ada-example-0a1b2c3d', 'linkedin', NOW - 300 * DAY);
    const adaOnX = await person('Ada E.', 'ada_example', 'x');
    render(<LinkPerson identity={{ site: 'x', handle: 'ada_example', url: 'https://x.com/ada_example' }} personId={adaOnX.id} db={db} />);
    await userEvent.click(screen.getByText('This is also…'));
    await userEvent.type(screen.getByLabelText('Their profile on another site'), 'https://www.linkedin.com/in/ada-example-0a1b2c3d/');
    await userEvent.click(screen.getByRole('button', { name: 'Link this profile' }));
    expect((await screen.findByRole('alert')).textContent).toBe("This profile is Ada Example's in Kith.");
    await userEvent.click(screen.getByRole('button', { name: 'Ada Example is this person: make them one' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, the same person' }));
    await screen.findByText('Done: Ada Example and this person are now one.');
    expect(await livePeople()).toEqual(['Ada Example']);
    expect((await owner('x', 'ada_example'))?.id).toBe(ada.id);
    expect((await owner('linkedin', 'ada-example-0a1b2c3d'))?.id).toBe(ada.id);
  });

  it('chooses the same person by name, asks first, and can be cancelled', async () => {
    const ada = await person('Ada Example', 'ada-example-0a1b2c3d');
    const other = await person('Ada (from X)', 'ada_example', 'x', NOW + DAY);
    render(<LinkPerson identity={{ site: 'linkedin', handle: 'ada-example-0a1b2c3d', url: '' }} personId={ada.id} db={db} />);
    await userEvent.click(screen.getByText('This is also…'));
    await userEvent.type(screen.getByLabelText('Or the same person, already in Kith under another name'), 'ada');
    // Not themselves.
    const pick = await screen.findByRole('button', { name: 'Same person as Ada (from X)' });
    expect(screen.queryByRole('button', { name: 'Same person as Ada Example' })).toBeNull();
    await userEvent.click(pick);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await livePeople()).toEqual(['Ada (from X)', 'Ada Example']);
    await userEvent.click(pick);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, the same person' }));
    await waitFor(async () => expect(await livePeople()).toEqual(['Ada Example']));
    expect((await owner('x', 'ada_example'))?.id).toBe(ada.id);
    expect((await db.people.get(other.id))?.mergedInto).toBe(ada.id);
  });
});
