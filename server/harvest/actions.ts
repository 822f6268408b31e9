// ckanext-harvest's actions (harvest_source_*, harvest_job_*), with its names and shapes. Sysadmins and
// the admins of a source's organization manage it; nobody else sees it.
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { CAN_MANAGE_ORG, requireLogin, requireSysadmin } from '../auth/policies';
import { MemberEntity } from '../auth/entities';
import { defineAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { NotFound, ValidationError } from '../core/errors';
import { nowIso } from '../db/columns';
import { GroupEntity, PackageEntity } from '../catalogue/entities';
import { findPackage } from '../catalogue/lookup';
import { inTransaction } from '../db/transaction';
import { HarvestFrequency, HarvestJobEntity, HarvestObjectEntity, HarvestSourceEntity, HarvestSourceType } from './entities';
import { Dict, presentJob } from './present';
import { importActions } from './import-actions';
import { createHarvestJob, findSource, nextRunAfter, organizationOf, requireSourceManager, sourceDict } from './sources';
import { HarvestConfig, readHarvestConfig } from './config';

interface SourceInput {
  id?: string;
  name?: string;
  url?: string;
  title?: string;
  notes?: string;
  source_type?: HarvestSourceType;
  owner_org?: string;
  frequency?: HarvestFrequency;
  config?: string;
  active?: boolean;
}

/** The source the input names (id or name), for the rule and then the action. */
async function namedSource(ctx: ActionContext, input: Dict): Promise<HarvestSourceEntity> {
  return findSource(ctx.services.db.manager, input.id ?? input.source_id ?? input.name);
}

/**
 * The config may send datasets elsewhere: to another organization (`owner_org`), whose admins must be the
 * caller too, or to the remote organizations' local namesakes (`remote_orgs`), which only a sysadmin may ask.
 */
async function requireConfigRights(ctx: ActionContext, configText: unknown): Promise<void> {
  if (typeof configText !== 'string') return;
  const config = readHarvestConfig(configText);
  if (config.ownerOrg !== undefined) await requireSourceManager(ctx, (await organizationOf(ctx.services.db.manager, config.ownerOrg, 'config')).id);
  if (config.remoteOrgs) requireSysadmin(ctx);
}

const manageNamedSource = async (ctx: ActionContext, given: object) => {
  const input = given as Dict;
  requireLogin(ctx);
  await requireConfigRights(ctx, input.config);
  const source = await namedSource(ctx, input);
  await requireSourceManager(ctx, source.ownerOrg);
  // Moving a source: the admin must manage the new organization too.
  if (typeof input.owner_org === 'string') await requireSourceManager(ctx, (await organizationOf(ctx.services.db.manager, input.owner_org)).id);
};

/** default_groups must name local groups, as ckanext-harvest checks when the source is saved. */
async function checkDefaultGroups(ctx: ActionContext, config: HarvestConfig): Promise<void> {
  if (!config.defaultGroups.length) return;
  const groups = await ctx.services.db.getRepository(GroupEntity).find({
    where: [{ name: In(config.defaultGroups), isOrganization: false, state: 'active' }, { id: In(config.defaultGroups), isOrganization: false, state: 'active' }],
  });
  const missing = config.defaultGroups.filter((key) => !groups.some((g) => g.name === key || g.id === key));
  if (missing.length) throw ValidationError.field('config', `"default_groups": gruppo inesistente: ${missing.join(', ').slice(0, 200)}`);
}

/** The fields of the source row from an input (over `base` for a patch). */
async function sourceFields(ctx: ActionContext, input: SourceInput, base?: HarvestSourceEntity): Promise<Partial<HarvestSourceEntity>> {
  const org = await organizationOf(ctx.services.db.manager, input.owner_org ?? base?.ownerOrg);
  const config = input.config ?? base?.config ?? '';
  await checkDefaultGroups(ctx, readHarvestConfig(config));
  const frequency = input.frequency ?? base?.frequency ?? 'MANUAL';
  const frequencyChanged = !base || frequency !== base.frequency;
  return {
    name: input.name ?? base?.name, url: input.url ?? base?.url, title: input.title ?? base?.title ?? input.name ?? '',
    description: input.notes ?? base?.description ?? '', sourceType: input.source_type ?? base?.sourceType,
    ownerOrg: org.id, frequency, config, active: input.active ?? base?.active ?? true,
    nextRun: frequencyChanged ? nextRunAfter(frequency, Date.now()) : base!.nextRun,
  };
}

/** Names the harvest pages use as paths (/harvest/new, /harvest/job/ID, /harvest/import). */
const RESERVED_NAMES = new Set(['new', 'job', 'import']);

async function nameTaken(ctx: ActionContext, name: string, exceptId?: string): Promise<void> {
  if (RESERVED_NAMES.has(name)) throw ValidationError.field('name', `"${name}" è un nome riservato: scegline un altro`);
  const other = await ctx.services.db.getRepository(HarvestSourceEntity).findOneBy({ name });
  if (other && other.id !== exceptId) throw ValidationError.field('name', `Esiste già una fonte di raccolta con il nome "${name}"`);
}

export const harvestSourceCreate = defineAction({
  name: 'harvest_source_create', kind: 'write', schema: 'harvest_source_create.json',
  help: "Crea una fonte di raccolta (CKAN o DCAT RDF) per un'organizzazione di cui sei amministratore.",
  auth: async (ctx, input: SourceInput) => {
    await requireSourceManager(ctx, (await organizationOf(ctx.services.db.manager, input.owner_org)).id);
    await requireConfigRights(ctx, input.config);
  },
  run: async (ctx, input: SourceInput) => {
    await nameTaken(ctx, input.name!);
    const row = Object.assign(new HarvestSourceEntity(), { id: randomUUID(), state: 'active', created: nowIso(), ...(await sourceFields(ctx, input)) });
    await inTransaction(ctx.services.db, (m) => m.getRepository(HarvestSourceEntity).insert(row as never));
    return sourceDict(ctx.services.db.manager, row);
  },
});

/** update replaces the fields CKAN's form sends (the omitted optional ones go back to their defaults); patch merges. */
function writeSource(name: string, help: string, merge: boolean) {
  return defineAction({
    name, kind: 'write', schema: `${name}.json`, auth: manageNamedSource, help,
    run: async (ctx, input: SourceInput) => {
      const current = await namedSource(ctx, input as Dict);
      const base = merge ? current : Object.assign(new HarvestSourceEntity(), current, { description: '', config: '', frequency: 'MANUAL', active: true });
      if (input.name && input.name !== current.name) await nameTaken(ctx, input.name, current.id);
      const fields = await sourceFields(ctx, { ...input, name: input.name ?? current.name }, base);
      await inTransaction(ctx.services.db, (m) => m.getRepository(HarvestSourceEntity).update({ id: current.id }, fields));
      return sourceDict(ctx.services.db.manager, await findSource(ctx.services.db.manager, current.id));
    },
  });
}

export const harvestSourceUpdate = writeSource('harvest_source_update', 'Sostituisce i dati di una fonte di raccolta.', false);
export const harvestSourcePatch = writeSource('harvest_source_patch', 'Modifica solo i campi indicati di una fonte di raccolta.', true);

export const harvestSourceShow = defineAction({
  name: 'harvest_source_show', kind: 'read', schema: 'harvest_source_show.json', auth: manageNamedSource,
  help: "Una fonte di raccolta, con l'ultima raccolta e il numero dei dataset raccolti.",
  run: async (ctx, input: Dict) => sourceDict(ctx.services.db.manager, await namedSource(ctx, input)),
});

/** The organizations whose sources the caller manages: null for all (a sysadmin). */
async function managedOrgs(ctx: ActionContext): Promise<string[] | null> {
  const user = requireLogin(ctx);
  if (user.sysadmin) return null;
  const rows = await ctx.services.db.getRepository(MemberEntity).findBy({ userId: user.id, capacity: In(CAN_MANAGE_ORG) });
  return rows.map((row) => row.groupId);
}

export const harvestSourceList = defineAction({
  name: 'harvest_source_list', kind: 'read', schema: 'harvest_source_list.json',
  auth: (ctx) => void requireLogin(ctx),
  help: 'Le fonti di raccolta che puoi gestire (tutte, per un amministratore di sistema), con la loro ultima raccolta.',
  run: async (ctx, input: { organization_id?: string; only_active?: boolean }) => {
    const orgs = await managedOrgs(ctx);
    const manager = ctx.services.db.manager;
    const filterOrg = input.organization_id ? (await organizationOf(manager, input.organization_id, 'organization_id')).id : null;
    const allowed = orgs === null ? (filterOrg ? [filterOrg] : null) : orgs.filter((o) => !filterOrg || o === filterOrg);
    if (allowed && !allowed.length) return [];
    const sources = await manager.getRepository(HarvestSourceEntity).find({
      where: { state: 'active', ...(allowed ? { ownerOrg: In(allowed) } : {}), ...(input.only_active ? { active: true } : {}) },
      order: { title: 'ASC', name: 'ASC' },
    });
    return Promise.all(sources.map((source) => sourceDict(manager, source)));
  },
});

export const harvestSourceDelete = defineAction({
  name: 'harvest_source_delete', kind: 'write', schema: 'harvest_source_delete.json', auth: manageNamedSource,
  help: 'Cancella una fonte di raccolta: i suoi dataset restano, staccati dalla fonte e modificabili localmente.',
  run: async (ctx, input: Dict) => {
    const source = await namedSource(ctx, input);
    await inTransaction(ctx.services.db, async (m) => {
      await m.getRepository(HarvestSourceEntity).update({ id: source.id }, { state: 'deleted', active: false, nextRun: null });
      await m.getRepository(HarvestObjectEntity).update({ sourceId: source.id, current: true }, { current: false, updated: nowIso() });
    });
    return null;
  },
});

export const harvestJobCreate = defineAction({
  name: 'harvest_job_create', kind: 'write', schema: 'harvest_job_create.json', auth: manageNamedSource,
  help: 'Avvia subito una raccolta della fonte (rifiutata se ce n\'è già una in attesa o in corso).',
  run: async (ctx, input: { source_id: string }) => {
    const source = await namedSource(ctx, input as Dict);
    if (!source.active) throw ValidationError.field('source_id', 'La fonte non è attiva');
    return presentJob(await inTransaction(ctx.services.db, (m) => createHarvestJob(m, source)));
  },
});

async function findJob(ctx: ActionContext, id: string): Promise<HarvestJobEntity> {
  const job = await ctx.services.db.getRepository(HarvestJobEntity).findOneBy({ id });
  if (!job) throw new NotFound(`Raccolta non trovata: ${id}`);
  return job;
}

export const harvestJobShow = defineAction({
  name: 'harvest_job_show', kind: 'read', schema: 'harvest_job_show.json',
  auth: async (ctx, input: { id: string }) => {
    const job = await findJob(ctx, input.id);
    await requireSourceManager(ctx, (await findSource(ctx.services.db.manager, job.sourceId)).ownerOrg);
  },
  help: 'Una raccolta: stato (New, Running, Finished), conteggi (stats) ed errori della fonte e dei singoli dataset.',
  run: async (ctx, input: { id: string }) => presentJob(await findJob(ctx, input.id)),
});

export const harvestJobList = defineAction({
  name: 'harvest_job_list', kind: 'read', schema: 'harvest_job_list.json', auth: manageNamedSource,
  help: 'Le raccolte di una fonte, dalla più recente.',
  run: async (ctx, input: { source_id: string; status?: string; limit?: number }) => {
    const source = await namedSource(ctx, input as Dict);
    const jobs = await ctx.services.db.getRepository(HarvestJobEntity).find({
      where: { sourceId: source.id, ...(input.status ? { status: input.status as HarvestJobEntity['status'] } : {}) },
      order: { created: 'DESC', id: 'DESC' }, take: input.limit ?? 100,
    });
    return jobs.map(presentJob);
  },
});

/** The harvested dataset named by `id` and its object; NotFound when harvesting does not own it. */
async function harvestedDataset(ctx: ActionContext, id: string): Promise<{ pkg: PackageEntity; object: HarvestObjectEntity }> {
  const pkg = await findPackage(ctx.services.db.manager, id);
  const object = await ctx.services.db.getRepository(HarvestObjectEntity).findOneBy({ packageId: pkg.id, current: true });
  if (!object) throw ValidationError.field('id', 'Il dataset non è raccolto da nessuna fonte: è già modificabile qui');
  return { pkg, object };
}

export const harvestDatasetDetach = defineAction({
  name: 'harvest_dataset_detach', kind: 'write', schema: 'harvest_dataset_detach.json',
  auth: async (ctx, input: { id: string }) => requireSourceManager(ctx, (await findPackage(ctx.services.db.manager, input.id)).ownerOrg),
  help: 'Stacca un dataset raccolto dalla sua fonte: diventa modificabile qui e le raccolte successive non lo toccano più.',
  run: async (ctx, input: { id: string }) => {
    const { object } = await harvestedDataset(ctx, input.id);
    await inTransaction(ctx.services.db, (m) => m.getRepository(HarvestObjectEntity).update({ id: object.id }, { current: false, state: 'detached', updated: nowIso() }));
    return null;
  },
});

export const harvestActions = [...importActions, harvestDatasetDetach, 
  harvestSourceCreate, harvestSourceUpdate, harvestSourcePatch, harvestSourceShow, harvestSourceList, harvestSourceDelete,
  harvestJobCreate, harvestJobShow, harvestJobList,
];
