// Long vocabularies (sub-themes, languages) as lists of checkboxes (views/partials/choice-list.hbs): they
// submit the same repeated field a multi-select did, need no Ctrl-click, and catalogo.js adds a filter box.
import type { Choice, ChoiceGroup } from '../dcat/form-choices';

/**
 * The chosen options first, in a group of their own, once each (an option may sit in two groups: a
 * EuroVoc sub-theme under two themes), and left out of the other groups, so that no value has two boxes.
 */
export function chosenFirst(groups: ChoiceGroup[], chosenLabel: string): ChoiceGroup[] {
  const chosen = new Map<string, Choice>();
  for (const option of groups.flatMap((g) => g.options)) if (option.selected && !chosen.has(option.value)) chosen.set(option.value, option);
  const rest = groups
    .map((g) => ({ ...g, options: g.options.filter((o) => !chosen.has(o.value)) }))
    .filter((g) => g.options.length);
  return chosen.size ? [{ label: chosenLabel, options: [...chosen.values()] }, ...rest] : rest;
}
