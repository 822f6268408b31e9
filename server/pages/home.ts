// The home page: what the portal is, a search box, counts, the themes, the organizations and recent datasets.
import { Request, Response } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { actionContext, page, renderPage, t } from './page';
import { labelledGroups } from './theme-labels';

export function homePage(services: Services) {
  return page(async (req: Request, res: Response) => {
    const ctx = actionContext(services, req);
    const [search, organizations, groups] = await Promise.all([
      runAction('package_search', ctx, { rows: 6, sort: 'metadata_modified desc', include_private: true }),
      runAction('organization_list', ctx, { all_fields: true, sort: 'title asc' }),
      runAction<any[]>('group_list', ctx, { all_fields: true }),
    ]);
    renderPage(req, res, 'home/index', {
      title: t(req, 'home.title'),
      counts: { datasets: search.count, organizations: organizations.length, groups: groups.length },
      organizations,
      // The EU data themes (server/catalogue/themes.ts), with as many datasets as their pages list.
      themes: labelledGroups(req, groups.filter((g) => g.theme)),
      recent: search.results,
    });
  });
}
