/**
 * Instagram adapter against constructed pages (tests/fixtures/instagram, offline; see its
 * PROVENANCE.md). Exact fields per page: registry.test.ts reads index.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  INSTAGRAM_PROFILE_SELECTORS,
  INSTAGRAM_READY_SELECTORS,
  instagramProfileHandleFromUrl,
  nameBeforeHandle,
  readInstagramProfile,
} from '@/lib/sites/instagram';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/instagram/');
const PROFILES = ['profile-2025.html', 'profile-2021.html'];

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(`${DIR}${file}`, 'utf8'), 'text/html');
}

describe('instagramProfileHandleFromUrl', () => {
  it.each([
    ['https://www.instagram.com/ada_example/', 'ada_example'],
    ['https://www.instagram.com/Ada_Example', 'ada_example'],
    ['https://instagram.com/ada.example/?hl=en', 'ada.example'],
    ['https://www.instagram.com/ada_example/tagged/', 'ada_example'],
    ['https://www.instagram.com/ada_example/reels/', 'ada_example'],
  ])('%s -> %s', (url, handle) => {
    expect(instagramProfileHandleFromUrl(url)).toBe(handle);
  });

  it.each([
    'https://www.instagram.com/ada_example/p/EXAMPLE0001/',
    'https://www.instagram.com/p/EXAMPLE0001/',
    'https://www.instagram.com/explore/',
    'https://www.instagram.com/ada-example/',
    'https://www.instagram.com/.../',
    'https://example.com/ada_example/',
    'not a url',
  ])('rejects %s', (url) => {
    expect(instagramProfileHandleFromUrl(url)).toBeUndefined();
  });
});

describe('readInstagramProfile', () => {
  it.each([
    ['Ada Example (@ada_example) • Instagram photos and videos', 'Ada Example'],
    ['1,234 Followers, 56 Following, 78 Posts - Ada Example (@ada_example) on Instagram: "bio"', 'Ada Example'],
    ['1,234 Followers - See Instagram photos and videos from Ada Example (@ada_example)', 'Ada Example'],
    ['Bruno Sample (@bruno.sample) • Instagram photos and videos', undefined],
    ['ada_example (@ada_example) • Instagram photos and videos', undefined],
    ['Instagram', undefined],
  ])('%j -> %s', (text, name) => {
    expect(nameBeforeHandle(text, 'ada_example')).toBe(name);
  });

  it('never takes the 2025 header h1 (the bio) for the name', () => {
    const doc = load('profile-2025.html');
    doc.querySelectorAll('meta').forEach((m) => m.remove());
    doc.title = 'Instagram';
    expect(readInstagramProfile('https://www.instagram.com/ada_example/', doc)).toEqual({
      site: 'instagram',
      handle: 'ada_example',
      url: 'https://www.instagram.com/ada_example/',
    });
  });

  it("reads only the URL when the header is another profile's", () => {
    expect(readInstagramProfile('https://www.instagram.com/chiara_x/', load('profile-2021.html'))).toEqual({
      site: 'instagram',
      handle: 'chiara_x',
      url: 'https://www.instagram.com/chiara_x/',
    });
  });
});

describe('selector tables', () => {
  const docs = PROFILES.map(load);
  const rows = [
    ...Object.entries(INSTAGRAM_PROFILE_SELECTORS).flatMap(([k, sels]) => sels.map((s) => [k, s] as const)),
    ...INSTAGRAM_READY_SELECTORS.map((s) => ['ready', s] as const),
  ];
  it.each(rows)('%s: %s matches a saved profile', (_k, sel) => {
    expect(docs.some((d) => d.querySelector(sel))).toBe(true);
  });
});
