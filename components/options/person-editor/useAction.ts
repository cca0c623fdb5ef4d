import { useState } from 'react';
import type { MessageKey } from '@/lib/i18n';
import { failureKey } from '@/lib/ui/failure-words';
import { currentWriteCtx } from '@/components/settings-store';

/** A write from the editor with its failure shown in words; the write context comes from the current settings. */
export function useAction() {
  const [error, setError] = useState<MessageKey>();
  const run = async (fn: (ctx: ReturnType<typeof currentWriteCtx>) => Promise<unknown>): Promise<boolean> => {
    setError(undefined);
    try {
      await fn(currentWriteCtx());
      return true;
    } catch (err) {
      setError(failureKey(err));
      return false;
    }
  };
  return { error, run };
}
