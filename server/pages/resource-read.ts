// The resource page: the file (with its previous versions) and, when it was read into the DataStore,
// its load report, preview, dictionary and API calls; for editors, the form that corrects the dictionary.
import { shownResourceName } from './resource-name';
import { Request, Response, Router } from 'express';
import { getAction, runAction } from '../core/actions';
import { Services } from '../core/context';
import { NotFound, ValidationError } from '../core/errors';
import { datasetCrumbs } from './dataset-pages';
import { currentDictionary, DICTIONARY_ACTION, DictionaryColumn, dictionaryFormView, dictionaryInput, dictionaryLabels, postedDictionary } from './dictionary-form';
import { formErrorData, formErrorStatus, PageValidationError } from './form-errors';
import { actionContext, canEditDataset, localHref, page, renderPage, requireEditor } from './page';
import { optionalAction, SearchResult, shownFields } from './resource-actions';
import { announceLoad, resourceDataView } from './resource-data-view';
import { datasetAndResource } from './resource-pages';

interface PostedDictionary {
  values: DictionaryColumn[];
  error: ValidationError;
}

const resourceBase = (dataset: Record<string, any>, resource: Record<string, any>) =>
  `/dataset/${encodeURIComponent(dataset.name)}/resource/${resource.id}`;

async function renderResource(services: Services, req: Request, res: Response, posted?: PostedDictionary): Promise<void> {
  const { dataset, resource } = await datasetAndResource(services, req);
  const base = resourceBase(dataset, resource);
  const canEdit = await canEditDataset(services, req, dataset);
  const data = await resourceDataView(services, req, dataset, resource, base);
  const fields = data.preview?.fields ?? [];
  const dictionaryForm = canEdit && fields.length ? dictionaryFormView(req, `${base}/dictionary`, posted?.values ?? currentDictionary(fields)) : null;
  const title = shownResourceName(req, resource);
  renderPage(req, res, 'resource/read', {
    title,
    breadcrumbs: datasetCrumbs(req, dataset, [{ label: title }]),
    dataset, resource,
    isUpload: resource.url_type === 'upload',
    href: localHref(services, resource.url),
    versions: ((resource.file_versions ?? []) as any[]).map((v) => ({ ...v, href: localHref(services, v.url) })),
    editHref: `${base}/edit`,
    deleteHref: `${base}/delete`,
    canEdit,
    data,
    // The load's announcement goes to the layout's one status region, as every form's does.
    ...(data.flash ? { flash: { kind: data.flash.kind === 'danger' ? 'error' : data.flash.kind, message: data.flash.text } } : {}),
    form: dictionaryForm !== null,
    dictionaryForm,
    ...(posted ? formErrorData(req, posted.error, dictionaryLabels(req, posted.values), title) : {}),
  }, posted ? formErrorStatus(posted.error) : 200);
}

/** Saves the editor's dictionary and loads the file again; errors come back next to the fields. */
function saveDictionary(services: Services) {
  return page(async (req: Request, res: Response) => {
    const { dataset, resource } = await datasetAndResource(services, req);
    await requireEditor(services, req, dataset);
    const ctx = actionContext(services, req);
    const table = await optionalAction<SearchResult>('datastore_search', ctx, { resource_id: resource.id, limit: 0 });
    if (!table || !getAction(DICTIONARY_ACTION)) throw new NotFound('Questa risorsa non ha una tabella da descrivere');
    const { values, errors } = postedDictionary(req, currentDictionary(shownFields(table.fields)));
    try {
      if (Object.keys(errors).length > 0) throw new PageValidationError(errors, 400);
      await runAction(DICTIONARY_ACTION, ctx, dictionaryInput(resource.id, values));
      announceLoad(req, resource.id, 'dictionary');
      res.redirect(303, `${resourceBase(dataset, resource)}#verifica`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderResource(services, req, res, { values, error });
    }
  });
}

export function resourceReadPages(services: Services): Router {
  const router = Router();
  router.get('/dataset/:name/resource/:id', page((req, res) => renderResource(services, req, res)));
  router.post('/dataset/:name/resource/:id/dictionary', saveDictionary(services));
  return router;
}
