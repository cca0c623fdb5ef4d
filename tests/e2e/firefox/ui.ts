/**
 * Finding things on a page the way a user does (by visible text and label), for
 * puppeteer over WebDriver BiDi: elements are found in the page by their
 * accessible text, then clicked and typed into with real input events.
 */
import type { ElementHandle, Page } from 'puppeteer-core';

const WAIT = { timeout: 20_000, polling: 50 } as const;

/** The page's URL as its document sees it (puppeteer may not know it for extension pages whose load Firefox did not report). */
export function href(page: Page): Promise<string> {
  return page.evaluate(() => location.href).catch(() => '');
}

/** Wait until the page's text contains `text` (a string or a RegExp source). */
export async function waitText(page: Page, text: string | RegExp, timeout = 20_000): Promise<void> {
  const [source, flags] = typeof text === 'string' ? [text, ''] : [text.source, text.flags];
  await page.waitForFunction(
    (s, f, plain) => (plain ? document.body?.innerText.includes(s) : new RegExp(s, f).test(document.body?.innerText ?? '')),
    { timeout, polling: 50 },
    source,
    flags,
    typeof text === 'string',
  );
}

/** Wait until no element's text contains `text`. */
export async function waitNoText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((s) => !document.body?.innerText.includes(s), WAIT, text);
}

/** A button (or link, or role=button) whose trimmed text or aria-label is `name`, optionally inside an element matching `within`. */
export async function button(page: Page, name: string | RegExp, within?: string): Promise<ElementHandle<Element>> {
  const [source, plain] = typeof name === 'string' ? [name, true] : [name.source, false];
  const handle = await page.waitForFunction(
    (s, plain, within) => {
      const match = (t: string | null | undefined) => (t ? (plain ? t.trim() === s : new RegExp(s).test(t.trim())) : false);
      const roots = within ? Array.from(document.querySelectorAll(within)) : [document];
      for (const root of roots) {
        for (const el of Array.from(root.querySelectorAll('button, a, [role="button"], summary'))) {
          const box = (el as HTMLElement).getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;
          if (match(el.getAttribute('aria-label')) || match((el as HTMLElement).innerText ?? el.textContent)) return el;
        }
      }
      return null;
    },
    WAIT,
    source,
    plain,
    within,
  );
  return handle as ElementHandle<Element>;
}

export async function click(page: Page, name: string | RegExp, within?: string): Promise<void> {
  const b = await button(page, name, within);
  await b.click();
}

/** A form control by its label text (a <label> for it or around it, or aria-label); `exact` false matches labels starting with it. */
export async function control(page: Page, label: string, exact = true): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (label, exact) => {
      const match = (t: string | null | undefined) => {
        const v = (t ?? '').replace(/\s+/g, ' ').trim();
        return exact ? v === label : v.startsWith(label);
      };
      for (const l of Array.from(document.querySelectorAll('label'))) {
        if (!match(l.innerText ?? l.textContent)) continue;
        const target = l.htmlFor ? document.getElementById(l.htmlFor) : l.querySelector('input, select, textarea');
        if (target) return target;
      }
      for (const el of Array.from(document.querySelectorAll('input, select, textarea'))) {
        if (match(el.getAttribute('aria-label'))) return el;
        const by = el.getAttribute('aria-labelledby');
        if (
          by &&
          match(
            by
              .split(' ')
              .map((id) => document.getElementById(id)?.textContent ?? '')
              .join(' '),
          )
        )
          return el;
      }
      return null;
    },
    WAIT,
    label,
    exact,
  );
  return handle as ElementHandle<Element>;
}

/** Type into a labelled text box, replacing what was there. */
export async function fill(page: Page, label: string, value: string): Promise<void> {
  const el = await control(page, label);
  await el.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await el.type(value);
}

/** Texts of every element matching `selector`. */
export function texts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => Array.from(document.querySelectorAll(sel)).map((e) => ((e as HTMLElement).innerText ?? e.textContent ?? '').trim()), selector);
}

/** Poll `fn` until it returns a value equal (JSON) to `expected`, or fail with the last value. */
export async function until<T>(fn: () => Promise<T>, expected: T | ((v: T) => boolean), timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  const ok = (v: T) => (typeof expected === 'function' ? (expected as (v: T) => boolean)(v) : JSON.stringify(v) === JSON.stringify(expected));
  let last: T | undefined;
  for (;;) {
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch {
      // The page may be between documents: try again.
    }
    if (Date.now() > deadline)
      throw new Error(`Still ${JSON.stringify(last)}, expected ${typeof expected === 'function' ? 'a match' : JSON.stringify(expected)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The tab whose document is at a URL ending with `suffix` (tabs Kith opened itself included). */
export async function findTab(pages: Page[], suffix: string): Promise<Page | undefined> {
  for (const p of pages) if ((await href(p)).endsWith(suffix)) return p;
  return undefined;
}
