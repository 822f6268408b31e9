// Probes for load balancers and orchestrators. /healthz: the process answers (no database access).
// /readyz: the database answers and every migration this code knows is applied; 503 otherwise, and
// from the moment a shutdown begins, so that traffic drains away before the process stops.
import { Express, Request, Response, Router } from 'express';
import { DataSource } from 'typeorm';
import { Services } from '../core/context';
import { isPostgres } from '../db/dialect';
import { knownMigrationNames } from './migration-names';

/** A database that does not answer within this time is reported as unreachable. */
const READINESS_TIMEOUT_MS = 3000;
const DRAINING = 'catalogoDraining';

/** From now on /readyz answers 503: the process is shutting down. */
export function markDraining(app: Express): void {
  app.locals[DRAINING] = true;
}

interface Readiness {
  ready: boolean;
  body: Record<string, unknown>;
}

async function appliedMigrationNames(db: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> = await db.query('SELECT name FROM migrations');
  return rows.map((row) => row.name);
}

async function databaseReadiness(db: DataSource): Promise<Readiness> {
  const database = isPostgres(db) ? 'postgres' : 'sqlite';
  if (!db.isInitialized) return { ready: false, body: { status: 'unavailable', database, reason: 'database chiuso' } };
  const applied = new Set(await appliedMigrationNames(db));
  const pending = knownMigrationNames().filter((name) => !applied.has(name));
  if (pending.length) return { ready: false, body: { status: 'unavailable', database, reason: 'migrazioni da applicare', pending } };
  return { ready: true, body: { status: 'ok', database, migrations: applied.size } };
}

function withTimeout(check: Promise<Readiness>): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, body: { status: 'unavailable', reason: 'il database non risponde' } }), READINESS_TIMEOUT_MS);
  });
  return Promise.race([check, timeout]).finally(() => clearTimeout(timer));
}

async function readiness(req: Request, services: Services): Promise<Readiness> {
  if (req.app.locals[DRAINING]) return { ready: false, body: { status: 'draining', reason: 'arresto in corso' } };
  try {
    return await withTimeout(databaseReadiness(services.db));
  } catch {
    return { ready: false, body: { status: 'unavailable', reason: 'database non raggiungibile' } };
  }
}

export function healthRouter(services: Services): Router {
  const router = Router();
  router.get('/healthz', (_req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (req: Request, res: Response) => {
    const { ready, body } = await readiness(req, services);
    res.status(ready ? 200 : 503).set('Cache-Control', 'no-store').json(body);
  });
  return router;
}
