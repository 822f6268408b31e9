// "Come citare": one line that names the publisher, year, title, portal, address and licence, in the
// page's language, as DataCite's recommended form (Creator (Year). Title. Publisher. Identifier).
import { translate, Lang } from '../i18n';

export interface CitationParts {
  publisher: string;
  /** DCAT issued, else the dataset's creation: the year it was published. */
  date: string;
  title: string;
  portal: string;
  url: string;
  licence: string;
}

export function citationText(lang: Lang, parts: CitationParts): string {
  const year = /^(\d{4})/.exec(parts.date)?.[1] ?? '';
  return translate(lang, 'cite.format', {
    publisher: parts.publisher, year: year || translate(lang, 'cite.no_year'), title: parts.title,
    portal: parts.portal, url: parts.url, licence: parts.licence,
  });
}
