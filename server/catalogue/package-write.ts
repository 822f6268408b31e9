// Turning a validated package dict into rows: shared by package_create, package_update and package_patch.
import { randomUUID } from 'node:crypto';
import { EntityManager, In, Not } from 'typeorm';
import { recordActivity } from '../activity/record';
import { ActionContext } from '../core/context';
import { FieldErrors, ValidationError } from '../core/errors';
import { nowIso } from '../db/columns';
import { GroupEntity, PackageEntity, PackageGroupEntity, PackageTagEntity, ResourceEntity } from './entities';
import { DEFAULT_LICENSE_ID, findLicense } from './licenses';
import { Dict, packageDictOf } from './present';
import { saveResource } from './resource-write';
import { refreshDistributionFlag } from './distribution-flag';
import { textOf } from '../core/text';
import { StoredDatasetDcat, OrganizationAgent, organizationAgent, withoutDerivedValues, checkIdentifier, checkMandatory, DEFAULT_FREQUENCY, DEFAULT_THEME, derivedIdentifier, readDatasetDcat } from '../dcat/dataset-fields';

/** As the tag rule in schemas/definitions.json. */
const TAG_RULE = /^[\p{L}\p{N} _.-]{2,100}$/u;

/** Names that would clash with the site's own URLs under /dataset/. */
const RESERVED_NAMES = new Set(['new', 'edit', 'search', 'activity', 'groups', 'resource']);


export function tagNames(input: Dict): string[] {
  const fromList = ((input.tags as Dict[] | undefined) ?? []).map((t) => String(t.name).trim());
  const fromString = textOf(input.tag_string).split(',').map((t) => t.trim()).filter(Boolean);
  return [...new Set([...fromList, ...fromString])];
}

async function resolveGroups(manager: EntityManager, input: Dict, errors: FieldErrors): Promise<GroupEntity[]> {
  const refs = (input.groups as Dict[] | undefined) ?? [];
  const found: GroupEntity[] = [];
  for (const ref of refs) {
    const key = textOf(ref.id || ref.name);
    const repo = manager.getRepository(GroupEntity);
    const group = (await repo.findOneBy({ id: key, isOrganization: false })) ?? (await repo.findOneBy({ name: key, isOrganization: false }));
    if (!group || group.state !== 'active') errors.groups = [...(errors.groups ?? []), `Gruppo inesistente: ${key}`];
    else found.push(group);
  }
  return found;
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

async function checkIdentifierFree(manager: EntityManager, identifier: string, pkgId: string | null, errors: FieldErrors): Promise<void> {
  if (!identifier) return;
  const clash = await manager.getRepository(PackageEntity).findOneBy(pkgId ? { identifier, id: Not(pkgId) } : { identifier });
  if (clash) errors.identifier = [`L'identificativo ${identifier.slice(0, 100)} è già usato dal dataset "${clash.name}"`];
}

/**
 * "ipaCode:name"; when a renamed dataset still holds that identifier (identifiers never change), the
 * new dataset gets "ipaCode:name-2" and so on rather than an error about a field nobody filled in.
 */
async function freeDerivedIdentifier(manager: EntityManager, orgIdentifier: string, name: string): Promise<string> {
  const base = derivedIdentifier(orgIdentifier, name);
  const repo = manager.getRepository(PackageEntity);
  for (let n = 1; n <= 20; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await repo.existsBy({ identifier: candidate }))) return candidate;
  }
  // Twenty renamed namesakes: stop counting, a random suffix is as persistent and costs one query.
  return `${base}-${randomUUID().slice(0, 8)}`;
}

/**
 * An identifier written "IPA-code:..." claims that administration's namespace: an editor may use only
 * their own organization's code, or the publisher's they state, not another organization's of the portal.
 */
async function checkIdentifierNamespace(manager: EntityManager, input: Dict, org: GroupEntity, existing: PackageEntity | undefined, errors: FieldErrors): Promise<void> {
  const identifier = textOf(input.identifier).trim();
  // A dataset keeps its identifier when it moves to another organization: persistent identifiers do not change.
  if (identifier === existing?.identifier) return;
  const prefix = /^([^:]+):/.exec(identifier)?.[1];
  if (!prefix || prefix === org.identifier || prefix === textOf(input.publisher_identifier).trim()) return;
  const owner = await manager.getRepository(GroupEntity).findOneBy({ identifier: prefix, isOrganization: true });
  if (owner) errors.identifier = [`Il prefisso ${prefix} è il codice IPA di ${owner.title || owner.name}: usa quello della tua organizzazione (${org.identifier || org.name})`];
}

/** Checks what the JSON Schema cannot: uniqueness, references, the licence list, the DCAT-AP_IT vocabularies. */
async function checkPackage(manager: EntityManager, input: Dict, pkgId: string | null): Promise<{ errors: FieldErrors; groups: GroupEntity[]; dcat: StoredDatasetDcat }> {
  const errors: FieldErrors = {};
  const dcat = withoutEchoedDefaults(input, readDatasetDcat(input, errors));
  await checkIdentifierFree(manager, checkIdentifier(input.identifier, errors), pkgId, errors);
  const name = textOf(input.name);
  if (RESERVED_NAMES.has(name)) errors.name = [`"${name}" è una parola riservata: scegli un altro nome`];
  const clash = await manager.getRepository(PackageEntity).findOneBy(pkgId ? { name, id: Not(pkgId) } : { name });
  if (clash) errors.name = ['Questo nome (URL) è già usato da un altro dataset'];
  // Tags from tag_string skip the JSON Schema's per-tag rules: the same rules, checked on every tag.
  const badTags = tagNames(input).filter((t) => !TAG_RULE.test(t));
  if (badTags.length) errors.tag_string = [`Tag non valido: "${badTags[0].slice(0, 40)}". Un tag contiene da 2 a 100 caratteri: lettere, cifre, spazi, -, _ e .`];
  const licenseId = textOf(input.license_id);
  if (licenseId && !findLicense(licenseId)) errors.license_id = [`Licenza sconosciuta: ${licenseId} (vedi license_list)`];
  const groups = await resolveGroups(manager, input, errors);
  return { errors, groups, dcat };
}

export async function writePackage(
  manager: EntityManager,
  ctx: ActionContext,
  args: { input: Dict; orgId: string; existing?: PackageEntity },
): Promise<{ pkg: PackageEntity; dict: Dict }> {
  const { input, existing } = args;
  const actor = ctx.user!;
  const { errors, groups, dcat } = await checkPackage(manager, input, existing?.id ?? null);
  const isPrivate = input.private === undefined ? existing?.private ?? false : input.private === true;
  const state = input.state === undefined ? (existing?.state === 'draft' ? 'draft' : 'active') : input.state === 'draft' ? 'draft' : 'active';
  // CKAN shows the name when the title is empty; the feeds do the same (dct:title is never empty).
  checkMandatory({ title: textOf(input.title) || textOf(input.name), notes: textOf(input.notes), isPublic: !isPrivate && state === 'active' }, errors);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const org = await manager.getRepository(GroupEntity).findOneByOrFail({ id: args.orgId });
  const namespaceErrors: FieldErrors = {};
  await checkIdentifierNamespace(manager, input, org, existing, namespaceErrors);
  if (Object.keys(namespaceErrors).length) throw new ValidationError(namespaceErrors);
  // A DCAT contact point needs an address (vcard:hasEmail): a name alone could not be published.
  if (dcat.contact_name && !dcat.contact_email && !textOf(input.maintainer_email) && !textOf(input.author_email) && !org.email) {
    throw ValidationError.field('contact_email', "Indica l'email del punto di contatto: senza indirizzo il contatto non può essere pubblicato");
  }
  // The identifier is persistent: once derived it stays, even if the dataset is renamed or moved.
  const identifier = textOf(input.identifier).trim() || existing?.identifier || await freeDerivedIdentifier(manager, org.identifier, textOf(input.name));
  // What package_show gave before this change: echoes of it are not choices (see withoutDerivedValues).
  const before = existing ? { name: existing.name, licenseId: existing.licenseId } : undefined;
  const orgBefore = existing && existing.ownerOrg !== org.id ? await manager.getRepository(GroupEntity).findOneBy({ id: existing.ownerOrg }) : org;
  const echoedAgents: [OrganizationAgent, OrganizationAgent] = [organizationAgent(org), organizationAgent(orgBefore ?? org)];
  const now = nowIso();
  const pkg = existing ?? Object.assign(new PackageEntity(), {
    id: randomUUID(), metadataCreated: now, creatorUserId: actor.id, type: 'dataset',
  });
  Object.assign(pkg, {
    name: textOf(input.name),
    title: textOf(input.title),
    identifier,
    // Only a dict read from package_show (it carries dcatapit_defaults) can echo derived values.
    dcat: nonEmpty(Array.isArray(input.dcatapit_defaults) ? withoutDerivedValues(dcat, existing, echoedAgents) : dcat),
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
    private: isPrivate,
    state,
    ownerOrg: args.orgId,
    extras: ((input.extras as Dict[] | undefined) ?? []).map((e) => ({ key: String(e.key), value: textOf(e.value) })),
    metadataModified: now,
  });
  await manager.getRepository(PackageEntity).save(pkg);
  await replaceLinks(manager, pkg.id, tagNames(input), groups);
  if (input.resources !== undefined) await replaceResources(manager, ctx, { pkg, before }, input.resources as Dict[]);
  await refreshDistributionFlag(manager, pkg.id);
  const dict = await packageDictOf(manager, pkg, ctx.services.config.siteUrl);
  await recordActivity(manager, {
    userId: actor.id, objectId: pkg.id, ownerOrg: pkg.ownerOrg,
    type: existing ? 'changed package' : 'new package', data: { package: dict },
  });
  return { pkg, dict };
}

function nonEmpty(dcat: StoredDatasetDcat): StoredDatasetDcat | null {
  return Object.keys(dcat).length ? dcat : null;
}

async function replaceLinks(manager: EntityManager, packageId: string, tags: string[], groups: GroupEntity[]): Promise<void> {
  await manager.getRepository(PackageTagEntity).delete({ packageId });
  if (tags.length) await manager.getRepository(PackageTagEntity).insert(tags.map((tag) => ({ packageId, tag })));
  await manager.getRepository(PackageGroupEntity).delete({ packageId });
  const unique = [...new Map(groups.map((g) => [g.id, g])).values()];
  if (unique.length) await manager.getRepository(PackageGroupEntity).insert(unique.map((g) => ({ packageId, groupId: g.id })));
}

/** The list is the new truth: listed resources are created or updated in order, the others deleted. */
async function replaceResources(
  manager: EntityManager, ctx: ActionContext, dataset: { pkg: PackageEntity; before?: { name: string; licenseId: string } }, inputs: Dict[],
): Promise<void> {
  const { pkg } = dataset;
  const repo = manager.getRepository(ResourceEntity);
  const current = await repo.findBy({ packageId: pkg.id, state: 'active' });
  const byId = new Map(current.map((r) => [r.id, r]));
  const kept = new Set<string>();
  for (const [position, input] of inputs.entries()) {
    const existing = input.id ? byId.get(String(input.id)) : undefined;
    const saved = await saveResource(manager, {
      pkg, input, existing, position, actor: ctx.user!, siteUrl: ctx.services.config.siteUrl, field: `resources.${position}.url`, datasetBefore: dataset.before,
    });
    kept.add(saved.id);
  }
  const removed = current.filter((r) => !kept.has(r.id)).map((r) => r.id);
  if (removed.length) await repo.update({ id: In(removed) }, { state: 'deleted', metadataModified: nowIso() });
}
