// Login (rate-limited per IP and account, and per IP), logout (POST with CSRF, GET shows a confirm button), profiles.
import { Request, Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { DatabaseRateLimitStore } from '../auth/rate-limit-store';
import { apiTokenPages } from './api-token-pages';
import { loginName, userWithPassword } from './login';
import { actionContext, page, renderPage, t } from './page';

const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const ROLES = new Set(['admin', 'editor', 'member']);

/** Only paths on this site: "//evil.example" or "https://…" would turn login into an open redirect. */
function safeCameFrom(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '';
}

function renderLogin(req: Request, res: Response, status = 200, error = ''): void {
  const source = (req.method === 'POST' ? req.body : req.query) ?? {};
  const title = t(req, 'user.login.title');
  renderPage(req, res, 'user/login', {
    title,
    pageTitle: error ? t(req, 'form.errors.page_title', { title }) : null,
    breadcrumbs: [{ label: t(req, 'user.login') }],
    form: true,
    username: typeof source.username === 'string' ? source.username : '',
    cameFrom: safeCameFrom(source.came_from),
    loginError: error,
    errorSummary: error ? [{ href: '#field-username', label: t(req, 'user.username'), messages: [error] }] : null,
  }, status);
}

function sessionStep(req: Request, step: 'regenerate' | 'save' | 'destroy'): Promise<void> {
  return new Promise((resolve, reject) => req.session[step]((error: unknown) => (error ? reject(error) : resolve())));
}

/** Failed logins allowed per IP address and account, and per IP address across accounts, per window. */
const ATTEMPTS_PER_ACCOUNT = 10;
const ATTEMPTS_PER_ADDRESS = 50;

/**
 * Counted in the database, so that every app instance sees the same attempts
 * (server/auth/rate-limit-store.ts). Only failures count: a successful login redirects (303).
 */
function loginLimiter(services: Services, prefix: string, limit: number, key: (req: Request) => string) {
  return rateLimit({
    store: new DatabaseRateLimitStore(services.db, prefix),
    windowMs: LOGIN_WINDOW_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    keyGenerator: key,
    handler: (req, res) => renderLogin(req, res, 429, t(req, 'user.login.too_many')),
  });
}

const clientAddress = (req: Request) => ipKeyGenerator(req.ip ?? '');

/**
 * Two limits: an account guessed from one address (keyed by the name exactly as login looks it up), and
 * one address trying many accounts (password spraying: a common password against every user name).
 */
function loginLimiters(services: Services) {
  return [
    loginLimiter(services, 'login-ip:', ATTEMPTS_PER_ADDRESS, clientAddress),
    loginLimiter(services, 'login:', ATTEMPTS_PER_ACCOUNT, (req) => `${clientAddress(req)}|${loginName(req.body?.username)}`),
  ];
}

function login(services: Services) {
  return page(async (req: Request, res: Response) => {
    const username = loginName(req.body?.username);
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const user = await userWithPassword(services, username, password);
    if (!user) return renderLogin(req, res, 401, t(req, 'user.login.failed'));
    // A fresh session id on login: a session fixed by someone else before login is worth nothing.
    await sessionStep(req, 'regenerate');
    req.session.userId = user.id;
    await sessionStep(req, 'save');
    res.redirect(303, safeCameFrom(req.body?.came_from) || `/user/${encodeURIComponent(user.name)}`);
  });
}

function logout() {
  return page(async (req: Request, res: Response) => {
    if (req.session) await sessionStep(req, 'destroy');
    res.clearCookie('catalogo.sid');
    res.redirect(303, '/');
  });
}

/** The viewer's own profile, or any profile for a sysadmin: where private details may be shown. */
function isSelfOrSysadmin(req: Request, user: { id: string }): boolean {
  return !!req.actor && (req.actor.sysadmin || req.actor.id === user.id);
}

function profile(services: Services) {
  return page(async (req: Request, res: Response) => {
    const ctx = actionContext(services, req);
    const user = await runAction('user_show', ctx, { id: String(req.params.name) });
    // Memberships are private (organization_list_for_user refuses others): ask only when allowed.
    const organizations = isSelfOrSysadmin(req, user)
      ? (await runAction<any[]>('organization_list_for_user', ctx, { id: user.id, permission: 'read' }))
        .map((org) => ({ ...org, role: ROLES.has(org.capacity) ? t(req, `role.${org.capacity}`) : '' }))
      : null;
    renderPage(req, res, 'user/read', {
      title: user.display_name,
      breadcrumbs: [{ label: t(req, 'user.profile') }, { label: user.display_name }],
      user,
      organizations,
      tokensHref: req.actor?.id === user.id ? `/user/${encodeURIComponent(user.name)}/api-tokens` : null,
    });
  });
}

export function userPages(services: Services): Router {
  const router = Router();
  router.get('/user/login', (req, res) => renderLogin(req, res));
  router.post('/user/login', ...loginLimiters(services), login(services));
  router.get('/user/logout', (req, res) => renderPage(req, res, 'user/logout', {
    title: t(req, 'user.logout.title'), form: true, breadcrumbs: [{ label: t(req, 'user.logout') }],
  }));
  router.post('/user/logout', logout());
  router.use(apiTokenPages(services));
  router.get('/user/:name', profile(services));
  return router;
}
