// A user's API tokens: the list (api_token_list), a form to create one (api_token_create) and a
// revoke button per token (api_token_revoke by jti). Only the user themselves may come here.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { NotAuthorized, NotFound, ValidationError } from '../core/errors';
import { formErrorData, formErrorStatus, pageFieldError } from './form-errors';
import { actionContext, page, renderPage, t } from './page';

const LABELS: Record<string, string> = { name: 'tokens.field.name' };

/** The user of the URL, who must be the one logged in (anonymous → login, anyone else → 403). */
async function ownUser(services: Services, req: Request): Promise<Record<string, any>> {
  if (!req.actor) throw new NotAuthorized();
  const user = await runAction('user_show', actionContext(services, req), { id: String(req.params.name) });
  if (user.id !== req.actor.id) throw new NotAuthorized(t(req, 'tokens.only_own'));
  return user;
}

interface TokenPage {
  user: Record<string, any>;
  /** The token just created: shown on this one response and never again (only its hash is kept). */
  newToken?: string;
  tokenName?: string;
  error?: ValidationError;
}

async function renderTokens(services: Services, req: Request, res: Response, opts: TokenPage): Promise<void> {
  const { user, newToken, tokenName, error } = opts;
  const tokens = await runAction<any[]>('api_token_list', actionContext(services, req), { user_id: user.id });
  const base = `/user/${encodeURIComponent(user.name)}/api-tokens`;
  // A page carrying a live secret must not be kept by the browser's or a proxy's cache.
  if (newToken) res.set('Cache-Control', 'no-store');
  renderPage(req, res, 'user/api-tokens', {
    title: t(req, 'tokens.title'), form: true, action: base,
    tokens: tokens.map((token) => ({ ...token, revokeAction: `${base}/${encodeURIComponent(token.id)}/revoke` })),
    newToken, tokenName: error ? tokenName : '',
    breadcrumbs: [{ label: t(req, 'user.profile') }, { label: user.display_name, href: `/user/${encodeURIComponent(user.name)}` }, { label: t(req, 'tokens.title') }],
    ...(error ? formErrorData(req, error, LABELS, t(req, 'tokens.title')) : {}),
  }, error ? formErrorStatus(error) : 200);
}

function createToken(services: Services) {
  return page(async (req: Request, res: Response) => {
    const user = await ownUser(services, req);
    const name = typeof req.body?.name === 'string' ? req.body.name.trim() : '';
    try {
      if (!name) throw pageFieldError('name', t(req, 'tokens.error.name'));
      const created = await runAction('api_token_create', actionContext(services, req), { user: user.id, name });
      await renderTokens(services, req, res, { user, newToken: created.token });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderTokens(services, req, res, { user, tokenName: name, error });
    }
  });
}

function revokeToken(services: Services) {
  return page(async (req: Request, res: Response) => {
    const user = await ownUser(services, req);
    const ctx = actionContext(services, req);
    // Only a token listed for this user: a jti of someone else's token answers 404, not a revoke.
    const tokens = await runAction<any[]>('api_token_list', ctx, { user_id: user.id });
    if (!tokens.some((token) => token.id === req.params.jti)) throw new NotFound(t(req, 'tokens.not_found'));
    await runAction('api_token_revoke', ctx, { jti: String(req.params.jti) });
    res.redirect(303, `/user/${encodeURIComponent(user.name)}/api-tokens`);
  });
}

export function apiTokenPages(services: Services): Router {
  const router = Router();
  router.get('/user/:name/api-tokens', page(async (req, res) => renderTokens(services, req, res, { user: await ownUser(services, req) })));
  router.post('/user/:name/api-tokens', createToken(services));
  router.post('/user/:name/api-tokens/:jti/revoke', revokeToken(services));
  return router;
}
