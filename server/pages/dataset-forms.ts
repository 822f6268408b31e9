// Editors' dataset forms: /dataset/new, /dataset/edit/:name, /dataset/delete/:name.
// The form is shown again with per-field messages when the action answers ValidationError.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { NotAuthorized, ValidationError } from '../core/errors';
import { datasetCrumbs } from './dataset-pages';
import { formErrorData, formErrorStatus } from './form-errors';
import { actionContext, page, renderPage, requireEditor, t } from './page';

const TEXT_FIELDS = ['name', 'title', 'notes', 'owner_org', 'license_id', 'tag_string', 'author', 'author_email',
  'maintainer', 'maintainer_email', 'version', 'url'] as const;

export const DATASET_LABELS: Record<string, string> = {
  ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, `field.${f}`])),
  tags: 'field.tag_string', groups: 'field.groups', private: 'field.private',
};

type DatasetForm = Record<(typeof TEXT_FIELDS)[number], string> & { private: boolean; groups: string[] };

function fromBody(body: Record<string, unknown> | undefined): DatasetForm {
  const source = body ?? {};
  const text = (key: string) => (typeof source[key] === 'string' ? (source[key] as string).trim() : '');
  const groups = Array.isArray(source.groups) ? source.groups : source.groups ? [source.groups] : [];
  return {
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, text(f)])) as Record<(typeof TEXT_FIELDS)[number], string>),
    private: source.private === 'true',
    groups: groups.filter((g): g is string => typeof g === 'string'),
  };
}

function fromDataset(dataset: Record<string, any>): DatasetForm {
  return {
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, dataset[f] ?? ''])) as Record<(typeof TEXT_FIELDS)[number], string>),
    tag_string: (dataset.tags ?? []).map((tag: { name: string }) => tag.name).join(', '),
    private: dataset.private === true,
    groups: (dataset.groups ?? []).map((g: { name: string }) => g.name),
  };
}

/** The action input: tags replaced by tag_string (an empty list clears the old ones on patch). */
function toActionInput(form: DatasetForm): Record<string, unknown> {
  return { ...form, tags: [], groups: form.groups.map((name) => ({ name })) };
}

async function formOptions(services: Services, req: Request, form: DatasetForm) {
  const ctx = actionContext(services, req);
  const [orgs, licenses, groups] = await Promise.all([
    runAction<any[]>('organization_list_for_user', ctx, { permission: 'create_dataset' }),
    runAction<any[]>('license_list', ctx, {}),
    runAction<any[]>('group_list', ctx, { all_fields: true }),
  ]);
  return {
    orgs: orgs.map((o) => ({ id: o.id, label: o.display_name, selected: o.id === form.owner_org || o.name === form.owner_org })),
    licenses: licenses.map((l) => ({ id: l.id, label: l.title, selected: l.id === (form.license_id || 'CC-BY-4.0') })),
    groups: groups.map((g) => ({ name: g.name, label: g.display_name, checked: form.groups.includes(g.name) })),
  };
}

interface FormPage {
  mode: 'new' | 'edit';
  dataset?: Record<string, any>;
  error?: ValidationError;
}

async function renderForm(services: Services, req: Request, res: Response, form: DatasetForm, opts: FormPage) {
  const options = await formOptions(services, req, form);
  if (opts.mode === 'new' && options.orgs.length === 0) throw new NotAuthorized();
  const title = t(req, opts.mode === 'new' ? 'dataset.new.title' : 'dataset.edit.title');
  renderPage(req, res, 'dataset/form', {
    title, form: true, mode: opts.mode, values: form, ...options,
    isNew: opts.mode === 'new',
    action: opts.mode === 'new' ? '/dataset/new' : `/dataset/edit/${encodeURIComponent(opts.dataset!.name)}`,
    cancelHref: opts.dataset ? `/dataset/${encodeURIComponent(opts.dataset.name)}` : '/dataset',
    breadcrumbs: opts.dataset ? datasetCrumbs(req, opts.dataset, [{ label: title }]) : [{ label: t(req, 'nav.datasets'), href: '/dataset' }, { label: title }],
    ...(opts.error ? formErrorData(req, opts.error, DATASET_LABELS, title) : {}),
  }, opts.error ? formErrorStatus(opts.error) : 200);
}

function requireLoggedIn(req: Request): void {
  if (!req.actor) throw new NotAuthorized();
}

export function datasetFormPages(services: Services): Router {
  const router = Router();
  const show = (req: Request) => runAction('package_show', actionContext(services, req), { id: String(req.params.name) });

  router.get('/dataset/new', page(async (req, res) => {
    requireLoggedIn(req);
    await renderForm(services, req, res, { ...fromBody({}), license_id: 'CC-BY-4.0', owner_org: String(req.query.owner_org ?? '') }, { mode: 'new' });
  }));
  router.post('/dataset/new', page(async (req, res) => {
    requireLoggedIn(req);
    const form = fromBody(req.body);
    try {
      const created = await runAction('package_create', actionContext(services, req), toActionInput(form));
      res.redirect(303, `/dataset/${encodeURIComponent(created.name)}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderForm(services, req, res, form, { mode: 'new', error });
    }
  }));

  router.get('/dataset/edit/:name', page(async (req, res) => {
    const dataset = await show(req);
    await requireEditor(services, req, dataset);
    await renderForm(services, req, res, fromDataset(dataset), { mode: 'edit', dataset });
  }));
  router.post('/dataset/edit/:name', page(async (req, res) => {
    const dataset = await show(req);
    await requireEditor(services, req, dataset);
    const form = fromBody(req.body);
    try {
      const saved = await runAction('package_patch', actionContext(services, req), { ...toActionInput(form), id: dataset.id });
      res.redirect(303, `/dataset/${encodeURIComponent(saved.name)}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderForm(services, req, res, form, { mode: 'edit', dataset, error });
    }
  }));

  router.get('/dataset/delete/:name', page(async (req, res) => {
    const dataset = await show(req);
    await requireEditor(services, req, dataset);
    renderPage(req, res, 'dataset/delete', {
      title: t(req, 'dataset.delete.title'), form: true, dataset,
      warning: t(req, 'dataset.delete.warning', { title: dataset.title || dataset.name }),
      breadcrumbs: datasetCrumbs(req, dataset, [{ label: t(req, 'dataset.delete') }]),
    });
  }));
  router.post('/dataset/delete/:name', page(async (req, res) => {
    const dataset = await show(req);
    await runAction('package_delete', actionContext(services, req), { id: dataset.id });
    res.redirect(303, dataset.organization ? `/organization/${encodeURIComponent(dataset.organization.name)}` : '/dataset');
  }));
  return router;
}
