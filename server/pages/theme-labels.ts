// A theme's group (server/catalogue/themes.ts) is shown by its EU data theme's label in the page's
// language; any other group by its own title.
import { Request } from 'express';
import { codeLabel } from '../dcat/form-choices';
import { themeOfGroupName } from '../catalogue/themes';

export interface ShownGroup { name: string; display_name: string; theme?: string | null }

export function groupLabel(req: Request, group: ShownGroup): string {
  return group.theme ? codeLabel('data-theme', group.theme, req.lang === 'en' ? 'en' : 'it') : group.display_name;
}

/** Groups with their label in the page's language, sorted by it (as the theme list of the form). */
export function labelledGroups<T extends ShownGroup>(req: Request, groups: T[]): (T & { label: string })[] {
  const collator = new Intl.Collator(req.lang === 'en' ? 'en' : 'it', { sensitivity: 'base' });
  return groups.map((g) => ({ ...g, label: groupLabel(req, g) })).sort((a, b) => collator.compare(a.label, b.label));
}

/** A group known only by its name and title (a dataset's groups, a facet's items): a theme's is labelled as its theme. */
export function groupLabelByName(req: Request, name: string, title: string): string {
  return groupLabel(req, { name, display_name: title || name, theme: themeOfGroupName(name) });
}
