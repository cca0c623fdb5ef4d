import type { Circle } from '@/lib/model/types';
import { circleName } from '@/lib/ui/circles';
import { useLang, useT } from './i18n';

/** The options of a circle select: "No circle" (value '') and every circle, in the user's language. */
export function CircleOptions({ circles }: { circles: readonly Circle[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <option value="">{t('circle_none')}</option>
      {circles.map((c) => (
        <option key={c.id} value={c.id}>
          {circleName(lang, c)}
        </option>
      ))}
    </>
  );
}
