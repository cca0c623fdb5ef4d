/**
 * The backup file: a versioned JSON document holding every row of every table
 * (tombstones included, so a restore keeps sync history) and the settings.
 *
 * - `serializeBackup` is deterministic: top-level keys in a fixed order, every
 *   row's keys sorted recursively, rows sorted by id (code-unit order, not locale),
 *   `undefined` fields dropped. export -> restore -> export gives the same bytes.
 * - `parseBackup` validates with zod and fails with a `BackupError` whose `code`
 *   the UI translates; no user-facing sentences here.
 *
 * Rows are validated field by field but unknown fields are kept (loose objects):
 * a backup never loses data on its way through a restore. Referential integrity
 * (a touch whose person is missing) is not checked here: a backup with an orphan
 * row is still restorable; the restore step decides what to do with it.
 */
import { z } from 'zod';
import { CHANNELS, type Note, type Person, type Profile, type Touch } from '@/lib/model/types';
import { SITE_IDS } from '@/lib/sites/table';
import { MAX_DATES_PER_PERSON, normalizePersonDates, PERSON_DATE_KINDS } from '@/lib/relationship/dates';

export const BACKUP_FORMAT_VERSION = 1;

export interface BackupTables {
  people: Person[];
  profiles: Profile[];
  touches: Touch[];
  notes: Note[];
}

export interface BackupData {
  format: 'kith-backup';
  version: number;
  exportedAt: number;
  /** The Dexie schema version the rows were written with. */
  schemaVersion: number;
  /** Validated by the settings store on restore, not here. */
  settings: unknown;
  tables: BackupTables;
}

export type BackupErrorCode = 'not-backup' | 'newer-version' | 'corrupt' | 'wrong-passphrase' | 'tampered' | 'truncated';

/** A failure with a code the UI turns into words. `detail` is for logs only. */
export class BackupError extends Error {
  readonly code: BackupErrorCode;
  readonly detail?: string;

  constructor(code: BackupErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'BackupError';
    this.code = code;
    if (detail !== undefined) this.detail = detail;
  }
}

export function isBackupError(e: unknown, code?: BackupErrorCode): e is BackupError {
  return e instanceof BackupError && (code === undefined || e.code === code);
}

// --- deterministic JSON ---------------------------------------------------------

/** Plain objects get their keys sorted and undefined fields dropped; recursively. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  if (value !== null && typeof value === 'object') {
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(src).sort()) {
      const v = src[k];
      // defineProperty, not assignment: a "__proto__" key stays an own property
      if (v !== undefined) {
        Object.defineProperty(out, k, { value: canonical(v), enumerable: true, writable: true, configurable: true });
      }
    }
    return out;
  }
  return value;
}

function byId<T extends { id: string }>(rows: readonly T[]): unknown[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => canonical(r));
}

/**
 * Stable text for a backup. Top level in a fixed, readable order (format first, so
 * a file can be recognised from its first bytes), everything below sorted.
 */
export function serializeBackup(data: BackupData): string {
  const doc = {
    format: data.format,
    version: data.version,
    schemaVersion: data.schemaVersion,
    exportedAt: data.exportedAt,
    settings: canonical(data.settings),
    tables: {
      people: byId(data.tables.people),
      profiles: byId(data.tables.profiles),
      touches: byId(data.tables.touches),
      notes: byId(data.tables.notes),
    },
  };
  return JSON.stringify(doc);
}

// --- validation -----------------------------------------------------------------

const id = z.string().min(1);
/**
 * Every time in a backup lies within the years 1 to 9999 (epoch ms): a time outside
 * JavaScript's Date range throws "Invalid time value" wherever it is shown or
 * exported. The range is what a date input can hold, so a backup of anything a
 * user typed is never refused.
 */
export const MIN_BACKUP_TIME = -62_135_596_800_000; // 0001-01-01T00:00:00.000Z
export const MAX_BACKUP_TIME = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
const time = z.number().min(MIN_BACKUP_TIME).max(MAX_BACKUP_TIME);
const count = z.number().int().nonnegative();

/** A site id: exactly the site table's ids. */
export const backupSiteSchema = z.enum(SITE_IDS);
const siteId = backupSiteSchema;
const channel = z.enum(CHANNELS);

// Days as the rhythm inputs allow them (0 too: an older Kith could write it).
const rhythmDays = z.number().nonnegative().max(3650);
const rhythm = z.looseObject({ idealDays: rhythmDays, maxDays: rhythmDays });

const birthday = z.looseObject({
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  year: z.number().int().min(1).max(9999).optional(),
});

/**
 * A person's other dates. The shape is checked here; a date no calendar has (31
 * April) is dropped by `normalizePersonDates` rather than refusing the backup.
 * Backups from before dates existed have none, and restore as they are.
 */
const personDates = z
  .array(
    z.looseObject({
      id,
      kind: z.enum(PERSON_DATE_KINDS as [string, ...string[]]),
      label: z.string().optional(),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
      year: z.number().int().min(1).max(9999).optional(),
      once: z.boolean().optional(),
      leadDays: z.number().int().min(0).max(3650).optional(),
      dismissedAt: time.optional(),
    }),
  )
  .max(MAX_DATES_PER_PERSON)
  .transform((ds) => normalizePersonDates(ds, new Date().getUTCFullYear()));

const summary = z.looseObject({
  lastPersonalAt: time.optional(),
  lastPersonalChannel: channel.optional(),
  lastInboundAt: time.optional(),
  passiveSince: count,
  broadcastSince: count,
  personal12m: count,
  inbound12m: count,
  personalTotal: count,
  nextFollowUpAt: time.optional(),
  openFollowUps: count,
  datedFollowUps: z.array(z.looseObject({ id: z.string(), dueAt: time, text: z.string() })).optional(),
  dueAt: time.optional(),
  rekindleAt: time.optional(),
  birthdayKey: z.string().optional(),
});

const rowBase = {
  id,
  createdAt: time,
  updatedAt: time,
  deletedAt: time.optional(),
};

const person = z.looseObject({
  ...rowBase,
  name: z.string(),
  headline: z.string().optional(),
  company: z.string().optional(),
  location: z.string().optional(),
  photoUrl: z.string().optional(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  birthday: birthday.optional(),
  dates: personDates.optional(),
  howWeMet: z.string().optional(),
  tags: z.array(z.string()),
  circleId: z.string().optional(),
  rhythm: rhythm.optional(),
  connectedAt: time.optional(),
  snoozedUntil: time.optional(),
  archived: z.union([z.literal(0), z.literal(1)]),
  mergedInto: z.string().optional(),
  userEdited: z.array(z.string()).optional(),
  summary,
});

const profile = z.looseObject({
  ...rowBase,
  personId: id,
  site: siteId,
  handle: z.string(),
  key: z.string(),
  url: z.string().optional(),
});

const touch = z.looseObject({
  ...rowBase,
  personId: id,
  depth: z.enum(['personal', 'passive', 'broadcast']),
  direction: z.enum(['out', 'in']),
  channel,
  at: time,
  note: z.string().optional(),
  source: z.enum(['manual', 'page', 'import', 'nudge']),
  site: siteId.optional(),
  sourceKey: z.string().optional(),
});

const note = z.looseObject({
  ...rowBase,
  personId: id,
  kind: z.enum(['listening', 'followup']),
  text: z.string(),
  dueAt: time.optional(),
  doneAt: time.optional(),
  // Absent in backups made before notes could be captured from a page.
  source: z.looseObject({ url: z.string().max(4096), title: z.string().max(1000).optional() }).optional(),
});

/** Each table's row schema, as a restore checks it; sync checks every incoming row with the same. */
export const rowSchemas = { people: person, profiles: profile, touches: touch, notes: note } as const;

const backupSchema = z.object({
  format: z.literal('kith-backup'),
  version: z.number().int().positive(),
  exportedAt: time,
  schemaVersion: z.number().int().positive(),
  settings: z.unknown().optional(),
  tables: z.object({
    people: z.array(person),
    profiles: z.array(profile),
    touches: z.array(touch),
    notes: z.array(note),
  }),
});

// --- parsing --------------------------------------------------------------------

/**
 * Whether JSON text ends in the middle of a value: an open string, or more `{`/`[`
 * opened than closed. Used to tell a cut-off download from other damage.
 */
export function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c /* \ */) escaped = true;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) depth++;
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return inString || depth > 0;
}

/**
 * JSON.parse with Kith's error codes: empty or non-JSON-object text is
 * 'not-backup', a cut-off object 'truncated', other bad JSON 'corrupt'.
 * Shared by the plain and the encrypted format.
 */
export function parseJsonObject(text: string): Record<string, unknown> {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t.startsWith('{')) throw new BackupError('not-backup');
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch {
    throw new BackupError(looksTruncated(t) ? 'truncated' : 'corrupt', 'invalid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BackupError('not-backup');
  }
  return value as Record<string, unknown>;
}

function issuePath(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  const path = first.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return `${path || '(root)'}: ${first.code}`;
}

/**
 * Parse and validate a plain (decrypted) backup.
 *
 * Order of checks: is it a Kith backup at all ('not-backup', 'truncated',
 * 'corrupt' for broken JSON); is it from a newer Kith ('newer-version' for a newer
 * file format or a newer database schema than `currentSchemaVersion`; checked
 * before the shape, which a newer format may have changed); then every row
 * ('corrupt', with the first failing path in `detail`). Duplicate ids within a
 * table are 'corrupt' too (an export never has them: id is the primary key).
 */
export function parseBackup(text: string, currentSchemaVersion: number): BackupData {
  const obj = parseJsonObject(text);
  if (obj['format'] !== 'kith-backup') {
    throw new BackupError('not-backup');
  }
  const version = obj['version'];
  const schemaVersion = obj['schemaVersion'];
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
    throw new BackupError('newer-version', `format ${version}`);
  }
  if (typeof schemaVersion === 'number' && schemaVersion > currentSchemaVersion) {
    throw new BackupError('newer-version', `schema ${schemaVersion}`);
  }
  const parsed = backupSchema.safeParse(obj);
  if (!parsed.success) throw new BackupError('corrupt', issuePath(parsed.error));
  const data = parsed.data;
  for (const [name, rows] of Object.entries(data.tables)) {
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.id)) throw new BackupError('corrupt', `tables.${name}: duplicate id`);
      seen.add(row.id);
    }
  }
  return data as unknown as BackupData;
}
