// Language choice: ?lang=en|it (remembered in a cookie), else the cookie, else Accept-Language; Italian by default.
import { NextFunction, Request, Response } from 'express';
import { en } from './en';
import { it, MessageKey, Messages } from './it';

export type Lang = 'it' | 'en';
export const LANGS: Record<Lang, Messages> = { it, en };
const COOKIE = 'catalogo_lang';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      lang: Lang;
    }
  }
}

function isLang(value: unknown): value is Lang {
  return value === 'it' || value === 'en';
}

function cookieLang(req: Request): string | undefined {
  const match = /(?:^|;\s*)catalogo_lang=(it|en)(?:;|$)/.exec(req.headers.cookie ?? '');
  return match?.[1];
}

/** The language without remembering anything: query, cookie, Accept-Language, Italian. */
export function detectLanguage(req: Request): Lang {
  const asked = req.query?.lang;
  if (isLang(asked)) return asked;
  const remembered = cookieLang(req);
  if (isLang(remembered)) return remembered;
  return (req.acceptsLanguages('it', 'en') || 'it') as Lang;
}

export function chooseLanguage(req: Request, res: Response, next: NextFunction): void {
  req.lang = detectLanguage(req);
  if (isLang(req.query.lang)) res.cookie(COOKIE, req.query.lang, { httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 * 1000 });
  next();
}

/** The BCP 47 locale a language's numbers, dates and plurals follow (British English: day before month). */
export const LOCALES: Record<Lang, string> = { it: 'it-IT', en: 'en-GB' };

// Intl objects are costly to build: one of each per language, made once.
const pluralRules: Record<Lang, Intl.PluralRules> = { it: new Intl.PluralRules(LOCALES.it), en: new Intl.PluralRules(LOCALES.en) };
const integers: Record<Lang, Intl.NumberFormat> = { it: new Intl.NumberFormat(LOCALES.it), en: new Intl.NumberFormat(LOCALES.en) };

function langOf(lang: string | undefined): Lang {
  return lang === 'en' ? 'en' : 'it';
}

/** 11802 → "11.802" in Italian, "11,802" in English; anything not a finite number as text. */
export function formatNumber(lang: string, value: unknown): string {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? integers[langOf(lang)].format(n) : String(value ?? '');
}

/**
 * The message's key for `count`: "search.results_one" for 1 in English ("_other" otherwise, and for any
 * category the catalogue lacks), or the bare key when the message has no plural forms.
 */
function pluralKey(lang: Lang, key: string, count: unknown, has: (key: string) => boolean): string {
  const n = typeof count === 'number' ? count : typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : NaN;
  if (!Number.isFinite(n)) return key;
  const exact = `${key}_${n}`; // "_0" for a sentence of its own ("No dataset"), where a catalogue has one
  if (has(exact)) return exact;
  const category = `${key}_${pluralRules[lang].select(n)}`;
  if (has(category)) return category;
  return has(`${key}_other`) ? `${key}_other` : key;
}

/**
 * A UI string with {placeholders} filled in. A numeric `count` picks the plural form (`key_one`,
 * `key_other`, by Intl.PluralRules) and is written as the language writes numbers.
 */
export function translate(lang: Lang, key: MessageKey | string, params: Record<string, unknown> = {}): string {
  const chosen = langOf(lang);
  const messages = LANGS[chosen] as Record<string, string>;
  const fallback = it as Record<string, string>;
  const has = (k: string) => messages[k] !== undefined || fallback[k] !== undefined;
  const wanted = 'count' in params ? pluralKey(chosen, key, params.count, has) : key;
  const template = messages[wanted] ?? fallback[wanted] ?? key;
  const filled: Record<string, unknown> = typeof params.count === 'number' ? { ...params, count: formatNumber(chosen, params.count) } : params;
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => (filled[name] === undefined ? `{${name}}` : String(filled[name])));
}

/** A licence's title in `lang`: the catalogue's own where the licence list's is Italian, else `listed` (license_title). */
export function licenceTitle(lang: Lang, id: string | null | undefined, listed = ''): string {
  const key = `licence.title.${id ?? ''}`;
  const text = translate(lang, key);
  return text === key ? listed || id || '' : text;
}
