// The dataset page's "API" box: ready-to-copy calls for this dataset (package_show with curl and with
// ckanapi) and its DCAT-AP_IT record in each RDF serialisation, when the DCAT catalogue publishes it.
// A private dataset answers only a caller with a token: its calls carry one, from the shell's environment.
import { shellWord } from './resource-api-box';

export interface RdfLink {
  label: string;
  href: string;
}

const TOKEN = '$CKAN_API_TOKEN';

export function datasetApiBoxView(siteUrl: string, name: string, isPrivate: boolean, rdf: RdfLink[]) {
  const site = siteUrl.replace(/\/+$/, '');
  const header = isPrivate ? ` -H "Authorization: ${TOKEN}"` : '';
  return {
    show: `curl${header} ${shellWord(`${site}/api/3/action/package_show?id=${encodeURIComponent(name)}`)}`,
    ckanapi: `ckanapi action package_show id=${shellWord(name)} -r ${site}${isPrivate ? ` -a "${TOKEN}"` : ''}`,
    token: isPrivate,
    rdf: rdf.map((link) => ({ label: link.label, href: `${site}${link.href}` })),
  };
}
