import { describe, expect, it } from 'vitest';
import { captureFromMenu, captureSource } from '@/lib/ui/capture';

const NOW = 1_765_000_000_000;
const page = 'https://example.org/articles/kith?ref=feed#comments';

describe('what a context-menu click captures', () => {
  it('selected text becomes a note, with the page (without its fragment) and its title as the source', () => {
    expect(
      captureFromMenu('selection', { selectionText: '  Giulia is moving to Turin in May.  ', pageUrl: page }, { title: ' A  plain article ' }, NOW),
    ).toEqual({
      kind: 'note',
      text: 'Giulia is moving to Turin in May.',
      source: { url: 'https://example.org/articles/kith?ref=feed', title: 'A plain article' },
      at: NOW,
    });
  });

  it('an empty selection captures nothing', () => {
    expect(captureFromMenu('selection', { selectionText: '   ', pageUrl: page }, undefined, NOW)).toBeUndefined();
  });

  it('a very long selection is cut to what a note holds', () => {
    expect(captureFromMenu('selection', { selectionText: 'x'.repeat(20_000), pageUrl: page }, undefined, NOW)?.text).toHaveLength(10_000);
  });

  it.each([
    ['mailto:Ada@Example.org', 'email', 'ada@example.org'],
    ['mailto:ada@example.org?subject=Hello&bcc=eve@example.org', 'email', 'ada@example.org'],
    ['mailto:ada%40example.org', 'email', 'ada@example.org'],
    ['mailto:ada@example.org,bob@example.org', 'email', 'ada@example.org'],
    ['tel:+39%20333%201234567', 'phone', '+39 333 1234567'],
    ['tel:+1-415-555-0134;ext=12', 'phone', '+1-415-555-0134'],
  ])('%s adds %s %s', (linkUrl, kind, text) => {
    expect(captureFromMenu('contact', { linkUrl, pageUrl: page }, { title: 'Contacts' }, NOW)).toEqual({
      kind,
      text,
      source: { url: 'https://example.org/articles/kith?ref=feed', title: 'Contacts' },
      at: NOW,
    });
  });

  it.each(['mailto:', 'mailto:not-an-address', 'tel:12', 'https://example.org/ada', 'javascript:alert(1)', ''])('%s captures nothing', (linkUrl) => {
    expect(captureFromMenu('contact', { linkUrl, pageUrl: page }, undefined, NOW)).toBeUndefined();
  });

  it.each(['file:///home/ada/notes.html', 'chrome://settings/', 'about:blank', 'not a url', undefined])('a page at %s is no source', (url) => {
    expect(captureSource(url, 'Title')).toBeUndefined();
    expect(captureFromMenu('selection', { selectionText: 'text', pageUrl: url }, { title: 'Title' }, NOW)).toEqual({ kind: 'note', text: 'text', at: NOW });
  });
});
