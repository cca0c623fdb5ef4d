/**
 * LinkedIn adapter against saved pages (tests/fixtures/linkedin, offline; see its
 * PROVENANCE.md). Each table says exactly what must be read from which page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PageIdentity } from '@/lib/model/types';
import {
  FEED_SELECTORS,
  MESSAGING_SELECTORS,
  PROFILE_READY_SELECTORS,
  PROFILE_SELECTORS,
  WISH_SELECTORS,
  composerRecipient,
  findComposer,
  findReactionContext,
  findWishContext,
  isLinkedInHost,
  isProfileTopCardFor,
  isReactionButton,
  isSendButton,
  parseProfileTitle,
  reactionMenuItemOf,
  reactionOpenerOf,
  reactionStateOf,
  readLinkedInProfile,
  triggerOfMenuItem,
  readSource,
  type ReactionContext,
  type WishContext,
} from '@/lib/sites/linkedin';

// A string, not new URL(): under jsdom the global URL is jsdom's, which node:url rejects.
const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/linkedin/');

interface IndexEntry {
  file: string;
  url: string;
  origin: 'saved' | 'constructed';
  markup: string;
}
const INDEX = JSON.parse(readFileSync(`${DIR}index.json`, 'utf8')) as IndexEntry[];

function entry(file: string): IndexEntry {
  const e = INDEX.find((x) => x.file === file);
  if (!e) throw new Error(`${file} is not in index.json`);
  return e;
}

/** A fresh parse each time, so a test that edits the page cannot leak into another. */
function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(`${DIR}${file}`, 'utf8'), 'text/html');
}

function el(doc: Document, selector: string): Element {
  const found = doc.querySelector(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

const emptyDoc = (): Document => document.implementation.createHTMLDocument('');

// ---------------------------------------------------------------------------
// Profiles

const PROFILES: Record<string, PageIdentity> = {
  'profile-ember-2025-12.html': {
    site: 'linkedin',
    handle: 'ada-example-0a1b2c3d',
    url: 'https://www.linkedin.com/in/ada-example-0a1b2c3d/',
    name: 'Ada Example',
    headline: 'Synthetic Headline | Example Org',
    location: 'Springfield, Ohio, United States',
    photoUrl: 'https://media.licdn.com/dms/image/v2/EXAMPLE/profile-displayphoto-shrink_400_400/0/1700000000000?e=1767225600&v=beta&t=EXAMPLE',
  },
  'profile-older-2023.html': {
    site: 'linkedin',
    handle: 'bruno-sample',
    url: 'https://www.linkedin.com/in/bruno-sample/',
    name: 'Bruno Sample',
    headline: 'Teacher & Volunteer at Example School',
    location: 'Milan, Lombardy, Italy',
    photoUrl: 'https://media.licdn.com/dms/image/fake-older/profile-displayphoto-shrink_200_200/0/1600000000000?e=0&v=beta&t=fake',
  },
  'profile-sdui-2026.html': {
    site: 'linkedin',
    handle: 'chiara-exemplar',
    url: 'https://www.linkedin.com/in/chiara-exemplar/',
    name: 'Chiara Exemplar',
    photoUrl: 'https://media.licdn.com/dms/image/fake-sdui/profile-displayphoto-shrink_400_400/0/1?e=0&v=beta&t=fake',
  },
  'profile-unknown-markup.html': {
    site: 'linkedin',
    handle: 'dario-other',
    url: 'https://www.linkedin.com/in/dario-other/',
  },
};

describe('readLinkedInProfile on saved pages', () => {
  it.each(Object.entries(PROFILES))('%s', (file, expected) => {
    expect(readLinkedInProfile(entry(file).url, load(file))).toStrictEqual(expected);
  });

  // The title is tried first; each markup must still yield the name from its own DOM.
  it.each(Object.entries(PROFILES).filter(([, p]) => p.name))('%s: name from the DOM without a title', (file, p) => {
    const doc = load(file);
    doc.title = '';
    expect(readLinkedInProfile(entry(file).url, doc)?.name).toBe(p.name);
  });

  it.each(Object.keys(PROFILES).filter((f) => f !== 'profile-unknown-markup.html'))('%s: a ready selector matches', (file) => {
    const doc = load(file);
    expect(PROFILE_READY_SELECTORS.some((s) => doc.querySelector(s))).toBe(true);
  });

  it('nothing to wait for on the unknown markup', () => {
    const doc = load('profile-unknown-markup.html');
    expect(PROFILE_READY_SELECTORS.some((s) => doc.querySelector(s))).toBe(false);
  });

  it.each([
    ['profile-ember-2025-12.html', 'https://www.linkedin.com/in/ada-example-0a1b2c3d/', true],
    ['profile-ember-2025-12.html', 'https://www.linkedin.com/in/someone-else/', false],
    ['profile-ember-2025-12.html', 'https://www.linkedin.com/in/ada-example-0a1b2c3d/details/experience/', false],
    ['profile-older-2023.html', 'https://www.linkedin.com/in/bruno-sample/', true],
    ['profile-sdui-2026.html', 'https://www.linkedin.com/in/chiara-exemplar/', true],
    ['profile-unknown-markup.html', 'https://www.linkedin.com/in/dario-other/', false],
    ['feed-hashed-2026.html', 'https://www.linkedin.com/feed/', false],
  ])('isProfileTopCardFor(%s at %s) -> %s', (file, url, ready) => {
    expect(isProfileTopCardFor(url, load(file))).toBe(ready);
  });

  it('reads the top card under an overlay (contact info)', () => {
    const got = readLinkedInProfile('https://www.linkedin.com/in/ada-example-0a1b2c3d/overlay/contact-info/', load('profile-ember-2025-12.html'));
    expect(got).toStrictEqual(PROFILES['profile-ember-2025-12.html']);
  });

  it('trusts only the URL on subpages, whose headings are not the name', () => {
    const got = readLinkedInProfile('https://www.linkedin.com/in/ada-example-0a1b2c3d/details/experience/', load('profile-ember-2025-12.html'));
    expect(got).toStrictEqual({
      site: 'linkedin',
      handle: 'ada-example-0a1b2c3d',
      url: 'https://www.linkedin.com/in/ada-example-0a1b2c3d/',
    });
  });

  it("ignores a stale top card (in-page navigation to someone else's profile)", () => {
    const got = readLinkedInProfile('https://www.linkedin.com/in/someone-else/', load('profile-ember-2025-12.html'));
    expect(got).toStrictEqual({ site: 'linkedin', handle: 'someone-else', url: 'https://www.linkedin.com/in/someone-else/' });
  });

  it('never takes the handle or LinkedIn words for a name', () => {
    const doc = load('profile-older-2023.html');
    doc.title = 'bruno-sample | LinkedIn';
    el(doc, 'h1').textContent = ' Bruno-Sample ';
    expect(readLinkedInProfile('https://www.linkedin.com/in/bruno-sample/', doc)?.name).toBeUndefined();
    el(doc, 'h1').textContent = 'LinkedIn Member';
    expect(readLinkedInProfile('https://www.linkedin.com/in/bruno-sample/', doc)?.name).toBeUndefined();
  });

  it('skips a mutual connection photo and placeholder images', () => {
    const doc = load('profile-sdui-2026.html');
    // Own photo gone: the mutual connection's face (alt "Dario Other") must not be taken.
    el(doc, 'img[alt="Chiara Exemplar"]').remove();
    expect(readLinkedInProfile(entry('profile-sdui-2026.html').url, doc)?.photoUrl).toBeUndefined();

    const older = load('profile-older-2023.html');
    el(older, 'img').setAttribute('src', 'https://static.licdn.com/aero-v1/sc/h/ghost-person');
    expect(readLinkedInProfile(entry('profile-older-2023.html').url, older)?.photoUrl).toBeUndefined();
  });
});

describe('parseProfileTitle', () => {
  it.each([
    ['(3) Ada Example | LinkedIn', 'Ada Example'],
    ['(99+) Ada Example | LinkedIn', 'Ada Example'],
    ['Björn  Example | LinkedIn', 'Björn Example'],
    ['Ada Example | LinkedIn', 'Ada Example'],
    ['LinkedIn', undefined],
    ['(3) LinkedIn', undefined],
    ['Feed | LinkedIn', undefined],
    ['(2) Feed | LinkedIn', undefined],
    ['(1) Messaging | LinkedIn', undefined],
    ['Experience | Ada Example | LinkedIn', undefined],
    ['', undefined],
  ])('%j -> %j', (title, name) => {
    expect(parseProfileTitle(title)).toBe(name);
  });
});

describe('readLinkedInProfile URL handling', () => {
  it.each([
    ['https://www.linkedin.com/in/ada-example/', 'ada-example'],
    ['https://www.linkedin.com/in/ada-example', 'ada-example'],
    ['https://www.linkedin.com/in/Ada-Example/details/experience/', 'ada-example'],
    ['https://www.linkedin.com/in/ada-example/recent-activity/all/', 'ada-example'],
    ['https://www.linkedin.com/in/ada-example/overlay/contact-info/', 'ada-example'],
    ['https://www.linkedin.com/in/ada-example/?miniProfileUrn=urn%3Ali%3Afsd_profile%3AX#top', 'ada-example'],
    ['https://it.linkedin.com/in/bj%C3%B6rn-example/', 'björn-example'],
  ])('%s -> %s', (url, handle) => {
    const got = readLinkedInProfile(url, emptyDoc());
    expect(got).toStrictEqual({ site: 'linkedin', handle, url: `https://www.linkedin.com/in/${encodeURIComponent(handle)}/` });
  });

  it.each([
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/company/x/',
    'https://www.linkedin.com/jobs/',
    'https://www.linkedin.com/messaging/',
    'https://www.linkedin.com/in/',
    'https://www.linkedin.com/in',
    'https://example.com/in/ada-example/',
  ])('rejects %s', (url) => {
    expect(readLinkedInProfile(url, load('profile-ember-2025-12.html'))).toBeUndefined();
  });
});

describe('isLinkedInHost', () => {
  it.each([
    ['www.linkedin.com', true],
    ['linkedin.com', true],
    ['it.linkedin.com', true],
    ['WWW.LinkedIn.com', true],
    ['notlinkedin.com', false],
    ['linkedin.com.evil.example', false],
    ['example.com', false],
    ['', false],
  ])('%s -> %s', (host, ok) => {
    expect(isLinkedInHost(host)).toBe(ok);
  });
});

// ---------------------------------------------------------------------------
// Feed reactions

interface ReactionCase {
  file: string;
  /** The element the user clicked (often something inside the button). */
  click: string;
  context: ReactionContext | undefined;
  state: 'reacted' | 'none';
}

const REACTIONS: ReactionCase[] = [
  {
    file: 'feed-ember-card-2025-12.html',
    click: 'button.react-button__trigger use',
    context: { kind: 'post', authorHandle: 'ada-example-0a1b2c3d', authorName: 'Ada Example', postKey: 'urn:li:activity:7300000000000000001' },
    state: 'none',
  },
  {
    file: 'feed-ember-constructed-2025.html',
    click: '[data-urn$="0002"] .feed-shared-social-action-bar .react-button__text',
    context: { kind: 'post', authorHandle: 'elena-example', authorName: 'Elena Example', postKey: 'urn:li:activity:7300000000000000002' },
    state: 'reacted',
  },
  {
    file: 'feed-ember-constructed-2025.html',
    click: 'article.comments-comment-entity button.react-button__trigger span',
    context: {
      kind: 'comment',
      authorHandle: 'fabio-other',
      authorName: 'Fabio Other',
      postKey: 'urn:li:comment:(activity:7300000000000000002,7300000000000000100)',
    },
    state: 'none',
  },
  {
    // A company's post: no person to nudge about, even though the text mentions one.
    file: 'feed-ember-constructed-2025.html',
    click: '[data-urn$="0003"] button.react-button__trigger',
    context: undefined,
    state: 'none',
  },
  {
    file: 'feed-hashed-2026.html',
    click: '[componentkey^="expandedTOKEN-FAKE-0001"] > div > button[aria-label^="Reaction button state"] span',
    context: { kind: 'post', authorHandle: 'giulia-sample', authorName: 'Giulia Sample', postKey: 'TOKEN-FAKE-0001' },
    state: 'none',
  },
  {
    file: 'feed-hashed-2026.html',
    click: '[componentkey^="replaceableComment_"] button',
    context: {
      kind: 'comment',
      authorHandle: 'hugo-sample',
      authorName: 'Hugo Sample',
      postKey: 'urn:li:comment:(activity:7400000000000000001,7400000000000000200)',
    },
    state: 'none',
  },
  {
    file: 'feed-hashed-2026.html',
    click: '[componentkey^="expandedTOKEN-FAKE-0002"] button[aria-label^="Reaction button state"] svg',
    context: { kind: 'post', authorHandle: 'ivö-example', authorName: 'Ivö Example', postKey: 'TOKEN-FAKE-0002' },
    state: 'reacted',
  },
];

describe('feed reactions on saved pages', () => {
  it.each(REACTIONS)('$file: $click', ({ file, click, context, state }) => {
    const target = el(load(file), click);
    expect(isReactionButton(target)).toBe(true);
    expect(findReactionContext(target)).toStrictEqual(context);
    expect(reactionStateOf(target)).toBe(state);
  });

  it.each([
    ['feed-ember-card-2025-12.html', 'button[aria-label="Open reactions menu"]'],
    ['feed-ember-card-2025-12.html', 'button[aria-label="Comment"]'],
    ['feed-ember-card-2025-12.html', 'button[aria-label="Repost"]'],
    ['feed-hashed-2026.html', 'button[aria-label="Open reactions menu"]'],
    ['feed-hashed-2026.html', 'button[aria-label^="Congratulate"]'],
  ])('%s: %s is not a reaction button', (file, selector) => {
    expect(isReactionButton(el(load(file), selector))).toBe(false);
  });

  it('hashed feed, non-English UI (no control-menu label): the most-linked profile is the author', () => {
    const doc = load('feed-hashed-2026.html');
    el(doc, '[componentkey^="expandedTOKEN-FAKE-0001"] button[aria-label^="Open control menu"]').remove();
    const target = el(doc, '[componentkey^="expandedTOKEN-FAKE-0001"] > div > button[aria-label^="Reaction button state"]');
    expect(findReactionContext(target)).toStrictEqual({ kind: 'post', authorHandle: 'giulia-sample', postKey: 'TOKEN-FAKE-0001' });
  });

  it('hashed feed without a componentkey: a stable key from the text', () => {
    const a = load('feed-hashed-2026.html');
    const b = load('feed-hashed-2026.html');
    for (const doc of [a, b]) el(doc, '[componentkey^="expandedTOKEN-FAKE-0002"]').removeAttribute('componentkey');
    const key = (doc: Document): string | undefined =>
      findReactionContext(el(doc, '[data-lazy-mount-id="slot-2"] button[aria-label^="Reaction button state"]'))?.postKey;
    expect(key(a)).toMatch(/^text:/);
    expect(key(a)).toBe(key(b));
  });
});

// ---------------------------------------------------------------------------
// Feed reactions chosen from the flyout (the reactions menu)

interface MenuCase {
  file: string;
  /** What the user clicked in the open flyout. */
  click: string;
  /** What they pointed at or focused to open it (only needed when the flyout is outside the post). */
  opener?: string;
  context: ReactionContext;
  /** The post's own reaction before the click: 'reacted' means the choice changes a reaction, not adds one. */
  state: 'reacted' | 'none';
}

const EMBER_MENU = 'feed-ember-reactions-menu-2025.html';
const HASHED_MENU = 'feed-hashed-reactions-menu-2026.html';
const ADA_POST: ReactionContext = {
  kind: 'post',
  authorHandle: 'ada-example-0a1b2c3d',
  authorName: 'Ada Example',
  postKey: 'urn:li:activity:7300000000000000011',
};
const GIULIA_POST: ReactionContext = { kind: 'post', authorHandle: 'giulia-sample', authorName: 'Giulia Sample', postKey: 'TOKEN-FAKE-0011' };

const MENU_CHOICES: MenuCase[] = [
  { file: EMBER_MENU, click: '.reactions-menu button[aria-label="React Celebrate"] span', context: ADA_POST, state: 'none' },
  { file: EMBER_MENU, click: '.reactions-menu button[aria-label="React Funny"] img', context: ADA_POST, state: 'none' },
  { file: EMBER_MENU, click: '.reactions-menu button[aria-label="React Like"]', context: ADA_POST, state: 'none' },
  // The flyout is a layer outside the post: it belongs to what the user pointed at to open it.
  {
    file: HASHED_MENU,
    click: 'button[aria-label="React Celebrate"] span',
    opener: '[componentkey^="expandedTOKEN-FAKE-0011"] button[aria-label^="Reaction button state"] span',
    context: GIULIA_POST,
    state: 'none',
  },
  {
    file: HASHED_MENU,
    click: 'button[aria-label="React Insightful"]',
    opener: '[componentkey^="expandedTOKEN-FAKE-0011"] button[aria-label="Open reactions menu"]',
    context: GIULIA_POST,
    state: 'none',
  },
  {
    file: HASHED_MENU,
    click: 'button[aria-label="React Support"] img',
    opener: '[componentkey^="expandedTOKEN-FAKE-0012"] button[aria-label="Open reactions menu"]',
    context: { kind: 'post', authorHandle: 'hugo-sample', authorName: 'Hugo Sample', postKey: 'TOKEN-FAKE-0012' },
    state: 'reacted',
  },
];

describe('reactions chosen from the flyout, on saved pages', () => {
  it.each(MENU_CHOICES)('$file: $click', ({ file, click, opener, context, state }) => {
    const doc = load(file);
    const target = el(doc, click);
    const item = reactionMenuItemOf(target);
    expect(item?.tagName).toBe('BUTTON');
    expect(isReactionButton(target)).toBe(false);
    const openedBy = opener ? reactionOpenerOf(el(doc, opener)) : null;
    if (opener) expect(openedBy).not.toBeNull();
    const trigger = triggerOfMenuItem(item!, openedBy);
    expect(trigger && isReactionButton(trigger)).toBe(true);
    expect(findReactionContext(trigger!)).toStrictEqual(context);
    expect(reactionStateOf(trigger!)).toBe(state);
  });

  it('a flyout inside a comment belongs to the comment, not to the post around it', () => {
    const doc = load(EMBER_MENU);
    const menu = el(doc, '.reactions-menu');
    el(doc, 'article.comments-comment-entity span.reactions-react-button').append(menu);
    const trigger = triggerOfMenuItem(el(doc, 'button[aria-label="React Love"]'), null);
    expect(findReactionContext(trigger!)).toStrictEqual({
      kind: 'comment',
      authorHandle: 'fabio-other',
      authorName: 'Fabio Other',
      postKey: 'urn:li:comment:(activity:7300000000000000011,7300000000000000110)',
    });
  });

  it('inside the post, the flyout needs no opener; outside, without one it belongs to nobody', () => {
    const ember = load(EMBER_MENU);
    const fromOtherPost = reactionOpenerOf(el(ember, '[data-urn$="0012"] button[aria-label="Open reactions menu"]'));
    expect(findReactionContext(triggerOfMenuItem(el(ember, 'button[aria-label="React Love"]'), fromOtherPost)!)).toStrictEqual(ADA_POST);
    const hashed = load(HASHED_MENU);
    expect(triggerOfMenuItem(el(hashed, 'button[aria-label="React Love"]'), null)).toBeNull();
    // An opener that left the page (the feed re-rendered) says nothing either.
    const gone = el(hashed, '[componentkey^="expandedTOKEN-FAKE-0011"] button[aria-label="Open reactions menu"]');
    gone.remove();
    expect(triggerOfMenuItem(el(hashed, 'button[aria-label="React Love"]'), gone)).toBeNull();
  });

  it.each([
    [EMBER_MENU, '[data-urn$="0011"] button.react-button__trigger'],
    [EMBER_MENU, '[data-urn$="0012"] button[aria-label="Unreact Celebrate"]'],
    [EMBER_MENU, 'button[aria-label^="React Like to Fabio"]'],
    [EMBER_MENU, 'button[aria-label="Open reactions menu"]'],
    [EMBER_MENU, 'button[aria-label="Comment"]'],
    [HASHED_MENU, 'button[aria-label^="Reaction button state"]'],
    [HASHED_MENU, 'button[aria-label="Open reactions menu"]'],
  ])('%s: %s is no flyout entry', (file, selector) => {
    expect(reactionMenuItemOf(el(load(file), selector))).toBeNull();
  });

  it('a "React with …" button elsewhere (messaging) is no flyout entry', () => {
    const doc = emptyDoc();
    doc.body.innerHTML = '<button aria-label="React with thumbs up" type="button">👍</button><button aria-label="React Like" type="button"></button>';
    expect(reactionMenuItemOf(el(doc, '[aria-label="React with thumbs up"]'))).toBeNull();
    expect(reactionMenuItemOf(el(doc, '[aria-label="React Like"]'))).not.toBeNull();
  });
});

// ---------------------------------------------------------------------------
// Wishes

interface WishCase {
  file: string;
  click: string;
  context: WishContext | undefined;
}

const WISHES: WishCase[] = [
  {
    file: 'notifications-wishes-2025.html',
    click: '[data-finite-scroll-hotkey-item="0"] button span',
    context: { kind: 'birthday', personHandle: 'ada-example-0a1b2c3d', personName: 'Ada Example' },
  },
  {
    file: 'notifications-wishes-2025.html',
    click: '[data-finite-scroll-hotkey-item="1"] button',
    context: { kind: 'anniversary', personHandle: 'bruno-sample', personName: 'Bruno Sample' },
  },
  {
    file: 'notifications-wishes-2025.html',
    click: '[data-finite-scroll-hotkey-item="2"] button span',
    context: { kind: 'new-job', personHandle: 'chiara-exemplar', personName: 'Chiara Exemplar' },
  },
  { file: 'notifications-wishes-2025.html', click: '[data-finite-scroll-hotkey-item="3"] button', context: undefined },
  { file: 'notifications-wishes-2025.html', click: '[data-finite-scroll-hotkey-item="0"] a.nt-card__headline', context: undefined },
  {
    file: 'feed-hashed-2026.html',
    click: 'button[aria-label^="Congratulate"] span',
    context: { kind: 'new-job', personHandle: 'luca-sample', personName: 'Luca Sample' },
  },
  { file: 'feed-hashed-2026.html', click: 'button[aria-label^="Reaction button state"]', context: undefined },
];

describe('findWishContext on saved pages', () => {
  it.each(WISHES)('$file: $click', ({ file, click, context }) => {
    expect(findWishContext(el(load(file), click))).toStrictEqual(context);
  });
});

// ---------------------------------------------------------------------------
// Messaging

const MESSAGING = 'messaging-2025.html';

describe('messaging on the saved page', () => {
  it('finds the composer of the open thread and its one recipient', () => {
    const doc = load(MESSAGING);
    const composer = findComposer(doc);
    expect(composer?.closest('.msg-convo-wrapper')).not.toBeNull();
    expect(composer?.getAttribute('role')).toBe('textbox');
    expect(composerRecipient(doc)).toStrictEqual({ handle: 'ada-example-0a1b2c3d', name: 'Ada Example' });
  });

  it('scopes the recipient to the given composer (overlay bubble)', () => {
    const doc = load(MESSAGING);
    const bubbles = doc.querySelectorAll('.msg-overlay-conversation-bubble [role="textbox"]');
    expect(composerRecipient(doc, bubbles[0])).toStrictEqual({ handle: 'elena-example', name: 'Elena Example' });
    // A group conversation has no single person.
    expect(composerRecipient(doc, bubbles[1])).toBeUndefined();
  });

  it.each([
    ['button.msg-form__send-button', true],
    ['button.msg-form__send-button span', true],
    ['button.msg-form__send-btn svg', true],
    ['div.msg-form__contenteditable', false],
    ['a.msg-thread__link-to-profile', false],
  ])('isSendButton(%s) -> %s', (selector, yes) => {
    expect(isSendButton(el(load(MESSAGING), selector))).toBe(yes);
  });

  it('no composer and no recipient on a page without messaging', () => {
    const doc = load('feed-hashed-2026.html');
    expect(findComposer(doc)).toBeNull();
    expect(composerRecipient(doc)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------
// The saved pages and the selector tables keep each other honest.

describe('fixtures and selector tables', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.html'));
  const docs = INDEX.map((e) => load(e.file));

  it('every saved page is in index.json, and every index entry exists and is valid', () => {
    expect(INDEX.map((e) => e.file).sort()).toStrictEqual([...files].sort());
    for (const e of INDEX) {
      expect(['saved', 'constructed']).toContain(e.origin);
      expect(isLinkedInHost(new URL(e.url).hostname)).toBe(true);
    }
  });

  it('every indexed page is used by a test table above', () => {
    const used = new Set([
      ...Object.keys(PROFILES),
      ...REACTIONS.map((c) => c.file),
      ...MENU_CHOICES.map((c) => c.file),
      ...WISHES.map((c) => c.file),
      MESSAGING,
    ]);
    expect(INDEX.map((e) => e.file).filter((f) => !used.has(f))).toStrictEqual([]);
  });

  const profileSources = Object.entries(PROFILE_SELECTORS).flatMap(([field, list]) =>
    list.map((source) => [`${field}: ${'title' in source ? 'document.title' : source.css}`, source] as const),
  );
  it.each(profileSources)('profile %s reads something on some saved page', (_label, source) => {
    expect(docs.some((doc) => readSource(doc, source))).toBe(true);
  });

  const cssTables = { FEED_SELECTORS, WISH_SELECTORS, MESSAGING_SELECTORS, PROFILE_READY_SELECTORS: { ready: PROFILE_READY_SELECTORS } };
  const cssSelectors = Object.entries(cssTables).flatMap(([table, groups]) =>
    Object.entries(groups as Record<string, readonly string[]>).flatMap(([key, list]) => list.map((sel) => [`${table}.${key}: ${sel}`, sel] as const)),
  );
  it.each(cssSelectors)('%s matches some saved page', (_label, sel) => {
    expect(docs.some((doc) => doc.querySelector(sel))).toBe(true);
  });
});
