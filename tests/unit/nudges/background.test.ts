/**
 * The background's side of nudges against fake-indexeddb: touches recorded for
 * known people only, un-react takes the touch back, messages logged by their
 * classification, the duplicate digest, the nudge put where the side panel reads
 * it, and the limits and switches.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { handleNudge, type NudgeDeps } from '@/lib/background/nudges';
import { createDb, type KithDB } from '@/lib/db/db';
import { addNote, addPerson, logTouch, type WriteContext } from '@/lib/db/writes';
import { CURRENT_NUDGE_KEY, LAST_SENT_KEY, type CurrentNudge } from '@/lib/nudges/session';
import type { NudgeContentMessage } from '@/lib/messages/types';
import { DEFAULT_CIRCLES, DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';
import { touchesOfPerson } from '@/lib/db/touch-ranges';

const T0 = Date.UTC(2026, 2, 11, 9, 0);
const ADA = { site: 'linkedin' as const, handle: 'ada-example-0a1b2c3d' };
const BRUNO = { site: 'linkedin' as const, handle: 'bruno-sample' };

let db: KithDB;
let now: number;
let session: Map<string, unknown>;
let settings: Settings;
let adaId: string;
let brunoId: string;

const ctx = (): WriteContext => ({ now, timeZone: 'Europe/Rome', circles: DEFAULT_CIRCLES });

function deps(): NudgeDeps {
  return {
    db,
    ctx: async () => ctx(),
    refreshBadge: async () => undefined,
    env: {
      settings: async () => settings,
      switchKindOff: async (kind) => {
        settings = { ...settings, nudges: { ...settings.nudges, [kind]: false } };
      },
      getSession: async <T>(key: string) => session.get(key) as T | undefined,
      setSession: async (key, value) => {
        if (value === null) session.delete(key);
        else session.set(key, value);
      },
    },
  };
}

const send = (msg: NudgeContentMessage) => handleNudge(msg, deps());
const current = () => session.get(CURRENT_NUDGE_KEY) as CurrentNudge | undefined;
const liveTouches = async (personId: string) => (await touchesOfPerson(db, personId).toArray()).filter((t) => !t.deletedAt);

beforeEach(async () => {
  db = createDb(`kith-nudges-${Math.random().toString(36).slice(2)}`);
  now = T0;
  session = new Map();
  settings = DEFAULT_SETTINGS;
  adaId = (await addPerson(db, { name: 'Ada Example', identity: { ...ADA, url: '' } }, ctx())).id;
  brunoId = (await addPerson(db, { name: 'Bruno Sample', identity: { ...BRUNO, url: '' } }, ctx())).id;
});

describe('reactions', () => {
  it('a like on a known person’s post: a passive page touch and the like nudge; un-react takes both back', async () => {
    const reply = await send({ type: 'nudge/like', ...ADA, postKey: 'urn:li:activity:1', state: 'added' });
    expect(reply?.touchId).toBeTruthy();
    const touches = await liveTouches(adaId);
    expect(touches).toMatchObject([{ id: reply?.touchId, channel: 'like', depth: 'passive', source: 'page', site: 'linkedin' }]);
    expect((await db.people.get(adaId))?.summary.passiveSince).toBe(1);
    expect(current()).toMatchObject({ kind: 'like', personId: adaId, touchId: reply?.touchId });

    now += 5_000;
    await send({ type: 'nudge/like', ...ADA, postKey: 'urn:li:activity:1', state: 'removed', touchId: reply!.touchId! });
    expect(await liveTouches(adaId)).toStrictEqual([]);
    expect((await db.people.get(adaId))?.summary.passiveSince).toBe(0);
    expect(current()).toBeUndefined();
  });

  it('an unknown person: nothing is stored', async () => {
    expect(await send({ type: 'nudge/like', site: 'linkedin', handle: 'stranger', postKey: 'x', state: 'added' })).toStrictEqual({});
    expect(await db.touches.count()).toBe(0);
    expect(current()).toBeUndefined();
  });

  it('un-react cannot take back someone else’s touch, a manual one, or one older than 10 minutes', async () => {
    const manual = await logTouch(db, { personId: adaId, channel: 'like', source: 'manual' }, ctx());
    await expect(send({ type: 'nudge/like', ...ADA, postKey: 'x', state: 'removed', touchId: manual.id })).rejects.toThrow('forbidden');
    const r = await send({ type: 'nudge/like', ...ADA, postKey: 'x', state: 'added' });
    await expect(send({ type: 'nudge/like', ...BRUNO, postKey: 'x', state: 'removed', touchId: r!.touchId! })).rejects.toThrow('forbidden');
    now += 11 * 60_000;
    await expect(send({ type: 'nudge/like', ...ADA, postKey: 'x', state: 'removed', touchId: r!.touchId! })).rejects.toThrow('forbidden');
    expect(await liveTouches(adaId)).toHaveLength(2);
  });
});

describe('wishes', () => {
  it('a one-click birthday wish: a passive touch and the call-instead nudge', async () => {
    const reply = await send({ type: 'nudge/wish', ...ADA, occasion: 'birthday' });
    expect(await liveTouches(adaId)).toMatchObject([{ channel: 'wish', depth: 'passive', source: 'page' }]);
    expect(current()).toMatchObject({ kind: 'wish', occasion: 'birthday', personId: adaId, id: reply?.nudge });
  });
});

describe('messages', () => {
  const promo = { depth: 'broadcast' as const, signals: ['placeholder' as const, 'promo' as const], pitch: true, hash: '0123456789abcdef' };
  const personal = { depth: 'personal' as const, signals: [], pitch: false, hash: 'fedcba9876543210' };

  it('a pitch while writing to someone never listened to: the pitch nudge; nothing is logged until sent', async () => {
    await send({ type: 'nudge/compose', ...ADA, ...promo });
    expect(current()).toMatchObject({ kind: 'pitch', signals: ['placeholder', 'promo'] });
    expect(await db.touches.count()).toBe(0);
  });

  it('a promo to someone already talked to: the promo nudge', async () => {
    await logTouch(db, { personId: adaId, channel: 'call', source: 'manual' }, ctx());
    now += 60_000;
    await send({ type: 'nudge/compose', ...ADA, ...promo });
    expect(current()).toMatchObject({ kind: 'promo' });
  });

  it('a personal draft raises nothing', async () => {
    await send({ type: 'nudge/compose', ...ADA, ...personal });
    expect(current()).toBeUndefined();
  });

  it('sent: logged as personal or broadcast; the same text to a second person today becomes a broadcast (digest only)', async () => {
    const r1 = await send({ type: 'nudge/sent', ...ADA, ...personal });
    expect(await db.touches.get(r1!.touchId!)).toMatchObject({ channel: 'message', depth: 'personal', source: 'page' });
    expect(session.get(LAST_SENT_KEY)).toMatchObject({ touchId: r1?.touchId, depth: 'personal' });
    expect((await db.people.get(adaId))?.summary.lastPersonalAt).toBe(now);

    now += 60_000;
    const r2 = await send({ type: 'nudge/sent', ...BRUNO, ...personal });
    expect(await db.touches.get(r2!.touchId!)).toMatchObject({ depth: 'broadcast' });
    expect(current()).toMatchObject({ kind: 'promo', personId: brunoId, signals: ['duplicate'] });
    const meta = JSON.stringify(await db.meta.toArray());
    expect(meta).toContain('fedcba9876543210');
  });

  it('a personal message answers the nudge about that person', async () => {
    await send({ type: 'nudge/like', ...ADA, postKey: 'p', state: 'added' });
    expect(current()).toBeDefined();
    await send({ type: 'nudge/sent', ...ADA, ...personal });
    expect(current()).toBeUndefined();
  });
});

describe('limits and switches', () => {
  it('one per person per week, and at most N a day', async () => {
    settings = { ...DEFAULT_SETTINGS, dailyNudgeLimit: 2 };
    const first = await send({ type: 'nudge/like', ...ADA, postKey: 'a', state: 'added' });
    expect(first?.nudge).toBeTruthy();
    const again = await send({ type: 'nudge/like', ...ADA, postKey: 'b', state: 'added' });
    expect(again?.nudge).toBeUndefined();
    expect(again?.touchId).toBeTruthy(); // the touch is still recorded
    expect((await send({ type: 'nudge/wish', ...BRUNO, occasion: 'birthday' }))?.nudge).toBeTruthy();
    const carla = await addPerson(db, { name: 'Carla', identity: { site: 'linkedin', handle: 'carla', url: '' } }, ctx());
    expect(carla.id).toBeTruthy();
    expect((await send({ type: 'nudge/like', site: 'linkedin', handle: 'carla', postKey: 'c', state: 'added' }))?.nudge).toBeUndefined();
  });

  it('"not for this person" and "not this kind" from the panel', async () => {
    const a = await send({ type: 'nudge/like', ...ADA, postKey: 'a', state: 'added' });
    await handleNudge({ type: 'nudge/dismiss', id: a!.nudge!, mute: 'person' }, deps());
    expect(current()).toBeUndefined();
    now += 8 * 86_400_000;
    expect((await send({ type: 'nudge/like', ...ADA, postKey: 'b', state: 'added' }))?.nudge).toBeUndefined();

    const b = await send({ type: 'nudge/wish', ...BRUNO, occasion: 'birthday' });
    await handleNudge({ type: 'nudge/dismiss', id: b!.nudge!, mute: 'kind' }, deps());
    expect(settings.nudges.wish).toBe(false);
    now += 8 * 86_400_000;
    expect((await send({ type: 'nudge/wish', ...BRUNO, occasion: 'birthday' }))?.nudge).toBeUndefined();
    expect((await send({ type: 'nudge/like', ...BRUNO, postKey: 'c', state: 'added' }))?.nudge).toBeTruthy();
  });

  it('the pitch nudge shows the last listening note through the person (the nudge itself carries no text)', async () => {
    await addNote(db, { personId: adaId, kind: 'listening', text: 'Moving to Turin in May' }, ctx());
    await send({ type: 'nudge/compose', ...ADA, depth: 'broadcast', signals: ['promo', 'cta-link'], pitch: true });
    expect(JSON.stringify(current())).not.toContain('Turin');
  });
});
