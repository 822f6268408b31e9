// The dataset page's "API" box: ready-to-copy calls for this dataset (package_show with curl and with
// ckanapi) and its DCAT-AP_IT record in each RDF serialisation, when the DCAT catalogue publishes it.
import { shellWord } from './resource-api-box';

export interface RdfLink {
  label: string;
  href: string;
}

export function datasetApiBoxView(siteUrl: string, name: string, rdf: RdfLink[]) {
  const site = siteUrl.replace(/\/+$/, '');
  return {
    show: `curl ${shellWord(`${site}/api/3/action/package_show?id=${encodeURIComponent(name)}`)}`,
    ckanapi: `ckanapi action package_show id=${shellWord(name)} -r ${site}`,
    rdf: rdf.map((link) => ({ label: link.label, href: `${site}${link.href}` })),
  };
}
