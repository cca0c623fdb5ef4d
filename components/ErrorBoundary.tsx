/**
 * The last line of a page: when rendering fails (a value no screen expected), the
 * page shows what the user can still do instead of going blank: reset the
 * settings, and save a backup of everything there is. Every Kith page wraps its
 * app in one.
 */
import { Component, useState, type ReactNode } from 'react';
import type { MessageKey } from '@/lib/i18n';
import { useT } from './i18n';

export interface WayOut {
  /** Put the default settings back (then the page tries again). */
  resetSettings?: () => Promise<unknown>;
  /** Save a backup of what there is; resolves to the file name. */
  exportData?: () => Promise<string>;
}

function Fallback({ wayOut, retry }: { wayOut: WayOut; retry: () => void }) {
  const t = useT();
  const [msg, setMsg] = useState<{ key: MessageKey; file?: string; error?: boolean }>();
  const run = async (fn: () => Promise<unknown>, done: (r: unknown) => void) => {
    setMsg(undefined);
    try {
      done(await fn());
    } catch {
      setMsg({ key: 'page_error_failed', error: true });
    }
  };
  return (
    <div className="page-error stack" role="alert">
      <h1>{t('page_error_title')}</h1>
      <p>{t(wayOut.resetSettings || wayOut.exportData ? 'page_error_body' : 'page_error_elsewhere')}</p>
      <div className="row">
        {wayOut.resetSettings && (
          <button type="button" className="primary" onClick={() => void run(wayOut.resetSettings!, retry)}>
            {t('page_error_reset')}
          </button>
        )}
        {wayOut.exportData && (
          <button type="button" onClick={() => void run(wayOut.exportData!, (file) => setMsg({ key: 'backup_saved', file: String(file) }))}>
            {t('page_error_export')}
          </button>
        )}
      </div>
      {msg && (
        <p className={msg.error ? 'error' : undefined} role={msg.error ? 'alert' : 'status'}>
          {msg.file ? t(msg.key, { file: msg.file }) : t(msg.key)}
        </p>
      )}
    </div>
  );
}

/**
 * `wayOut`: what the fallback offers. Every extension page, the in-page card's
 * frame included, passes PAGE_WAY_OUT (`./PageErrorBoundary`); a surface that
 * reaches neither the database nor storage would pass none, and the text points to
 * the options page.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; wayOut: WayOut }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    // For the extension's own console; nothing leaves the device.
    console.error('Kith: a page failed to render', error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <Fallback wayOut={this.props.wayOut} retry={() => this.setState({ failed: false })} />;
  }
}
