import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PersonView } from '@/lib/db/read';
import type { SearchReply } from '@/lib/search/people-search';
import { fromContent, isTabScoped, MESSAGE_DEFINITIONS, parseMessage } from '@/lib/messages/schema';
import type { ContentMessage, Message, NudgeReply, PageMessage, ReplyData } from '@/lib/messages/types';
import { isCardToggle } from '@/components/InPageCard';
import type { JoinPreview, SyncStatus } from '@/lib/sync/contract';

const CONTENT_TYPES = [
  'view/set',
  'person/add',
  'touch/add',
  'touch/undo',
  'note/add',
  'card/view',
  'note/done',
  'nudge/like',
  'nudge/wish',
  'nudge/compose',
  'nudge/sent',
  'nudge/card-dismiss',
];
const PAGE_TYPES = [
  'badge/refresh',
  'data/export',
  'data/delete-all',
  'person/get',
  'search/query',
  'panel/open',
  'nudge/dismiss',
  'undo/apply',
  'sync/status',
  'sync/now',
  'sync/preview',
  'sync/turn-on',
  'sync/turn-off',
];

describe('the message protocol, defined once', () => {
  it('defines each message type once', () => {
    const types = MESSAGE_DEFINITIONS.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect([...types].sort()).toEqual([...CONTENT_TYPES, ...PAGE_TYPES].sort());
  });

  it('lets content scripts send only what is about the profile in front of the user', () => {
    for (const type of CONTENT_TYPES) expect(fromContent(type), type).toBe(true);
    for (const type of [...PAGE_TYPES, 'card/toggle', 'nudge/show', 'unknown']) expect(fromContent(type), type).toBe(false);
    expect(MESSAGE_DEFINITIONS.filter((d) => isTabScoped(d.type)).map((d) => d.type)).toEqual(['nudge/card-dismiss']);
  });

  it('parses a message into its inferred type, and nothing that does not match', () => {
    const msg = parseMessage({ type: 'note/add', site: 'linkedin', handle: 'ada', kind: 'followup', text: 'Send the article' });
    expect(msg).toEqual({ type: 'note/add', site: 'linkedin', handle: 'ada', kind: 'followup', text: 'Send the article' });
    expectTypeOf(parseMessage).returns.toEqualTypeOf<Message | undefined>();
    expect(parseMessage({ type: 'note/add', site: 'linkedin', handle: 'ada', kind: 'followup', text: '' })).toBeUndefined();
    expect(parseMessage({ type: 'badge/refresh', extra: 1 })).toBeUndefined();
    expect(parseMessage({ type: 'card/toggle' })).toBeUndefined();
  });

  it('gives every message a typed reply', () => {
    expectTypeOf<ReplyData<'person/add'>>().toEqualTypeOf<{ personId: string }>();
    expectTypeOf<ReplyData<'touch/add'>>().toEqualTypeOf<{ touchId: string; undo?: string | undefined }>();
    expectTypeOf<ReplyData<'note/add'>>().toEqualTypeOf<{ noteId: string; undo?: string | undefined }>();
    expectTypeOf<ReplyData<'card/view'>>().toEqualTypeOf<PersonView | null>();
    expectTypeOf<ReplyData<'person/get'>>().toEqualTypeOf<PersonView | null>();
    expectTypeOf<ReplyData<'data/export'>>().toEqualTypeOf<string>();
    expectTypeOf<ReplyData<'search/query'>>().toEqualTypeOf<SearchReply>();
    expectTypeOf<ReplyData<'nudge/like'>>().toEqualTypeOf<NudgeReply | null>();
    expectTypeOf<ReplyData<'view/set'>>().toEqualTypeOf<null>();
    expectTypeOf<ContentMessage['type']>().toEqualTypeOf<
      | 'view/set'
      | 'person/add'
      | 'touch/add'
      | 'touch/undo'
      | 'note/add'
      | 'card/view'
      | 'note/done'
      | 'nudge/like'
      | 'nudge/wish'
      | 'nudge/compose'
      | 'nudge/sent'
      | 'nudge/card-dismiss'
    >();
    expectTypeOf<PageMessage['type']>().toEqualTypeOf<
      | 'badge/refresh'
      | 'data/export'
      | 'data/delete-all'
      | 'person/get'
      | 'search/query'
      | 'panel/open'
      | 'nudge/dismiss'
      | 'undo/apply'
      | 'sync/status'
      | 'sync/now'
      | 'sync/preview'
      | 'sync/turn-on'
      | 'sync/turn-off'
    >();
    expectTypeOf<ReplyData<'sync/status'>>().toEqualTypeOf<SyncStatus>();
    expectTypeOf<ReplyData<'sync/turn-on'>>().toEqualTypeOf<SyncStatus>();
    expectTypeOf<ReplyData<'sync/preview'>>().toEqualTypeOf<JoinPreview>();
    expectTypeOf<ReplyData<'sync/turn-off'>>().toEqualTypeOf<null>();
  });

  it('card/toggle, from the background to the in-page card, is recognised by its shape', () => {
    expect(isCardToggle({ type: 'card/toggle' })).toBe(true);
    for (const other of [undefined, null, 'card/toggle', { type: 'nudge/show' }, {}]) expect(isCardToggle(other)).toBe(false);
  });
});
