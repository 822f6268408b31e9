// One log line per request (pino-http): request id, method, path, status, duration, user name.
// Never a header, a body or a secret query parameter: a log must not hand out tokens or passwords.
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { Logger, LevelWithSilent } from 'pino';
import { pinoHttp } from 'pino-http';

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

function levelFor(req: IncomingMessage, res: ServerResponse, error?: Error): LevelWithSilent {
  if (HEALTH_PATHS.has(pathOf(req))) return 'debug';
  return error || res.statusCode >= 500 ? 'error' : 'info';
}

/** The request log middleware, on `logger`: req.log is the request's logger, carrying its id. */
export function httpLogging(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger,
    genReqId: requestId,
    // Every line logged through req.log carries the request id as `reqId`.
    quietReqLogger: true,
    customLogLevel: levelFor,
    wrapSerializers: false,
    serializers: {
      req: (req: Request) => ({ method: req.method, url: loggedUrl(req.originalUrl ?? req.url) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    // Called again when the response is done, after identify() has told who asked.
    customProps: (req: IncomingMessage) => {
      const actor = (req as Request).actor;
      return actor ? { user: actor.name } : {};
    },
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    middleware(req, res);
    next();
  };
}
