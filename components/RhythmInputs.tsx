import type { Rhythm } from '@/lib/model/types';
import { useT } from './i18n';

const clampDays = (raw: string) => Math.min(3650, Math.max(1, Number(raw) || 1));

/**
 * "Ideally every … days, at most every … days" for a circle: the two stay
 * ordered (raising the ideal past the maximum raises the maximum, and lowering
 * the maximum below the ideal lowers the ideal).
 */
export function RhythmInputs({ rhythm, onChange }: { rhythm: Rhythm; onChange: (next: Rhythm) => void }) {
  const t = useT();
  return (
    <>
      <label className="field">
        <span>{t('settings_ideal_days')}</span>
        <input
          type="number"
          min={1}
          max={3650}
          value={rhythm.idealDays}
          onChange={(e) => {
            const v = clampDays(e.target.value);
            onChange({ idealDays: v, maxDays: Math.max(v, rhythm.maxDays) });
          }}
        />
      </label>
      <label className="field">
        <span>{t('settings_max_days')}</span>
        <input
          type="number"
          min={1}
          max={3650}
          value={rhythm.maxDays}
          onChange={(e) => {
            const v = clampDays(e.target.value);
            onChange({ idealDays: Math.min(rhythm.idealDays, v), maxDays: v });
          }}
        />
      </label>
    </>
  );
}
