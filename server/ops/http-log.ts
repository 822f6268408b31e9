// One log line per request: request id, method, path, status, duration, user name.
// Never a header, a body or a secret query parameter: a log must not hand out tokens or passwords.
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { Logger, LevelWithSilent } from 'pino';

/** An incoming X-Request-Id is kept only if it is short and plain (a proxy's UUID, a trace id). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@\/+=-]{1,128}$/;
/** Query parameters that may carry credentials (?token=, ?api_key=, ?_csrf=...) are left out. */
const SECRET_PARAMETER = /token|key|secret|pass|pwd|auth|session|sid|csrf|signature/i;
/** Probes call these every few seconds: logged at debug only. */
export const HEALTH_PATHS = new Set(['/healthz', '/readyz']);

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The path and query as logged: secret-looking parameters dropped, an unparsable query dropped whole. */
export function loggedUrl(raw: string): string {
  const [path, query] = raw.split(/\?(.*)/s, 2);
  if (!query) return path;
  try {
    const params = new URLSearchParams(query);
    for (const name of [...params.keys()]) if (SECRET_PARAMETER.test(name)) params.delete(name);
    const kept = params.toString();
    return kept ? `${path}?${kept}` : path;
  } catch {
    return path;
  }
}

function pathOf(req: IncomingMessage): string {
  return ((req as Request).originalUrl ?? req.url ?? '').split('?', 1)[0];
}

function levelFor(req: IncomingMessage, res: ServerResponse): LevelWithSilent {
  if (HEALTH_PATHS.has(pathOf(req))) return 'debug';
  return res.statusCode >= 500 ? 'error' : 'info';
}

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's logger: every line carries the request id as `reqId`. */
    log: Logger;
  }
}

/**
 * The request log middleware, on `logger`: one line when the response is sent (or the client goes
 * away first). Written here rather than with pino-http, which makes a child logger for every request:
 * that cost as much as serving a kept dataset. req.log is made only when a handler logs.
 */
export function httpLogging(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const reqId = requestId(req, res);
    const startedAt = performance.now();
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, get: () => (child ??= logger.child({ reqId })) });
    const done = () => {
      res.removeListener('finish', done);
      res.removeListener('close', done);
      const level = res.writableFinished ? levelFor(req, res) : 'warn';
      if (!logger.isLevelEnabled(level)) return;
      const line: Record<string, unknown> = {
        reqId,
        req: { method: req.method, url: loggedUrl(req.originalUrl ?? req.url) },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - startedAt),
      };
      // identify() has told who asked by now; never more than the name.
      if (req.actor) line.user = req.actor.name;
      const outcome = res.writableFinished ? String(res.statusCode) : 'interrotta dal client';
      logger[level as Exclude<LevelWithSilent, 'silent'>](line, `${req.method} ${pathOf(req)} ${outcome}`);
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
