// Organizations (publishing bodies) and groups (themes): the lists and one page each, same templates.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { actionContext, editableOrgIds, page, pageNumber, renderPage, t } from './page';
import { numberedPagination } from './pagination';
import { groupLabel, labelledGroups } from './theme-labels';

type Kind = 'organization' | 'group';

const TEXTS: Record<Kind, { list: string; nav: string; none: string }> = {
  organization: { list: 'org.list.title', nav: 'nav.organizations', none: 'org.none' },
  group: { list: 'group.list.title', nav: 'nav.groups', none: 'group.none' },
};

function listPage(services: Services, kind: Kind) {
  return page(async (req: Request, res: Response) => {
    const listed = await runAction<any[]>(`${kind}_list`, actionContext(services, req), { all_fields: true, sort: 'title asc' });
    // Organizations by title; themes by their label in the page's language.
    const items = kind === 'group' ? labelledGroups(req, listed) : listed.map((item) => ({ ...item, label: item.display_name }));
    renderPage(req, res, 'organization/index', {
      title: t(req, TEXTS[kind].list),
      breadcrumbs: [{ label: t(req, TEXTS[kind].nav) }],
      items: items.map((item) => ({ ...item, href: `/${kind}/${encodeURIComponent(item.name)}`, countLabel: t(req, 'org.count', { count: item.package_count }) })),
      emptyText: t(req, TEXTS[kind].none),
    });
  });
}

const PAGE_SIZE = 20;

/** CKAN's own filter for "this body's datasets" / "this theme's datasets", quoted as Solr does. */
function datasetFilter(kind: Kind, item: { id: string; name: string }): string {
  return kind === 'organization' ? `owner_org:"${item.id}"` : `groups:"${item.name}"`;
}

/**
 * The datasets through package_search rather than *_show's include_datasets: the search knows who
 * may read private ones (members of the organization, sysadmins), and it pages.
 */
async function datasetsPage(services: Services, req: Request, kind: Kind, item: { id: string; name: string }) {
  const current = pageNumber(req.query.page);
  const result = await runAction('package_search', actionContext(services, req), {
    fq: datasetFilter(kind, item), include_private: true, sort: 'metadata_modified desc',
    rows: PAGE_SIZE, start: (current - 1) * PAGE_SIZE,
  });
  const url = (p: number) => `/${kind}/${encodeURIComponent(item.name)}?page=${p}`;
  return { datasets: result.results, count: result.count, pagination: numberedPagination(req, result.count, current, PAGE_SIZE, url) };
}

function showPage(services: Services, kind: Kind) {
  return page(async (req: Request, res: Response) => {
    const ctx = actionContext(services, req);
    const item = await runAction(`${kind}_show`, ctx, { id: String(req.params.name), include_datasets: false });
    const [found, editable] = await Promise.all([
      datasetsPage(services, req, kind, item),
      kind === 'organization' ? editableOrgIds(services, req) : Promise.resolve(new Set<string>()),
    ]);
    const label = kind === 'group' ? groupLabel(req, item) : item.display_name;
    renderPage(req, res, 'organization/read', {
      title: label,
      breadcrumbs: [{ label: t(req, TEXTS[kind].nav), href: `/${kind}` }, { label }],
      item,
      ...found,
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
