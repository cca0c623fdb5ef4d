import { browser } from 'wxt/browser';
import type { Message, Reply } from './types';

export class MessageError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'MessageError';
  }
}

export interface ReplyMap {
  'touch/add': { touchId: string };
  'person/add': { personId: string };
  'data/export': string;
}

type DataOf<M extends Message> = M['type'] extends keyof ReplyMap ? ReplyMap[M['type']] : unknown;

/** Ask the background; throws MessageError with the background's code. */
export async function send<M extends Message>(msg: M): Promise<DataOf<M>> {
  const reply = (await browser.runtime.sendMessage(msg)) as Reply<DataOf<M>> | undefined;
  if (!reply) throw new MessageError('no-reply');
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.data;
}
