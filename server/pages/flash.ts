// One-time messages after a form (CKAN's flash): set before a redirect, shown once by the next page in
// its role="status" region (views/layouts/main.hbs), kept in the session so that any instance shows it.
import { Request } from 'express';

export interface Flash {
  kind: 'success' | 'error' | 'info';
  message: string;
}

declare module 'express-session' {
  interface SessionData {
    flash?: Flash;
  }
}

/** For the page the redirect leads to. Without a session (none yet) there is nowhere to keep it: nothing is shown. */
export function setFlash(req: Request, kind: Flash['kind'], message: string): void {
  if (req.session) req.session.flash = { kind, message: message.slice(0, 500) };
}

/** The message waiting for this page, removed as it is read. */
export function takeFlash(req: Request): Flash | null {
  const flash = req.session?.flash;
  if (!flash) return null;
  delete req.session.flash;
  return flash;
}
