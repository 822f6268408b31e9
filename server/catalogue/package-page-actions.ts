// Reads for the pages only (internal actions: not in the API), as CKAN's views call package_show with
// context['for_view'] and ['for_edit']: the dataset is loaded once for everything the page shows.
import { harvestOriginOf, HarvestOrigin } from '../harvest/guard';
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { StoredDatasetDcat, storedDcatOf } from '../dcat/dataset-fields';
import { DcatDatasetRecord } from '../dcat/record';
import { datasetRecord } from '../dcat/records';
import { LoadedDataset, loadDatasets } from './dataset-loader';
import { requireEditRights } from './package-actions';
import { Dict, packageDict } from './present';
import { ANONYMOUS, canSee, PUBLISHED, visiblePackage } from './visibility';

/** package_show's dict, with the fields every page reads. */
export type ShownDataset = Dict & { id: string; name: string; owner_org: string };

export interface PackageForView {
  dataset: ShownDataset;
  /** The DCAT-AP_IT record: the page's metadata section and its schema.org description. */
  record: DcatDatasetRecord;
  /** Whether the DCAT catalogue publishes it, and so whether /dataset/NAME.ttl exists. */
  published: boolean;
  /** The harvest source it comes from (server/harvest/guard.ts), null for a local dataset. */
  harvestedFrom: HarvestOrigin | null;
}

export interface PackageForEdit {
  dataset: ShownDataset;
  /** What the editor stored, never the values the portal derives: the form must not save those as choices. */
  stored: { identifier: string; dcat: StoredDatasetDcat };
  /** The DCAT-AP_IT fields each active resource's editor stored, by resource id. */
  storedResources: Record<string, Record<string, unknown>>;
}

/** One dataset the caller may see, with its related rows: package_show's visibility, one load. */
async function loadVisible(ctx: ActionContext, id: string): Promise<LoadedDataset> {
  const [loaded] = await loadDatasets(ctx.services.db.manager, [await visiblePackage(ctx, id)]);
  return loaded;
}

export const packageShowForView = defineAction({
  name: 'package_show_for_view', kind: 'read', schema: 'package_show.json', auth: publicAction, internal: true,
  help: 'Il dataset per la sua pagina: il dizionario di package_show, il record DCAT-AP_IT e se il catalogo lo pubblica.',
  run: async (ctx, input: { id: string }): Promise<PackageForView> => {
    const loaded = await loadVisible(ctx, input.id);
    const siteUrl = ctx.services.config.siteUrl;
    return { dataset: packageDict(loaded, siteUrl) as ShownDataset, record: datasetRecord(loaded, siteUrl), published: canSee(ANONYMOUS, loaded.pkg, PUBLISHED), harvestedFrom: await harvestOriginOf(ctx.services.db.manager, loaded.pkg.id) };
  },
});

export const packageShowForEdit = defineAction({
  name: 'package_show_for_edit', kind: 'read', schema: 'package_show.json', auth: requireEditRights, internal: true,
  help: "Il dataset per i moduli di modifica: il dizionario di package_show e i valori DCAT-AP_IT scelti dall'editor.",
  run: async (ctx, input: { id: string }): Promise<PackageForEdit> => {
    const loaded = await loadVisible(ctx, input.id);
    return {
      dataset: packageDict(loaded, ctx.services.config.siteUrl) as ShownDataset,
      stored: { identifier: loaded.pkg.identifier ?? '', dcat: storedDcatOf(loaded.pkg.dcat) },
      storedResources: Object.fromEntries(loaded.resources.map((r) => [r.id, r.dcat ?? {}])),
    };
  },
});

export const packagePageActions = [packageShowForView, packageShowForEdit];
