import { useEffect } from 'react';
import { create } from 'zustand';
import { useT } from '@/components/i18n';

interface Toast {
  id: number;
  text: string;
  actionLabel?: string;
  onAction?: () => void;
  until: number;
}

interface ToastState {
  toast?: Toast;
  show: (t: Omit<Toast, 'id' | 'until'> & { ms?: number }) => void;
  dismiss: (id?: number) => void;
}

let seq = 0;

/** One toast at a time (a newer one replaces it), e.g. "Deleted. Undo" for 10 s. */
export const useToasts = create<ToastState>((set, get) => ({
  show: ({ ms = 10_000, ...t }) => set({ toast: { ...t, id: ++seq, until: Date.now() + ms } }),
  dismiss: (id) => {
    if (id === undefined || get().toast?.id === id) set({ toast: undefined });
  },
}));

export function ToastHost() {
  const t = useT();
  const toast = useToasts((s) => s.toast);
  const dismiss = useToasts((s) => s.dismiss);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => dismiss(toast.id), Math.max(0, toast.until - Date.now()));
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className="toast-host" role="status" aria-live="polite">
      {toast && (
        <div className="toast">
          <span>{toast.text}</span>
          {toast.actionLabel && toast.onAction && (
            <button
              type="button"
              onClick={() => {
                dismiss(toast.id);
                toast.onAction?.();
              }}
            >
              {toast.actionLabel}
            </button>
          )}
          <button type="button" className="link" onClick={() => dismiss(toast.id)}>
            {t('opt_close')}
          </button>
        </div>
      )}
    </div>
  );
}
