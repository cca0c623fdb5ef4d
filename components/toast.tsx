import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import { useT, useUiStore } from '@/components/i18n';
import { translate } from '@/lib/i18n';
import { refreshBadge } from '@/lib/ui/badge';
import { errorKey } from '@/lib/ui/write-ctx';

interface Toast {
  id: number;
  text: string;
  actionLabel?: string;
  onAction?: () => void;
  /** How long it stays, not counting the time it is hovered or focused. */
  ms: number;
  /** The action's keyboard shortcut (Ctrl/⌘+Z for an undo). */
  undo?: boolean;
}

interface ToastState {
  toast?: Toast;
  show: (t: Omit<Toast, 'id' | 'ms'> & { ms?: number }) => void;
  dismiss: (id?: number) => void;
}

let seq = 0;

/** One toast at a time (a newer one replaces it), e.g. "Deleted. Undo" for 10 s. Shared by the popup, side panel and options page. */
export const useToasts = create<ToastState>((set, get) => ({
  show: ({ ms = 10_000, ...t }) => set({ toast: { ...t, id: ++seq, ms } }),
  dismiss: (id) => {
    if (id === undefined || get().toast?.id === id) set({ toast: undefined });
  },
}));

/** How long an "Undo" stays: long enough to Tab to it (and it waits while hovered or focused). */
export const UNDO_MS = 8_000;

/**
 * Offer to undo a write just made: `apply` puts it back (`applyUndo` on its
 * record). Afterwards the toolbar badge counts again, and the toast says whether
 * it worked; an undo refused because the rows changed since says so in words.
 */
export function offerUndo(text: string, apply: () => Promise<void>, after?: () => void): void {
  const { show } = useToasts.getState();
  const lang = useUiStore.getState().lang;
  show({
    text,
    actionLabel: translate(lang, 'undo_action'),
    ms: UNDO_MS,
    undo: true,
    onAction: () =>
      void apply().then(
        () => {
          refreshBadge();
          show({ text: translate(lang, 'undo_undone'), ms: 4_000 });
          after?.();
        },
        (err: unknown) => {
          // Refused here (`UndoConflict`), or by the background for a page that asked it by message.
          const conflict = err instanceof Error && (err.name === 'UndoConflict' || err.message === 'undo-conflict');
          show({ text: translate(lang, conflict ? 'undo_conflict' : (errorKey(err) as 'error_generic')), ms: 8_000 });
        },
      ),
  });
}

function editable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * Where the toast shows. Announced politely (a live region that is always in the
 * page, so screen readers hear what appears in it). The timer stops while the
 * pointer is over the toast or focus is inside it, and starts again from where it
 * was. Ctrl+Z (⌘Z) outside a text field takes the offered undo. `inline`: in
 * the flow of the page (the in-page card's frame is as tall as its content).
 */
export function ToastHost({ inline = false }: { inline?: boolean }) {
  const t = useT();
  const toast = useToasts((s) => s.toast);
  const dismiss = useToasts((s) => s.dismiss);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const left = useRef<{ id: number; ms: number }>(undefined);
  const paused = hovered || focused;
  useEffect(() => {
    if (!toast) return;
    if (left.current?.id !== toast.id) left.current = { id: toast.id, ms: toast.ms };
    if (paused) return;
    const started = Date.now();
    const remaining = left.current.ms;
    const timer = setTimeout(() => dismiss(toast.id), remaining);
    return () => {
      clearTimeout(timer);
      if (left.current?.id === toast.id) left.current.ms = Math.max(0, remaining - (Date.now() - started));
    };
  }, [toast, paused, dismiss]);
  useEffect(() => {
    if (!toast?.undo || !toast.onAction) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'z' || !(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || editable(e.target)) return;
      e.preventDefault();
      dismiss(toast.id);
      toast.onAction?.();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [toast, dismiss]);
  return (
    <div className={inline ? 'toast-host toast-inline' : 'toast-host'} role="status" aria-live="polite">
      {toast && (
        <div
          className="toast"
          onMouseEnter={() => setHovered(true)}
          onMouseLeave={() => setHovered(false)}
          onFocus={() => setFocused(true)}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
          }}
        >
          <span>{toast.text}</span>
          {toast.actionLabel && toast.onAction && (
            <button
              type="button"
              {...(toast.undo ? { 'aria-keyshortcuts': 'Control+Z Meta+Z' } : {})}
              onClick={() => {
                setFocused(false);
                dismiss(toast.id);
                toast.onAction?.();
              }}
            >
              {toast.actionLabel}
            </button>
          )}
          <button
            type="button"
            className="link"
            onClick={() => {
              setFocused(false);
              dismiss(toast.id);
            }}
          >
            {t('opt_close')}
          </button>
        </div>
      )}
    </div>
  );
}
