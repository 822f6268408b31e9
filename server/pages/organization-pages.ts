// Organizations (publishing bodies) and groups (themes): the lists and one page each, same templates.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { actionContext, editableOrgIds, page, renderPage, t } from './page';

type Kind = 'organization' | 'group';

const TEXTS: Record<Kind, { list: string; nav: string; none: string }> = {
  organization: { list: 'org.list.title', nav: 'nav.organizations', none: 'org.none' },
  group: { list: 'group.list.title', nav: 'nav.groups', none: 'group.none' },
};

function listPage(services: Services, kind: Kind) {
  return page(async (req: Request, res: Response) => {
    const items = await runAction<any[]>(`${kind}_list`, actionContext(services, req), { all_fields: true, sort: 'title asc' });
    renderPage(req, res, 'organization/index', {
      title: t(req, TEXTS[kind].list),
      breadcrumbs: [{ label: t(req, TEXTS[kind].nav) }],
      items: items.map((item) => ({ ...item, href: `/${kind}/${encodeURIComponent(item.name)}`, countLabel: t(req, 'org.count', { count: item.package_count }) })),
      emptyText: t(req, TEXTS[kind].none),
    });
  });
}

function showPage(services: Services, kind: Kind) {
  return page(async (req: Request, res: Response) => {
    const ctx = actionContext(services, req);
    const item = await runAction(`${kind}_show`, ctx, { id: String(req.params.name), include_datasets: true });
    const editable = kind === 'organization' ? await editableOrgIds(services, req) : new Set<string>();
    renderPage(req, res, 'organization/read', {
      title: item.display_name,
      breadcrumbs: [{ label: t(req, TEXTS[kind].nav), href: `/${kind}` }, { label: item.display_name }],
      item,
      datasets: item.packages ?? [],
      canCreate: editable.has(item.id),
      isOrganization: kind === 'organization',
    });
  });
}

export function organizationPages(services: Services): Router {
  const router = Router();
  router.get('/organization', listPage(services, 'organization'));
  router.get('/organization/:name', showPage(services, 'organization'));
  router.get('/group', listPage(services, 'group'));
  router.get('/group/:name', showPage(services, 'group'));
  return router;
}
