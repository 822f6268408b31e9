// Turning a validated package dict into rows: shared by package_create, package_update and package_patch.
// Few statements (tests/catalogue/package-create.test.ts counts them): the caller hands over the
// organization it read, each check is one query, new rows are inserted without being read first or
// back, and the distribution flag and the answer come from what was written.
import { EntityManager, In } from 'typeorm';
import { recordActivity } from '../activity/record';
import { ActionContext } from '../core/context';
import { FieldErrors, mergeFieldErrors, ValidationError } from '../core/errors';
import { textOf } from '../core/text';
import { nowIso } from '../db/columns';
import {
  checkIdentifier, checkMandatory, DEFAULT_FREQUENCY, DEFAULT_THEME, OrganizationAgent, organizationAgent, readDatasetDcat, type UnmappedValues,
  StoredDatasetDcat, storedDcatOf, withoutDerivedValues,
} from '../dcat/dataset-fields';
import { byName } from './dataset-loader';
import { GroupEntity, PackageEntity, PackageGroupEntity, PackageTagEntity, ResourceEntity } from './entities';
import { insertRows } from './insert-rows';
import { extrasWithUnknownFields, keepUnmappedValues } from './liberal-input';
import { newIdFor } from './new-id';
import { DEFAULT_LICENSE_ID } from './licenses';
import { checkFields, checkIdentifierNamespace, NamedGroups, resolveGroups, tagNames, uniqueNameAndIdentifier } from './package-checks';
import { reconcileThemes } from './themes';
import { Dict, packageDict } from './present';
import { saveResource } from './resource-write';
import { linkStateOf, scheduleLinkLoad } from '../ingest/schedule';
import { reindexDatasets } from '../search/search-index';

export interface PackageWrite {
  input: Dict;
  /** The owner organization, as the action read it. */
  org: GroupEntity;
  /** The dataset as it is now, read inside this transaction; absent for package_create. */
  existing?: PackageEntity;
  /** What the JSON Schema refused (runAction's collectsErrors): reported with the rest, nothing written. */
  schemaErrors?: FieldErrors;
}

interface Checked {
  groups: GroupEntity[];
  dcat: StoredDatasetDcat;
  identifier: string;
  isPrivate: boolean;
  state: 'active' | 'draft';
}

/**
 * package_show marks the placeholders it filled in (dcatapit_defaults); a client that sends the dict back
 * unchanged has not chosen them, so they stay placeholders the editor is asked to replace.
 */
function withoutEchoedDefaults(input: Dict, stored: StoredDatasetDcat): StoredDatasetDcat {
  const defaults = Array.isArray(input.dcatapit_defaults) ? input.dcatapit_defaults : [];
  const result = { ...stored };
  if (defaults.includes('theme') && result.theme?.length === 1 && result.theme[0].theme === DEFAULT_THEME && !result.theme[0].subthemes.length) delete result.theme;
  if (defaults.includes('frequency') && result.frequency === DEFAULT_FREQUENCY) delete result.frequency;
  return result;
}

function throwIfAny(errors: FieldErrors): void {
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** A DCAT contact point needs an address (vcard:hasEmail): a name alone could not be published. */
function checkContact(input: Dict, dcat: StoredDatasetDcat, org: GroupEntity, errors: FieldErrors): void {
  if (dcat.contact_name && !dcat.contact_email && !textOf(input.maintainer_email) && !textOf(input.author_email) && !org.email) {
    errors.contact_email = ["Indica l'email del punto di contatto: senza indirizzo il contatto non può essere pubblicato"];
  }
}

/**
 * Checks what the JSON Schema cannot: uniqueness, references, the licence list, the DCAT-AP_IT vocabularies.
 * Every check runs and all their errors come back together, with the schema's, so a form is fixed in one round.
 */
async function checked(manager: EntityManager, { input, org, existing, schemaErrors = {} }: PackageWrite): Promise<Checked> {
  const errors: FieldErrors = {};
  const unmapped: UnmappedValues = { theme: [], conforms_to: [], frequency: [], language: [], geographical_name: [] };
  const dcat = withoutEchoedDefaults(input, readDatasetDcat(input, errors, unmapped));
  // CKAN takes any theme, frequency, language, place or standard: what the feeds cannot publish is kept as an extra (liberal-input.ts).
  keepUnmappedValues(input, unmapped);
  checkFields(input, errors);
  const wanted = { name: textOf(input.name), identifier: checkIdentifier(input.identifier, errors), existing, orgIdentifier: org.identifier };
  const identifier = await uniqueNameAndIdentifier(manager, wanted, errors);
  const { named, themeGroups } = await resolveGroups(manager, input, errors);
  const { dcat: withThemes, groups } = themesAndGroups(input, dcat, { named, themeGroups }, existing);
  const isPrivate = input.private === undefined ? existing?.private ?? false : input.private === true;
  const state = input.state === undefined ? (existing?.state === 'draft' ? 'draft' : 'active') : input.state === 'draft' ? 'draft' : 'active';
  // CKAN shows the name when the title is empty; the feeds do the same (dct:title is never empty).
  // A name the schema refused was still given (and left out of input): its own error says what is wrong.
  const shownName = textOf(input.name) || (schemaErrors.name ? '-' : '');
  checkMandatory({ title: textOf(input.title) || shownName, isPublic: !isPrivate && state === 'active' }, errors);
  // These two look at fields checked above: each reports only where the field has no error yet.
  const later: FieldErrors = {};
  await checkIdentifierNamespace(manager, input, org, existing, later);
  checkContact(input, dcat, org, later);
  throwIfAny(mergeFieldErrors(schemaErrors, mergeFieldErrors(errors, later)));
  return { groups, dcat: withThemes, identifier, isPrivate, state };
}

/**
 * The dataset's themes, from `theme` and from the theme groups named in `groups` (themes.ts), and its
 * groups: the other groups it names, and the groups of its themes.
 */
function themesAndGroups(input: Dict, dcat: StoredDatasetDcat, { named, themeGroups }: NamedGroups, existing?: PackageEntity) {
  const themes = reconcileThemes({
    themes: input.theme === undefined ? undefined : dcat.theme ?? [],
    groupThemes: named?.filter((g) => g.theme).map((g) => g.theme),
    current: storedDcatOf(existing?.dcat ?? null).theme?.map((t) => t.theme) ?? [],
  });
  const { theme: _sent, ...others } = dcat;
  const codes = new Set(themes.map((t) => t.theme));
  const groups = [...(named ?? []).filter((g) => !g.theme), ...themeGroups.filter((g) => codes.has(g.theme))];
  return { dcat: themes.length ? { ...others, theme: themes } : others, groups };
}

/** The organizations whose names package_show gave before this change: echoes of them are not choices. */
async function echoedAgents(manager: EntityManager, { org, existing }: PackageWrite): Promise<[OrganizationAgent, OrganizationAgent]> {
  const orgBefore = existing && existing.ownerOrg !== org.id ? await manager.getRepository(GroupEntity).findOneBy({ id: existing.ownerOrg }) : org;
  return [organizationAgent(org), organizationAgent(orgBefore ?? org)];
}

function nonEmpty(dcat: StoredDatasetDcat): StoredDatasetDcat | null {
  return Object.keys(dcat).length ? dcat : null;
}

async function packageRow(manager: EntityManager, ctx: ActionContext, write: PackageWrite, valid: Checked): Promise<PackageEntity> {
  const { input, existing } = write;
  const now = nowIso();
  const pkg = existing ?? Object.assign(new PackageEntity(), {
    id: await newIdFor(manager, PackageEntity, ctx, input.id), metadataCreated: now, creatorUserId: ctx.user!.id, type: 'dataset',
  });
  // Only a dict read from package_show (it carries dcatapit_defaults) can echo derived values.
  const echoes = Array.isArray(input.dcatapit_defaults);
  return Object.assign(pkg, {
    name: textOf(input.name),
    title: textOf(input.title),
    identifier: valid.identifier,
    dcat: nonEmpty(echoes ? withoutDerivedValues(valid.dcat, existing, await echoedAgents(manager, write)) : valid.dcat),
    notes: textOf(input.notes),
    url: textOf(input.url),
    version: textOf(input.version),
    author: textOf(input.author),
    authorEmail: textOf(input.author_email),
    maintainer: textOf(input.maintainer),
    maintainerEmail: textOf(input.maintainer_email),
    licenseId: textOf(input.license_id) || DEFAULT_LICENSE_ID,
    // Omitted on update, visibility and state stay as they were: a client that forgets `private`
    // must not publish a private dataset by accident.
    private: valid.isPrivate,
    state: valid.state,
    ownerOrg: write.org.id,
    // Fields this portal does not know are kept as extras (liberal-input.ts), as CKAN keeps them.
    extras: extrasWithUnknownFields(input),
    // The listed resources are the new active ones; without a list they stay as they were.
    hasDistribution: input.resources !== undefined ? (input.resources as Dict[]).length > 0 : existing?.hasDistribution ?? false,
    metadataModified: now,
  });
}

export async function writePackage(manager: EntityManager, ctx: ActionContext, write: PackageWrite): Promise<{ pkg: PackageEntity; dict: Dict }> {
  const { input, existing, org } = write;
  const valid = await checked(manager, write);
  // What package_show gave before this change: echoes of it are not choices (see withoutDerivedValues).
  const before = existing ? { name: existing.name, licenseId: existing.licenseId } : undefined;
  const pkg = await packageRow(manager, ctx, write, valid);
  if (existing) await manager.getRepository(PackageEntity).save(pkg);
  else await insertRows(manager, PackageEntity, pkg);
  const tags = tagNames(input);
  await replaceLinks(manager, { pkg, isNew: !existing }, tags, valid.groups);
  const resources = input.resources !== undefined
    ? await replaceResources(manager, ctx, { pkg, before, isNew: !existing }, input.resources as Dict[])
    : await manager.getRepository(ResourceEntity).find({ where: { packageId: pkg.id, state: 'active' }, order: { position: 'ASC' } });
  await reindexDatasets(manager, [pkg.id]);
  const dict = packageDict({ pkg, org, resources, tags: [...tags].sort(), groups: byName(valid.groups) }, ctx.services.config.siteUrl);
  await recordActivity(manager, {
    userId: ctx.user!.id, objectId: pkg.id, ownerOrg: pkg.ownerOrg,
    type: existing ? 'changed package' : 'new package', data: { package: dict },
  });
  return { pkg, dict };
}

async function replaceLinks(manager: EntityManager, dataset: { pkg: PackageEntity; isNew: boolean }, tags: string[], groups: GroupEntity[]): Promise<void> {
  const packageId = dataset.pkg.id;
  if (!dataset.isNew) await manager.getRepository(PackageTagEntity).delete({ packageId });
  if (tags.length) await insertRows(manager, PackageTagEntity, tags.map((tag) => ({ packageId, tag })));
  if (!dataset.isNew) await manager.getRepository(PackageGroupEntity).delete({ packageId });
  if (groups.length) await insertRows(manager, PackageGroupEntity, groups.map((g) => ({ packageId, groupId: g.id })));
}

/** The list is the new truth: listed resources are created or updated in order, the others deleted. */
async function replaceResources(
  manager: EntityManager, ctx: ActionContext, dataset: { pkg: PackageEntity; before?: { name: string; licenseId: string }; isNew: boolean }, inputs: Dict[],
): Promise<ResourceEntity[]> {
  const { pkg } = dataset;
  const repo = manager.getRepository(ResourceEntity);
  const current = dataset.isNew ? [] : await repo.findBy({ packageId: pkg.id, state: 'active' });
  const byId = new Map(current.map((r) => [r.id, r]));
  const saved: ResourceEntity[] = [];
  for (const [position, input] of inputs.entries()) {
    const existing = input.id ? byId.get(String(input.id)) : undefined;
    const link = linkStateOf(existing);
    const resource = await saveResource(manager, {
      pkg, input, existing, position, actor: ctx.user!, siteUrl: ctx.services.config.siteUrl, field: `resources.${position}.url`, datasetBefore: dataset.before,
    });
    // A linked table on an allowed host (a harvested dataset's, say) is loaded into the DataStore in the background.
    await scheduleLinkLoad(manager, ctx.services.config.ingestUrlHosts, resource, link);
    saved.push(resource);
  }
  const kept = new Set(saved);
  const removed = current.filter((r) => !kept.has(r)).map((r) => r.id);
  if (removed.length) await repo.update({ id: In(removed) }, { state: 'deleted', metadataModified: nowIso() });
  // A resource listed twice is one row, at the last place it was listed.
  return [...kept].sort((a, b) => a.position - b.position);
}
