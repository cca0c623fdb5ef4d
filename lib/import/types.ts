/**
 * Shapes shared by every importer. Parsers are pure: bytes or text in, plain data out;
 * no Dexie, no DOM, no clock (the caller passes `now`). Errors are codes, never
 * sentences: the UI turns `ImportError.code` and `ImportSkip.reason` into words.
 */
import type { Channel, Direction, SiteId, TouchDepth } from '@/lib/model/types';

/** Files larger than this are refused before a single byte is decoded. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** An outbound LinkedIn message to at least this many people at once is a mass message. */
export const MASS_MESSAGE_MIN_RECIPIENTS = 5;

export interface ImportOptions {
  /** The caller's clock (epoch ms); dates later than a day after it are rejected. */
  now: number;
  /** Keep message text on touches (off by default: only the fact of contact is kept). */
  keepText?: boolean;
  /** The user's display name, to recognise their own messages. */
  selfName?: string;
  /** The user's LinkedIn handle (canonical or raw), to recognise their own messages. */
  selfProfileHandle?: string;
}

export interface ImportedProfile {
  site: SiteId;
  /** Canonical (see `lib/sites/identity.ts`). */
  handle: string;
  url?: string;
}

/**
 * A LinkedIn invitation, as data. The UI may phrase it ("Invitation sent on …");
 * the importer also puts the invitation's own message (the people's words, not
 * ours) into `howWeMet` when there is one.
 */
export interface ImportedInvitation {
  direction: Direction;
  at?: number;
  message?: string;
}

export interface ImportedPerson {
  /**
   * Stable match key within this import: 'linkedin:<handle>' | 'email:<lower>' |
   * 'phone:<digits>' | 'name:<folded>' (a '#<n>' suffix tells apart namesakes that have
   * nothing else to tell them apart).
   */
  key: string;
  name: string;
  headline?: string;
  company?: string;
  /** Lower-case, deduplicated. */
  emails: string[];
  /** As written (trimmed), deduplicated by digits. */
  phones: string[];
  birthday?: { month: number; day: number; year?: number };
  profiles: ImportedProfile[];
  connectedAt?: number;
  howWeMet?: string;
  invitation?: ImportedInvitation;
}

export interface ImportedTouch {
  personKey: string;
  channel: Channel;
  depth: TouchDepth;
  direction: Direction;
  at: number;
  /** Stable hash of the source row (normalised fields), for idempotent imports. */
  sourceKey: string;
  /** Only when `keepText`. */
  text?: string;
}

export type ImportSkipReason =
  | 'hidden-profile' // a LinkedIn connection row with only a date
  | 'no-name' // nothing to call the person by
  | 'bad-date' // a message whose date cannot be read
  | 'no-recipient' // a message of the user's with nobody on the other side
  | 'no-sender' // a message with no sender at all
  | 'draft' // an unsent draft
  | 'self' // a row about the user themself
  | 'bad-card'; // a vCard without END or with nothing usable

export interface ImportSkip {
  /** 1-based index of the data record (CSV: after the header; vCard: card number). */
  row: number;
  reason: ImportSkipReason;
}

export type ParseKind = 'linkedin-connections' | 'linkedin-messages' | 'linkedin-invitations' | 'vcard' | 'google-csv' | 'outlook-csv';

export interface ParseResult {
  kind: ParseKind;
  people: ImportedPerson[];
  touches: ImportedTouch[];
  skipped: ImportSkip[];
}

export type ImportErrorCode =
  | 'not-csv'
  | 'wrong-columns'
  | 'binary'
  | 'truncated-zip'
  /** A zip shaped to exhaust the reader (see lib/import/zip.ts). */
  | 'unsafe-zip'
  | 'too-large'
  | 'empty'
  | 'bad-encoding'
  | 'no-known-files'
  /** The import worker died before answering (out of memory, a crash). */
  | 'worker-failed';

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  /** Developer detail (file name inside a zip, column names…); never shown as is. */
  readonly detail?: string;
  constructor(code: ImportErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ImportError';
    this.code = code;
    if (detail !== undefined) this.detail = detail;
  }
}
