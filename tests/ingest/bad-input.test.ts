// Files that are no table: each fails with a precise Italian reason (an IngestError), never a crash.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { IngestError } from '../../server/ingest/errors';
import { analyseFile } from '../../server/ingest/analyse';
import { analyseInWorker, runningAnalysisWorkers } from '../../server/ingest/analyse-thread';
import { Analyser, readBytes, readFile, tempFile } from './read';
import { TableFormat } from '../../server/ingest/source';

// Each case runs twice: parsed in this thread, and in a worker thread (as a large CSV is, load.ts),
// whose errors must come back as the same IngestError.
let analyse: Analyser = analyseFile;

async function failure(content: Buffer | string, format: TableFormat = 'csv'): Promise<IngestError> {
  try {
    await readBytes(content, format, {}, analyse);
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return error as IngestError;
  }
  throw new Error('the file was read');
}

describe.each([['in this thread', analyseFile], ['in a worker thread', analyseInWorker]] as const)('bad input, parsed %s', (_, analyser) => {
  beforeAll(() => { analyse = analyser; });
  afterAll(() => { analyse = analyseFile; });
  afterEach(() => expect(runningAnalysisWorkers()).toBe(0));

  it('an empty file, or one with only a blank line', async () => {
    expect(await failure('')).toMatchObject({ code: 'empty-file', message: 'Il file è vuoto.' });
    expect((await failure('\n\n')).code).toBe('no-columns');
  });

  it('a PNG named .csv, and a file of NUL bytes', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(await failure(png)).toMatchObject({ code: 'binary-file', message: expect.stringMatching(/non è un testo/) });
    expect((await failure(Buffer.alloc(1000))).code).toBe('binary-file');
  });

  it('an unterminated quote', async () => {
    const error = await failure('a,b\n1,2\n3,"non chiuso\n4,5\n');
    expect(error.code).toBe('unterminated-quote');
    expect(error.message).toMatch(/Virgolette aperte e mai chiuse \(dalla riga 3 circa\)/);
  });

  it('a misplaced quote inside an unquoted field', async () => {
    expect(await failure('a,b\n1,2\n3,4"5\n')).toMatchObject({ code: 'parse-error', message: expect.stringMatching(/Virgolette fuori posto alla riga 3/) });
  });

  it('a single line of 50 MB without a newline', async () => {
    const file = tempFile('');
    const out = createWriteStream(file);
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 50; i += 1) if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    const error = await readFile(file, 'csv', {}, analyse).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'record-too-large', message: expect.stringMatching(/Una riga \(dalla riga 1\) supera 4 MB/) });
  });

  it('10,000 columns', async () => {
    const header = Array.from({ length: 10000 }, (_, i) => `c${i}`).join(',');
    expect(await failure(`${header}\n${header}\n`)).toMatchObject({ code: 'too-many-columns', message: expect.stringMatching(/10000 colonne: il massimo è 1000/) });
  });

  it('invalid JSON, and JSON that is no table', async () => {
    expect(await failure('[{"a": 1},', 'json')).toMatchObject({ code: 'invalid-json', message: expect.stringMatching(/^Il JSON non è valido/) });
    expect((await failure('42', 'json')).code).toBe('json-not-tabular');
    expect((await failure('{"a": 1}', 'json')).code).toBe('json-not-tabular');
    expect((await failure('[1, 2, 3]', 'json')).message).toMatch(/l'elemento 1 non è un oggetto/);
    expect((await failure('{"a": [], "b": []}', 'json')).code).toBe('json-not-tabular');
    expect((await failure('[]', 'json')).message).toMatch(/l'elenco è vuoto/);
  });

  it('a file that is no XLSX', async () => {
    expect((await failure('not a zip', 'xlsx')).code).toBe('invalid-xlsx');
  });
});
