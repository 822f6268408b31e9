// dcat:theme (EU data themes) and dct:subject (EuroVoc sub-themes) → ckanext-dcatapit's theme list,
// each sub-theme under the theme the AgID mapping puts it under (server/dcat/vocabularies.ts).
import { LIST_LIMITS, type ThemeChoice } from '../dataset-field-readers';
import { subthemesOf, vocabulary } from '../vocabularies';
import { Graph, NS } from './graph';
import { compare, lastSegment, trimEnd, type Warn } from './values';

const { dcat, dct } = NS;
const EUROVOC = 'http://eurovoc.europa.eu/';

let themesBySubtheme: Map<string, string[]> | undefined;

/**
 * The themes a EuroVoc URI is a sub-theme of; [] when the mapping does not have it. A sub-theme may
 * have two (http://eurovoc.europa.eu/100212, labelled "2826 social affairs", is under both EDUC and SOCI):
 * subthemeByUri would give only the first.
 */
function themesOfSubtheme(uri: string): string[] {
  if (!themesBySubtheme) {
    themesBySubtheme = new Map();
    for (const { code } of vocabulary('data-theme').terms) {
      for (const s of subthemesOf(code)) themesBySubtheme.set(s.uri, [...(themesBySubtheme.get(s.uri) ?? []), code]);
    }
  }
  return themesBySubtheme.get(trimEnd(uri, '/')) ?? [];
}

/** The EU theme codes of dcat:theme, sorted; a literal may hold several, as ckanext-dcatapit's field does: "{ECON,ENVI}". */
function themeCodes(g: Graph, uri: string, warn: Warn): string[] {
  const codes: string[] = [];
  for (const n of g.objects(uri, `${dcat}theme`)) {
    const raw = n.kind === 'literal' ? n.value.split(/[{},;\s]+/).filter(Boolean) : [lastSegment(n.value)];
    for (const code of raw.map((c) => c.trim().toUpperCase())) {
      if (!vocabulary('data-theme').byCode(code)) warn(`dcat:theme non è un tema EU: ${n.kind === 'literal' ? code : n.value}`);
      else if (!codes.includes(code)) codes.push(code);
    }
  }
  if (!codes.length) warn('manca dcat:theme (tema EU)');
  return codes.sort(compare);
}

/**
 * Each EuroVoc dct:subject under a declared theme the AgID mapping puts it under. A subject the mapping
 * does not tie to any declared theme is left out, with a warning: catalogo validates sub-themes against
 * that mapping, and a harvested dataset must not be refused for it.
 */
function placeSubjects(g: Graph, uri: string, themes: ThemeChoice[], warn: Warn): void {
  for (const n of g.objects(uri, `${dct}subject`)) {
    const subject = n.value.trim().replace(/^https:/, 'http:');
    if (n.kind !== 'iri' || !subject.startsWith(EUROVOC)) {
      warn(`dct:subject non EuroVoc ignorato: ${n.value}`);
      continue;
    }
    const owners = themesOfSubtheme(subject);
    const target = themes.find((t) => owners.includes(t.theme));
    if (!target) {
      warn(`sottotema ${subject} ignorato: la mappatura AgID non lo lega a ${themes.length ? themes.map((t) => t.theme).join('/') : 'nessun tema dichiarato'}`);
      continue;
    }
    if (target.subthemes.includes(subject)) continue;
    if (target.subthemes.length >= LIST_LIMITS.subthemes) {
      warn(`sottotema ${subject} ignorato: il tema ${target.theme} ne ha già ${LIST_LIMITS.subthemes}, il massimo`);
      continue;
    }
    target.subthemes.push(subject);
  }
}

export function themesOf(g: Graph, uri: string, warn: Warn): ThemeChoice[] {
  const themes = themeCodes(g, uri, warn).map((theme): ThemeChoice => ({ theme, subthemes: [] }));
  placeSubjects(g, uri, themes, warn);
  return themes;
}
