// createApp(services): the Express app without listen(), so tests drive it directly.
import compression from 'compression';
import express, { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { assets } from './core/assets';
import { Services } from './core/context';
import { downloadRouter } from './files/download';
import { datastoreDumpRouter } from './datastore/dump';
import { apiRouter, errorEnvelope } from './http/api';
import { apiDocsRouter } from './http/api-docs';
import { apiRateLimit } from './http/api-rate-limit';
import { identify } from './http/identify';
import { DatabaseSessionStore, sessionSecret } from './auth/session-store';
import { pagesRouter, renderErrorPage } from './pages/router';
import { feedsRouter } from './feeds/routes';
import { dcatRouter } from './dcat/routes';
import { healthRouter } from './ops/health';
import { httpLogging } from './ops/http-log';
import { logger } from './ops/log';
import type { Logger } from 'pino';

/** CORS for the API and downloads, without credentials: any site may read public data. */
function openCors(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-CKAN-API-Key, Range');
  res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, ETag, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.status(204).end();
    return;
  }
  next();
}

const SESSION_COOKIE = 'catalogo.sid';

/**
 * Login sessions, for the pages and for API reads by a logged-in browser. An API call without the
 * cookie has no session to load and never gets one (API clients authenticate with tokens): it skips
 * the middleware, which would otherwise make and sign a throw-away session on every call.
 */
async function sessions(services: Services, secure: boolean): Promise<express.RequestHandler> {
  const middleware = session({
    name: SESSION_COOKIE,
    store: new DatabaseSessionStore(services.db),
    secret: await sessionSecret(services.db, services.config.sessionSecret),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: 8 * 60 * 60 * 1000 },
  });
  return (req, res, next) => {
    const cookieless = !(req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
    if (cookieless && req.path.startsWith('/api/')) return next();
    return middleware(req, res, () => {
      saveBeforeRedirect(req, res);
      next();
    });
  };
}

/**
 * express-session sends a response's headers before its store has saved the session, and a browser
 * follows a redirect as soon as it reads the Location header: the next page could then load the session
 * as it was, without the login or the flash just set. A redirect therefore waits for the save. A session
 * that holds nothing (an anonymous visitor's) is not saved, as saveUninitialized says.
 */
function saveBeforeRedirect(req: Request, res: Response): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    const held = Object.keys(req.session ?? {}).some((key) => key !== 'cookie');
    if (!held) return redirect(...args);
    req.session.save(() => redirect(...args));
  }) as Response['redirect'];
}

export interface AppOptions {
  /** Where request logs go (tests pass their own); the process's logger by default. */
  logger?: Logger;
}

export async function createApp(services: Services, options: AppOptions = {}): Promise<express.Express> {
  const app = express();
  app.disable('x-powered-by');
  // Which proxies' X-Forwarded-For/-Proto are believed (client address for rate limits, https for cookies).
  app.set('trust proxy', services.config.trustProxy);
  app.set('query parser', 'extended');
  app.use(httpLogging(options.logger ?? logger));
  app.use(healthRouter(services));
  const secure = services.config.siteUrl.startsWith('https://');
  app.use(helmet({
    crossOriginEmbedderPolicy: false,
    // Open data is meant to be fetched from other sites: files and API answers are cross-origin.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: secure ? [] : null } },
    strictTransportSecurity: secure,
  }));
  app.use(['/api', '/dataset/:id/resource/:resourceId/download', '/dataset/:id/resource/:resourceId/version', '/datastore/dump'], openCors);
  // gzip or brotli for whatever compresses (HTML, CSS, JS, JSON, RDF); stored files say no-transform.
  app.use(compression());
  app.use(assets().router());
  app.use(await sessions(services, secure));
  app.use(identify(services));
  app.use('/api', apiRateLimit(services));
  // The request's own logger carries its id (req.log, see ops/http-log.ts).
  const log = (error: unknown, req?: Request) => (req?.log ?? logger).error({ err: error }, 'errore interno');
  app.use(apiRouter(services, log));
  app.use(apiDocsRouter(services));
  app.use(downloadRouter(services));
  app.use(datastoreDumpRouter(services));
  app.use(feedsRouter(services));
  app.use(dcatRouter(services));
  app.use(pagesRouter(services));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { status, error: body } = errorEnvelope(error);
    if (status === 500) log(error, req);
    if (res.headersSent) return res.end();
    if (req.path.startsWith('/api/')) return res.status(status).json({ success: false, error: body });
    renderErrorPage(req, res, status, error);
  });
  return app;
}

