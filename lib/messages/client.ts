import { browser } from 'wxt/browser';
import type { Message, ReplyData, ReplyTo } from './types';

export class MessageError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'MessageError';
  }
}

/** Ask the background; resolves with the reply its definition declares, throws MessageError with the background's code. */
export async function send<M extends Message>(msg: M): Promise<ReplyData<M['type']>> {
  const reply = (await browser.runtime.sendMessage(msg)) as ReplyTo<M['type']> | undefined;
  if (!reply) throw new MessageError('no-reply');
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.data;
}
