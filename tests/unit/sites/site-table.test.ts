/**
 * The site table is the one list of sites: this test fails when a row lacks any
 * of what a site needs (an adapter, saved pages, its name in both languages,
 * match patterns the manifest declares, an address its adapter reads back) or
 * when something derived from the table (zod enums, default settings) leaves a
 * site out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { backupSiteSchema } from '@/lib/backup/format';
import { parseMessage, siteSchema } from '@/lib/messages/schema';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';
import { handleFromProfileUrl } from '@/lib/sites/identity';
import { ADAPTERS, adapterForSite, adapterForUrl } from '@/lib/sites/registry';
import { DEFAULT_PLACEMENT, OPTIONAL_HOSTS, REQUIRED_HOSTS, SITE_IDS, SITE_LABEL, SITE_TABLE, profileUrl, siteRow } from '@/lib/sites/table';
import { SITE_ORIGINS, SITES } from '@/components/options/sites';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../../../');
const FIXTURES = join(ROOT, 'tests/fixtures/');

interface IndexEntry {
  file: string;
  url: string;
  markup: string;
  expected?: { handle: string; url: string } | null;
}

function savedPages(site: string): IndexEntry[] {
  const path = `${FIXTURES}${site}/index.json`;
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as IndexEntry[]) : [];
}

function catalog(lang: 'en' | 'it'): Record<string, { message: string }> {
  return JSON.parse(readFileSync(join(ROOT, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;
}

const ROWS = SITE_TABLE.map((r) => [r.id, r] as const);

describe('site table', () => {
  it('lists each site once', () => {
    expect(new Set(SITE_IDS).size).toBe(SITE_IDS.length);
    expect(SITE_IDS.length).toBeGreaterThan(0);
    expect(SITE_IDS).toEqual(SITE_TABLE.map((r) => r.id));
  });

  it('every site has exactly one registered adapter, with the table’s hosts and patterns', () => {
    expect(ADAPTERS.map((a) => a.site)).toEqual([...SITE_IDS]);
    for (const row of SITE_TABLE) {
      const a = adapterForSite(row.id);
      expect(a.hosts).toEqual([...row.hosts]);
      expect(a.matches).toEqual([...row.matches]);
      for (const h of row.hosts) expect(adapterForUrl(`https://${h}/`)?.site).toBe(row.id);
    }
  });

  it.each(ROWS)('%s: has saved pages in tests/fixtures, one at least per markup its adapter claims', (site) => {
    const pages = savedPages(site);
    expect(pages.length, `tests/fixtures/${site}/index.json`).toBeGreaterThan(0);
    for (const p of pages) expect(existsSync(`${FIXTURES}${site}/${p.file}`), p.file).toBe(true);
    const markups = new Set(pages.map((p) => p.markup));
    for (const m of adapterForSite(site).markups) expect(markups, `${site} ${m}`).toContain(m);
  });

  it.each(ROWS)('%s: its name has a locale key in English and Italian', (_site, row) => {
    expect(SITE_LABEL[row.id]).toBe(row.label);
    for (const lang of ['en', 'it'] as const) expect(catalog(lang)[row.label]?.message, `${lang} ${row.label}`).toBeTruthy();
  });

  it.each(ROWS)('%s: match patterns parse and cover every host’s pages', (_site, row) => {
    expect(row.matches.length).toBeGreaterThan(0);
    const patterns = row.matches.map((m) => new MatchPattern(m));
    for (const h of row.hosts) {
      const www = `https://www.${h}/`;
      expect(
        patterns.some((p) => p.includes(`https://${h}/`) || p.includes(www)),
        h,
      ).toBe(true);
    }
  });

  it.each(ROWS)('%s: the manifest declares its patterns (installed or opt-in, as the row says)', (_site, row) => {
    // wxt.config.ts passes these two lists to the manifest as they are.
    for (const m of row.matches) {
      expect(row.optIn ? OPTIONAL_HOSTS : REQUIRED_HOSTS).toContain(m);
      expect(row.optIn ? REQUIRED_HOSTS : OPTIONAL_HOSTS).not.toContain(m);
    }
    // The options page asks for exactly an opt-in site's patterns.
    expect(SITE_ORIGINS[row.id]).toEqual(row.optIn ? row.matches : undefined);
    expect(SITES).toContain(row.id);
  });

  it('the manifest declares no pattern that no site has', () => {
    const all = SITE_TABLE.flatMap((r) => [...r.matches]);
    expect([...REQUIRED_HOSTS, ...OPTIONAL_HOSTS].sort()).toEqual(all.sort());
  });

  it.each(ROWS)('%s: a profile’s address reads back as the same handle, through the adapter and the importers', (site) => {
    const handles = new Set<string>();
    for (const p of savedPages(site)) {
      const h = adapterForSite(site).handleFromUrl(p.url);
      if (h) handles.add(h);
    }
    expect(handles.size, `no profile among ${site}'s saved pages`).toBeGreaterThan(0);
    for (const handle of handles) {
      const url = profileUrl(site, handle);
      expect(adapterForSite(site).handleFromUrl(url), url).toBe(handle);
      expect(adapterForUrl(url)?.site).toBe(site);
      expect(handleFromProfileUrl(url)).toEqual({ site, handle });
    }
  });

  it.each(ROWS)('%s: the adapter reports the table’s address for a profile', (site) => {
    const doc = document.implementation.createHTMLDocument('');
    for (const p of savedPages(site)) {
      const identity = adapterForSite(site).readProfile(p.url, doc);
      if (identity) expect(identity.url).toBe(profileUrl(site, identity.handle));
      if (p.expected) expect(p.expected.url).toBe(profileUrl(site, p.expected.handle));
    }
  });

  it('the zod enums of messages and backups accept exactly the table’s ids', () => {
    expect([...siteSchema.options]).toEqual([...SITE_IDS]);
    expect([...backupSiteSchema.options]).toEqual([...SITE_IDS]);
    for (const site of SITE_IDS) expect(parseMessage({ type: 'touch/add', site, handle: 'ada', channel: 'call' })).toBeDefined();
    expect(parseMessage({ type: 'touch/add', site: 'myspace', handle: 'ada', channel: 'call' })).toBeUndefined();
    expect(backupSiteSchema.safeParse('myspace').success).toBe(false);
  });

  it.each(ROWS)('%s: default settings cover it (on when installed with Kith, off when opt-in)', (_site, row) => {
    expect(DEFAULT_SETTINGS.sites[row.id]).toBe(!row.optIn);
    expect(DEFAULT_SETTINGS.placement[row.id]).toBe(row.placement);
    expect(DEFAULT_PLACEMENT[row.id]).toBe(row.placement);
    expect(siteRow(row.id)).toBe(row);
  });

  it('default settings name no site outside the table', () => {
    expect(Object.keys(DEFAULT_SETTINGS.sites).sort()).toEqual([...SITE_IDS].sort());
    expect(Object.keys(DEFAULT_SETTINGS.placement).sort()).toEqual([...SITE_IDS].sort());
  });
});
