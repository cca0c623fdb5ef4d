/**
 * The browser APIs Kith uses that WXT's types describe otherwise than Kith meets
 * them: Chrome's side panel and Firefox's sidebar (each absent in the other
 * browser), `scripting` with file names known only at run time (WXT's types take
 * only the paths it built), `action.openPopup` (missing in older browsers) and the
 * permission events. Each piece is optional where a browser may lack it, so callers
 * check for it instead of casting `browser`.
 */
import { browser } from 'wxt/browser';

type Listener = { addListener(cb: () => void): void };

/** A content script registered at run time (`scripting.registerContentScripts`). */
export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  persistAcrossSessions?: boolean;
}

export interface Scripting {
  executeScript(o: { target: { tabId: number }; files: string[] }): Promise<unknown>;
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<unknown>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<unknown>;
}

export interface Platform {
  /** Chrome's side panel. */
  sidePanel?: { open(o: { windowId: number }): Promise<void> };
  /** Firefox's sidebar. */
  sidebarAction?: { open(): Promise<void>; toggle(): Promise<void> };
  scripting?: Scripting;
  permissions?: { contains(p: { origins: string[] }): Promise<boolean>; onAdded?: Listener; onRemoved?: Listener };
  action: {
    setBadgeText(o: { text: string }): Promise<void>;
    setBadgeBackgroundColor(o: { color: string }): Promise<void>;
    openPopup?(): Promise<void>;
  };
}

/** The running browser, seen through `Platform`. */
export function browserPlatform(): Platform {
  // The one cast: WXT types `browser` as Chrome's API, where the side panel is always
  // there and Firefox's sidebar never is; `Platform` says what may be missing.
  return browser as unknown as Platform;
}

/**
 * Opens Kith's panel in the window: Firefox's sidebar, else Chrome's side panel.
 * Call it synchronously inside the user's gesture (no `await` before it): both
 * browsers open a panel only there. Undefined where there is nothing to open.
 */
export function openPanel(p: Platform, windowId: number | undefined): Promise<void> | undefined {
  if (p.sidebarAction) return p.sidebarAction.open();
  return windowId !== undefined ? p.sidePanel?.open({ windowId }) : undefined;
}

/** As `openPanel`, but Firefox's sidebar closes again when it is open (Chrome's side panel cannot be closed from here). */
export function togglePanel(p: Platform, windowId: number | undefined): Promise<void> | undefined {
  if (p.sidebarAction) return p.sidebarAction.toggle();
  return windowId !== undefined ? p.sidePanel?.open({ windowId }) : undefined;
}
