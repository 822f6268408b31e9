// Encodings and dialects as administrations really write them: text comes out exactly as written.
import iconv from 'iconv-lite';
import { isWholeFileUtf8 } from '../../server/ingest/encoding';
import { readBytes, tempFile } from './read';

describe('encodings', () => {
  it('reads Windows-1252 with the euro sign, Š, ž and curly quotes', async () => {
    const text = 'voce;importo\n“Spesa” Škoda žaluzie;€ 10\n';
    const read = await readBytes(iconv.encode(text, 'windows-1252'));
    expect(read.report.read.encoding).toBe('windows-1252');
    expect(read.rows).toEqual([['“Spesa” Škoda žaluzie', '€ 10']]);
  });

  it('reads Latin-1 accents', async () => {
    const read = await readBytes(Buffer.from('città,perché\nForlì,Così è\n', 'latin1'));
    expect(read.report.read.encoding).toBe('windows-1252');
    expect(read.columns.map((column) => column.label)).toEqual(['città', 'perché']);
    expect(read.rows).toEqual([['Forlì', 'Così è']]);
  });

  it('checks UTF-8 over the whole file: one Latin-1 byte far down makes it windows-1252', async () => {
    const lines = ['nome'];
    for (let i = 0; i < 20000; i += 1) lines.push(`riga ${i}`);
    const read = await readBytes(Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.from('caffè\n', 'latin1')]));
    expect(read.report.read.encoding).toBe('windows-1252');
    expect(read.rows[read.rows.length - 1]).toEqual(['caffè']);
  });

  // The check reads 1 MB chunks: a character cut by a chunk's end must be judged whole, as TextDecoder does.
  it('judges UTF-8 across chunk boundaries as a strict decoder does', async () => {
    const MB = 1024 * 1024;
    const strict = (bytes: Buffer) => { try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); return true; } catch { return false; } };
    const cases: Record<string, Buffer> = {};
    for (const [name, char] of [['è', 'è'], ['€', '€'], ['emoji', '😀']] as const) {
      const bytes = Buffer.from(char);
      for (let cut = 1; cut < bytes.length; cut += 1) {
        // The character starts `cut` bytes before the first chunk's end.
        cases[`${name} cut after ${cut}`] = Buffer.concat([Buffer.alloc(MB - cut, 'a'), bytes, Buffer.from('\n')]);
        cases[`${name} truncated at the end (${cut})`] = Buffer.concat([Buffer.alloc(MB - cut, 'a'), bytes.subarray(0, cut)]);
        cases[`${name} broken across the boundary (${cut})`] = Buffer.concat([Buffer.alloc(MB - cut, 'a'), bytes.subarray(0, cut), Buffer.from('x\n')]);
      }
    }
    cases['a stray continuation byte after the boundary'] = Buffer.concat([Buffer.alloc(MB, 'a'), Buffer.from([0x80]), Buffer.from('\n')]);
    cases['a surrogate encoded'] = Buffer.concat([Buffer.alloc(MB - 1, 'a'), Buffer.from([0xed, 0xa0, 0x80])]);
    cases['an overlong slash'] = Buffer.concat([Buffer.alloc(MB - 1, 'a'), Buffer.from([0xc0, 0xaf])]);
    cases['Latin-1 at the very end'] = Buffer.concat([Buffer.alloc(2 * MB, 'a'), Buffer.from([0xe8])]);
    const judged = await Promise.all(Object.values(cases).map((bytes) => isWholeFileUtf8(tempFile(bytes))));
    expect(Object.fromEntries(Object.keys(cases).map((name, i) => [name, judged[i]])))
      .toEqual(Object.fromEntries(Object.entries(cases).map(([name, bytes]) => [name, strict(bytes)])));
    expect(judged.filter(Boolean)).toHaveLength(6);
  });

  it('drops the UTF-8 BOM and keeps soft hyphens, NBSP and already-garbled characters', async () => {
    const cell = 'Perch\u00c3\u00a9 ca\u00adsa\u00a0100 €';
    const read = await readBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`titolo\n${cell}\n`)]));
    expect(read.report.read).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(read.columns[0].label).toBe('titolo');
    expect(read.rows).toEqual([[cell]]);
  });

  it('reports characters that the file\'s encoding does not have', async () => {
    const read = await readBytes(Buffer.concat([Buffer.from('nome\n'), Buffer.from([0x61, 0x81, 0x62, 0x0a]), Buffer.from('caff\xe8\n', 'latin1')]));
    expect(read.report.counts['encoding-replacement']).toBe(1);
    expect(read.report.problems[0]).toMatchObject({ kind: 'encoding-replacement', row: 2, line: 2, column: 'nome' });
  });
});

describe('dialects', () => {
  it.each([[';'], ['|'], ['\t'], [',']])('sniffs the delimiter %j, with quotes respected', async (delimiter) => {
    const text = ['a', 'b', 'c'].join(delimiter) + '\n' + ['"x' + delimiter + 'y"', '2', '3'].join(delimiter) + '\n' + ['z', '4', '5'].join(delimiter) + '\n';
    const read = await readBytes(text);
    expect(read.report.read.delimiter).toBe(delimiter);
    expect(read.rows).toEqual([[`x${delimiter}y`, '2', '3'], ['z', '4', '5']]);
  });

  it('reads CRLF lines and line breaks inside quoted cells, counting physical lines', async () => {
    const read = await readBytes('id,testo\r\n1,"prima riga\r\nseconda"\r\n2,\r\n3,x,extra\r\n');
    expect(read.report.read.lineEnding).toBe('CRLF');
    expect(read.rows[0]).toEqual(['1', 'prima riga\r\nseconda']);
    expect(read.report.problems).toEqual([expect.objectContaining({ kind: 'extra-cell', row: 4, line: 5 })]);
  });

  it('drops the empty column of a delimiter that closes every line', async () => {
    const read = await readBytes('a;b;\n1;2;\n3;4;\n');
    expect(read.report.read.trailingDelimiter).toBe(true);
    expect(read.columns.map((column) => column.id)).toEqual(['a', 'b']);
    expect(read.rows).toEqual([['1', '2'], ['3', '4']]);
  });

  it('gives ids to blank and repeated headers, keeping the labels, and reports them', async () => {
    const read = await readBytes(' Nome ,,Nome,nome\n1,2,3,4\n');
    expect(read.columns).toEqual([{ id: 'Nome', label: ' Nome ' }, { id: 'colonna_2', label: '' }, { id: 'Nome_2', label: 'Nome' }, { id: 'nome_3', label: 'nome' }]);
    expect(read.report.counts).toEqual({ 'blank-header': 1, 'duplicate-header': 2 });
  });

  it('reports wrong-width and blank rows with their row numbers and loads the others', async () => {
    const read = await readBytes('a,b,c\n1,2,3\n4,5\n\n6,7,8,9\n , , \n10,11,12\n');
    expect(read.rows).toEqual([['1', '2', '3'], ['4', '5', null], ['6', '7', '8'], ['10', '11', '12']]);
    expect(read.report.counts).toEqual({ 'missing-cell': 1, 'blank-row': 2, 'extra-cell': 1 });
    expect(read.report.problems.map((problem) => [problem.kind, problem.row])).toEqual([['missing-cell', 3], ['blank-row', 4], ['extra-cell', 5], ['blank-row', 6]]);
    expect(read.report.problems[0].message).toMatch(/La riga 3 ha 2 celle invece di 3/);
    expect(read.report.problems[0].message_en).toMatch(/Row 3 has 2 cells instead of 3/);
  });

  it('counts every problem but keeps the first hundred of each kind', async () => {
    const read = await readBytes('a,b\n' + '1\n'.repeat(250) + '1,2\n');
    expect(read.report.counts['missing-cell']).toBe(250);
    expect(read.report.problems.length).toBe(100);
  });

  it('takes a first row of numbers as data, not as a header', async () => {
    const read = await readBytes('1;2,5;01/02/2024\n3;4,5;02/02/2024\n');
    expect(read.report.read.header).toBe(false);
    expect(read.columns.map((column) => column.id)).toEqual(['colonna_1', 'colonna_2', 'colonna_3']);
    expect(read.rows.length).toBe(2);
  });
});
