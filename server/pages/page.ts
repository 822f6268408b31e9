// What every page handler shares: the action context, rendering inside the layout, edit rights.
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { runAction } from '../core/actions';
import { assets } from '../core/assets';
import { ActionContext, Services } from '../core/context';
import { NotAuthorized } from '../core/errors';
import { Lang, translate } from '../i18n';
import { Flash, takeFlash } from './flash';
import { views } from './views';

export interface Crumb {
  label: string;
  href?: string;
}

export type PageData = Record<string, unknown> & { title: string; breadcrumbs?: Crumb[] };

export function actionContext(services: Services, req: Request): ActionContext {
  return { services, user: req.actor };
}

/** Express 5 forwards rejected promises, but an explicit wrapper keeps the handler's type simple. */
export function page(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => handler(req, res).catch(next);
}

function csrfTokenFor(req: Request, wanted: boolean): string {
  // Anonymous visitors get a session only when the page has a form: no cookie just for reading.
  if (!wanted && !req.actor) return '';
  return req.csrfToken ? req.csrfToken() : '';
}

function otherLanguageUrl(req: Request): string {
  const other: Lang = req.lang === 'en' ? 'it' : 'en';
  const url = new URL(req.originalUrl, 'http://x');
  url.searchParams.set('lang', other);
  return `${url.pathname}${url.search}`;
}

/** Which entry of the main navigation the page belongs to, for its aria-current. */
function navSection(path: string): string {
  const first = path.split('/')[1] ?? '';
  return first === 'api-e-dati' ? 'developers' : first;
}

export function renderPage(req: Request, res: Response, view: string, data: PageData, status = 200): void {
  const lang: Lang = req.lang ?? 'it';
  const html = views().render(view, {
    ...data,
    lang,
    assets: assets().layout,
    translate: (key: string, params?: Record<string, unknown>) => translate(lang, key, params),
    actor: req.actor,
    csrfToken: csrfTokenFor(req, data.form === true),
    switchLanguageUrl: otherLanguageUrl(req),
    navSection: navSection(req.path),
    // A form shown again brings its own (failure) message; otherwise the one a redirect left, which an
    // error page (a browser's late /favicon.ico, say) must not take from the page the redirect leads to.
    flash: (data.flash as Flash | undefined) ?? (status < 400 ? takeFlash(req) : null),
    breadcrumbs: data.breadcrumbs ? [{ label: translate(lang, 'nav.home'), href: '/' }, ...data.breadcrumbs] : null,
  });
  res.status(status).type('html').send(html);
}

export function t(req: Request, key: string, params?: Record<string, unknown>): string {
  return translate(req.lang ?? 'it', key, params);
}

/** Organizations where the caller may edit datasets (all of them for a sysadmin); none when anonymous. */
export async function editableOrgIds(services: Services, req: Request): Promise<Set<string>> {
  if (!req.actor) return new Set();
  const orgs = await runAction<{ id: string }[]>('organization_list_for_user', actionContext(services, req), { permission: 'update_dataset' });
  return new Set(orgs.map((o) => o.id));
}

export async function canEditDataset(services: Services, req: Request, dataset: { owner_org: string }): Promise<boolean> {
  return (await editableOrgIds(services, req)).has(dataset.owner_org);
}

/** Throws NotAuthorized (→ login for anonymous, 403 otherwise) unless the caller may edit the dataset. */
export async function requireEditor(services: Services, req: Request, dataset: { owner_org: string }): Promise<void> {
  if (!(await canEditDataset(services, req, dataset))) throw new NotAuthorized();
}

export function loginRedirect(req: Request, res: Response): void {
  res.redirect(303, `/user/login?came_from=${encodeURIComponent(req.originalUrl)}`);
}

/** The page number from ?page=, clamped to something the search can take. */
export function pageNumber(value: unknown): number {
  const n = Number.parseInt(String(value ?? '1'), 10);
  return Number.isFinite(n) && n >= 1 && n <= 10000 ? n : 1;
}

/** Our own download URLs as site-relative paths: they keep working whatever host name the visitor used. */
export function localHref(services: Services, url: string): string {
  const site = services.config.siteUrl.replace(/\/+$/, '');
  if (url && url.startsWith(`${site}/`)) return url.slice(site.length);
  // A resource's url is free text (as in CKAN): only a web address becomes a link.
  return /^(?:https?|ftp):\/\/\S+$/i.test(url) ? url : '';
}
