// JSON and XLSX files as tables.
import ExcelJS from 'exceljs';
import { readBytes, readFile, tempFile, typesOf } from './read';

describe('JSON', () => {
  it('reads an array of objects, columns as the union of keys in first-seen order, nested values kept', async () => {
    const read = await readBytes(JSON.stringify([{ a: 1, b: 'x' }, { b: 'y', c: { n: [1, 2] } }]), 'json');
    expect(read.columns.map((column) => column.id)).toEqual(['a', 'b', 'c']);
    expect(read.rows).toEqual([[1, 'x', null], [null, 'y', { n: [1, 2] }]]);
    expect(typesOf(read)).toEqual({ a: 'integer', b: 'string', c: 'object' });
  });

  it.each([['data'], ['records'], ['results'], ['elenco']])('finds the records under "%s"', async (key) => {
    const read = await readBytes(JSON.stringify({ meta: { n: 1 }, [key]: [{ id: 1 }, { id: 2 }] }), 'json');
    expect(read.report.read.recordsPath).toBe(key);
    expect(read.rows).toEqual([[1], [2]]);
  });

  it('reads GeoJSON features as their properties and geometry', async () => {
    const feature = { type: 'Feature', properties: { nome: 'Fontana' }, geometry: { type: 'Point', coordinates: [11.2, 43.7] } };
    const read = await readBytes(JSON.stringify({ type: 'FeatureCollection', features: [feature] }), 'json');
    expect(read.rows).toEqual([['Fontana', feature.geometry]]);
  });
});

describe('XLSX', () => {
  it('reads the first sheet with numbers, dates and booleans from the cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Dati');
    sheet.addRow(['comune', 'abitanti', 'data', 'capoluogo', 'cap']);
    sheet.addRow(['Firenze', 360000, new Date(Date.UTC(2024, 0, 31)), true, '50122']);
    sheet.addRow(['Prato', 195000.5, new Date(Date.UTC(2024, 1, 1)), false, '59100']);
    workbook.addWorksheet('Altro').addRow(['ignorato']);
    const file = tempFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    const read = await readFile(file, 'xlsx');
    expect(read.columns.map((column) => column.id)).toEqual(['comune', 'abitanti', 'data', 'capoluogo', 'cap']);
    expect(read.rows).toEqual([['Firenze', 360000, '2024-01-31', true, '50122'], ['Prato', 195000.5, '2024-02-01', false, '59100']]);
    expect(typesOf(read)).toEqual({ comune: 'string', abitanti: 'number', data: 'date', capoluogo: 'boolean', cap: 'integer' });
  });
});
