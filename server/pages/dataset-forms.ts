// Editors' dataset forms: /dataset/new, /dataset/edit/:name, /dataset/delete/:name.
// The form is shown again with per-field messages when the action answers ValidationError.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { NotAuthorized, ValidationError } from '../core/errors';
import type { PackageForEdit } from '../catalogue/package-page-actions';
import { StoredDatasetDcat } from '../dcat/dataset-fields';
import { frequencyOptions, languageGroups, placeOptions, themeOptions } from '../dcat/form-choices';
import { subthemeByUri, subthemesOf } from '../dcat/vocabularies';
import { slugify } from '../dcat/import/identifiers';
import { chosenFirst } from './choice-lists';
import { datasetCrumbs, defaultsNote } from './dataset-pages';
import { setFlash } from './flash';
import { formErrorData, formErrorStatus } from './form-errors';
import { actionContext, page, renderPage, requireEditor, t } from './page';
import { licenceTitle } from '../i18n';

const TEXT_FIELDS = ['name', 'title', 'notes', 'owner_org', 'license_id', 'tag_string', 'author', 'author_email',
  'maintainer', 'maintainer_email', 'version', 'url'] as const;

// DCAT-AP_IT fields the form shows as one text box each (dates are <input type="date">).
const DCAT_TEXT_FIELDS = ['identifier', 'frequency', 'geographical_name', 'geographical_geonames_url', 'temporal_start',
  'temporal_end', 'issued', 'modified', 'publisher_name', 'publisher_identifier', 'holder_name', 'holder_identifier',
  'contact_name', 'contact_email', 'is_version_of', 'conforms_to_identifier', 'conforms_to_title', 'conforms_to_uri'] as const;

// The action's field names (ValidationError keys) for the DCAT-AP_IT part of the form.
const DCAT_ERROR_FIELDS = ['identifier', 'theme', 'frequency', 'language', 'geographical_name', 'geographical_geonames_url',
  'temporal_start', 'temporal_end', 'issued', 'modified', 'publisher_name', 'publisher_identifier', 'holder_name',
  'holder_identifier', 'contact_name', 'contact_email', 'conforms_to', 'is_version_of'];

export const DATASET_LABELS: Record<string, string> = {
  ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, `field.${f}`])),
  tags: 'field.tag_string', private: 'field.private',
  ...Object.fromEntries(DCAT_ERROR_FIELDS.map((f) => [f, `field.${f}`])),
};

type DcatTextField = (typeof DCAT_TEXT_FIELDS)[number];
type DatasetForm = Record<(typeof TEXT_FIELDS)[number] | DcatTextField, string> & {
  private: boolean;
  /** The portal's themes: EU data-theme codes (their groups follow them: server/catalogue/themes.ts). */
  theme: string[];
  /** EuroVoc URIs; each belongs to one theme. */
  subthemes: string[];
  language: string[];
  /** Standards beyond the first (the form shows one): kept as they were. */
  moreStandards: StoredDatasetDcat['conforms_to'];
};

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];
  return items.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
}

function fromBody(body: Record<string, unknown> | undefined): DatasetForm {
  const source = body ?? {};
  const text = (key: string) => (typeof source[key] === 'string' ? (source[key] as string).trim() : '');
  return {
    ...(Object.fromEntries([...TEXT_FIELDS, ...DCAT_TEXT_FIELDS].map((f) => [f, text(f)])) as Record<(typeof TEXT_FIELDS)[number] | DcatTextField, string>),
    private: source.private === 'true',
    theme: list(source.theme),
    subthemes: list(source.subthemes),
    language: list(source.language),
    moreStandards: [],
  };
}

/**
 * The new-dataset form may leave the name empty: it is made from the title, as CKAN's form does in the
 * browser (catalogo.js does it too, while the title is typed). The API keeps requiring a name, as CKAN's.
 */
function withDerivedName(form: DatasetForm): DatasetForm {
  return form.name || !form.title ? form : { ...form, name: slugify(form.title) };
}

/** Dates as <input type="date"> takes them: a date-time keeps its day. */
const day = (value: string | undefined) => (value ?? '').slice(0, 10);

/** The form for editing: what the editor stored, never the values the portal derives. */
function fromDataset({ dataset, stored: { identifier, dcat: stored } }: PackageForEdit): DatasetForm {
  const [standard, ...moreStandards] = stored.conforms_to ?? [];
  return {
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, dataset[f] ?? ''])) as Record<(typeof TEXT_FIELDS)[number], string>),
    tag_string: (dataset.tags ?? []).map((tag: { name: string }) => tag.name).join(', '),
    private: dataset.private === true,
    identifier,
    theme: (stored.theme ?? []).map((t) => t.theme),
    subthemes: (stored.theme ?? []).flatMap((t) => t.subthemes),
    frequency: stored.frequency ?? '',
    language: stored.language ?? [],
    geographical_name: stored.geographical_name ?? '',
    geographical_geonames_url: stored.geographical_geonames_url ?? '',
    temporal_start: day(stored.temporal_start),
    temporal_end: day(stored.temporal_end),
    issued: day(stored.issued),
    modified: day(stored.modified),
    publisher_name: stored.publisher_name ?? '',
    publisher_identifier: stored.publisher_identifier ?? '',
    holder_name: stored.holder_name ?? '',
    holder_identifier: stored.holder_identifier ?? '',
    contact_name: stored.contact_name ?? '',
    contact_email: stored.contact_email ?? '',
    is_version_of: stored.is_version_of ?? '',
    conforms_to_identifier: standard?.identifier ?? '',
    conforms_to_title: standard?.title ?? '',
    conforms_to_uri: standard?.uri ?? '',
    moreStandards,
  };
}

/** Themes with their sub-themes; a sub-theme chosen under a theme left unticked brings its theme along. */
function themesOf(form: DatasetForm): { theme: string; subthemes: string[] }[] {
  const themes = new Map(form.theme.map((code) => [code, [] as string[]]));
  for (const uri of form.subthemes) {
    // A sub-theme may belong to two themes (EuroVoc 100212: EDUC and SOCI): prefer a ticked one.
    const theme = form.theme.find((code) => subthemesOf(code).some((sub) => sub.uri === uri)) ?? subthemeByUri(uri)?.theme;
    if (!theme) continue;
    themes.set(theme, [...(themes.get(theme) ?? []), uri]);
  }
  return [...themes].map(([theme, subthemes]) => ({ theme, subthemes }));
}

/**
 * The action input: tags replaced by tag_string (an empty list clears the old ones on patch); every DCAT-AP_IT
 * field the form shows is sent, so an emptied box clears the stored value and the portal derives it again.
 * No `groups`: the themes decide the theme groups, and other groups (given through the API) stay.
 */
function toActionInput(form: DatasetForm): Record<string, unknown> {
  const { theme: _theme, subthemes: _subthemes, moreStandards, conforms_to_identifier, conforms_to_title, conforms_to_uri, ...rest } = form;
  const standard = conforms_to_identifier || conforms_to_title || conforms_to_uri
    ? [{ identifier: conforms_to_identifier, title: conforms_to_title, uri: conforms_to_uri }] : [];
  return {
    ...rest,
    tags: [],
    theme: themesOf(form),
    language: form.language,
    conforms_to: [...standard, ...(moreStandards ?? [])],
  };
}

async function formOptions(services: Services, req: Request, form: DatasetForm) {
  const ctx = actionContext(services, req);
  const [orgs, licenses] = await Promise.all([
    runAction<any[]>('organization_list_for_user', ctx, { permission: 'create_dataset' }),
    runAction<any[]>('license_list', ctx, {}),
  ]);
  return {
    orgs: orgs.map((o) => ({ id: o.id, label: o.display_name, selected: o.id === form.owner_org || o.name === form.owner_org })),
    licenses: licenses.map((l) => ({ id: l.id, label: licenceTitle(req.lang ?? 'it', l.id, l.title), selected: l.id === (form.license_id || 'CC-BY-4.0') })),
    ...dcatChoices(req, form),
  };
}

/** The vocabulary choices of the DCAT-AP_IT fieldset, labelled in the page's language. */
function dcatChoices(req: Request, form: DatasetForm) {
  const lang = req.lang ?? 'it';
  const subthemes = new Set(form.subthemes);
  const themes = themeOptions(lang, form.theme.map((theme) => ({ theme, subthemes: [] })))
    .map((theme) => ({ ...theme, subthemes: theme.subthemes.map((s) => ({ ...s, selected: subthemes.has(s.value) })) }));
  const chosen = t(req, 'choices.chosen');
  const subthemeGroups = chosenFirst(themes.filter((theme) => theme.subthemes.length).map((theme) => ({ label: theme.label, options: theme.subthemes })), chosen);
  const languages = chosenFirst(languageGroups(lang, form.language, { first: t(req, 'field.language.first'), others: t(req, 'field.language.others') }), chosen);
  return {
    themes,
    subthemeGroups,
    frequencies: frequencyOptions(lang, form.frequency.toUpperCase()),
    languageGroups: languages,
    places: placeOptions(lang, form.geographical_name.toUpperCase()),
    // Shown in edit mode when theme or frequency is still the portal's placeholder.
    dcatDefaultsNote: defaultsNote(req, !form.theme.length && !form.subthemes.length, !form.frequency),
  };
}


/** An error about `groups` (a group the dataset was in is gone) is one about its themes: the form's one list. */
function themeErrors(error: ValidationError): ValidationError {
  const { groups, ...fields } = error.fields;
  return groups ? new ValidationError({ ...fields, theme: [...(fields.theme ?? []), ...groups] }, error.status) : error;
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
    dcatDefaultsNote: opts.mode === 'edit' ? options.dcatDefaultsNote : null,
    action: opts.mode === 'new' ? '/dataset/new' : `/dataset/edit/${encodeURIComponent(opts.dataset!.name)}`,
    cancelHref: opts.dataset ? `/dataset/${encodeURIComponent(opts.dataset.name)}` : '/dataset',
    breadcrumbs: opts.dataset ? datasetCrumbs(req, opts.dataset, [{ label: title }]) : [{ label: t(req, 'nav.datasets'), href: '/dataset' }, { label: title }],
    ...(opts.error ? formErrorData(req, themeErrors(opts.error), DATASET_LABELS, title) : {}),
  }, opts.error ? formErrorStatus(opts.error) : 200);
}

/** The dataset with what its editor stored (package_show gives the derived values); editors only. */
function forEdit(services: Services, req: Request): Promise<PackageForEdit> {
  return runAction<PackageForEdit>('package_show_for_edit', actionContext(services, req), { id: String(req.params.name) });
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
    const form = withDerivedName(fromBody(req.body));
    try {
      const created = await runAction('package_create', actionContext(services, req), toActionInput(form));
      setFlash(req, 'success', t(req, 'flash.dataset_created', { title: created.title || created.name }));
      res.redirect(303, `/dataset/${encodeURIComponent(created.name)}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await renderForm(services, req, res, form, { mode: 'new', error });
    }
  }));

  router.get('/dataset/edit/:name', page(async (req, res) => {
    const edited = await forEdit(services, req);
    await renderForm(services, req, res, fromDataset(edited), { mode: 'edit', dataset: edited.dataset });
  }));
  router.post('/dataset/edit/:name', page(async (req, res) => {
    const edited = await forEdit(services, req);
    const dataset = edited.dataset;
    const form = { ...fromBody(req.body), moreStandards: fromDataset(edited).moreStandards };
    try {
      const saved = await runAction('package_patch', actionContext(services, req), { ...toActionInput(form), id: dataset.id });
      setFlash(req, 'success', t(req, 'flash.dataset_saved', { title: saved.title || saved.name }));
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
    setFlash(req, 'success', t(req, 'flash.dataset_deleted', { title: dataset.title || dataset.name }));
    res.redirect(303, dataset.organization ? `/organization/${encodeURIComponent(dataset.organization.name)}` : '/dataset');
  }));
  return router;
}
