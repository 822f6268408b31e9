// Importing a DCAT-AP_IT / DCAT-AP file into one organization (cli import-dcat, the upload form): first
// what would happen (preview), then the writes, through package_create / package_update. A dataset whose
// dct:identifier a dataset of the organization already has is updated; the others are created. Imported
// datasets are local ones (editable here): a file has no source to harvest again.
import { runAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { PackageEntity } from '../catalogue/entities';
import { datasetsFromQuads, guessRdfFormat, ImportedDataset, parseRdf } from '../dcat/import/datasets';
import type { RdfInputFormat } from '../dcat/import/parse';
import { describeError, Dict } from './records';

export interface PlannedDataset {
  uri: string;
  title: string;
  name: string;
  /** What importing would do, or did. */
  action: 'create' | 'update' | 'invalid';
  /** The local dataset updated (for 'update'). */
  existing: string | null;
  warnings: string[];
  input: Dict;
}

export interface ImportOutcome {
  uri: string;
  title: string;
  result: 'created' | 'updated' | 'failed';
  name: string | null;
  error: string | null;
}

/** The RDF format of a file from its name (and a content type, if any); null when neither says. */
export function fileFormat(filename: string, contentType = ''): RdfInputFormat | null {
  return guessRdfFormat(contentType, filename);
}

/** Parses the file and says what each of its datasets would become in the organization. */
export async function planImport(ctx: ActionContext, text: string, format: RdfInputFormat, orgId: string): Promise<PlannedDataset[]> {
  const datasets: ImportedDataset[] = datasetsFromQuads(await parseRdf(text, format));
  const repo = ctx.services.db.getRepository(PackageEntity);
  const planned: PlannedDataset[] = [];
  for (const dataset of datasets) {
    const identifier = typeof dataset.input.identifier === 'string' ? dataset.input.identifier : '';
    const existing = identifier ? await repo.findOneBy({ identifier, ownerOrg: orgId }) : null;
    const valid = Boolean(dataset.input.name);
    planned.push({
      uri: dataset.uri, title: String(dataset.input.title ?? dataset.input.name ?? dataset.uri), name: existing?.name ?? String(dataset.input.name ?? ''),
      action: !valid ? 'invalid' : existing ? 'update' : 'create', existing: existing?.id ?? null, warnings: dataset.warnings, input: dataset.input,
    });
  }
  return planned;
}

/** Writes the planned datasets, each on its own: one that fails does not stop the others. */
export async function runImport(ctx: ActionContext, planned: PlannedDataset[], orgId: string): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const item of planned) {
    const base = { uri: item.uri, title: item.title };
    if (item.action === 'invalid') {
      outcomes.push({ ...base, result: 'failed', name: null, error: item.warnings.join('; ') || 'dataset non importabile' });
      continue;
    }
    try {
      const input = { ...item.input, owner_org: orgId };
      const written = item.existing
        ? await runAction<Dict>('package_update', ctx, { ...input, id: item.existing, name: item.name })
        : await runAction<Dict>('package_create', ctx, input);
      outcomes.push({ ...base, result: item.existing ? 'updated' : 'created', name: String(written.name), error: null });
    } catch (err) {
      outcomes.push({ ...base, result: 'failed', name: null, error: describeError(err) });
    }
  }
  return outcomes;
}
