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

/** A UI string with {placeholders} filled in. */
export function translate(lang: Lang, key: MessageKey | string, params: Record<string, unknown> = {}): string {
  const messages = LANGS[lang] as Record<string, string>;
  const template = messages[key] ?? (it as Record<string, string>)[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => (params[name] === undefined ? `{${name}}` : String(params[name])));
}
