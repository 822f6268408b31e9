// `npm run -s cli -- import-dcat FILE --org NAME [--dry-run]`: a DCAT-AP_IT / DCAT-AP file (Turtle,
// RDF/XML, JSON-LD, N-Triples, by its extension) into an organization, through the actions, as the site
// sysadmin. stdout: one line per dataset (created / updated / failed, or what would happen with
// --dry-run); stderr: the counts. Exit code 1 when a dataset failed.
import fs from 'node:fs';
import type { CliIo } from '../cli';
import { ActionContext } from '../../server/core/context';
import { organizationOf } from '../../server/harvest/sources';
import { fileFormat, planImport, runImport } from '../../server/harvest/import-file';
import { UsageError } from './usage-error';

interface ImportCall {
  args: string[];
  options: Record<string, string | boolean | undefined>;
  ctx: ActionContext;
  io: CliIo;
}

const PLAN_LABEL = { create: 'da creare', update: 'da aggiornare', invalid: 'non importabile' };
const RESULT_LABEL = { created: 'creato', updated: 'aggiornato', failed: 'non riuscito' };

export class ImportFailed extends Error {}

async function importDcat({ args: [file], options, ctx, io }: ImportCall): Promise<void> {
  const format = fileFormat(file);
  if (!format) throw new UsageError(`Formato sconosciuto per ${file}: usa un file .ttl, .rdf, .xml, .jsonld, .json o .nt`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`File non leggibile: ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const org = await organizationOf(ctx.services.db.manager, options.org, 'org');
  const planned = await planImport(ctx, text, format, org.id);
  if (options['dry-run']) {
    for (const item of planned) io.out(`${PLAN_LABEL[item.action]}\t${item.name || '-'}\t${item.title}`);
    io.err(`${planned.length} dataset nel file: ${planned.filter((p) => p.action === 'create').length} da creare, ${planned.filter((p) => p.action === 'update').length} da aggiornare, ${planned.filter((p) => p.action === 'invalid').length} non importabili.`);
    return;
  }
  const outcomes = await runImport(ctx, planned, org.id);
  for (const o of outcomes) io.out(`${RESULT_LABEL[o.result]}\t${o.name ?? '-'}\t${o.title}${o.error ? `\t${o.error}` : ''}`);
  const count = (result: string) => outcomes.filter((o) => o.result === result).length;
  const summary = `Importati in ${org.name}: ${count('created')} creati, ${count('updated')} aggiornati, ${count('failed')} non riusciti.`;
  if (count('failed')) throw new ImportFailed(summary);
  io.err(summary);
}

export const importDcatCommand = {
  usage: 'import-dcat FILE --org ORGANIZZAZIONE [--dry-run]', positionals: 1, needsCatalogue: true as const,
  options: { org: { type: 'string' as const }, 'dry-run': { type: 'boolean' as const } }, required: ['org'],
  run: importDcat, summary: "importa un file DCAT-AP_IT (Turtle, RDF/XML, JSON-LD) nell'organizzazione",
};
