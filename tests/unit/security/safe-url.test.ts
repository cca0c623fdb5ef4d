/**
 * Links Kith renders: whatever a page or an import puts in a profile
 * URL, phone or e-mail, only http:, https:, mailto: and tel: ever come out.
 * Property tests with fast-check: schemes disguised with case, control, zero-width
 * and bidi characters; arbitrary strings; real web URLs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mailtoHref, safeHref, safeImageSrc, telHref, whatsappHref } from '@/lib/ui/safe-url';

const ALLOWED = ['http:', 'https:', 'mailto:', 'tel:'];
const protocolOf = (href: string) => new URL(href).protocol;

/** Characters browsers (and safeHref) strip or ignore inside a URL, or that hide text direction. */
const INVISIBLE = [
  '\u0000',
  '\t',
  '\n',
  '\r',
  '\u001f',
  '\u007f',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202e',
  '\u2060',
  '\u2064',
  '\ufeff',
];
const DANGEROUS = [
  'javascript',
  'data',
  'vbscript',
  'blob',
  'file',
  'filesystem',
  'chrome',
  'chrome-extension',
  'about',
  'view-source',
  'jar',
  'ftp',
  'ws',
  'intent',
];
const PAYLOADS = [
  'alert(1)',
  '//%0aalert(1)',
  'text/html,<script>alert(1)</script>',
  'text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'msgbox(1)',
  '<img src=x onerror=alert(1)>',
  '',
];

/** A dangerous scheme in random case, with invisible characters woven in before, inside and after it. */
const disguised = fc
  .tuple(
    fc.constantFrom(...DANGEROUS),
    fc.array(fc.constantFrom(...INVISIBLE, ' '), { maxLength: 3 }),
    fc.infiniteStream(fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...INVISIBLE), { maxLength: 2 }))),
    fc.array(fc.constantFrom(...INVISIBLE), { maxLength: 2 }),
    fc.oneof(fc.constantFrom(...PAYLOADS), fc.string()),
  )
  .map(([scheme, lead, noise, beforeColon, payload]) => {
    const it = noise[Symbol.iterator]();
    const body = [...scheme]
      .map((c) => {
        const [upper, junk] = it.next().value as [boolean, string[]];
        return junk.join('') + (upper ? c.toUpperCase() : c);
      })
      .join('');
    return `${lead.join('')}${body}${beforeColon.join('')}:${payload}`;
  });

describe('safeHref', () => {
  it('never returns anything but http, https, mailto or tel, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), disguised, fc.webUrl()), (raw) => {
        const out = safeHref(raw);
        if (out !== undefined) expect(ALLOWED).toContain(protocolOf(out));
      }),
      { numRuns: 2000 },
    );
  });

  it('drops every disguised javascript:, data:, vbscript: (and other non-web) link', () => {
    fc.assert(
      fc.property(disguised, (raw) => {
        expect(safeHref(raw)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' \u0000javascript:alert(1)',
    'java\u200bscript:alert(1)',
    'java\tscr\nipt:alert(1)',
    '\u202ejavascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/x',
    '/relative',
    'www.example.org',
    '<img src=x onerror=alert(1)>',
    'https\u200b://',
  ])('drops %j', (raw) => {
    expect(safeHref(raw)).toBeUndefined();
  });

  it('keeps real web links, and is idempotent', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }), (url) => {
        const out = safeHref(url);
        expect(out).toBeDefined();
        expect(safeHref(out)).toBe(out);
      }),
      { numRuns: 500 },
    );
  });

  it('strips zero-width and bidi characters from what it keeps', () => {
    expect(safeHref('https://www.linkedin.com/in/\u200bada\u202e/')).toBe('https://www.linkedin.com/in/ada/');
  });
});

describe('phone, e-mail and image links', () => {
  it('tel: and wa.me links are digits only, whatever the phone field holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), disguised, fc.constantFrom('+39 333 123 4567', '0039 02 1234567', 'javascript:alert(123456)')), (phone) => {
        const tel = telHref(phone);
        if (tel !== undefined) {
          expect(tel).toMatch(/^tel:\+?\d{3,}$/);
          expect(safeHref(tel)).toBe(tel);
        }
        const wa = whatsappHref(phone);
        if (wa !== undefined) {
          expect(wa).toMatch(/^https:\/\/wa\.me\/\d{6,}$/);
          expect(safeHref(wa)).toBe(wa);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('mailto: only for a plain address: no markup, quotes, spaces or a second scheme', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.emailAddress(), disguised), (email) => {
        const out = mailtoHref(email);
        if (out !== undefined) {
          expect(out).toMatch(/^mailto:[^\s<>()"]+@[^\s<>()"]+$/);
          expect(ALLOWED).toContain(protocolOf(out));
        }
      }),
      { numRuns: 1000 },
    );
    for (const bad of ['"><img src=x onerror=alert(1)>@x.y', 'a b@c.d', 'javascript:alert(1)//@x.y'.replace('//', ' ')])
      expect(mailtoHref(bad)).toBeUndefined();
  });

  it('images only over https', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), disguised, fc.webUrl()), (raw) => {
        const out = safeImageSrc(raw);
        if (out !== undefined) expect(protocolOf(out)).toBe('https:');
      }),
      { numRuns: 1000 },
    );
  });
});
