// Linked resources (a URL, not an upload) on a host the portal trusts (CATALOGO_INGEST_URL_HOSTS) are
// fetched by the load job through the guarded fetch (server/net: private addresses refused unless
// CATALOGO_HARVEST_ALLOW_PRIVATE, time and size bounded, redirects checked again) into a temporary file,
// then read exactly as an upload is. A host not in the list is simply not loaded.
import { Config } from '../config';
import { nowIso } from '../db/columns';
import { FetchRefused, guardedDownload } from '../net/fetch';
import { LinkSource } from './analyse';
import { IngestError } from './errors';

const DOWNLOAD_TIMEOUT_MS = 10 * 60 * 1000;

/** Whether the address is http(s) on one of the hosts whose links load into the DataStore. */
export function linkHostAllowed(url: string, hosts: string[]): boolean {
  if (!hosts.length) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && hosts.includes(parsed.hostname.toLowerCase());
  } catch {
    return false;
  }
}

const fetchFailed = (it: string, en: string) => new IngestError('fetch-failed', it, en);

/** Downloads the linked file to `file`; a refused address, an error status or a web page is a load failure. */
export async function downloadLinked(config: Config, url: string, file: string): Promise<LinkSource> {
  let answer: Awaited<ReturnType<typeof guardedDownload>>;
  try {
    answer = await guardedDownload(url, file, { allowPrivate: config.harvestAllowPrivate, maxBytes: config.maxUploadBytes, timeoutMs: DOWNLOAD_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof FetchRefused)) throw error;
    throw fetchFailed(`Il file collegato ${url} non si è potuto scaricare: ${error.message}.`, `The linked file ${url} could not be downloaded: ${error.message}.`);
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw fetchFailed(`Il file collegato ${url} non si è potuto scaricare: il server ha risposto ${answer.status}. Controllare l'indirizzo della risorsa.`,
      `The linked file ${url} could not be downloaded: the server answered ${answer.status}. Check the resource's address.`);
  }
  if (/^\s*(text\/html|application\/xhtml)/i.test(answer.contentType)) {
    throw fetchFailed(`All'indirizzo ${url} c'è una pagina web (${answer.contentType}), non un file di dati: collegare il file CSV, TSV, JSON o XLSX stesso.`,
      `At ${url} there is a web page (${answer.contentType}), not a data file: link the CSV, TSV, JSON or XLSX file itself.`);
  }
  return { url: answer.url, fetched: nowIso(), contentType: answer.contentType };
}
