// HTML pages. Placeholder wiring until the pages land: every route goes through actions.
import { Request, Response, Router } from 'express';
import { Services } from '../core/context';

export function pagesRouter(_services: Services): Router {
  return Router();
}

export function renderErrorPage(_req: Request, res: Response, status: number, _error: unknown): void {
  res.status(status).type('text/plain').send(status === 404 ? 'Pagina non trovata' : 'Errore');
}
