// The resource page's load report, from what the ingest reader really reports on a file: what was read,
// the problems by kind with their first rows, the AgID CSV rules with their fixes, the progress text.
import { Request } from 'express';
import { progressView, reportView, loadFlash } from '../../server/pages/resource-report';
import { readBytes } from '../ingest/read';

const italian = { lang: 'it' } as Request;
const english = { lang: 'en' } as Request;

/** A Latin-1 file with semicolons, a blank row, a row too long and one too short. */
const BROKEN = Buffer.from('comune;abitanti;nota\nPrato;195000;città\n\nPistoia;90000;x;y\nLucca;89000\nSiena;53000;più\n', 'latin1');
const CLEAN = 'comune,abitanti\nPrato,195000\nPistoia,90000\n';

describe('the load report', () => {
  it('says what was read and lists each kind of problem with its first rows', async () => {
    const { report } = await readBytes(BROKEN);
    const view = reportView(italian, { status: 'success', report });
    expect(view.read).toEqual({ encoding: 'WINDOWS-1252', delimiter: 'punto e virgola (;)', rows: '4', columns: '3' });
    const kinds = Object.fromEntries(view.problems.map((p) => [p.code, p]));
    expect(Object.keys(kinds).sort()).toEqual(['blank-row', 'extra-cell', 'missing-cell']);
    expect(kinds['blank-row'].label).toBe('Righe vuote');
    expect(kinds['blank-row'].examples[0].row).toBe('3');
    expect(kinds['extra-cell'].examples[0].row).toBe('4');
    expect(kinds['missing-cell'].examples[0].message).toMatch(/riga 5\b/i);
  });

  it('checks the AgID CSV rules of a broken file, each failed one with its fix in plain Italian', async () => {
    const { report } = await readBytes(BROKEN);
    const agid = reportView(italian, { status: 'success', report }).agid;
    const outcome = Object.fromEntries(agid.map((rule) => [rule.rule, rule.passed]));
    expect(outcome).toEqual({
      'Struttura secondo RFC 4180 (virgola come separatore, virgolette chiuse)': false,
      'Una sola riga di intestazione, con un nome per ogni colonna': true,
      'Nessuna riga vuota': false,
      'Ogni riga ha tante celle quante l\'intestazione': false,
      'Codifica UTF-8 (consigliata)': false,
    });
    expect(agid.find((rule) => rule.rule.startsWith('Codifica'))!.fix).toMatch(/CSV UTF-8/);
    expect(agid.find((rule) => rule.passed)!.fix).toBeNull();
  });

  it('passes every AgID rule for a clean UTF-8 comma-separated file, in English too', async () => {
    const { report } = await readBytes(CLEAN);
    expect(reportView(italian, { status: 'success', report }).agid.every((rule) => rule.passed)).toBe(true);
    const view = reportView(english, { status: 'success', report });
    expect(view.problems).toEqual([]);
    expect(view.agid.map((rule) => rule.outcome)).toEqual(['met', 'met', 'met', 'met', 'met']);
  });

  it('checks the CSV rules on CSV files only', async () => {
    const { report } = await readBytes('[{"comune": "Prato"}]', 'json');
    expect(reportView(italian, { status: 'success', report }).agid).toEqual([]);
  });

  it('shows a failed load with its reason in the page\'s language, and no rules checked on what was not read', () => {
    const failed = { status: 'failure' as const, error: 'Virgolette non chiuse alla riga 3.', error_en: 'Unclosed quotes at row 3.' };
    const view = reportView(english, failed);
    expect([view.failed, view.reason, view.statusLabel, view.agid]).toEqual([true, 'Unclosed quotes at row 3.', 'failed', []]);
    expect(reportView(italian, failed).reason).toBe('Virgolette non chiuse alla riga 3.');
  });

  it('shows a running load as a bar with its text equivalent, and no report yet', () => {
    const view = reportView(italian, { status: 'running', progress: { rows_read: 12345, percent: 40.2 } });
    expect(view.progress).toEqual({ percent: 40, known: true, text: '12.345 righe lette (40%)' });
    expect([view.read, view.agid]).toEqual([null, []]);
    expect(progressView(italian, { status: 'pending' }).text).toBe('0 righe lette');
  });

  it('announces the outcome of an upload', async () => {
    const { report } = await readBytes(CLEAN);
    expect(loadFlash(italian, { status: 'success', report }).text).toBe('File caricato e letto. Righe pronte per l\'anteprima e le API: 2.');
    expect(loadFlash(italian, { status: 'failure', error: 'Il file è vuoto.', error_en: 'The file is empty.' })).toEqual({ kind: 'danger', text: 'File caricato, ma non è stato possibile leggerlo come tabella: Il file è vuoto.' });
    expect(loadFlash(italian, { status: 'pending' }).kind).toBe('info');
    expect(loadFlash(italian, { status: 'success', report }, 'dictionary').text).toBe('Dizionario salvato e file letto di nuovo. Righe: 2.');
  });
});
