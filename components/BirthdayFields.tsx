import type { BirthdayDraft } from '@/lib/ui/birthday-input';
import { useT } from './i18n';

/** The birthday as three boxes (day, month, optional year): the person editor's and the add forms'. */
export function BirthdayFields({ value, onChange, className = 'row' }: { value: BirthdayDraft; onChange: (next: BirthdayDraft) => void; className?: string }) {
  const t = useT();
  const up = (k: keyof BirthdayDraft) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <fieldset className={className}>
      <legend>{t('field_birthday')}</legend>
      <label className="field">
        <span>{t('field_day')}</span>
        <input type="number" min={1} max={31} value={value.day} onChange={up('day')} />
      </label>
      <label className="field">
        <span>{t('field_month')}</span>
        <input type="number" min={1} max={12} value={value.month} onChange={up('month')} />
      </label>
      <label className="field">
        <span>{t('field_year_optional')}</span>
        <input type="number" min={1900} max={2200} value={value.year} onChange={up('year')} />
      </label>
    </fieldset>
  );
}
