/**
 * Settings: one typed, versioned object with defaults. Pure (no storage here);
 * the store that persists it lives in `lib/settings/`.
 */
import { DEFAULT_PLACEMENT, DEFAULT_SITES_ON } from '@/lib/sites/table';
import type { Circle, SiteId } from './types';

export type NotesPlacement = 'sidepanel' | 'inpage';
export type Theme = 'system' | 'light' | 'dark';
export type NudgeKind = 'like' | 'wish' | 'promo' | 'pitch';
export type Language = 'auto' | 'en' | 'it';

export interface Settings {
  version: 1;
  circles: Circle[];
  /** Sites turned on. LinkedIn is on by default; the rest ask for host access. */
  sites: Record<SiteId, boolean>;
  /** Where the person panel shows, per site. */
  placement: Record<SiteId, NotesPlacement>;
  nudges: Record<NudgeKind, boolean>;
  /** At most this many in-the-moment nudges a day. */
  dailyNudgeLimit: number;
  /** Quiet hours, local "HH:MM"; equal start and end = none. */
  quietStart: string;
  quietEnd: string;
  /** Daily digest, local "HH:MM". */
  digestTime: string;
  digestEnabled: boolean;
  theme: Theme;
  /** UI language; 'auto' follows the browser. */
  language: Language;
  /** IANA time zone; empty = the browser's. */
  timeZone: string;
  /** Keep the text of imported messages (off: only that a message happened). */
  keepMessageText: boolean;
  /** Offer the name day of a first name Kith's table knows (the user adds it or not, person by person). */
  suggestNameDays: boolean;
  /** Welcome page finished or skipped. */
  onboarded: boolean;
}

export const DEFAULT_CIRCLES: Circle[] = [
  { id: 'close', name: 'circle_close', builtIn: true, rhythm: { idealDays: 14, maxDays: 21 } },
  { id: 'friends', name: 'circle_friends', builtIn: true, rhythm: { idealDays: 30, maxDays: 45 } },
  { id: 'network', name: 'circle_network', builtIn: true, rhythm: { idealDays: 90, maxDays: 120 } },
];

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  circles: DEFAULT_CIRCLES,
  sites: { ...DEFAULT_SITES_ON },
  placement: { ...DEFAULT_PLACEMENT },
  nudges: { like: true, wish: true, promo: true, pitch: true },
  dailyNudgeLimit: 5,
  quietStart: '22:00',
  quietEnd: '08:00',
  digestTime: '09:00',
  digestEnabled: true,
  theme: 'system',
  language: 'auto',
  timeZone: '',
  keepMessageText: false,
  suggestNameDays: true,
  onboarded: false,
};
