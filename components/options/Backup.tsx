import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useRef, useState, type FormEvent } from 'react';
import { encryptBackup, isEncryptedBackup } from '@/lib/backup/crypto';
import { getDb } from '@/lib/db/db';
import { keepRestore, pendingRestoreUndo, readBackup, restoreBackup, undoRestore, type RestoreMode, type RestoreReport } from '@/lib/db/writes';
import type { MessageKey } from '@/lib/i18n';
import { peopleCsvExport } from '@/lib/import/contacts-csv';
import { vcardExport, type ExportPerson } from '@/lib/import/vcard';
import type { Profile } from '@/lib/model/types';
import { getSettings } from '@/lib/settings/store';
import { saveSettings } from '@/components/useSettings';
import { currentWriteCtx } from '@/components/settings-store';
import { useT } from '@/components/i18n';
import { dayStamp, downloadText } from './download';
import { failureKey } from '@/lib/ui/failure-words';
import { currentBackupText } from '@/components/export-backup';

/** Every live person, with profiles, in the shape the CSV and vCard writers take. */
export async function exportPeople(): Promise<ExportPerson[]> {
  const db = getDb();
  const [people, profiles] = await db.transaction('r', db.people, db.profiles, () => Promise.all([db.people.toArray(), db.profiles.toArray()]));
  const byPerson = new Map<string, Profile[]>();
  for (const pr of profiles) if (!pr.deletedAt) byPerson.set(pr.personId, [...(byPerson.get(pr.personId) ?? []), pr]);
  return people
    .filter((p) => !p.deletedAt && !p.mergedInto)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => {
      const e: ExportPerson = {
        name: p.name,
        emails: p.emails,
        phones: p.phones,
        profiles: (byPerson.get(p.id) ?? []).map((x) => ({ site: x.site, handle: x.handle, ...(x.url ? { url: x.url } : {}) })),
      };
      if (p.headline) e.headline = p.headline;
      if (p.company) e.company = p.company;
      if (p.birthday) e.birthday = p.birthday;
      if (p.howWeMet) e.howWeMet = p.howWeMet;
      if (p.connectedAt !== undefined) e.connectedAt = p.connectedAt;
      return e;
    });
}

function ExportPanel() {
  const t = useT();
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const [busy, setBusy] = useState<MessageKey>();
  const [msg, setMsg] = useState<{ key: MessageKey; error?: boolean; file?: string }>();
  const mismatch = pass !== '' && pass !== pass2;
  const exportBackup = async (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    setMsg(undefined);
    setBusy(pass ? 'backup_encrypting' : 'backup_collecting');
    try {
      let text = await currentBackupText();
      if (pass) text = await encryptBackup(text, pass);
      const file = `kith-backup-${dayStamp()}${pass ? '-encrypted' : ''}.json`;
      downloadText(file, text);
      setMsg({ key: pass ? 'backup_saved_encrypted' : 'backup_saved', file });
      setPass('');
      setPass2('');
    } catch (err) {
      setMsg({ key: failureKey(err), error: true });
    } finally {
      setBusy(undefined);
    }
  };
  const exportAs = async (kind: 'csv' | 'vcf') => {
    setMsg(undefined);
    try {
      const people = await exportPeople();
      if (kind === 'csv') downloadText(`kith-people-${dayStamp()}.csv`, peopleCsvExport(people), 'text/csv');
      else downloadText(`kith-people-${dayStamp()}.vcf`, vcardExport(people), 'text/vcard');
      setMsg({ key: 'backup_people_saved' });
    } catch (err) {
      setMsg({ key: failureKey(err), error: true });
    }
  };
  return (
    <div className="stack">
      <h3>{t('backup_export_title')}</h3>
      <p className="muted small">{t('backup_export_hint')}</p>
      <form className="stack" onSubmit={exportBackup}>
        <div className="row">
          <label className="field grow">
            <span>{t('backup_passphrase_optional')}</span>
            <input type="password" autoComplete="new-password" value={pass} onChange={(e) => setPass(e.target.value)} />
          </label>
          <label className="field grow">
            <span>{t('backup_passphrase_again')}</span>
            <input type="password" autoComplete="new-password" value={pass2} onChange={(e) => setPass2(e.target.value)} disabled={!pass} />
          </label>
        </div>
        {pass && <p className="muted small">{t('backup_passphrase_warning')}</p>}
        {mismatch && pass2 !== '' && <p className="error small">{t('backup_passphrase_mismatch')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={Boolean(busy) || mismatch}>
            {t(pass ? 'backup_download_encrypted' : 'backup_download')}
          </button>
          <button type="button" onClick={() => void exportAs('csv')}>
            {t('backup_people_csv')}
          </button>
          <button type="button" onClick={() => void exportAs('vcf')}>
            {t('backup_people_vcard')}
          </button>
        </div>
      </form>
      {busy && (
        <label className="field" role="status">
          <span>{t(busy)}</span>
          <progress />
        </label>
      )}
      {msg && (
        <p className={msg.error ? 'error' : undefined} role={msg.error ? 'alert' : 'status'}>
          {msg.file ? t(msg.key, { file: msg.file }) : t(msg.key)}
        </p>
      )}
    </div>
  );
}

function RestorePanel() {
  const t = useT();
  const id = useId();
  const [file, setFile] = useState<{ name: string; text: string; encrypted: boolean }>();
  const [pass, setPass] = useState('');
  const [mode, setMode] = useState<RestoreMode>('merge');
  const [busy, setBusy] = useState<MessageKey>();
  const [error, setError] = useState<MessageKey>();
  const [report, setReport] = useState<RestoreReport>();
  const input = useRef<HTMLInputElement>(null);
  const pick = async (f: File | undefined) => {
    setError(undefined);
    setReport(undefined);
    setFile(undefined);
    if (!f) return;
    // A backup larger than this is not one Kith wrote for a personal network.
    if (f.size > 512 * 1024 * 1024) return setError('backup_error_not_backup');
    const text = await f.text();
    setFile({ name: f.name, text, encrypted: isEncryptedBackup(text) });
  };
  const restore = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(undefined);
    setReport(undefined);
    setBusy(file.encrypted ? 'backup_decrypting' : 'backup_reading');
    try {
      const data = await readBackup(file.text, file.encrypted ? pass : undefined);
      if (mode === 'replace') {
        // A courtesy copy: whether or not the download is saved, the replaced rows
        // stay in the database until the user keeps the restore or undoes it. It is
        // encrypted with the passphrase just typed when the backup was encrypted.
        setBusy('backup_saving_current');
        const current = await currentBackupText();
        if (file.encrypted) downloadText(`kith-backup-before-restore-${dayStamp()}-encrypted.json`, await encryptBackup(current, pass));
        else downloadText(`kith-backup-before-restore-${dayStamp()}.json`, current);
      }
      setBusy('backup_restoring');
      const r = await restoreBackup(getDb(), data, currentWriteCtx(), { mode, writeSettings: (fn) => saveSettings(fn), settingsBefore: await getSettings() });
      setReport(r);
      setFile(undefined);
      setPass('');
      if (input.current) input.current.value = '';
    } catch (err) {
      setError(failureKey(err));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <form className="stack" onSubmit={restore} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('backup_restore_title')}</h3>
      <label className="field">
        <span>{t('backup_restore_pick')}</span>
        <input ref={input} type="file" accept=".json,application/json" onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {file?.encrypted && (
        <label className="field">
          <span>{t('backup_passphrase')}</span>
          <input type="password" autoComplete="current-password" value={pass} onChange={(e) => setPass(e.target.value)} />
        </label>
      )}
      <fieldset className="radios stack">
        <legend>{t('backup_restore_how')}</legend>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'merge'} onChange={() => setMode('merge')} /> {t('backup_mode_merge')}
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'replace'} onChange={() => setMode('replace')} /> {t('backup_mode_replace')}
        </label>
      </fieldset>
      <div>
        <button type="submit" className="primary" disabled={!file || Boolean(busy) || (file.encrypted && !pass)}>
          {t('backup_restore')}
        </button>
      </div>
      {busy && (
        <label className="field" role="status">
          <span>{t(busy)}</span>
          <progress />
        </label>
      )}
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
      {report && (
        <p role="status" className="restore-report">
          {t('backup_restored', { people: report.people, touches: report.touches, notes: report.notes })}
        </p>
      )}
    </form>
  );
}

/** After a replace-restore: keep the restored data, or put back exactly what was there. */
function UndoRestorePanel() {
  const t = useT();
  const pending = useLiveQuery(() => pendingRestoreUndo(getDb()), []);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ key: MessageKey; error?: boolean }>();
  const run = async (fn: () => Promise<unknown>, done: MessageKey) => {
    setBusy(true);
    setMsg(undefined);
    try {
      await fn();
      setMsg({ key: done });
    } catch (err) {
      setMsg({ key: failureKey(err), error: true });
    } finally {
      setBusy(false);
    }
  };
  if (!pending && !msg) return null;
  return (
    <div className="stack undo-restore">
      {pending && (
        <>
          <p>{t('backup_undo_pending')}</p>
          <div className="row">
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(() => undoRestore(getDb(), { writeSettings: (fn) => saveSettings(fn) }), 'backup_undone')}
            >
              {t('backup_undo')}
            </button>
            <button type="button" disabled={busy} onClick={() => void run(() => keepRestore(getDb()), 'backup_kept')}>
              {t('backup_keep')}
            </button>
          </div>
        </>
      )}
      {msg && (
        <p className={msg.error ? 'error' : undefined} role={msg.error ? 'alert' : 'status'}>
          {t(msg.key)}
        </p>
      )}
    </div>
  );
}

export function BackupSection() {
  const t = useT();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`} className="stack">
      <h2 id={`${id}-h`}>{t('options_backup')}</h2>
      <ExportPanel />
      <RestorePanel />
      <UndoRestorePanel />
    </section>
  );
}
