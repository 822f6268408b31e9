// Every real file of the demo loads with exactly what Python's csv module (or json.loads) reads from it:
// row count, header, first and last rows, compared as raw cells before typing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatOf } from '../../server/ingest/open';
import { readFile, typesOf } from './read';

const FILES = path.join(__dirname, '../../datasets/files');
const EXPECTED = path.join(__dirname, '../fixtures/real-data');

interface Expected { format: string; python_codec: string; delimiter: string | null; rows: number; columns: number; header: string[]; first_row: unknown[]; last_row: unknown[] }

const expectedFiles = readdirSync(EXPECTED).filter((name) => name.endsWith('.expected.json'));

describe('the real files with what Python reads from them', () => {
  it.each(expectedFiles)('%s loads exactly', async (expectedName) => {
    const expected = JSON.parse(readFileSync(path.join(EXPECTED, expectedName), 'utf8')) as Expected;
    const name = expectedName.replace('.expected.json', `.${expected.format}`);
    const read = await readFile(path.join(FILES, name), formatOf(name)!);
    const info = read.report.read;
    // A delimiter closing every line (rt-beni-confiscati) is no column: Python reads an empty one.
    const trim = <T>(cells: T[]) => (info.trailingDelimiter ? cells.slice(0, -1) : cells);
    expect(info.rows).toBe(expected.rows);
    expect(read.rows.length).toBe(expected.rows);
    expect(read.columns.map((column) => column.label)).toEqual(trim(expected.header));
    expect(read.rows[0]).toEqual(trim(expected.first_row));
    expect(read.rows[read.rows.length - 1]).toEqual(trim(expected.last_row));
    if (expected.delimiter) expect(info.delimiter).toBe(expected.delimiter);
    expect(info.encoding).toBe(expected.python_codec === 'latin-1' ? 'windows-1252' : 'utf-8');
    expect(read.report.counts).toEqual({});
  });
});

describe('the types read from the real files', () => {
  const typesOfFile = async (name: string) => typesOf(await readFile(path.join(FILES, name), formatOf(name)!));

  it('reads Italian amounts, dates, booleans and keeps codes as text', async () => {
    expect(await typesOfFile('lucca-parcheggi-di-scambio.csv')).toMatchObject({ id: 'string', latitudine: 'number', posti_auto: 'integer', navetta_centro: 'boolean', orario: 'string' });
    const firenze = await readFile(path.join(FILES, 'firenze-bandi-di-gara-2024.csv'));
    expect(typesOf(firenze)).toMatchObject({ CIG: 'string', 'Codice fiscale struttura proponente': 'string', 'Importo di aggiudicazione': 'number', 'Data inizio': 'date', 'Numero offerenti': 'integer' });
    expect(firenze.schema.fields.find((field) => field.name === 'Importo di aggiudicazione')).toMatchObject({ decimalChar: ',', groupChar: '.' });
    expect(await typesOfFile('sesto-fiorentino-pagamenti-2024.csv')).toMatchObject({ numero_mandato: 'string', data_pagamento: 'date', importo: 'number', codice_siope: 'string' });
  });

  it('reads English decimals, ISO dates, timestamps and d/m/yyyy dates', async () => {
    expect(await typesOfFile('rt-fatture-elettroniche-ricevute-2024.csv')).toMatchObject({ data_fattura: 'date', imponibile: 'number', tipo_documento: 'string' });
    expect(await typesOfFile('rt-covid19-ars-20220615.csv')).toMatchObject({ geografia: 'string', giorno: 'integer', data: 'date', letalita: 'number' });
    expect(await typesOfFile('dpc-covid19-ita-andamento-nazionale.json')).toMatchObject({ data: 'datetime', stato: 'string', tamponi: 'integer', note: 'string' });
  });

  it('reads every other demo file without a problem', async () => {
    for (const name of readdirSync(FILES)) {
      const read = await readFile(path.join(FILES, name), formatOf(name)!);
      expect({ name, counts: read.report.counts, rows: read.rows.length > 0 }).toEqual({ name, counts: {}, rows: true });
    }
  });
});
