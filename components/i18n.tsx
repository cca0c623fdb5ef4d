import { create } from 'zustand';
import { useCallback } from 'react';
import { translate, type Lang, type MessageKey, type Params } from '@/lib/i18n';

interface UiState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

/** UI state shared by a page's components: the language (theme lives on <html>). */
export const useUiStore = create<UiState>((set) => ({
  lang: 'en',
  setLang: (lang) => set({ lang }),
}));

export type TFunction = (key: MessageKey, params?: Params) => string;

export function useT(): TFunction {
  const lang = useUiStore((s) => s.lang);
  return useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
}

export function useLang(): Lang {
  return useUiStore((s) => s.lang);
}
