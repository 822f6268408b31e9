// Harvest sources for sysadmins and organization admins: the list with each source's last job, a form
// to create or edit a source, "Raccogli ora" (harvest_job_create), and a job's page with its errors.
// Everything goes through the harvest actions, which say who may see and do what.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { NotAuthorized, ValidationError } from '../core/errors';
import { formErrorData, formErrorStatus } from './form-errors';
import { harvestImportPages } from './harvest-import-pages';
import { actionContext, page, renderPage, t } from './page';

const LABELS: Record<string, string> = {
  name: 'harvest.field.name', title: 'harvest.field.title', url: 'harvest.field.url', source_type: 'harvest.field.source_type',
  owner_org: 'harvest.field.owner_org', frequency: 'harvest.field.frequency', config: 'harvest.field.config', notes: 'harvest.field.notes',
};
const FIELDS = ['name', 'title', 'url', 'source_type', 'owner_org', 'frequency', 'config', 'notes'];
const TYPES = ['ckan', 'dcat_rdf'];
const FREQUENCIES = ['MANUAL', 'HOURLY', 'DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY'];

type Dict = Record<string, any>;

function requireActor(req: Request): void {
  if (!req.actor) throw new NotAuthorized();
}

const sourceHref = (source: Dict) => `/harvest/${encodeURIComponent(source.name)}`;

function jobView(req: Request, job: Dict | null) {
  if (!job) return null;
  return { ...job, href: `/harvest/job/${encodeURIComponent(job.id)}`, statusLabel: t(req, `harvest.status.${job.status}`), failed: job.gather_errors.length > 0 };
}

function listPage(services: Services) {
  return page(async (req, res) => {
    requireActor(req);
    const sources = await runAction<Dict[]>('harvest_source_list', actionContext(services, req), {});
    const started = typeof req.query.started === 'string' ? req.query.started : '';
    renderPage(req, res, 'harvest/list', {
      title: t(req, 'harvest.title'), form: true, breadcrumbs: [{ label: t(req, 'harvest.title') }],
      started: started ? t(req, 'harvest.started', { name: started }) : '',
      sources: sources.map((s) => ({ ...s, href: sourceHref(s), runAction: `${sourceHref(s)}/run`, lastJob: jobView(req, s.status.last_job) })),
    });
  });
}

/** The organizations the caller administers, for the form's select. */
async function orgOptions(services: Services, req: Request, selected: string): Promise<Dict[]> {
  const orgs = await runAction<Dict[]>('organization_list_for_user', actionContext(services, req), { permission: 'manage_group' });
  return orgs.map((o) => ({ value: o.name, label: o.title || o.name, selected: o.name === selected || o.id === selected }));
}

async function renderForm(services: Services, req: Request, res: Response, opts: { values: Dict; source?: Dict; error?: ValidationError }): Promise<void> {
  const { values, source, error } = opts;
  const title = source ? t(req, 'harvest.edit', { title: source.title || source.name }) : t(req, 'harvest.new');
  const options = (list: string[], prefix: string, current: string) => list.map((value) => ({ value, label: t(req, `${prefix}.${value}`), selected: value === current }));
  renderPage(req, res, 'harvest/form', {
    title, form: true, values, editing: !!source, action: source ? `${sourceHref(source)}/edit` : '/harvest/new',
    breadcrumbs: [{ label: t(req, 'harvest.title'), href: '/harvest' }, { label: title }],
    types: options(TYPES, 'harvest.type', values.source_type ?? 'ckan'),
    frequencies: options(FREQUENCIES, 'harvest.frequency', values.frequency ?? 'MANUAL'),
    orgs: await orgOptions(services, req, values.owner_org ?? ''),
    ...(error ? formErrorData(req, error, LABELS, title) : {}),
  }, error ? formErrorStatus(error) : 200);
}

/** The form's fields as the action takes them: empty optional ones left out. */
function formInput(body: Dict): Dict {
  const input: Dict = {};
  for (const field of FIELDS) {
    const value = typeof body?.[field] === 'string' ? body[field].trim() : '';
    if (value || field === 'config' || field === 'notes') input[field] = value;
  }
  return input;
}

function saveSource(services: Services, editing: boolean) {
  return page(async (req, res) => {
    requireActor(req);
    const ctx = actionContext(services, req);
    const source = editing ? await runAction<Dict>('harvest_source_show', ctx, { id: String(req.params.name) }) : undefined;
    const input = formInput(req.body);
    try {
      const saved = await runAction<Dict>(editing ? 'harvest_source_patch' : 'harvest_source_create', ctx, editing ? { ...input, id: source!.id } : input);
      res.redirect(303, sourceHref(saved));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderForm(services, req, res, { values: input, source, error });
    }
  });
}

function sourcePage(services: Services) {
  return page(async (req, res) => {
    requireActor(req);
    const ctx = actionContext(services, req);
    const source = await runAction<Dict>('harvest_source_show', ctx, { id: String(req.params.name) });
    const jobs = await runAction<Dict[]>('harvest_job_list', ctx, { source_id: source.id, limit: 20 });
    renderPage(req, res, 'harvest/source', {
      title: source.title || source.name, form: true, source, runAction: `${sourceHref(source)}/run`, editHref: `${sourceHref(source)}/edit`,
      typeLabel: t(req, `harvest.type.${source.source_type}`), frequencyLabel: t(req, `harvest.frequency.${source.frequency}`),
      breadcrumbs: [{ label: t(req, 'harvest.title'), href: '/harvest' }, { label: source.title || source.name }],
      jobs: jobs.map((job) => jobView(req, job)),
    });
  });
}

function runNow(services: Services) {
  return page(async (req, res) => {
    requireActor(req);
    const ctx = actionContext(services, req);
    const source = await runAction<Dict>('harvest_source_show', ctx, { id: String(req.params.name) });
    try {
      const job = await runAction<Dict>('harvest_job_create', ctx, { source_id: source.id });
      res.redirect(303, `/harvest/job/${encodeURIComponent(job.id)}`);
    } catch (error) {
      // A job already pending: its page says how it is going.
      if (!(error instanceof ValidationError)) throw error;
      const pending = source.status.last_job;
      res.redirect(303, pending ? `/harvest/job/${encodeURIComponent(pending.id)}` : sourceHref(source));
    }
  });
}

function jobPage(services: Services) {
  return page(async (req, res) => {
    requireActor(req);
    const ctx = actionContext(services, req);
    const job = await runAction<Dict>('harvest_job_show', ctx, { id: String(req.params.id) });
    const source = await runAction<Dict>('harvest_source_show', ctx, { id: job.source_id });
    const title = t(req, 'harvest.job.title', { title: source.title || source.name });
    renderPage(req, res, 'harvest/job', {
      title, job: jobView(req, job), source, sourceHref: sourceHref(source), pending: job.status !== 'Finished',
      breadcrumbs: [{ label: t(req, 'harvest.title'), href: '/harvest' }, { label: source.title || source.name, href: sourceHref(source) }, { label: t(req, 'harvest.job.crumb') }],
    });
  });
}

export function harvestPages(services: Services): Router {
  const router = Router();
  router.use(harvestImportPages(services));
  router.get('/harvest', listPage(services));
  router.get('/harvest/new', page(async (req, res) => {
    requireActor(req);
    await renderForm(services, req, res, { values: { source_type: 'ckan', frequency: 'MANUAL' } });
  }));
  router.post('/harvest/new', saveSource(services, false));
  router.get('/harvest/job/:id', jobPage(services));
  router.get('/harvest/:name', sourcePage(services));
  router.get('/harvest/:name/edit', page(async (req, res) => {
    requireActor(req);
    const source = await runAction<Dict>('harvest_source_show', actionContext(services, req), { id: String(req.params.name) });
    await renderForm(services, req, res, { values: { ...source, owner_org: source.owner_org }, source });
  }));
  router.post('/harvest/:name/edit', saveSource(services, true));
  router.post('/harvest/:name/run', runNow(services));
  return router;
}
