import type { BackupData } from '@/lib/backup/format';
import type { Note, Person, Profile, Touch } from '@/lib/model/types';

export const T0 = Date.UTC(2024, 2, 1);

export function person(id: string, extra: Partial<Person> = {}): Person {
  return {
    id,
    name: 'Marta Rossi',
    phones: ['+39 333 000 0000'],
    emails: [],
    tags: ['climbing'],
    archived: 0,
    createdAt: T0,
    updatedAt: T0,
    summary: {
      passiveSince: 0,
      broadcastSince: 0,
      personal12m: 0,
      inbound12m: 0,
      personalTotal: 0,
      openFollowUps: 0,
    },
    ...extra,
  };
}

export function sample(): BackupData {
  const profile: Profile = {
    id: 'pr1',
    personId: 'p1',
    site: 'linkedin',
    handle: 'marta-rossi',
    key: 'linkedin:marta-rossi',
    createdAt: T0,
    updatedAt: T0,
  };
  const touch: Touch = {
    id: 't1',
    personId: 'p1',
    depth: 'personal',
    direction: 'out',
    channel: 'call',
    at: T0,
    source: 'manual',
    createdAt: T0,
    updatedAt: T0,
  };
  const note: Note = {
    id: 'n1',
    personId: 'p1',
    kind: 'followup',
    text: 'send the article',
    dueAt: T0 + 86_400_000,
    createdAt: T0,
    updatedAt: T0,
  };
  return {
    format: 'kith-backup',
    version: 1,
    exportedAt: T0 + 1,
    schemaVersion: 1,
    settings: { version: 1, theme: 'dark' },
    tables: {
      people: [
        person('p2', { name: 'Luca Bianchi', birthday: { month: 2, day: 29 }, deletedAt: T0 }),
        person('p1', { rhythm: { idealDays: 14, maxDays: 21 } }),
      ],
      profiles: [profile],
      touches: [touch],
      notes: [note],
    },
  };
}
