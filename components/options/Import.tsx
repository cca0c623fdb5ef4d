import { useId, useRef, useState, type DragEvent } from 'react';
import { getDb } from '@/lib/db/db';
import { applyImport, type ApplyProgress, type ApplyReport } from '@/lib/db/writes';
import { readExisting } from '@/lib/db/read';
import type { MessageKey } from '@/lib/i18n';
import { mergePlan, type MergePlan } from '@/lib/import/merge';
import type { ImportSkipReason, ParseKind } from '@/lib/import/types';
import { currentWriteCtx, useSettings } from '@/components/settings-store';
import { useT } from '@/components/i18n';
import { parseFiles, type ParseProgress } from '@/lib/import/parse-worker';
import { navigate } from '@/lib/ui/route';
import { SKIP_REASONS, failureKey } from '@/lib/ui/failure-words';

const KIND_LABEL: Record<ParseKind, MessageKey> = {
  'linkedin-connections': 'import_kind_connections',
  'linkedin-messages': 'import_kind_messages',
  'linkedin-invitations': 'import_kind_invitations',
  vcard: 'import_kind_vcard',
  'google-csv': 'import_kind_google',
  'outlook-csv': 'import_kind_outlook',
};

type State =
  | { step: 'idle' }
  | { step: 'reading'; progress: ParseProgress }
  | { step: 'preview'; plan: MergePlan; kinds: ParseKind[] }
  | { step: 'applying'; plan: MergePlan; progress: ApplyProgress }
  | { step: 'done'; report: ApplyReport }
  | { step: 'error'; key: MessageKey; file?: string };

function skipCounts(plan: MergePlan): Array<[ImportSkipReason, number]> {
  const m = new Map<ImportSkipReason, number>();
  for (const s of plan.skipped) m.set(s.reason, (m.get(s.reason) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

/** A labelled progress bar with its Cancel button; `live`: the label is also announced as a status. */
function Progress({
  label,
  live,
  progress,
  cancel,
  onCancel,
}: {
  label: string;
  live?: boolean;
  progress: { done: number; total: number };
  cancel: string;
  onCancel: () => void;
}) {
  return (
    <div className="stack">
      <label className="field">
        {live ? (
          <span role="status" className="loading">
            {label}
          </span>
        ) : (
          <span>{label}</span>
        )}
        <progress max={Math.max(1, progress.total)} value={progress.done} />
      </label>
      <div>
        <button type="button" onClick={onCancel}>
          {cancel}
        </button>
      </div>
    </div>
  );
}

export function ImportSection() {
  const keepText = useSettings((s) => s.keepMessageText);
  const t = useT();
  const id = useId();
  const [state, setState] = useState<State>({ step: 'idle' });
  const [over, setOver] = useState(false);
  const abort = useRef<AbortController | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);

  const pick = async (list: FileList | null) => {
    const files = list ? [...list] : [];
    if (files.length === 0) return;
    const ctrl = new AbortController();
    abort.current = ctrl;
    setState({ step: 'reading', progress: { done: 0, total: 1 } });
    try {
      const now = Date.now();
      const results = await parseFiles({ files, now, keepText }, { signal: ctrl.signal, onProgress: (progress) => setState({ step: 'reading', progress }) });
      const plan = mergePlan(await readExisting(getDb()), results);
      setState({ step: 'preview', plan, kinds: [...new Set(results.map((r) => r.kind))] });
    } catch (err) {
      if (ctrl.signal.aborted) {
        setState({ step: 'idle' });
        return;
      }
      const file = err && typeof err === 'object' && 'file' in err ? String((err as { file: unknown }).file) : undefined;
      setState({ step: 'error', key: failureKey(err), ...(file ? { file } : {}) });
    } finally {
      abort.current = undefined;
      if (input.current) input.current.value = '';
    }
  };

  const apply = async (plan: MergePlan) => {
    const ctrl = new AbortController();
    abort.current = ctrl;
    setState({ step: 'applying', plan, progress: { done: 0, total: 1 } });
    try {
      const report = await applyImport(getDb(), plan, currentWriteCtx(), {
        signal: ctrl.signal,
        onProgress: (progress) => setState({ step: 'applying', plan, progress }),
      });
      setState({ step: 'done', report });
    } catch (err) {
      setState({ step: 'error', key: failureKey(err) });
    } finally {
      abort.current = undefined;
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void pick(e.dataTransfer.files);
  };

  const busy = state.step === 'reading' || state.step === 'applying';
  return (
    <section aria-labelledby={`${id}-h`} className="stack">
      <h2 id={`${id}-h`}>{t('options_import')}</h2>
      <p className="muted">{t('import_intro')}</p>
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label className="field">
          <span>{t('import_pick')}</span>
          <input
            ref={input}
            type="file"
            multiple
            accept=".zip,.csv,.vcf,.vcard,.txt,application/zip,text/csv,text/vcard"
            disabled={busy}
            onChange={(e) => void pick(e.target.files)}
          />
        </label>
        <p className="muted small">{t('import_drop')}</p>
      </div>
      <p className="muted small">{t(keepText ? 'import_keep_text_on' : 'import_keep_text_off')}</p>

      {state.step === 'reading' && (
        <Progress label={t('import_reading')} live progress={state.progress} cancel={t('opt_cancel')} onCancel={() => abort.current?.abort()} />
      )}

      {state.step === 'preview' && (
        <div className="import-preview stack" role="region" aria-label={t('import_preview')}>
          <h3>{t('import_preview')}</h3>
          <p className="muted small">{t('import_found', { files: state.kinds.map((k) => t(KIND_LABEL[k])).join(', ') })}</p>
          <ul className="plain-list preview-counts">
            <li>{t('import_new', { count: state.plan.counts.new })}</li>
            <li>{t('import_updated', { count: state.plan.counts.updated })}</li>
            <li>{t('import_touches', { count: state.plan.counts.touches })}</li>
            {state.plan.counts.duplicateTouches > 0 && <li>{t('import_touches_known', { count: state.plan.counts.duplicateTouches })}</li>}
            <li>{t('import_skipped', { count: state.plan.counts.skipped })}</li>
          </ul>
          {state.plan.skipped.length > 0 && (
            <ul className="skips small">
              {skipCounts(state.plan).map(([reason, n]) => (
                <li key={reason}>{t('import_skip_line', { count: n, reason: t(SKIP_REASONS[reason]) })}</li>
              ))}
            </ul>
          )}
          {state.plan.counts.new + state.plan.counts.updated + state.plan.counts.touches === 0 ? (
            <div className="row">
              <p className="grow">{t('import_nothing_new')}</p>
              <button type="button" onClick={() => setState({ step: 'idle' })}>
                {t('opt_close')}
              </button>
            </div>
          ) : (
            <div className="row">
              <button type="button" className="primary" onClick={() => void apply(state.plan)}>
                {t('import_confirm')}
              </button>
              <button type="button" onClick={() => setState({ step: 'idle' })}>
                {t('opt_cancel')}
              </button>
            </div>
          )}
          <p className="muted small">{t('import_never_overwrites')}</p>
        </div>
      )}

      {state.step === 'applying' && (
        <Progress label={t('import_applying')} progress={state.progress} cancel={t('opt_cancel')} onCancel={() => abort.current?.abort()} />
      )}

      {state.step === 'done' && (
        <div className="stack import-report" role="status">
          <p>{t('import_done', { created: state.report.created, updated: state.report.updated, touches: state.report.touches })}</p>
          <div className="row">
            <button type="button" className="primary" onClick={() => navigate({ section: 'people' })}>
              {t('import_see_people')}
            </button>
            <button type="button" onClick={() => setState({ step: 'idle' })}>
              {t('opt_close')}
            </button>
          </div>
        </div>
      )}

      {state.step === 'error' && (
        <div className="stack" role="alert">
          <p className="error">{state.file ? t('import_error_in_file', { file: state.file, message: t(state.key) }) : t(state.key)}</p>
          <p className="muted small">{t('import_nothing_written')}</p>
        </div>
      )}
    </section>
  );
}
