// The portal's themes are the EU data themes (schemas/vocabularies/data-theme.json), one list. A dataset's
// themes are stored once, in package.dcat.theme (with their EuroVoc sub-themes), and are what the DCAT
// feeds publish. CKAN's groups follow them: each theme has a group (group.theme holds its code), and a
// dataset's rows in package_group for theme groups are written from its themes on every write
// (package-write.ts), so group_show, the theme pages and the groups facet read the same truth.
// A client that sends `groups` instead of `theme` gets the matching themes (reconcileThemes).
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Not } from 'typeorm';
import { SystemSettingEntity } from '../auth/entities';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import type { ThemeChoice } from '../dcat/dataset-field-readers';
import { DEFAULT_THEME } from '../dcat/dataset-fields';
import { vocabulary, VocabularyTerm } from '../dcat/vocabularies';
import { reindexGroupDatasets } from '../search/search-index';
import { bumpGroupsRevision } from './dataset-cache';
import { GroupEntity } from './entities';

/** The name (URL) of each theme's group; a portal that already had a group so named keeps it as the theme's. */
export const THEME_GROUP_NAMES: Readonly<Record<string, string>> = {
  AGRI: 'agricoltura', ECON: 'economia-e-finanze', EDUC: 'istruzione-cultura-e-sport', ENER: 'energia',
  ENVI: 'ambiente', GOVE: 'governo-e-settore-pubblico', HEAL: 'salute', INTR: 'tematiche-internazionali',
  JUST: 'giustizia-e-sicurezza', REGI: 'regioni-e-citta', SOCI: 'popolazione-e-societa', TECH: 'scienza-e-tecnologia',
  TRAN: 'trasporti',
};

const THEME_OF_GROUP_NAME = new Map(Object.entries(THEME_GROUP_NAMES).map(([code, name]) => [name, code]));

/** The theme whose group has this name by default (a portal's own same-named group took the theme's place). */
export function themeOfGroupName(name: string): string | undefined {
  return THEME_OF_GROUP_NAME.get(name);
}

/** The 13 EU data themes: the vocabulary without its placeholder "Dati provvisori" (OP_DATPRO). */
export function themeTerms(): VocabularyTerm[] {
  return vocabulary('data-theme').terms.filter((t) => t.code !== DEFAULT_THEME);
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

export interface ThemeSources {
  /** The themes sent (or, for a patch, kept), read as stored; undefined when `theme` was not sent at all. */
  themes: ThemeChoice[] | undefined;
  /** The theme codes of the theme groups named in `groups`; undefined when `groups` was not sent. */
  groupThemes: string[] | undefined;
  /** The dataset's themes before this write ([] for a new one). */
  current: string[];
}

/**
 * The dataset's themes when a client may send `theme`, `groups` or both. Either alone decides. Both: a
 * client that read the dataset sends back what it did not change, so the one that differs from the
 * dataset as it is wins (package_patch of groups, or of the theme); when both changed, both count.
 */
export function reconcileThemes({ themes, groupThemes, current }: ThemeSources): ThemeChoice[] {
  if (groupThemes === undefined) return themes ?? [];
  const fromGroups = (codes: string[]) => codes.map((theme) => themes?.find((t) => t.theme === theme) ?? { theme, subthemes: [] });
  if (themes === undefined) return fromGroups(groupThemes);
  const sent = new Set(themes.map((t) => t.theme));
  const viaGroups = new Set(groupThemes);
  const now = new Set(current);
  const nowGrouped = new Set(current.filter((code) => THEME_GROUP_NAMES[code]));
  if (sameSet(sent, now) && !sameSet(viaGroups, nowGrouped)) return fromGroups(groupThemes);
  if (sameSet(viaGroups, nowGrouped)) return themes;
  return [...themes, ...fromGroups(groupThemes.filter((code) => !sent.has(code)))];
}

const LABELS_KEY = 'theme_labels';

/** What the search index and the pages say of a theme: its labels; a change means re-indexing its datasets. */
function labelsOf(term: VocabularyTerm): string {
  return `${term.labels.it}\n${term.labels.en}`;
}

async function freeName(m: EntityManager, code: string): Promise<string> {
  const wanted = THEME_GROUP_NAMES[code] ?? code.toLowerCase();
  return (await m.getRepository(GroupEntity).existsBy({ name: wanted })) ? `tema-${code.toLowerCase()}` : wanted;
}

/**
 * At start: every EU theme has its group, titled with its Italian label. When the vocabulary's labels
 * of a theme change (a new release of it), the group's title follows and its datasets are indexed again,
 * since the search finds datasets by their themes' labels. Two reads when nothing changed.
 */
export async function syncThemeGroups(db: DataSource): Promise<void> {
  const groups = new Map((await db.getRepository(GroupEntity).find({ where: { theme: Not('') } })).map((g) => [g.theme, g]));
  const setting = await db.getRepository(SystemSettingEntity).findOneBy({ key: LABELS_KEY });
  const known: Record<string, string> | null = setting ? JSON.parse(setting.value) : null;
  const terms = themeTerms();
  const stale = terms.filter((t) => !groups.has(t.code) || groups.get(t.code)!.title !== t.labels.it || (known && known[t.code] !== labelsOf(t)));
  if (!stale.length && known) return;
  await inTransaction(db, async (m) => {
    for (const term of stale) {
      const group = groups.get(term.code);
      if (group) {
        await m.getRepository(GroupEntity).update({ id: group.id }, { title: term.labels.it });
        await reindexGroupDatasets(m, group.id);
      } else {
        await m.getRepository(GroupEntity).insert({
          id: randomUUID(), name: await freeName(m, term.code), title: term.labels.it, theme: term.code, isOrganization: false, state: 'active', created: nowIso(),
        });
      }
    }
    const labels = JSON.stringify(Object.fromEntries(terms.map((t) => [t.code, labelsOf(t)])));
    await m.createQueryBuilder().insert().into(SystemSettingEntity).values({ key: LABELS_KEY, value: labels }).orUpdate(['value'], ['key']).execute();
    if (stale.length) await bumpGroupsRevision(m);
  });
}
