// CSRF protection for the HTML forms: a synchronizer token kept in the session (csrf-sync).
// Multipart forms cannot be read before their body is streamed, so they carry the token in the
// action URL too (?_csrf=...). Token-authenticated calls carry no cookie, hence no CSRF risk.
import { Request } from 'express';
import { csrfSync } from 'csrf-sync';

const { csrfSynchronisedProtection, invalidCsrfTokenError } = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    const fromQuery = req.query._csrf;
    const value = fromBody ?? fromQuery ?? req.headers['x-csrf-token'];
    return typeof value === 'string' ? value : undefined;
  },
  skipCsrfProtection: (req: Request) => req.viaToken,
});

export const csrfProtection = csrfSynchronisedProtection;

export function isCsrfError(error: unknown): boolean {
  return error === invalidCsrfTokenError || (error as { code?: string })?.code === invalidCsrfTokenError.code;
}
