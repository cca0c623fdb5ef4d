/**
 * Kith's data model: plain types, no runtime code, importable from anywhere
 * (content scripts included) without pulling Dexie or React into a bundle.
 *
 * Every row is sync-ready (see docs/architecture.md, "Data that is ready to sync"): a random string id, `updatedAt`, and a
 * `deletedAt` tombstone instead of a hard delete. Times are epoch milliseconds (UTC).
 */

/** Sites Kith knows: one row each in `lib/sites/table.ts`. LinkedIn is on by default; the others are opt-in. */
import type { SiteId } from '@/lib/sites/table';

export type { SiteId };

/** How deep a touch is. Only `personal` resets the clock (docs/architecture.md, "Touches"). */
export type TouchDepth = 'personal' | 'passive' | 'broadcast';

/** Who started it: `out` = the user reached them, `in` = they reached the user. */
export type Direction = 'out' | 'in';

/**
 * What kind of touch it was. The depth of each channel is fixed by
 * `lib/relationship/touches.ts` (`depthOfChannel`), except `message` and `email`,
 * whose depth is decided by the classifier or the importer (a templated message is
 * broadcast).
 */
export const CHANNELS = [
  // personal
  'call',
  'video',
  'meeting',
  'message',
  'email',
  'voice',
  'help',
  // passive
  'like',
  'wish',
  'endorsement',
  'repost',
  // broadcast
  'promo',
  'newsletter',
  'mass-message',
  // a connection accepted (neither personal nor passive: it starts the relationship)
  'connected',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where a touch came from. */
export type TouchSource = 'manual' | 'page' | 'import' | 'nudge';

export interface Birthday {
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  /** Optional: many people share day and month only. */
  year?: number;
}

/** What a yearly or one-off date is; its words come from the locale table (`date_kind_*`). */
export type PersonDateKind = 'nameday' | 'wedding' | 'work' | 'child' | 'other';

/**
 * A date that matters besides the birthday: yearly (a wedding or work
 * anniversary, a child's birthday, a name day) or one-off (`once`: "her exam on
 * 12 March"), which, once past, asks how it went until the user logs a personal
 * touch or dismisses it. Rules in `lib/relationship/dates.ts`.
 */
export interface PersonDate {
  /** Random, so an edit or a dismissal names one date (sync-ready like every id). */
  id: string;
  kind: PersonDateKind;
  /** The user's words ("Luca's birthday", "her exam"); optional for the named kinds. */
  label?: string;
  /** 1-12 */
  month: number;
  /** 1-31; 29 February is allowed for yearly dates (kept on 28 February in other years). */
  day: number;
  /** Optional for yearly dates (years are counted when known); required for one-off dates. */
  year?: number;
  /** A one-off date: it happens once, in `year`. */
  once?: boolean;
  /** Days before the date to remind (0 = on the day only). */
  leadDays?: number;
  /** One-off dates: when the user dismissed "ask how it went". */
  dismissedAt?: number;
}

/** A rhythm of contact: amber after `idealDays`, red after `maxDays`. */
export interface Rhythm {
  idealDays: number;
  maxDays: number;
}

/** Circles are named groups with a shared rhythm; editable in settings. */
export interface Circle {
  id: string;
  /** Locale key for built-in circles ("circle_close"), or a user-typed name. */
  name: string;
  builtIn?: boolean;
  rhythm: Rhythm;
}

export interface Person {
  id: string;
  name: string;
  headline?: string;
  company?: string;
  location?: string;
  photoUrl?: string;
  phones: string[];
  emails: string[];
  birthday?: Birthday;
  /** Yearly and one-off dates besides the birthday. */
  dates?: PersonDate[];
  /** "How we met": the field LinkedIn removed in 2017. */
  howWeMet?: string;
  tags: string[];
  /** A circle id, or undefined (no rhythm unless `rhythm` is set). */
  circleId?: string;
  /** A person's own rhythm; wins over the circle's. */
  rhythm?: Rhythm;
  /** When the connection was made (LinkedIn "Connected On"), if known. */
  connectedAt?: number;
  /** Snoozed out of the reach-out list until this time. */
  snoozedUntil?: number;
  /** 1 = archived (numbers, because IndexedDB cannot index booleans). */
  archived: 0 | 1;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
  /** When merged into another person: that person's id (this row is then a tombstone). */
  mergedInto?: string;
  /**
   * Fields the user typed or cleared by hand: imports never fill them again
   * (an import never overwrites what the user typed).
   */
  userEdited?: UserEditableField[];
  /** Derived; kept in the same transaction as every touch or note write. */
  summary: PersonSummary;
}

export type UserEditableField = 'name' | 'headline' | 'company' | 'birthday' | 'howWeMet' | 'connectedAt' | 'emails' | 'phones' | 'profiles';

/**
 * Derived per-person fields, so that lists are indexed range queries, never scans
 * of touches. Recomputable from scratch from the person's touches and notes
 * (`lib/relationship/summary.ts`), and a test checks that both agree.
 */
export interface PersonSummary {
  lastPersonalAt?: number;
  lastPersonalChannel?: Channel;
  /** Last inbound personal touch (they wrote or called). */
  lastInboundAt?: number;
  /** Passive touches since the last personal one. */
  passiveSince: number;
  /** Broadcast touches since the last personal one. */
  broadcastSince: number;
  /** Personal touches in the last 12 months (at summary time), outbound and inbound. */
  personal12m: number;
  inbound12m: number;
  /** Personal touches ever (for "rekindle"). */
  personalTotal: number;
  /** Open follow-ups with a due date: the earliest. */
  nextFollowUpAt?: number;
  openFollowUps: number;
  /**
   * The open follow-ups that have a due date, earliest first (at most
   * DATED_FOLLOW_UPS_KEPT): the reach-out list words "you promised: …" from here
   * without reading the notes table.
   */
  datedFollowUps?: { id: string; dueAt: number; text: string }[];
  /**
   * The earliest time this person may need attention (rhythm, follow-up,
   * birthday eve, the days before a date, welcome window, like-debt). Absent = never due; such rows are not
   * in the `summary.dueAt` index at all, so 30,000 imported people cost nothing.
   */
  dueAt?: number;
  /** When set, this person is a rekindle candidate from this time on. */
  rekindleAt?: number;
  /** "MM-DD" of the birthday, for an equality index. */
  birthdayKey?: string;
}

export interface Profile {
  id: string;
  personId: string;
  site: SiteId;
  /** Canonical handle: decoded, case-folded (see `lib/sites/identity.ts`). */
  handle: string;
  /** `${site}:${handle}`, unique. */
  key: string;
  url?: string;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
}

export interface Touch {
  id: string;
  personId: string;
  depth: TouchDepth;
  direction: Direction;
  channel: Channel;
  /** When it happened (editable by the user). */
  at: number;
  note?: string;
  source: TouchSource;
  site?: SiteId;
  /** For idempotent imports: a stable key of the source row (hash). */
  sourceKey?: string;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
}

export type NoteKind = 'listening' | 'followup';

/** Where a note's text was captured: the page's address, and its title when the browser gave one. */
export interface NoteSource {
  url: string;
  title?: string;
}

export interface Note {
  id: string;
  personId: string;
  kind: NoteKind;
  text: string;
  /** Follow-ups: when it is due (optional). */
  dueAt?: number;
  /** Follow-ups: when it was done. */
  doneAt?: number;
  /** The page a captured note came from (the context menu's "save as a note"). */
  source?: NoteSource;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
}

/** What a site adapter reads from a page: identity first, details when readable. */
export interface PageIdentity {
  site: SiteId;
  handle: string;
  url: string;
  name?: string;
  headline?: string;
  location?: string;
  photoUrl?: string;
}
