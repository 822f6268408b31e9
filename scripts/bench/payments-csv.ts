// The benchmark file of the DataStore load (ingest.ts, ingest-http.ts): a CSV of administration
// payments, 7 columns (integer id, organization, beneficiary with quotes and accents, amount as
// 1.234,56, date dd/mm/yyyy, six-digit code with leading zeros, description), about 143 bytes a row.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

const ORGS = ['Comune di Firenze', 'Comune di Prato', 'Regione Toscana', 'Comune di Sesto Fiorentino', 'Provincia di Massa-Carrara', 'Comune di Lucca'];
const NAMES = ['Società "Il Melograno" S.r.l.', 'Cooperativa Città Futura', 'Niccolò Bianchi', 'Ditta F.lli Rossi & C.', 'Fornitura Energia S.p.A.', 'Studio Tecnico Perù'];

function row(i: number): string {
  const amount = ((i * 7919) % 10_000_000) / 100;
  const [whole, cents] = amount.toFixed(2).split('.');
  const italian = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents}`;
  const day = (i % 28) + 1, month = (i % 12) + 1;
  const beneficiary = NAMES[i % NAMES.length].replace(/"/g, '""');
  const description = `Pagamento n. ${i} — fattura del ${day}/${month}/2024, capitolo ${i % 997}`;
  return `${i};${ORGS[i % ORGS.length]};"${beneficiary}";${italian};${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2024;${String(i % 100000).padStart(6, '0')};"${description}"\n`;
}

/** Writes the file under a temporary name, renamed when complete: a run beside never reads half of it. */
export async function generate(file: string, rows: number): Promise<void> {
  const partial = `${file}.${process.pid}.part`;
  const out = fs.createWriteStream(partial);
  out.write('id;ente;beneficiario;importo;data_pagamento;codice;descrizione\n');
  let chunk = '';
  for (let i = 1; i <= rows; i += 1) {
    chunk += row(i);
    if (chunk.length > 1 << 20) { if (!out.write(chunk)) await once(out, 'drain'); chunk = ''; }
  }
  out.end(chunk);
  await once(out, 'finish');
  fs.renameSync(partial, file);
}

function seconds(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The SQLite reference: the sqlite3 command line's `.import` into a new database (text columns); null without sqlite3. */
export function sqliteImport(file: string, dir: string): number | null {
  try { execFileSync('which', ['sqlite3']); } catch { return null; }
  const db = path.join(dir, `ref-${Date.now()}.sqlite`);
  const time = seconds(() => execFileSync('sqlite3', [db, '-cmd', '.mode csv', '-cmd', '.separator ;', `.import ${file} pagamenti`]));
  fs.rmSync(db, { force: true });
  return time;
}

/** The PostgreSQL reference: psql's `\copy` of the file into a new table of seven text columns, then dropped. */
export function postgresCopy(file: string, databaseUrl: string): number {
  const table = `ref_copy_${process.pid}`;
  const psql = (command: string) => execFileSync('psql', [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command]);
  psql(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (id text, ente text, beneficiario text, importo text, data_pagamento text, codice text, descrizione text)`);
  try {
    return seconds(() => psql(`\\copy ${table} FROM '${file}' WITH (FORMAT csv, DELIMITER ';', HEADER true)`));
  } finally {
    psql(`DROP TABLE IF EXISTS ${table}`);
  }
}
