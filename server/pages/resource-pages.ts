// Resources: the editors' multipart forms to add one (file upload or URL) or to edit one (optionally
// replacing the file: the old one stays in history). The resource page itself is resource-read.ts.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { NotFound, ValidationError } from '../core/errors';
import { UploadedFile } from '../files/store';
import { MultipartFields, parseMultipart } from '../files/multipart';
import type { PackageForEdit } from '../catalogue/package-page-actions';
import { resourceChoices } from '../dcat/form-choices';
import { datasetCrumbs } from './dataset-pages';
import { announceLoad } from './resource-data-view';
import { formErrorData, formErrorStatus, pageFieldError } from './form-errors';
import { actionContext, page, renderPage, requireEditor, t } from './page';
import { setFlash } from './flash';
import { shownResourceName } from './resource-name';

const LABELS: Record<string, string> = {
  upload: 'resource.field.upload', url: 'resource.field.url', name: 'resource.field.name',
  description: 'resource.field.description', format: 'resource.field.format',
  license_id: 'resource.field.license_id', language: 'resource.field.language',
};

interface ResourceForm {
  name: string;
  description: string;
  format: string;
  url: string;
  license_id: string;
  language: string[];
}

const EMPTY_FORM: ResourceForm = { name: '', description: '', format: '', url: '', license_id: '', language: [] };

function fromFields(fields: MultipartFields): ResourceForm {
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string).trim() : '');
  const list = (key: string) => [fields[key] ?? []].flat().map((v) => v.trim()).filter(Boolean);
  return {
    name: text('name'), description: text('description'), format: text('format'), url: text('url'),
    license_id: text('license_id'), language: list('language'),
  };
}

/** The edit form shows what the editor stored: an inherited licence stays "the dataset's". */
function storedValues(resource: Record<string, any>, stored: Record<string, unknown> | null): ResourceForm {
  return {
    name: resource.name ?? '', description: resource.description ?? '', format: resource.format ?? '', url: resource.url ?? '',
    license_id: typeof stored?.license_id === 'string' ? stored.license_id : '',
    language: Array.isArray(stored?.language) ? (stored!.language as string[]) : [],
  };
}

/** A file input left empty still sends an empty part: that means "no file", not "an empty file". */
async function chosenFile(services: Services, upload: UploadedFile | undefined): Promise<UploadedFile | undefined> {
  if (upload && upload.size === 0) {
    await services.files.discard(upload);
    return undefined;
  }
  return upload;
}

/** The dataset named in the URL and, when the URL has one, its resource (404 if it belongs elsewhere). */
export async function datasetAndResource(services: Services, req: Request) {
  const ctx = actionContext(services, req);
  const dataset = await runAction('package_show', ctx, { id: String(req.params.name) });
  if (!req.params.id) return { dataset, resource: null };
  const resource = await runAction('resource_show', ctx, { id: String(req.params.id) });
  if (resource.package_id !== dataset.id) throw new NotFound('Risorsa non trovata');
  return { dataset, resource };
}

interface FormOptions {
  dataset: Record<string, any>;
  resource: Record<string, any> | null;
  values: ResourceForm;
  error?: ValidationError;
}

function renderForm(req: Request, res: Response, opts: FormOptions): void {
  const { dataset, resource, values, error } = opts;
  const title = t(req, resource ? 'resource.edit.title' : 'resource.new.title');
  const base = `/dataset/${encodeURIComponent(dataset.name)}/resource`;
  const path = resource ? `${base}/${resource.id}/edit` : `${base}/new`;
  // The token rides in the URL too: the CSRF check runs before the multipart body is read.
  const token = req.csrfToken ? req.csrfToken() : '';
  renderPage(req, res, 'resource/form', {
    title, form: true, dataset, resource, values,
    ...resourceChoices(req.lang === 'en' ? 'en' : 'it', values, dataset.license_id, {
      sameAsDataset: t(req, 'resource.field.license_id.same'), firstLanguages: t(req, 'field.language.first'), otherLanguages: t(req, 'field.language.others'),
    }),
    action: `${path}?_csrf=${encodeURIComponent(token)}`,
    cancelHref: resource ? `${base}/${resource.id}` : `/dataset/${encodeURIComponent(dataset.name)}`,
    deleteHref: resource ? `${base}/${resource.id}/delete` : null,
    isUpload: resource?.url_type === 'upload',
    breadcrumbs: datasetCrumbs(req, dataset, [{ label: title }]),
    ...(error ? formErrorData(req, error, LABELS, title) : {}),
  }, error ? formErrorStatus(error) : 200);
}

function resourceInput(form: ResourceForm, upload: UploadedFile | undefined, current: Record<string, any> | null) {
  const input: Record<string, unknown> = {
    name: form.name, description: form.description, format: form.format, license_id: form.license_id, language: form.language,
  };
  // A file sent without a name is called by its file's name (as CKAN's form fills it in the browser).
  if (upload && !form.name) input.name = upload.filename;
  if (upload) input.upload = upload;
  // On edit, the URL box shows the current address: send it only when the editor changed it.
  else if (form.url && form.url !== current?.url) input.url = form.url;
  return input;
}

function submit(services: Services) {
  return page(async (req: Request, res: Response) => {
    const { dataset, resource } = await datasetAndResource(services, req);
    await requireEditor(services, req, dataset);
    let values: ResourceForm = EMPTY_FORM;
    let upload: UploadedFile | undefined;
    try {
      const parsed = await parseMultipart(req, services.files);
      values = fromFields(parsed.fields);
      upload = await chosenFile(services, parsed.upload);
      if (!resource && !upload && !values.url) throw pageFieldError('upload', t(req, 'resource.error.file_or_url'));
      const ctx = actionContext(services, req);
      const input = resourceInput(values, upload, resource);
      const saved = resource
        ? await runAction('resource_patch', ctx, { ...input, id: resource.id })
        : await runAction('resource_create', ctx, { ...input, package_id: dataset.id });
      // A new file is being read into the DataStore: the resource page announces how that went.
      if (upload) announceLoad(req, saved.id, 'upload');
      else setFlash(req, 'success', t(req, resource ? 'flash.resource_saved' : 'flash.resource_created', { name: shownResourceName(req, saved) }));
      res.redirect(303, `/dataset/${encodeURIComponent(dataset.name)}/resource/${saved.id}`);
    } catch (error) {
      if (upload) await services.files.discard(upload);
      if (!(error instanceof ValidationError)) throw error;
      renderForm(req, res, { dataset, resource, values, error });
    }
  });
}

export function resourcePages(services: Services): Router {
  const router = Router();
  router.get('/dataset/:name/resource/new', page(async (req, res) => {
    const { dataset } = await datasetAndResource(services, req);
    await requireEditor(services, req, dataset);
    renderForm(req, res, { dataset, resource: null, values: EMPTY_FORM });
  }));
  router.post('/dataset/:name/resource/new', submit(services));
  router.get('/dataset/:name/resource/:id/edit', page(async (req, res) => {
    const { dataset, resource } = await datasetAndResource(services, req);
    const { storedResources } = await runAction<PackageForEdit>('package_show_for_edit', actionContext(services, req), { id: dataset.id });
    renderForm(req, res, { dataset, resource, values: storedValues(resource, storedResources[resource.id] ?? null) });
  }));
  router.post('/dataset/:name/resource/:id/edit', submit(services));
  return router;
}
