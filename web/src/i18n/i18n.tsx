// Tiny typed i18n: zh-CN by default, English on request, the choice kept in localStorage.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './messages-en.ts';
import { zh, type MessageKey } from './messages-zh.ts';

export type Lang = 'zh-CN' | 'en-US';
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;
/** A bilingual label as the shared domain modules declare them (ROLE_LABELS, PLACE_KIND_LABELS…). */
export interface DomainLabel {
  zh: string;
  en: string;
}

const STORAGE_KEY = 'cordon.lang';
const DICTS: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, 'en-US': en };

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function hasMessage(key: string): key is MessageKey {
  return key in zh;
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** Picks the current language from a domain label. */
  label: (l: DomainLabel | undefined, fallback?: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = DICTS[lang];
    return {
      lang,
      setLang,
      t: (key, vars) => format(dict[key] ?? key, vars),
      label: (l, fallback = '') => (l ? (lang === 'zh-CN' ? l.zh : l.en) : fallback),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export type { MessageKey };
