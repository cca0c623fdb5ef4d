/**
 * What the built packages must be. A new permission is a deliberate change: it
 * fails here until this pinned list is updated with it.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness';

const CHROME = join(ROOT, '.output/chrome-mv3');
const FIREFOX = join(ROOT, '.output/firefox-mv3');
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

const OPTIONAL_HOSTS = [
  'https://x.com/*',
  'https://twitter.com/*',
  'https://github.com/*',
  'https://www.facebook.com/*',
  'https://www.instagram.com/*',
  // Sync: the one server the user types, asked for when they turn sync on (any https host, or plain http on this machine).
  'https://*/*',
  'http://127.0.0.1/*',
  'http://localhost/*',
];

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : [];
  });
}

describe('the Chrome package', () => {
  it('asks for exactly the pinned permissions, and host access to LinkedIn only', () => {
    const m = manifest(CHROME);
    expect(m.manifest_version).toBe(3);
    expect([...m.permissions].sort()).toEqual(['alarms', 'contextMenus', 'notifications', 'scripting', 'sidePanel', 'storage', 'unlimitedStorage'].sort());
    expect(m.host_permissions).toEqual(['https://www.linkedin.com/*']);
    expect(m.optional_host_permissions).toEqual(OPTIONAL_HOSTS);
    expect(m.externally_connectable).toBeUndefined();
    // One page a website may load: the in-page card's own frame, on LinkedIn only, under a per-session URL.
    expect(m.web_accessible_resources).toEqual([{ resources: ['card.html'], matches: ['https://www.linkedin.com/*'], use_dynamic_url: true }]);
    expect(m.side_panel.default_path).toBe('sidepanel.html');
    expect(m.content_scripts.map((c: { matches: string[] }) => c.matches)).toEqual([['https://www.linkedin.com/*']]);
  });

  it('is named through the locale files', () => {
    const m = manifest(CHROME);
    expect(m.name).toBe('__MSG_extName__');
    expect(m.default_locale).toBe('en');
    expect(m.action.default_title).toBe('__MSG_actionTitle__');
    for (const size of [16, 32, 48, 128]) expect(m.icons[size]).toBe(`icon/${size}.png`);
  });

  it('has only pure-ASCII scripts (Chrome refuses a content script it thinks is not UTF-8)', () => {
    const files = jsFiles(CHROME);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const bytes = readFileSync(f);
      const bad = bytes.findIndex((b) => b > 0x7f);
      expect(bad, `${f} has a non-ASCII byte at ${bad}`).toBe(-1);
    }
  });
});

describe("the popup's boot script", () => {
  // It runs before the popup's modules, as a classic script: nothing imported, and
  // small, since the popup waits for it before painting.
  it.each([CHROME, FIREFOX])('is self-contained and small in %s', (dir) => {
    const code = readFileSync(join(dir, 'popup-boot.js'), 'utf8');
    expect(code).not.toMatch(/(^|[;}\s])import[\s({*]|\brequire\(/);
    expect(code.length).toBeLessThan(6000);
    expect(readFileSync(join(dir, 'popup.html'), 'utf8')).toContain('<script src="/popup-boot.js"></script>');
  });

  // A stylesheet <link> is a fetch the first paint waits for: the popup's styles are in the page itself.
  it.each([CHROME, FIREFOX])('paints with styles written into popup.html, nothing fetched for them, in %s', (dir) => {
    const html = readFileSync(join(dir, 'popup.html'), 'utf8');
    expect(html).not.toMatch(/<link[^>]*rel="stylesheet"/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).toContain('.reach-row');
    expect(style).toContain('.popup-bar');
  });
});

describe('the Firefox package', () => {
  it('has a gecko id, declares it collects nothing, and the same pinned permissions minus Chrome-only ones', () => {
    const m = manifest(FIREFOX);
    expect(m.browser_specific_settings.gecko.id).toBe('kith@kith.invalid');
    expect(m.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect([...m.permissions].sort()).toEqual(['alarms', 'contextMenus', 'notifications', 'scripting', 'storage', 'unlimitedStorage'].sort());
    expect(m.host_permissions).toEqual(['https://www.linkedin.com/*']);
    expect(m.optional_host_permissions).toEqual(OPTIONAL_HOSTS);
    expect(m.sidebar_action.default_panel).toBe('sidepanel.html');
  });

  it('has only pure-ASCII scripts', () => {
    for (const f of jsFiles(FIREFOX))
      expect(
        readFileSync(f).findIndex((b) => b > 0x7f),
        f,
      ).toBe(-1);
  });
});
