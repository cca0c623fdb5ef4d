/**
 * Reaching Kith's content-script world of a tab through the DevTools protocol:
 * the execution context Chromium made for the extension's content scripts
 * (auxData.type 'isolated', origin chrome-extension://<id>). Code evaluated there
 * runs with exactly a content script's powers: its `chrome.runtime` messages are
 * sent with the tab as sender, and `chrome.dom.openOrClosedShadowRoot` reaches
 * the card's closed shadow root, which neither the page nor Playwright can.
 */
import type { CDPSession, Page } from 'playwright-core';

interface ContextDescription {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string; frameId?: string; isDefault?: boolean };
}

export interface ContentWorld {
  contextId: number;
  /** Evaluate an expression (awaited, returned by value) in the content scripts' world. */
  evaluate<T>(expression: string): Promise<T>;
  detach(): Promise<void>;
}

export async function contentScriptWorld(page: Page, extensionId: string, timeout = 15_000): Promise<ContentWorld> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: ContextDescription[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: ContextDescription }) => contexts.push(e.context));
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  await cdp.send('Runtime.enable');
  const origin = `chrome-extension://${extensionId}`;
  const deadline = Date.now() + timeout;
  let found: ContextDescription | undefined;
  while (!found && Date.now() < deadline) {
    found = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === origin && c.auxData.frameId === frameTree.frame.id);
    if (!found) await new Promise((r) => setTimeout(r, 100));
  }
  if (!found) {
    await cdp.detach();
    throw new Error(`No content-script world of ${extensionId} in ${page.url()}`);
  }
  const contextId = found.id;
  return {
    contextId,
    async evaluate<T>(expression: string): Promise<T> {
      const r = (await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true })) as {
        result: { value?: unknown };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (r.exceptionDetails) throw new Error(`In the content-script world: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value as T;
    },
    detach: () => cdp.detach(),
  };
}
