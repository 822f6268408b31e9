// Graceful shutdown on SIGTERM or SIGINT: stop accepting connections, let requests in flight finish
// within a bound, stop background work (so that jobs stay resumable), close the database, exit 0.
// A second signal exits at once.
import { Server, ServerResponse } from 'node:http';
import { Express } from 'express';
import { Services } from '../core/context';
import { markDraining } from './health';
import { logger } from './log';

/** Background work started at boot (the jobs runner, timers) that must stop before the database closes. */
export interface Stoppable {
  name: string;
  stop(): Promise<void> | void;
}

export interface ShutdownPlan {
  server: Server;
  app: Express;
  services: Services;
  /** Closes the services (the database last): the composition root hands it over. */
  closeServices(services: Services): Promise<void>;
  /** Stopped in parallel with the draining of requests. */
  background: Stoppable[];
  seconds: number;
}

/** While draining, idle connections are looked for this often (a body read after its answer, say). */
const IDLE_SWEEP_MS = 200;

/**
 * Keep-alive connections must not hold the process open: once draining, every response not yet
 * started says `Connection: close`, each connection is closed as soon as its last response is sent,
 * and idle ones are swept until the server has closed.
 */
function connectionCloser(server: Server): { drain(): void; stop(): void } {
  let draining = false;
  let sweep: NodeJS.Timeout | undefined;
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    if (draining) res.setHeader('Connection', 'close');
    res.on('close', () => inFlight.delete(res));
    res.on('finish', () => {
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    drain() {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      server.closeIdleConnections();
      sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      sweep.unref();
    },
    stop: () => clearInterval(sweep),
  };
}

function after(seconds: number): { done: Promise<'timeout'>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), seconds * 1000); });
  return { done, cancel: () => clearTimeout(timer) };
}

async function stopBackground(background: Stoppable[]): Promise<void> {
  await Promise.all(background.map(async (work) => {
    try {
      await work.stop();
    } catch (error) {
      logger.error({ err: error, work: work.name }, `arresto di ${work.name} non riuscito`);
    }
  }));
}

async function shutdown(plan: ShutdownPlan, connections: ReturnType<typeof connectionCloser>, signal: string): Promise<void> {
  const { server, services, seconds } = plan;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  connections.drain();
  // Said once the listening socket is closed: whoever reads this line finds the port refused.
  logger.info({ signal, seconds }, 'arresto: nessuna nuova connessione, attendo le richieste in corso');
  const deadline = after(seconds);
  const outcome = await Promise.race([Promise.all([closed, stopBackground(plan.background)]), deadline.done]);
  deadline.cancel();
  if (outcome === 'timeout') {
    logger.warn({ seconds }, 'arresto: tempo scaduto, chiudo le connessioni ancora aperte');
    server.closeAllConnections();
    await closed;
  }
  connections.stop();
  await plan.closeServices(services);
  logger.info('arresto completato');
}

/** Installs the signal handlers; call once, right after listen(). */
export function handleShutdownSignals(plan: ShutdownPlan): void {
  let draining = false;
  const connections = connectionCloser(plan.server);
  const onSignal = (signal: NodeJS.Signals) => {
    if (draining) {
      logger.warn({ signal }, 'secondo segnale: uscita immediata');
      process.exit(1);
    }
    draining = true;
    markDraining(plan.app);
    shutdown(plan, connections, signal).then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'arresto non riuscito');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
