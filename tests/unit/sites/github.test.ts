/**
 * GitHub adapter against saved pages (tests/fixtures/github, offline; see its PROVENANCE.md).
 * Exact fields per page: registry.test.ts reads index.json. Here: URLs, stale pages, tables.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GITHUB_PROFILE_SELECTORS, GITHUB_READY_SELECTORS, githubProfileHandleFromUrl, parseGithubTitle, readGithubProfile } from '@/lib/sites/github';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/github/');
const PROFILES = ['profile-repositories-tab-2018.html', 'profile-2025.html'];

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(`${DIR}${file}`, 'utf8'), 'text/html');
}

describe('githubProfileHandleFromUrl', () => {
  it.each([
    ['https://github.com/ada-example', 'ada-example'],
    ['https://github.com/Ada-Example/', 'ada-example'],
    ['https://github.com/ada-example?tab=repositories', 'ada-example'],
    ['https://github.com/ada-example?tab=stars#top', 'ada-example'],
    ['https://www.github.com/piuccio', 'piuccio'],
    ['https://github.com/a1', 'a1'],
  ])('%s -> %s', (url, login) => {
    expect(githubProfileHandleFromUrl(url)).toBe(login);
  });

  it.each([
    'https://github.com/ada-example/kith-notes',
    'https://github.com/ada-example/kith-notes/',
    'https://github.com/settings',
    'https://github.com/orgs/example',
    'https://gist.github.com/ada-example',
    'https://github.com/' + 'a'.repeat(40),
    'http://example.com/ada-example',
    'not a url',
  ])('rejects %s', (url) => {
    expect(githubProfileHandleFromUrl(url)).toBeUndefined();
  });
});

describe('readGithubProfile', () => {
  it('ignores the itemprop="name codeRepository" of repository items (2018)', () => {
    const doc = load('profile-repositories-tab-2018.html');
    doc.querySelectorAll('.vcard-fullname').forEach((n) => n.remove());
    // The title still names the person; the repository names are never taken.
    expect(readGithubProfile('https://github.com/piuccio', doc)?.name).toBe('Fabio Crisci');
  });

  it('reads only the URL when the page is another login (stale after in-page navigation)', () => {
    expect(readGithubProfile('https://github.com/someone-else', load('profile-2025.html'))).toEqual({
      site: 'github',
      handle: 'someone-else',
      url: 'https://github.com/someone-else',
    });
  });

  it("does not take the signed-in viewer's avatar or login", () => {
    const doc = load('profile-2025.html');
    doc.querySelectorAll('img.avatar-user, a[itemprop="image"]').forEach((n) => n.remove());
    const got = readGithubProfile('https://github.com/ada-example', doc);
    expect(got?.photoUrl).toBeUndefined();
    expect(got?.name).toBe('Ada Example');
  });

  it.each([
    ['piuccio (Fabio Crisci) / Repositories · GitHub', 'piuccio', 'Fabio Crisci'],
    ['ada-example (Ada Example) · GitHub', 'ada-example', 'Ada Example'],
    ['ada-example (Ada Example) · GitHub', 'bruno', undefined],
    ['GitHub - ada-example/kith-notes: Synthetic repository for tests', 'ada-example', undefined],
    ['GitHub', 'ada-example', undefined],
  ])('title %j for %s -> %s', (title, login, name) => {
    expect(parseGithubTitle(title, login)).toBe(name);
  });
});

describe('selector tables', () => {
  const docs = PROFILES.map(load);
  const rows = [
    ...Object.entries(GITHUB_PROFILE_SELECTORS).flatMap(([field, sources]) => sources.flatMap((s) => ('css' in s ? [[field, s.css] as const] : []))),
    ...GITHUB_READY_SELECTORS.map((s) => ['ready', s] as const),
  ];
  it.each(rows)('%s: %s matches a saved profile', (_field, sel) => {
    expect(docs.some((d) => d.querySelector(sel))).toBe(true);
  });
});
