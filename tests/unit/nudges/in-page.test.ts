/**
 * The in-page nudge: the shared wording (`nudgeWords`, the side panel's
 * words in both languages), the card script's check of what the background hands
 * it, and the background's hand-over only when the user chose "inside the page".
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { nudgeWords } from '@/components/NudgeCard';
import { isNudgeHide, isNudgeShow } from '@/components/InPageNudge';
import { inPageWanted } from '@/components/InPageCard';
import { handleNudge, offerInPage, type NudgeDeps } from '@/lib/background/nudges';
import { createDb, type KithDB } from '@/lib/db/db';
import { addNote, addPerson, type WriteContext } from '@/lib/db/writes';
import { CURRENT_NUDGE_KEY } from '@/lib/nudges/session';
import { readMutedPeople } from '@/lib/db/read';
import { translate, type Lang } from '@/lib/i18n';
import type { NudgeContentMessage, NudgeHideMessage, NudgeShowMessage } from '@/lib/messages/types';
import { DEFAULT_CIRCLES, DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';

const t = (lang: Lang) => (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(lang, key, params);

describe('nudgeWords', () => {
  it('words every kind as the side panel does, in English and Italian', () => {
    expect(nudgeWords(t('en'), { kind: 'like' }, 'Ada')).toBe('You reacted to a post by Ada. A reaction is easy; a personal word means more.');
    expect(nudgeWords(t('it'), { kind: 'like' }, 'Ada')).toContain('Hai reagito a un post di Ada');
    expect(nudgeWords(t('en'), { kind: 'wish' }, 'Ada')).toBe('A one-click birthday wish for Ada?');
    expect(nudgeWords(t('en'), { kind: 'wish', occasion: 'anniversary' }, 'Ada')).toContain('work anniversary');
    expect(nudgeWords(t('en'), { kind: 'wish', occasion: 'new-job' }, 'Ada')).toContain('new job');
    expect(nudgeWords(t('en'), { kind: 'promo', signals: ['placeholder', 'cta-link'] }, 'Ada')).toBe(
      'This message to Ada reads like a broadcast: an unfilled placeholder, a call to action with a link.',
    );
    expect(nudgeWords(t('it'), { kind: 'pitch' }, 'Ada')).toContain('Non hai ancora ascoltato Ada');
  });
});

describe('isNudgeShow', () => {
  it('takes only a well-formed nudge/show', () => {
    expect(isNudgeShow({ type: 'nudge/show', name: 'Ada', nudge: { id: 'n1', kind: 'like' } })).toBe(true);
    expect(isNudgeShow({ type: 'card/toggle' })).toBe(false);
    expect(isNudgeShow({ type: 'nudge/show', name: 'Ada' })).toBe(false);
    expect(isNudgeShow({ type: 'nudge/show', name: 1, nudge: { id: 'n1' } })).toBe(false);
    expect(isNudgeShow(null)).toBe(false);
    expect(isNudgeShow('nudge/show')).toBe(false);
  });

  it('isNudgeHide takes only a nudge/hide with an id', () => {
    expect(isNudgeHide({ type: 'nudge/hide', id: 'n1' })).toBe(true);
    expect(isNudgeHide({ type: 'nudge/hide' })).toBe(false);
    expect(isNudgeHide({ type: 'nudge/show', id: 'n1' })).toBe(false);
    expect(isNudgeHide(undefined)).toBe(false);
  });
});

describe('inPageWanted', () => {
  it.each([
    { name: 'never saved (the default: side panel)', raw: undefined, want: false },
    { name: '"inside the page" chosen', raw: { ...DEFAULT_SETTINGS, placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } }, want: true },
    {
      name: '"inside the page" chosen but LinkedIn off',
      raw: { ...DEFAULT_SETTINGS, sites: { ...DEFAULT_SETTINGS.sites, linkedin: false }, placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } },
      want: false,
    },
    { name: 'back to the side panel', raw: { ...DEFAULT_SETTINGS, placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'sidepanel' } }, want: false },
  ])('$name -> $want', ({ raw, want }) => {
    expect(inPageWanted(raw)).toBe(want);
  });
});

describe('offerInPage', () => {
  const ADA = { site: 'linkedin' as const, handle: 'ada-example-0a1b2c3d' };
  let db: KithDB;
  let session: Map<string, unknown>;
  let settings: Settings;
  let shown: { tabId: number; msg: NudgeShowMessage }[];
  let hidden: { tabId: number; msg: NudgeHideMessage }[];
  const ctx = (): WriteContext => ({ now: Date.UTC(2026, 2, 11, 9), timeZone: 'Europe/Rome', circles: DEFAULT_CIRCLES });
  const deps = (): NudgeDeps => ({
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
      showInPage: async (tabId, msg) => {
        shown.push({ tabId, msg });
      },
      hideInPage: async (tabId, msg) => {
        hidden.push({ tabId, msg });
      },
    },
  });
  const like: NudgeContentMessage = { type: 'nudge/like', ...ADA, postKey: 'urn:li:activity:1', state: 'added' };

  beforeEach(async () => {
    db = createDb(`kith-inpage-${Math.random().toString(36).slice(2)}`);
    session = new Map();
    settings = DEFAULT_SETTINGS;
    shown = [];
    hidden = [];
    const ada = await addPerson(db, { name: 'Ada Example', identity: { ...ADA, url: '' } }, ctx());
    await db.people.update(ada.id, { phones: ['+39 333 123 4567'] });
    await addNote(db, { personId: ada.id, kind: 'listening', text: 'Moving to Turin' }, ctx());
  });

  it('hands the raised nudge, name, phone, last note and post to the tab when the user chose "inside the page"', async () => {
    settings = { ...DEFAULT_SETTINGS, placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } };
    const reply = await handleNudge(like, deps());
    expect(reply?.nudge).toBeTruthy();
    await offerInPage(like, reply, 7, deps());
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      tabId: 7,
      msg: {
        type: 'nudge/show',
        name: 'Ada Example',
        phone: '+39 333 123 4567',
        lastHeard: 'Moving to Turin',
        postKey: 'urn:li:activity:1',
        nudge: { id: reply?.nudge, kind: 'like' },
      },
    });
  });

  it('hands nothing with the default placement, without a tab, or when no nudge was raised', async () => {
    const reply = await handleNudge(like, deps());
    await offerInPage(like, reply, 7, deps());
    settings = { ...DEFAULT_SETTINGS, placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } };
    await offerInPage(like, reply, undefined, deps());
    await offerInPage(like, { touchId: 'x' }, 7, deps());
    await offerInPage(like, { nudge: 'not-the-current-one' }, 7, deps());
    expect(shown).toStrictEqual([]);
  });

  describe('one nudge, two places: answered in one, gone from the other', () => {
    const inPage = { ...DEFAULT_SETTINGS, placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' as const } };
    const raiseInTab = async (tabId: number, msg: NudgeContentMessage = like) => {
      const reply = await handleNudge(msg, deps(), { tabId });
      await offerInPage(msg, reply, tabId, deps());
      return reply!.nudge!;
    };

    it('dismissed in the card: gone from the side panel too; "not this kind" switches the kind off', async () => {
      settings = inPage;
      const id = await raiseInTab(7);
      await handleNudge({ type: 'nudge/card-dismiss', id, mute: 'kind' }, deps(), { tabId: 7 });
      expect(session.has(CURRENT_NUDGE_KEY)).toBe(false);
      expect(settings.nudges.like).toBe(false);
      expect(await readMutedPeople(db)).toStrictEqual([]);
    });

    it('the card cannot answer for another tab, a nudge it was not handed, or without a tab', async () => {
      settings = inPage;
      const id = await raiseInTab(7);
      await expect(handleNudge({ type: 'nudge/card-dismiss', id, mute: 'person' }, deps(), { tabId: 9 })).rejects.toThrow('forbidden');
      await expect(handleNudge({ type: 'nudge/card-dismiss', id: 'n-other', mute: 'person' }, deps(), { tabId: 7 })).rejects.toThrow('forbidden');
      await expect(handleNudge({ type: 'nudge/card-dismiss', id, mute: 'person' }, deps())).rejects.toThrow('forbidden');
      expect((session.get(CURRENT_NUDGE_KEY) as { id: string }).id).toBe(id);
      expect(await readMutedPeople(db)).toStrictEqual([]);
    });

    it('answered in the side panel, or the like taken back: the card in that tab is taken down', async () => {
      settings = inPage;
      const first = await raiseInTab(7);
      await handleNudge({ type: 'nudge/dismiss', id: first }, deps());
      expect(hidden).toStrictEqual([{ tabId: 7, msg: { type: 'nudge/hide', id: first } }]);
      // After that the card may no longer answer for it.
      await expect(handleNudge({ type: 'nudge/card-dismiss', id: first }, deps(), { tabId: 7 })).rejects.toThrow('forbidden');

      // A week later (the policy allows one like nudge per person per week).
      await db.meta.delete('nudge:log');
      const added = await handleNudge({ ...like, postKey: 'urn:li:activity:2' }, deps(), { tabId: 8 });
      await offerInPage({ ...like, postKey: 'urn:li:activity:2' }, added, 8, deps());
      await handleNudge({ ...like, postKey: 'urn:li:activity:2', state: 'removed', touchId: added!.touchId! }, deps(), { tabId: 8 });
      expect(hidden.at(-1)).toStrictEqual({ tabId: 8, msg: { type: 'nudge/hide', id: added!.nudge! } });
    });

    it('with the side panel placement nothing is handed to a tab, so there is nothing to take down', async () => {
      const reply = await handleNudge(like, deps(), { tabId: 7 });
      await offerInPage(like, reply, 7, deps());
      await handleNudge({ type: 'nudge/dismiss', id: reply!.nudge! }, deps());
      expect(shown).toStrictEqual([]);
      expect(hidden).toStrictEqual([]);
    });
  });
});
