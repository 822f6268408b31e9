// Login (rate-limited per IP and username), logout (POST with CSRF, GET shows a confirm button), profiles.
import { Request, Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { userWithPassword } from './login';
import { actionContext, page, renderPage, t } from './page';

const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const LOGIN_ATTEMPTS = 10;

/** Only paths on this site: "//evil.example" or "https://…" would turn login into an open redirect. */
function safeCameFrom(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '';
}

function renderLogin(req: Request, res: Response, status = 200, error = ''): void {
  const source = (req.method === 'POST' ? req.body : req.query) ?? {};
  renderPage(req, res, 'user/login', {
    title: t(req, 'user.login.title'),
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

function loginLimiter() {
  return rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: LOGIN_ATTEMPTS,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Successful logins redirect (303): only failures count against the IP+username pair.
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String(req.body?.username ?? '').toLowerCase().slice(0, 100)}`,
    handler: (req, res) => renderLogin(req, res, 429, t(req, 'user.login.too_many')),
  });
}

function login(services: Services) {
  return page(async (req: Request, res: Response) => {
    const username = typeof req.body?.username === 'string' ? req.body.username.trim() : '';
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const user = await userWithPassword(services.db, username, password);
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

function profile(services: Services) {
  return page(async (req: Request, res: Response) => {
    const user = await runAction('user_show', actionContext(services, req), { id: String(req.params.name) });
    renderPage(req, res, 'user/read', {
      title: user.display_name,
      breadcrumbs: [{ label: t(req, 'user.profile') }, { label: user.display_name }],
      user,
    });
  });
}

export function userPages(services: Services): Router {
  const router = Router();
  router.get('/user/login', (req, res) => renderLogin(req, res));
  router.post('/user/login', loginLimiter(), login(services));
  router.get('/user/logout', (req, res) => renderPage(req, res, 'user/logout', {
    title: t(req, 'user.logout.title'), form: true, breadcrumbs: [{ label: t(req, 'user.logout') }],
  }));
  router.post('/user/logout', logout());
  router.get('/user/:name', profile(services));
  return router;
}
