// What package_create, package_update and package_patch check beyond the JSON Schema: names and
// identifiers taken by other datasets, tags, groups, the licence list, the IPA namespace of an identifier.
// Each check reads what it needs in one query, whatever the number of tags, groups or candidates.
import { randomUUID } from 'node:crypto';
import { EntityManager, In, Not } from 'typeorm';
import { FieldErrors } from '../core/errors';
import { textOf } from '../core/text';
import { derivedIdentifier } from '../dcat/dataset-fields';
import { GroupEntity, PackageEntity } from './entities';
import { Dict } from './present';

/** As the tag rule in schemas/definitions.json. */
const TAG_RULE = /^[\p{L}\p{N} _.-]{2,100}$/u;

/** Names that would clash with the site's own URLs under /dataset/. */
const RESERVED_NAMES = new Set(['new', 'edit', 'search', 'activity', 'groups', 'resource']);

export function tagNames(input: Dict): string[] {
  const fromList = ((input.tags as Dict[] | undefined) ?? []).map((t) => String(t.name).trim());
  const fromString = textOf(input.tag_string).split(',').map((t) => t.trim()).filter(Boolean);
  return [...new Set([...fromList, ...fromString])];
}

/** Tags and the name's own form: the checks that need no query (any licence is kept, as in CKAN: liberal-input.ts). */
export function checkFields(input: Dict, errors: FieldErrors): void {
  const name = textOf(input.name);
  if (RESERVED_NAMES.has(name)) errors.name = [`"${name}" è una parola riservata: scegli un altro nome`];
  // Tags from tag_string skip the JSON Schema's per-tag rules: the same rules, checked on every tag.
  const badTags = tagNames(input).filter((t) => !TAG_RULE.test(t));
  if (badTags.length) errors.tag_string = [`Tag non valido: "${badTags[0].slice(0, 40)}". Un tag contiene da 2 a 100 caratteri: lettere, cifre, spazi, -, _ e .`];
}

export interface NamedGroups {
  /** The groups `groups` names, once each; undefined when the input has no `groups`. */
  named: GroupEntity[] | undefined;
  /** Every theme group (catalogue/themes.ts), to link the dataset to the groups of its themes. */
  themeGroups: GroupEntity[];
}

/**
 * The groups the dataset names, by id, name or (for a theme's group) theme code, and every theme group,
 * in one query; an unknown or deleted one is a field error.
 */
export async function resolveGroups(manager: EntityManager, input: Dict, errors: FieldErrors): Promise<NamedGroups> {
  const refs = input.groups as Dict[] | undefined;
  // A group copied from another catalogue (ckanapi load) has that catalogue's id: its name still finds it.
  const wanted = (refs ?? []).map((ref) => ({ id: textOf(ref.id), name: textOf(ref.name) }));
  const keys = wanted.flatMap((ref) => [ref.id, ref.name]).filter(Boolean);
  const active = { isOrganization: false, state: 'active' };
  const rows = await manager.getRepository(GroupEntity).find({
    where: [{ theme: Not(''), ...active }, ...(keys.length ? [{ id: In(keys), ...active }, { name: In(keys), ...active }] : [])],
  });
  const found: GroupEntity[] = [];
  for (const { id, name } of wanted) {
    const key = id || name;
    const group = rows.find((g) => g.id === key) ?? rows.find((g) => g.name === (name || key)) ?? rows.find((g) => g.theme && g.theme === (name || key).toUpperCase());
    if (!group) errors.groups = [...(errors.groups ?? []), `Gruppo inesistente: ${key}`];
    else if (!found.includes(group)) found.push(group);
  }
  return { named: refs === undefined ? undefined : found, themeGroups: rows.filter((g) => g.theme) };
}

/**
 * Checks the name and the identifier against the other datasets, and finds the identifier of a dataset
 * that has none: "ipaCode:name"; when a renamed dataset still holds that one (identifiers never change),
 * "ipaCode:name-2" and so on rather than an error about a field nobody filled in. One query in the
 * common case.
 */
export async function uniqueNameAndIdentifier(
  manager: EntityManager,
  wanted: { name: string; identifier: string; existing?: PackageEntity; orgIdentifier: string },
  errors: FieldErrors,
): Promise<string> {
  const { name, identifier, existing } = wanted;
  const derived = identifier || existing?.identifier ? '' : derivedIdentifier(wanted.orgIdentifier, name);
  const others = existing ? { id: Not(existing.id) } : {};
  const candidates = [identifier, derived].filter(Boolean);
  const holders = await manager.getRepository(PackageEntity).find({
    select: { id: true, name: true, identifier: true },
    where: [{ name, ...others }, ...(candidates.length ? [{ identifier: In(candidates), ...others }] : [])],
  });
  if (holders.some((p) => p.name === name)) errors.name = [await nameTakenMessage(manager, name)];
  const clash = identifier ? holders.find((p) => p.identifier === identifier) : undefined;
  if (clash) errors.identifier = [`L'identificativo ${identifier.slice(0, 100)} è già usato dal dataset "${clash.name}"`];
  if (identifier || existing?.identifier) return identifier || existing!.identifier!;
  return holders.some((p) => p.identifier === derived) ? nextFreeIdentifier(manager, derived) : derived;
}

/** The clash, with a free name to use instead ("name-2", "name-3"...): one query for the first ten. */
async function nameTakenMessage(manager: EntityManager, name: string): Promise<string> {
  const candidates = Array.from({ length: 9 }, (_, i) => `${name.slice(0, 95)}-${i + 2}`);
  const taken = new Set((await manager.getRepository(PackageEntity).find({ select: { name: true }, where: { name: In(candidates) } })).map((p) => p.name));
  const free = candidates.find((c) => !taken.has(c));
  return `Questo nome (URL) è già usato da un altro dataset${free ? `: scegline un altro, per esempio «${free}»` : ''}`;
}

async function nextFreeIdentifier(manager: EntityManager, base: string): Promise<string> {
  const repo = manager.getRepository(PackageEntity);
  for (let n = 2; n <= 20; n += 1) {
    const candidate = `${base}-${n}`;
    if (!(await repo.existsBy({ identifier: candidate }))) return candidate;
  }
  // Twenty renamed namesakes: stop counting, a random suffix is as persistent and costs no query.
  return `${base}-${randomUUID().slice(0, 8)}`;
}

/**
 * An identifier written "IPA-code:..." claims that administration's namespace: an editor may use only
 * their own organization's code, or the publisher's they state, not another organization's of the portal.
 */
export async function checkIdentifierNamespace(manager: EntityManager, input: Dict, org: GroupEntity, existing: PackageEntity | undefined, errors: FieldErrors): Promise<void> {
  const identifier = textOf(input.identifier).trim();
  // A dataset keeps its identifier when it moves to another organization: persistent identifiers do not change.
  if (identifier === existing?.identifier) return;
  const prefix = /^([^:]+):/.exec(identifier)?.[1];
  if (!prefix || prefix === org.identifier || prefix === textOf(input.publisher_identifier).trim()) return;
  const owner = await manager.getRepository(GroupEntity).findOneBy({ identifier: prefix, isOrganization: true });
  if (owner) errors.identifier = [`Il prefisso ${prefix} è il codice IPA di ${owner.title || owner.name}: usa quello della tua organizzazione (${org.identifier || org.name})`];
}
