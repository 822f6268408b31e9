// Types inferred from the whole column, and values converted for the DataStore.
import { convertCell, isNullToken, NOT_FIT } from '../../server/ingest/values';
import { readBytes, typesOf } from './read';

const column = async (values: string[]) => {
  const read = await readBytes(['valore;nota', ...values.map((value) => `${value};x`)].join('\n') + '\n');
  return read.schema.fields[0];
};

describe('type inference', () => {
  it('reads integers, Italian and English numbers, and keeps each column to one decimal separator', async () => {
    expect((await column(['1', '-20', '+300'])).type).toBe('integer');
    expect(await column(['1.234,56', '-,5', '1234,5', '7'])).toMatchObject({ type: 'number', decimalChar: ',' });
    expect(await column(['1,234.56', '-.5', '1234.5'])).toMatchObject({ type: 'number', decimalChar: '.' });
    expect((await column(['1234,5', '1234.5'])).type).toBe('string');
    expect((await column(['1.234,5', '1,234.5'])).type).toBe('string');
  });

  it('keeps codes with leading zeros, and integers beyond 15 digits, as text', async () => {
    expect((await column(['001001', '048017'])).type).toBe('string');
    expect((await column(['00184', '50122'])).type).toBe('string');
    expect((await column(['1234567890123456789'])).type).toBe('string');
    expect((await column(['0', '0,5'])).type).toBe('number');
  });

  it('reads booleans in Italian and English, whatever their case', async () => {
    expect((await column(['sì', 'No', 'si', 'VERO', 'falso', 'true', 'False'])).type).toBe('boolean');
    expect((await column(['sì', 'forse'])).type).toBe('string');
  });

  it('reads valid calendar dates and timestamps only', async () => {
    expect(await column(['31/12/2024', '1/2/2024'])).toMatchObject({ type: 'date', format: '%d/%m/%Y' });
    expect(await column(['2024-02-29', '2023-12-31'])).toMatchObject({ type: 'date', format: '%Y-%m-%d' });
    expect((await column(['2023-02-29'])).type).toBe('string');
    expect((await column(['31/04/2024'])).type).toBe('string');
    // Leap years by the Gregorian rule: 2000 had a 29 February, 1900 did not.
    expect((await column(['29/02/2000', '29/2/2000'])).type).toBe('date');
    expect((await column(['29/02/1900'])).type).toBe('string');
    expect((await column(['2024-03-01T10:20:30', '2024-03-01 10:20', '01/03/2024 09:05:00'])).type).toBe('datetime');
    expect((await column(['2024-03-01T25:00'])).type).toBe('string');
  });

  it('takes N/A, N/D, n.d., -, -- and blank cells as nulls, but not NA (Napoli)', async () => {
    expect((await column(['1', 'N/A', 'n/d', 'n.d.', '-', '--', '   ', '', '2'])).type).toBe('integer');
    expect((await column(['MI', 'NA'])).type).toBe('string');
    expect(['N/A', 'n.d.', ' - ', ''].every(isNullToken)).toBe(true);
    expect(['NA', 'null', '0'].some(isNullToken)).toBe(false);
  });

  it('reads a column that turns to text after 100,000 numbers as text', async () => {
    const lines = ['id;importo'];
    for (let i = 1; i <= 100000; i += 1) lines.push(`${i};${i},50`);
    lines.push('100001;da definire');
    const read = await readBytes(lines.join('\n') + '\n');
    expect(typesOf(read)).toEqual({ id: 'integer', importo: 'string' });
    expect(read.rows.length).toBe(100001);
    expect(read.rows[100000]).toEqual(['100001', 'da definire']);
  });

  it('converts cells to the values a typed column stores', () => {
    expect(convertCell('1.234,56', 'number', { decimalChar: ',' })).toBe('1234.56');
    expect(convertCell('-.5', 'number', { decimalChar: '.' })).toBe('-0.5');
    // Every spelling a number column takes, as the plain decimal text stored.
    const numbers: [string, ',' | '.', string][] = [
      ['+1.234.567,5', ',', '1234567.5'], ['-,5', ',', '-0.5'], [',25', ',', '0.25'], ['+,5', ',', '0.5'], ['7', ',', '7'],
      ['-1.000', ',', '-1000'], ['1,234,567.89', '.', '1234567.89'], ['.5', '.', '0.5'], ['+3', '.', '3'], ['-12', '.', '-12'],
      ['12345678901234,123456789', ',', '12345678901234.123456789'],
    ];
    expect(numbers.map(([text, decimalChar]) => convertCell(text, 'number', { decimalChar }))).toEqual(numbers.map(([, , stored]) => stored));
    expect(convertCell(' 42 ', 'integer')).toBe(42);
    expect(convertCell('Sì', 'boolean')).toBe(true);
    expect(convertCell('5/3/2024', 'date')).toBe('2024-03-05');
    expect(convertCell('05/03/2024 7:30', 'datetime')).toBe('2024-03-05T07:30:00');
    expect(convertCell('N/D', 'integer')).toBeNull();
    expect(convertCell('N/D', 'string')).toBe('N/D');
    expect(convertCell('', 'string')).toBeNull();
    expect(convertCell('dodici', 'integer')).toBe(NOT_FIT);
    expect(convertCell({ a: 1 }, 'object')).toEqual({ a: 1 });
  });

  it('reports the cells that do not fit a type the editor set, with row, column and value', async () => {
    const read = await readBytes('codice;importo\n1;10\n2;dieci\n3;\n', 'csv', { overrides: { importo: { type: 'integer' } } });
    expect(read.report.counts).toEqual({ 'type-error': 1 });
    expect(read.report.problems[0]).toMatchObject({ kind: 'type-error', row: 3, line: 3, column: 'importo', value: 'dieci' });
    expect(read.report.problems[0].message).toBe('Riga 3, colonna "importo": il valore "dieci" non è un numero intero.');
    expect(read.schema.fields[1]).toMatchObject({ type: 'integer', type_override: 'integer', inferredType: 'string' });
  });
});
