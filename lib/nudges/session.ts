/**
 * The nudge on screen and around it, as the background keeps it in
 * `browser.storage.session` for the side panel, the in-page card and the
 * correction offer: shapes and keys only, so that any layer may read them. The
 * log of nudges shown and the digests of messages sent today live in the
 * database (`lib/db/nudge-log.ts`).
 */
import type { NudgeKind } from '@/lib/model/settings';
import type { SiteId } from '@/lib/model/types';
import type { Signal } from './classify';

/** `browser.storage.session` key of the nudge the side panel shows. */
export const CURRENT_NUDGE_KEY = 'nudge:current';
/** `browser.storage.session` key of the nudge handed to a tab's in-page card (`InPageShown`). */
export const IN_PAGE_NUDGE_KEY = 'nudge:inPage';
/** `browser.storage.session` key of the last message logged from a page (for "this was personal / a broadcast"). */
export const LAST_SENT_KEY = 'nudge:lastSent';

/** The nudge on screen: ids and codes only; the panel reads names and notes itself. */
export interface CurrentNudge {
  id: string;
  kind: NudgeKind;
  personId: string;
  site: SiteId;
  handle: string;
  at: number;
  /** The passive touch it is about (a like or wish), so that un-reacting clears it. */
  touchId?: string;
  /** promo / pitch: what made the message read as a broadcast. */
  signals?: Signal[];
  /** wish: what for. */
  occasion?: 'birthday' | 'anniversary' | 'new-job';
}

/**
 * The nudge the background handed to one tab's in-page card: the only one a
 * content script may close or mute (`nudge/card-dismiss`), and the card to take
 * down when the nudge is answered elsewhere.
 */
export interface InPageShown {
  tabId: number;
  id: string;
  personId: string;
  kind: NudgeKind;
}

/** A message just logged from a page, offered for correction. */
export interface LastSent {
  touchId: string;
  personId: string;
  depth: 'personal' | 'broadcast';
  at: number;
}
