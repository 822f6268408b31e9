// `backup FILE` and `restore FILE`: they open the database their own way (a snapshot to read, an empty
// place to fill), so they run without the catalogue's services. See server/ops/backup/.
import type { CliIo } from '../cli';
import { loadConfig } from '../../server/config';
import { writeBackup } from '../../server/ops/backup/backup';
import { restoreBackup } from '../../server/ops/backup/restore';

interface Call {
  args: string[];
  env: NodeJS.ProcessEnv;
  io: CliIo;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function backup({ args: [file], env, io }: Call): Promise<void> {
  const summary = await writeBackup(loadConfig(env), file, (line) => io.err(line));
  for (const key of summary.missingFiles) io.err(`Attenzione: il file ${key} era nel database ma non sul disco (eliminato durante il backup?): non è nell'archivio.`);
  io.err(`Backup scritto in ${file}: ${summary.tables} tabelle, ${summary.rows} righe, ${summary.files} file (${megabytes(summary.bytes)}).`);
}

export async function restore({ args: [file], env, io }: Call): Promise<void> {
  const summary = await restoreBackup(loadConfig(env), file, (line) => io.err(line));
  const datasets = summary.tables.package ?? 0;
  const users = summary.tables.user ?? 0;
  io.err(`Ripristino completato: ${datasets} dataset, ${users} utenti, ${summary.files} file (${megabytes(summary.bytes)}). `
    + 'Le sessioni non sono nel backup: chi era collegato accede di nuovo; i token API funzionano.');
}
