import { useState } from 'react';
import type { MessageKey } from '../../../lib/i18n';
import type { Settings } from '../../../lib/model/settings';
import { writeCtx } from '../../../lib/ui/write-ctx';
import { failureKey } from '../../../lib/ui/failure-words';

/** A write from the editor with its failure shown in words; the write context comes from the settings. */
export function useAction(settings: Settings) {
  const [error, setError] = useState<MessageKey>();
  const run = async (fn: (ctx: ReturnType<typeof writeCtx>) => Promise<unknown>): Promise<boolean> => {
    setError(undefined);
    try {
      await fn(writeCtx(settings));
      return true;
    } catch (err) {
      setError(failureKey(err));
      return false;
    }
  };
  return { error, run };
}
