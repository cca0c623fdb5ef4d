import { afterEach, describe, expect, it, vi } from 'vitest';
import { closestOf, normText, queryFirst, waitForElement } from '@/lib/sites/dom';

function fresh(): HTMLElement {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  return root;
}

describe('normText', () => {
  it.each([
    ['  Ada \n\t  Example  ', 'Ada Example'],
    ['Ada\u00a0Example', 'Ada Example'],
    ['', ''],
    [null, ''],
  ])('%j -> %j', (raw, out) => {
    expect(normText(raw)).toBe(out);
  });
});

describe('queryFirst / closestOf', () => {
  it('tries selectors in the order given, not document order', () => {
    const root = fresh();
    root.innerHTML = '<p class="b"><span class="a">x</span></p>';
    expect(queryFirst(root, ['.a', '.b'])?.className).toBe('a');
    const span = root.querySelector('span')!;
    expect(closestOf(span, ['.b', '.a'])?.className).toBe('b');
    expect(closestOf(span, ['.none'])).toBeNull();
  });
});

describe('waitForElement', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves at once when the element is already there', async () => {
    const root = fresh();
    root.innerHTML = '<h1 class="x">A</h1>';
    const el = await waitForElement(root, ['h1.x'], new AbortController().signal);
    expect(el?.textContent).toBe('A');
  });

  it('resolves when the element is added later', async () => {
    const root = fresh();
    const p = waitForElement(root, ['section[data-member-id] h1'], new AbortController().signal);
    const section = document.createElement('section');
    section.setAttribute('data-member-id', '1');
    section.innerHTML = '<h1>Ada</h1>';
    root.append(section);
    expect((await p)?.textContent).toBe('Ada');
  });

  it('resolves when an attribute change makes a node match', async () => {
    const root = fresh();
    root.innerHTML = '<h1>Ada</h1>';
    const p = waitForElement(root, ['h1.ready'], new AbortController().signal);
    root.querySelector('h1')!.className = 'ready';
    expect((await p)?.textContent).toBe('Ada');
  });

  it('prefers the first selector when several match in one batch', async () => {
    const root = fresh();
    const p = waitForElement(root, ['.new', '.old'], new AbortController().signal);
    root.innerHTML = '<div class="old"></div><div class="new"></div>';
    expect((await p)?.className).toBe('new');
  });

  it('waits until `accept` also holds', async () => {
    const root = fresh();
    root.innerHTML = '<h1>Old</h1>';
    const p = waitForElement(root, ['h1'], new AbortController().signal, 10_000, (el) => el.textContent === 'New');
    root.querySelector('h1')!.textContent = 'Still old';
    root.querySelector('h1')!.replaceWith(Object.assign(document.createElement('h1'), { textContent: 'New' }));
    expect((await p)?.textContent).toBe('New');
  });

  it('resolves null when already aborted', async () => {
    const root = fresh();
    const ac = new AbortController();
    ac.abort();
    expect(await waitForElement(root, ['h1'], ac.signal)).toBeNull();
  });

  it('resolves null when aborted while waiting, and ignores later additions', async () => {
    const root = fresh();
    const ac = new AbortController();
    const p = waitForElement(root, ['h1'], ac.signal);
    ac.abort();
    root.innerHTML = '<h1>late</h1>';
    expect(await p).toBeNull();
  });

  it('resolves null on timeout', async () => {
    vi.useFakeTimers();
    const root = fresh();
    const p = waitForElement(root, ['h1'], new AbortController().signal, 50);
    vi.advanceTimersByTime(50);
    expect(await p).toBeNull();
  });
});
