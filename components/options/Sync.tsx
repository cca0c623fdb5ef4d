/**
 * "Sync between your devices": the form that turns sync on (first device or a
 * joining one, after a preview of what will be merged), and once on, the state in
 * words, "Sync now" and "Turn off". The page talks to the sync engine only through
 * the `sync/*` messages; the password and passphrase live in this form's state
 * until the background has them, and are cleared as soon as sync is on.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { relativeTime, type MessageKey } from '@/lib/i18n';
import { send } from '@/lib/messages/client';
import { checkServerAddress, DATABASE_NAME, MIN_SYNC_PASSPHRASE } from '@/lib/model/sync-address';
import type { JoinPreview, SyncConfigInput, SyncErrorCode, SyncStatus } from '@/lib/sync/contract';
import { SYNC_ERROR_WORDS, syncFailureCode } from '@/lib/ui/sync-words';
import { useLang, useT } from '@/components/i18n';
import { useNow } from '@/components/useSettings';

/** How often the section reads the state again while it is open (a sync runs in the background). */
const STATUS_EVERY_MS = 5_000;

type Field = 'server' | 'database' | 'username' | 'password' | 'passphrase' | 'passphrase2';
type Errors = Partial<Record<Field, MessageKey>>;

const SERVER_PROBLEM: Record<string, MessageKey> = {
  empty: 'sync_invalid_server_empty',
  invalid: 'sync_invalid_server_invalid',
  https: 'sync_invalid_server_https',
  credentials: 'sync_invalid_server_credentials',
  query: 'sync_invalid_server_query',
};

/** Asks the browser for access to the server's host. Called first thing inside the user's click: both browsers grant only within the gesture. */
function requestAccess(pattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [pattern] }).catch(() => false);
}

/** The problem and what to do, for one error code. */
function SyncProblem({ code, children }: { code: SyncErrorCode; children?: ReactNode }) {
  const t = useT();
  const words = SYNC_ERROR_WORDS[code];
  return (
    <div className="stack sync-problem" role="alert">
      <p className="error">
        <strong>{t(words.problem)}</strong> {t(words.fix)}
      </p>
      {children}
    </div>
  );
}

function SetupForm({ onOn }: { onOn: (s: SyncStatus) => void }) {
  const t = useT();
  const id = useId();
  const [mode, setMode] = useState<SyncConfigInput['mode']>('first');
  const [values, setValues] = useState<Record<Field, string>>({ server: '', database: 'kith', username: '', password: '', passphrase: '', passphrase2: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState<MessageKey>();
  const [failure, setFailure] = useState<SyncErrorCode>();
  const [preview, setPreview] = useState<{ input: SyncConfigInput; counts: JoinPreview }>();
  const form = useRef<HTMLFormElement>(null);

  const set = (field: Field, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    // What was previewed no longer matches what is typed.
    setPreview(undefined);
  };

  const validate = (): Errors => {
    const e: Errors = {};
    const server = checkServerAddress(values.server);
    if (!server.ok) e.server = SERVER_PROBLEM[server.problem] ?? 'sync_invalid_server_invalid';
    if (!DATABASE_NAME.test(values.database)) e.database = 'sync_invalid_database';
    if (!values.username.trim()) e.username = 'sync_invalid_username';
    if (!values.password) e.password = 'sync_invalid_password';
    if (!values.passphrase) e.passphrase = 'sync_invalid_passphrase_empty';
    else if (mode === 'first' && values.passphrase.length < MIN_SYNC_PASSPHRASE) e.passphrase = 'sync_invalid_passphrase_short';
    else if (mode === 'first' && values.passphrase !== values.passphrase2) e.passphrase2 = 'sync_invalid_passphrase_mismatch';
    return e;
  };

  const clearSecrets = () => setValues((v) => ({ ...v, password: '', passphrase: '', passphrase2: '' }));

  const turnOn = async (input: SyncConfigInput) => {
    setBusy('sync_busy_turning_on');
    try {
      const status = await send({ type: 'sync/turn-on', ...input });
      clearSecrets();
      setPreview(undefined);
      onOn(status);
    } catch (err) {
      setFailure(syncFailureCode(err));
    } finally {
      setBusy(undefined);
    }
  };

  const proceed = async (granted: Promise<boolean>, input: SyncConfigInput) => {
    setBusy('sync_busy_permission');
    try {
      if (!(await granted)) return setFailure('no-permission');
      if (input.mode === 'first') return await turnOn(input);
      setBusy('sync_busy_checking');
      setPreview({ input, counts: await send({ type: 'sync/preview', ...input }) });
    } catch (err) {
      setFailure(syncFailureCode(err));
    } finally {
      setBusy(undefined);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    setPreview(undefined);
    const found = validate();
    setErrors(found);
    const first = (Object.keys(found) as Field[])[0];
    if (first) {
      form.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const server = checkServerAddress(values.server);
    if (!server.ok) return;
    // Before any await: the browser grants a permission only inside the user's click.
    const granted = requestAccess(server.pattern);
    const input: SyncConfigInput = {
      server: server.server,
      database: values.database,
      username: values.username.trim(),
      password: values.password,
      passphrase: values.passphrase,
      mode,
    };
    void proceed(granted, input);
  };

  const field = (name: Field, label: MessageKey, type: 'text' | 'url' | 'password', extra: { autoComplete: string; hint?: MessageKey }) => {
    const error = errors[name];
    const describedBy = [error ? `${id}-${name}-error` : '', extra.hint ? `${id}-${name}-hint` : ''].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{t(label)}</label>
        <input
          id={`${id}-${name}`}
          name={name}
          type={type}
          value={values[name]}
          autoComplete={extra.autoComplete}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => set(name, e.target.value)}
        />
        {extra.hint && (
          <span id={`${id}-${name}-hint`} className="muted small">
            {t(extra.hint)}
          </span>
        )}
        {error && (
          <span id={`${id}-${name}-error`} className="error small">
            {t(error, { min: MIN_SYNC_PASSPHRASE })}
          </span>
        )}
      </div>
    );
  };

  return (
    <form ref={form} className="stack" onSubmit={submit} noValidate>
      <fieldset className="radios stack">
        <legend>{t('sync_which_device')}</legend>
        {(
          [
            ['first', 'sync_mode_first'],
            ['join', 'sync_mode_join'],
          ] as const
        ).map(([m, words]) => (
          <label key={m}>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === m}
              onChange={() => {
                setMode(m);
                setPreview(undefined);
              }}
            />{' '}
            {t(words)}
          </label>
        ))}
      </fieldset>
      {field('server', 'sync_server', 'url', { autoComplete: 'url', hint: 'sync_server_hint' })}
      <div className="row">
        {field('database', 'sync_database', 'text', { autoComplete: 'off' })}
        {field('username', 'sync_username', 'text', { autoComplete: 'username' })}
        {field('password', 'sync_password', 'password', { autoComplete: 'current-password' })}
      </div>
      <div className="row">
        {field('passphrase', 'sync_passphrase', 'password', {
          autoComplete: mode === 'first' ? 'new-password' : 'off',
          hint: mode === 'first' ? 'sync_passphrase_hint_first' : 'sync_passphrase_hint_join',
        })}
        {mode === 'first' && field('passphrase2', 'sync_passphrase_again', 'password', { autoComplete: 'new-password' })}
      </div>
      <div>
        <button type="submit" className="primary" disabled={Boolean(busy)}>
          {t('sync_turn_on')}
        </button>
      </div>
      {busy && (
        <label className="field" role="status">
          <span>{t(busy)}</span>
          <progress />
        </label>
      )}
      {failure && <SyncProblem code={failure} />}
      {preview && (
        <div className="stack sync-preview" role="status">
          <p>
            {preview.counts.people + preview.counts.touches + preview.counts.notes === 0
              ? t('sync_preview_empty')
              : t('sync_preview', {
                  people: t('sync_count_people', { count: preview.counts.people }),
                  touches: t('sync_count_touches', { count: preview.counts.touches }),
                  notes: t('sync_count_notes', { count: preview.counts.notes }),
                })}
          </p>
          <div className="row">
            <button type="button" className="primary" disabled={Boolean(busy)} onClick={() => void turnOn(preview.input)}>
              {t('sync_preview_confirm')}
            </button>
            <button type="button" disabled={Boolean(busy)} onClick={() => setPreview(undefined)}>
              {t('sync_preview_cancel')}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

function SyncOn({ status, onStatus, onOff }: { status: SyncStatus; onStatus: (s: SyncStatus) => void; onOff: (forgot: boolean) => void }) {
  const t = useT();
  const lang = useLang();
  const now = useNow();
  const [busy, setBusy] = useState<MessageKey>();
  const [failure, setFailure] = useState<SyncErrorCode>();
  const [forget, setForget] = useState(false);
  const run = async (key: MessageKey, task: () => Promise<void>) => {
    setBusy(key);
    setFailure(undefined);
    try {
      await task();
    } catch (err) {
      setFailure(syncFailureCode(err));
    } finally {
      setBusy(undefined);
    }
  };
  const syncNow = () => run('sync_busy_syncing', async () => onStatus(await send({ type: 'sync/now' })));
  const allowAccess = () => {
    const server = checkServerAddress(status.server ?? '');
    if (!server.ok) return;
    const granted = requestAccess(server.pattern);
    void run('sync_busy_permission', async () => {
      if (!(await granted)) throw new Error('sync:no-permission');
      onStatus(await send({ type: 'sync/now' }));
    });
  };
  const turnOff = () =>
    run('sync_busy_turning_off', async () => {
      await send({ type: 'sync/turn-off', forgetServerCopy: forget });
      // Access to the server is no longer needed: give it back (a refusal changes nothing for the user).
      const server = checkServerAddress(status.server ?? '');
      if (server.ok) void browser.permissions.remove({ origins: [server.pattern] }).catch(() => undefined);
      onOff(forget);
    });
  const code = failure ?? (status.state === 'error' ? status.error?.code : undefined);
  return (
    <div className="stack">
      <div className="stack" role="status">
        <p>{t('sync_on_with', { server: status.server ?? '', database: status.database ?? '', username: status.username ?? '' })}</p>
        <p>
          {status.state === 'syncing'
            ? t('sync_syncing_now')
            : status.lastSyncedAt !== undefined
              ? t('sync_last_synced', { when: relativeTime(lang, status.lastSyncedAt, Math.max(now, status.lastSyncedAt)) })
              : t('sync_never_synced')}{' '}
          {status.pending > 0 ? t('sync_pending', { count: status.pending }) : status.state === 'idle' ? t('sync_nothing_pending') : ''}
        </p>
        {status.refused > 0 && <p className="error">{t('sync_refused', { count: status.refused })}</p>}
      </div>
      {code && (
        <SyncProblem code={code}>
          {code === 'no-permission' && (
            <div>
              <button type="button" onClick={allowAccess} disabled={Boolean(busy)}>
                {t('sync_allow_access')}
              </button>
            </div>
          )}
        </SyncProblem>
      )}
      <div>
        <button type="button" className="primary" onClick={() => void syncNow()} disabled={Boolean(busy)}>
          {t('sync_now')}
        </button>
      </div>
      <div className="stack">
        <p className="muted small">{t('sync_turn_off_hint')}</p>
        <label>
          <input type="checkbox" checked={forget} onChange={(e) => setForget(e.target.checked)} /> {t('sync_forget_server_copy')}
        </label>
        <div>
          <button type="button" onClick={() => void turnOff()} disabled={Boolean(busy)}>
            {t('sync_turn_off')}
          </button>
        </div>
      </div>
      {busy && (
        <label className="field" role="status">
          <span>{t(busy)}</span>
          <progress />
        </label>
      )}
    </div>
  );
}

export function SyncSection() {
  const t = useT();
  const id = useId();
  const [status, setStatus] = useState<SyncStatus>();
  const [off, setOff] = useState<MessageKey>();
  const read = useCallback(async () => {
    try {
      setStatus(await send({ type: 'sync/status' }));
    } catch {
      // The worker restarting: the next read answers; until then the section keeps what it showed.
    }
  }, []);
  useEffect(() => {
    void read();
    const timer = setInterval(() => void read(), STATUS_EVERY_MS);
    return () => clearInterval(timer);
  }, [read]);
  return (
    <section aria-labelledby={`${id}-h`} className="stack">
      <h2 id={`${id}-h`}>{t('sync_title')}</h2>
      <p className="muted">{t('sync_intro')}</p>
      {off && <p role="status">{t(off)}</p>}
      {!status ? (
        <p className="loading">{t('sync_loading')}</p>
      ) : status.state === 'off' ? (
        <SetupForm
          onOn={(s) => {
            setOff(undefined);
            setStatus(s);
          }}
        />
      ) : (
        <SyncOn
          status={status}
          onStatus={setStatus}
          onOff={(forgot) => {
            setOff(forgot ? 'sync_turned_off_forgot' : 'sync_turned_off');
            setStatus({ state: 'off', pending: 0, refused: 0 });
          }}
        />
      )}
    </section>
  );
}
