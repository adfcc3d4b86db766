import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ru } from './ru';
import { zh } from './zh';
import { coordinationEn } from './coordination/en';
import { withCoordination } from './coordination/merge';
import { coordinationRu } from './coordination/ru';
import { coordinationZh } from './coordination/zh';
import { triageEn } from './triage/en';
import { triageRu } from './triage/ru';
import { triageZh } from './triage/zh';
import { clustersEn } from './clusters/en';
import { clustersRu } from './clusters/ru';
import { clustersZh } from './clusters/zh';
import { complaintsEn } from './complaints/en';
import { complaintsRu } from './complaints/ru';
import { complaintsZh } from './complaints/zh';
import { titlesEn } from './titles/en';
import { titlesRu } from './titles/ru';
import { titlesZh } from './titles/zh';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh', name: '中文（简体）' },
  { code: 'ru', name: 'Русский' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORED = 'concord.language';
const isLanguage = (s: string | null | undefined): s is Language => LANGUAGES.some((l) => l.code === s);

/** The stored choice, else the first of the browser's languages we speak, else English. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORED);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Switches the interface language, remembers it on this browser, and tells assistive technology. */
export async function setLanguage(code: Language): Promise<void> {
  localStorage.setItem(STORED, code);
  await i18next.changeLanguage(code);
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng === 'zh' ? 'zh-Hans' : lng;
});

/** A language's messages: the console's own with each page set's merged in (each set lives in its own folder). */
const messages = <T extends object>(base: T, ...sets: object[]): T => sets.reduce<T>((all, set) => withCoordination(all, set), base);

export function initI18n(): Promise<unknown> {
  return i18next.use(initReactI18next).init({
    resources: {
      en: { translation: messages(en, coordinationEn, clustersEn, complaintsEn, titlesEn, triageEn) },
      zh: { translation: messages(zh, coordinationZh, clustersZh, complaintsZh, titlesZh, triageZh) },
      ru: { translation: messages(ru, coordinationRu, clustersRu, complaintsRu, titlesRu, triageRu) },
    },
    lng: initialLanguage(),
    fallbackLng: 'en',
    // React escapes every value; i18next must not escape a second time.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}
