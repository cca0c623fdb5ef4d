import { useState } from 'react';
import type { MessageKey } from '@/lib/i18n';
import { failureKey } from '@/lib/ui/failure-words';
import { currentWriteCtx } from './settings-store';

/** Runs a write with the current settings' context; its failure in words. Resolves to whether it succeeded. */
export function useWrite(afterWrite?: () => void) {
  const [error, setError] = useState<MessageKey>();
  const run = async (fn: (ctx: ReturnType<typeof currentWriteCtx>) => Promise<unknown>): Promise<boolean> => {
    setError(undefined);
    try {
      await fn(currentWriteCtx());
      afterWrite?.();
      return true;
    } catch (err) {
      setError(failureKey(err));
      return false;
    }
  };
  return { error, run };
}
