/**
 * The person panel with hostile data: names, notes, phones, e-mails,
 * tags and "how we met" full of markup, script URLs, RTL overrides and zero-width
 * characters. Whatever comes in is rendered as text: nothing runs, no element but
 * the panel's own, no event-handler attribute, every link passes `safeHref`.
 * (The same person in real Chromium: tests/e2e/security.e2e.ts.)
 */
import { cleanup, render } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PersonPanel, type PanelActions } from '@/components/PersonPanel';
import { useUiStore } from '@/components/i18n';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import type { PageIdentity } from '@/lib/model/types';
import { safeHref } from '@/lib/ui/safe-url';
import { buildRows } from '@/tests/e2e/seed';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 12);

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '<svg onload="window.__pwned=3">',
  '"><iframe src="javascript:window.__pwned=4">',
  'javascript:window.__pwned=5',
  'JaVa\u200bScRiPt:alert(6)',
  'data:text/html,<script>alert(7)</script>',
  'vbscript:msgbox(8)',
  '\u202Egnp.exe',
  'A\u200b\u200c\u200d\ufeffB',
  '<a href="javascript:alert(9)">click</a>',
  '{{constructor.constructor("alert(10)")()}}',
  '${alert(11)}',
  '<style>*{display:none}</style>',
];

/** The only elements the panel itself renders. */
const PANEL_TAGS = new Set([
  'div',
  'section',
  'header',
  'h1',
  'h2',
  'p',
  'span',
  'strong',
  'ul',
  'li',
  'a',
  'dl',
  'dt',
  'dd',
  'form',
  'fieldset',
  'legend',
  'label',
  'input',
  'select',
  'option',
  'textarea',
  'button',
  'details',
  'summary',
]);

const actions: PanelActions = { onAdd: vi.fn(), onLogTouch: vi.fn(), onAddNote: vi.fn(), onFollowUpDone: vi.fn(), onUpdate: vi.fn(), onOpenOptions: vi.fn() };

interface Hostile {
  name: string;
  note: string;
  followup: string;
  howWeMet: string;
  headline: string;
  phone: string;
  email: string;
  tag: string;
  url: string;
}

function knownView(h: Hostile) {
  const rows = buildRows(
    [
      {
        id: 'p1',
        name: h.name,
        handle: 'ada',
        patch: { howWeMet: h.howWeMet, headline: h.headline, phones: [h.phone], emails: [h.email], tags: [h.tag], circleId: 'close' },
        notes: [
          { kind: 'listening', text: h.note },
          { kind: 'followup', text: h.followup, dueAt: NOW - DAY },
          { kind: 'followup', text: h.note, doneAt: NOW - 2 * DAY },
        ],
        touches: [
          { channel: 'call', depth: 'personal', at: NOW - 40 * DAY, note: h.note },
          { channel: 'like', depth: 'passive', at: NOW - DAY },
        ],
      },
    ],
    NOW,
    'UTC',
  );
  return { person: rows.people[0]!, profiles: rows.profiles.map((p) => ({ ...p, url: h.url })), touches: rows.touches, notes: rows.notes };
}

/** Everything that could run or smuggle markup, found in the rendered panel. */
function inspect(container: HTMLElement) {
  const problems: string[] = [];
  for (const el of Array.from(container.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (!PANEL_TAGS.has(tag)) problems.push(`element <${tag}>`);
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) problems.push(`attribute ${a.name} on <${tag}>`);
      if (['src', 'srcdoc', 'formaction', 'action', 'style', 'xlink:href'].includes(a.name)) problems.push(`attribute ${a.name} on <${tag}>`);
    }
    if (tag === 'a') {
      const href = el.getAttribute('href') ?? '';
      if (safeHref(href) !== href) problems.push(`link ${href}`);
    }
  }
  return problems;
}

let alert: ReturnType<typeof vi.fn>;
beforeEach(() => {
  useUiStore.setState({ lang: 'en' });
  alert = vi.fn();
  vi.stubGlobal('alert', alert);
  delete (window as unknown as { __pwned?: unknown }).__pwned;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const pick = (i: number) => HOSTILE[i % HOSTILE.length]!;
const fixed = (i: number): Hostile => ({
  name: pick(i),
  note: pick(i + 1),
  followup: pick(i + 2),
  howWeMet: pick(i + 3),
  headline: pick(i + 4),
  phone: pick(i + 5),
  email: pick(i + 6),
  tag: pick(i + 7),
  url: pick(i + 8),
});

describe('the person panel with hostile data', () => {
  it.each(HOSTILE.map((_, i) => [i]))('known person, hostile set %i: rendered as text, nothing else', async (i) => {
    const h = fixed(i);
    const { container } = render(<PersonPanel state="known" view={knownView(h)} now={NOW} timeZone="UTC" circles={DEFAULT_CIRCLES} actions={actions} />);
    // Open "edit details" too: the phone and e-mail fields hold the hostile values.
    container.querySelector('details')?.setAttribute('open', '');
    await new Promise((r) => setTimeout(r, 20));
    expect(inspect(container)).toEqual([]);
    expect(container.querySelector('h1')?.textContent).toBe(h.name);
    expect(container.textContent).toContain(h.note);
    expect(container.textContent).toContain(h.followup);
    expect(alert).not.toHaveBeenCalled();
    expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('unknown person: the page identity is shown as text', () => {
    const identity: PageIdentity = {
      site: 'linkedin',
      handle: pick(0),
      url: pick(4),
      name: pick(1),
      headline: pick(2),
      location: pick(3),
      photoUrl: 'javascript:alert(1)',
    };
    const { container } = render(<PersonPanel state="unknown" identity={identity} now={NOW} timeZone="UTC" circles={DEFAULT_CIRCLES} actions={actions} />);
    expect(inspect(container)).toEqual([]);
    expect(container.querySelector('h1')?.textContent).toBe(identity.name);
    expect(container.textContent).toContain(identity.location);
    expect(alert).not.toHaveBeenCalled();
  });

  it('fuzzed: hostile fragments mixed with arbitrary text never become markup or links', () => {
    const fragment = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 20 }), fc.constantFrom('\u202e', '\u200b', '\u2066', '\u0000'));
    const field = fc.array(fragment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.record({
          name: field,
          note: field,
          followup: field.filter((s) => s.trim() !== ''),
          howWeMet: field,
          headline: field,
          phone: field,
          email: field,
          tag: field,
          url: field,
        }),
        (h) => {
          const { container, unmount } = render(
            <PersonPanel state="known" view={knownView(h)} now={NOW} timeZone="UTC" circles={DEFAULT_CIRCLES} actions={actions} />,
          );
          try {
            expect(inspect(container)).toEqual([]);
            expect(container.querySelector('h1')?.textContent).toBe(h.name);
          } finally {
            unmount();
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(alert).not.toHaveBeenCalled();
    expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });
});
