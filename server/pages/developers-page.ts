// "API e dati aperti" (/api-e-dati): what the portal offers to programs, with calls that work against
// this very portal (its own address, a real public dataset and DataStore table when there is one).
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { shellWord } from './resource-api-box';
import { actionContext, page, renderPage, t } from './page';

interface Examples {
  dataset: { name: string; title: string; published: boolean } | null;
  organization: string | null;
  tableId: string | null;
}

/** A public dataset (and its organization, and a DataStore table among the first few) to show calls on. */
async function examples(services: Services, req: Request): Promise<Examples> {
  const found = await runAction<{ results: Record<string, any>[] }>('package_search', actionContext(services, req), {
    rows: 20, include_private: false, include_drafts: false,
  });
  // One with a resource if there is one: only those are in the DCAT catalogue, so its .ttl exists.
  const first = found.results.find((d) => (d.resources ?? []).length > 0) ?? found.results[0];
  const table = found.results.flatMap((d) => d.resources ?? []).find((r: Record<string, unknown>) => r.datastore_active === true);
  return {
    dataset: first ? { name: first.name, title: first.title || first.name, published: (first.resources ?? []).length > 0 } : null,
    organization: first?.organization?.name ?? null,
    tableId: table ? String(table.id) : null,
  };
}

function calls(site: string, ex: Examples) {
  const action = (query: string) => `curl ${shellWord(`${site}/api/3/action/${query}`)}`;
  const name = ex.dataset?.name ?? 'NOME-DATASET';
  return {
    search: action('package_search?q=trasporti&rows=5'),
    show: action(`package_show?id=${encodeURIComponent(name)}`),
    list: action('package_list'),
    organizations: action('organization_list?all_fields=true'),
    help: action('help_show?name=package_search'),
    datastore: ex.tableId ? action(`datastore_search?resource_id=${ex.tableId}&limit=5`) : null,
    dump: ex.tableId ? `${site}/datastore/dump/${ex.tableId}?format=csv` : null,
    ckanapiSearch: `ckanapi action package_search q=trasporti rows=5 -r ${site}`,
    ckanapiShow: `ckanapi action package_show id=${shellWord(name)} -r ${site}`,
    ckanapiDump: `ckanapi dump datasets --all -O datasets.jsonl.gz -z -r ${site}`,
  };
}

function feeds(site: string, ex: Examples) {
  const name = ex.dataset?.published ? encodeURIComponent(ex.dataset.name) : null;
  return {
    catalog: ['ttl', 'rdf', 'jsonld', 'nt'].map((ext) => ({ ext, href: `${site}/catalog.${ext}` })),
    dcatAp3: `${site}/catalog.ttl?profiles=euro_dcat_ap_3`,
    dcatAp2: `${site}/catalog.ttl?profiles=euro_dcat_ap_2`,
    page2: `${site}/catalog.ttl?page=2`,
    dataset: name ? `${site}/dataset/${name}.ttl` : null,
    atom: `${site}/feeds/dataset.atom`,
    organizationAtom: ex.organization ? `${site}/feeds/organization/${encodeURIComponent(ex.organization)}.atom` : null,
    sitemap: `${site}/sitemap.xml`,
    openapi: `${site}/api/openapi.json`,
  };
}

export function developersPage(services: Services): Router {
  const router = Router();
  router.get('/api-e-dati', page(async (req: Request, res: Response) => {
    const site = services.config.siteUrl.replace(/\/+$/, '');
    const ex = await examples(services, req);
    renderPage(req, res, 'developers/index', {
      title: t(req, 'developers.title'),
      breadcrumbs: [{ label: t(req, 'developers.title') }],
      site, example: ex.dataset, calls: calls(site, ex), feeds: feeds(site, ex),
    });
  }));
  return router;
}
