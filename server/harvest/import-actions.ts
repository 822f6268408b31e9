// The upload form's two steps, as internal actions (the pages' own, not the API's): the uploaded file
// waits in the file store under a pending key (files/pending.ts: kept while this node lives, swept after)
// between the preview and the confirmation; the confirmation imports it and removes it.
import fs from 'node:fs';
import { defineAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { NotFound, ValidationError } from '../core/errors';
import { FilePendingEntity } from '../files/entities';
import { fileFormat, ImportOutcome, planImport, PlannedDataset, runImport } from './import-file';
import { organizationOf, requireSourceManager } from './sources';

/** Files larger than this are for `cli import-dcat`, not a form. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

interface ImportInput {
  owner_org: string;
  key: string;
  filename: string;
}

const manageOrg = async (ctx: ActionContext, input: ImportInput) =>
  requireSourceManager(ctx, (await organizationOf(ctx.services.db.manager, input.owner_org)).id);

/** The waiting file's text: only a key the store holds as pending (never a resource's stored file). */
async function waitingText(ctx: ActionContext, key: string): Promise<string> {
  if (!(await ctx.services.db.getRepository(FilePendingEntity).existsBy({ key }))) throw new NotFound('Il file caricato non è più disponibile: caricalo di nuovo');
  const file = ctx.services.files.pathOf(key);
  const { size } = await fs.promises.stat(file);
  if (size > MAX_IMPORT_BYTES) throw ValidationError.field('upload', `File troppo grande per il modulo (oltre ${MAX_IMPORT_BYTES / 1024 / 1024} MB): usa npm run cli -- import-dcat`, 413);
  return fs.promises.readFile(file, 'utf8');
}

async function plan(ctx: ActionContext, input: ImportInput): Promise<{ plan: PlannedDataset[]; orgId: string }> {
  const format = fileFormat(input.filename);
  if (!format) throw ValidationError.field('upload', 'Formato non riconosciuto dal nome del file: usa .ttl, .rdf, .xml, .jsonld, .json o .nt');
  const org = await organizationOf(ctx.services.db.manager, input.owner_org);
  try {
    return { plan: await planImport(ctx, await waitingText(ctx, input.key), format, org.id), orgId: org.id };
  } catch (err) {
    if (err instanceof ValidationError || err instanceof NotFound) throw err;
    throw ValidationError.field('upload', (err as Error).message);
  }
}

export const dcatImportPreview = defineAction({
  name: 'dcat_import_preview', kind: 'read', schema: 'dcat_import.json', auth: manageOrg, internal: true,
  help: "Che cosa creerebbe o aggiornerebbe l'importazione del file caricato.",
  run: async (ctx, input: ImportInput) => (await plan(ctx, input)).plan.map(({ input: _input, ...shown }) => shown),
});

export const dcatImportRun = defineAction({
  name: 'dcat_import_run', kind: 'write', schema: 'dcat_import.json', auth: manageOrg, internal: true,
  help: "Importa il file caricato nell'organizzazione, poi lo elimina.",
  run: async (ctx, input: ImportInput): Promise<ImportOutcome[]> => {
    const { plan: planned, orgId } = await plan(ctx, input);
    const outcomes = await runImport(ctx, planned, orgId);
    await ctx.services.files.remove(input.key);
    return outcomes;
  },
});

export const importActions = [dcatImportPreview, dcatImportRun];
