// Importing a DCAT-AP_IT file through a form (sysadmins and organization admins): upload, see what would
// be created or updated (titles, problems per dataset), confirm. The file waits in the file store
// between the two steps (dcat_import_preview / dcat_import_run).
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { NotAuthorized, ValidationError } from '../core/errors';
import { parseMultipart } from '../files/multipart';
import { UploadedFile } from '../files/store';
import { formErrorData, formErrorStatus, pageFieldError } from './form-errors';
import { actionContext, page, renderPage, t } from './page';

type Dict = Record<string, any>;
const LABELS: Record<string, string> = { owner_org: 'harvest.field.owner_org', upload: 'harvest.import.file' };

function crumbs(req: Request, last: string) {
  return [{ label: t(req, 'harvest.title'), href: '/harvest' }, { label: last }];
}

async function renderUploadForm(services: Services, req: Request, res: Response, org: string, error?: ValidationError): Promise<void> {
  if (!req.actor) throw new NotAuthorized();
  const orgs = await runAction<Dict[]>('organization_list_for_user', actionContext(services, req), { permission: 'manage_group' });
  const title = t(req, 'harvest.import.title');
  // The token rides in the URL too: the CSRF check runs before the multipart body is read.
  const token = req.csrfToken ? req.csrfToken() : '';
  renderPage(req, res, 'harvest/import', {
    title, form: true, action: `/harvest/import?_csrf=${encodeURIComponent(token)}`, breadcrumbs: crumbs(req, title),
    orgs: orgs.map((o) => ({ value: o.name, label: o.title || o.name, selected: o.name === org })),
    ...(error ? formErrorData(req, error, LABELS, title) : {}),
  }, error ? formErrorStatus(error) : 200);
}

const field = (fields: Dict, name: string) => (typeof fields[name] === 'string' ? fields[name].trim() : '');

function preview(services: Services) {
  return page(async (req, res) => {
    if (!req.actor) throw new NotAuthorized();
    let org = '';
    let upload: UploadedFile | undefined;
    let key = '';
    try {
      const parsed = await parseMultipart(req, services.files);
      org = field(parsed.fields, 'owner_org');
      upload = parsed.upload;
      if (!upload || upload.size === 0) throw pageFieldError('upload', t(req, 'harvest.import.no_file'));
      key = await services.files.keep(upload);
      upload = undefined;
      const input = { owner_org: org, key, filename: parsed.upload!.filename };
      const planned = await runAction<Dict[]>('dcat_import_preview', actionContext(services, req), input);
      const count = (action: string) => planned.filter((p) => p.action === action).length;
      renderPage(req, res, 'harvest/import-preview', {
        title: t(req, 'harvest.import.preview'), form: true, input, planned: planned.map((p) => ({ ...p, actionLabel: t(req, `harvest.import.action.${p.action}`) })),
        summary: t(req, 'harvest.import.summary', { total: planned.length, create: count('create'), update: count('update'), invalid: count('invalid') }),
        canImport: count('create') + count('update') > 0, breadcrumbs: crumbs(req, t(req, 'harvest.import.preview')),
      });
    } catch (error) {
      if (upload) await services.files.discard(upload);
      if (key) await services.files.remove(key);
      if (!(error instanceof ValidationError)) throw error;
      await renderUploadForm(services, req, res, org, error);
    }
  });
}

function confirm(services: Services) {
  return page(async (req, res) => {
    if (!req.actor) throw new NotAuthorized();
    const input = { owner_org: field(req.body ?? {}, 'owner_org'), key: field(req.body ?? {}, 'key'), filename: field(req.body ?? {}, 'filename') };
    const outcomes = await runAction<Dict[]>('dcat_import_run', actionContext(services, req), input);
    const count = (result: string) => outcomes.filter((o) => o.result === result).length;
    renderPage(req, res, 'harvest/import-result', {
      title: t(req, 'harvest.import.done'), breadcrumbs: crumbs(req, t(req, 'harvest.import.done')),
      summary: t(req, 'harvest.import.result', { created: count('created'), updated: count('updated'), failed: count('failed') }),
      outcomes: outcomes.map((o) => ({ ...o, resultLabel: t(req, `harvest.import.result.${o.result}`), href: o.name ? `/dataset/${encodeURIComponent(o.name)}` : null })),
    });
  });
}

export function harvestImportPages(services: Services): Router {
  const router = Router();
  router.get('/harvest/import', page(async (req, res) => renderUploadForm(services, req, res, '')));
  router.post('/harvest/import', preview(services));
  router.post('/harvest/import/confirm', confirm(services));
  return router;
}
