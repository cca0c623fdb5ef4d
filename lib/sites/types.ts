/**
 * The shape every site adapter has, in its own module so that the registry
 * imports the adapters and the adapters import only this (no cycle).
 */
import type { PageIdentity } from '@/lib/model/types';
import type { SiteId } from './table';

export interface SiteAdapter {
  site: SiteId;
  /** Host names this site's pages are on (a host listed here also covers its subdomains); from the site table. */
  hosts: string[];
  /** WebExtension match patterns for the content script and the host permission; from the site table. */
  matches: string[];
  /**
   * The canonical handle of the profile *in view* at `url`, or undefined when the
   * URL is not a profile page (a post, a repository, the feed, the site's own pages).
   */
  handleFromUrl(url: string): string | undefined;
  /**
   * Who the profile in view is: handle from the URL, details from `doc` when they
   * can be read and belong to this handle. Undefined when the URL is not a profile.
   */
  readProfile(url: string, doc: Document): PageIdentity | undefined;
  /** Wait for any of these (`waitForElement`) before `readProfile`; on timeout, read anyway. */
  readySelectors: string[];
  /**
   * The markups this adapter reads (names used in tests/fixtures/<site>/index.json);
   * the registry test checks each has at least one saved page.
   */
  markups: string[];
}
