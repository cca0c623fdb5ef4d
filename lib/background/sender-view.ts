/**
 * "Does the sender's tab show this profile?": the one check behind every
 * content-script message about a profile (the in-page card's reads, and every
 * write a content script may ask for). It reads what the tab really shows now
 * (`tabs.get(id).url`): in Chromium `sender.url` is the URL the document loaded
 * with and does not follow `history.pushState`, so after LinkedIn's in-page
 * navigation it names the previous page.
 */
import { canonicalHandle, handleFromProfileUrl } from '@/lib/sites/identity';
import type { SenderInfo } from '@/lib/messages/router';

/** The URL a tab shows now (undefined when the tab is gone or cannot be read). */
export type TabUrl = (tabId: number) => Promise<string | undefined>;

/** The URL the sender's tab shows: the tab's own when `tabUrl` is given (the real background), else `sender.url`. */
export async function senderPageUrl(sender: SenderInfo, tabUrl?: TabUrl): Promise<string | undefined> {
  if (!tabUrl) return sender.url;
  const tabId = sender.tab?.id;
  if (tabId === undefined) return undefined;
  return tabUrl(tabId).catch(() => undefined);
}

/** Does the sender's tab show the profile `site`/`handle`? Unknown or unreadable: no. */
export async function senderShows(sender: SenderInfo, site: string, handle: string, tabUrl?: TabUrl): Promise<boolean> {
  const url = await senderPageUrl(sender, tabUrl);
  const shown = url ? handleFromProfileUrl(url) : undefined;
  return !!shown && shown.site === site && shown.handle === canonicalHandle(handle);
}

/** Reads the links of the sender tab's top document (absolute hrefs). */
export type PageLinks = (tabId: number) => Promise<string[]>;

/** Does one of `hrefs` lead to the profile `site`/`handle`? */
export function linksShow(hrefs: readonly string[], site: string, handle: string): boolean {
  const wanted = canonicalHandle(handle);
  return hrefs.some((href) => {
    const shown = handleFromProfileUrl(href);
    return !!shown && shown.site === site && shown.handle === wanted;
  });
}

/**
 * Does the sender's page show a link to this profile (the author of a post it
 * reacted to, the person it wishes, the one its composer writes to)? Without
 * `pageLinks` (tests of other concerns) nothing is checked.
 */
export async function senderPageLinksTo(sender: SenderInfo, site: string, handle: string, pageLinks?: PageLinks): Promise<boolean> {
  if (!pageLinks) return true;
  const tabId = sender.tab?.id;
  if (tabId === undefined) return false;
  const hrefs = await pageLinks(tabId).catch(() => []);
  return linksShow(hrefs, site, handle);
}
