// The validation report, in the spirit of Frictionless: each problem with its row (the record's number
// counting the header as row 1, as a spreadsheet shows it), the physical line where it starts, the
// column, a message in Italian and English; every problem counted, the first of each kind kept.
import { INGEST_LIMITS } from './errors';

export type ProblemKind = 'blank-header' | 'duplicate-header' | 'extra-cell' | 'missing-cell' | 'blank-row' | 'encoding-replacement' | 'type-error';

export interface Problem {
  kind: ProblemKind;
  /** Record number, the header being row 1 (for JSON: the object's position, from 1). */
  row: number | null;
  /** Physical line of the file where the record starts (CSV only). */
  line: number | null;
  column: string | null;
  value?: string;
  message: string;
  message_en: string;
}

export class ProblemList {
  readonly problems: Problem[] = [];
  readonly counts: Partial<Record<ProblemKind, number>> = {};

  add(problem: Problem): void {
    const count = (this.counts[problem.kind] ?? 0) + 1;
    this.counts[problem.kind] = count;
    if (count <= INGEST_LIMITS.maxProblemsPerKind) this.problems.push(problem);
  }

  count(kind: ProblemKind): number {
    return this.counts[kind] ?? 0;
  }

  total(): number {
    return Object.values(this.counts).reduce((sum, n) => sum + (n ?? 0), 0);
  }
}

const shorten = (value: string) => (value.length > 200 ? `${value.slice(0, 200)}…` : value);

export const problemOf = {
  blankHeader: (column: string, position: number): Problem => ({ kind: 'blank-header', row: 1, line: 1, column,
    message: `La colonna ${position} non ha intestazione: le è stato dato il nome "${column}".`, message_en: `Column ${position} has no header: it was named "${column}".` }),
  duplicateHeader: (column: string, label: string): Problem => ({ kind: 'duplicate-header', row: 1, line: 1, column,
    message: `L'intestazione "${label}" è ripetuta: la colonna è stata chiamata "${column}".`, message_en: `The header "${label}" is repeated: the column was named "${column}".` }),
  extraCells: (row: number, line: number | null, width: number, expected: number): Problem => ({ kind: 'extra-cell', row, line, column: null,
    message: `La riga ${row} ha ${width} celle invece di ${expected}: le celle in più non sono state caricate.`, message_en: `Row ${row} has ${width} cells instead of ${expected}: the extra cells were not loaded.` }),
  missingCells: (row: number, line: number | null, width: number, expected: number): Problem => ({ kind: 'missing-cell', row, line, column: null,
    message: `La riga ${row} ha ${width} celle invece di ${expected}: le mancanti sono state lasciate vuote.`, message_en: `Row ${row} has ${width} cells instead of ${expected}: the missing ones were left empty.` }),
  blankRow: (row: number, line: number | null): Problem => ({ kind: 'blank-row', row, line, column: null,
    message: `La riga ${row} è vuota: è stata saltata. Le righe vuote vanno tolte dal file.`, message_en: `Row ${row} is blank: it was skipped. Blank rows should be removed from the file.` }),
  encodingReplacement: (row: number, line: number | null, column: string): Problem => ({ kind: 'encoding-replacement', row, line, column,
    message: `Nella riga ${row}, colonna "${column}", un carattere non esiste nella codifica del file ed è stato sostituito da �. Salvare il file in UTF-8.`,
    message_en: `In row ${row}, column "${column}", a character does not exist in the file's encoding and was replaced by �. Save the file as UTF-8.` }),
  typeError: (row: number, line: number | null, column: string, value: string, type: string): Problem => ({ kind: 'type-error', row, line, column, value: shorten(value),
    message: `Riga ${row}, colonna "${column}": il valore "${shorten(value)}" non è ${TYPE_NAMES_IT[type] ?? type}.`,
    message_en: `Row ${row}, column "${column}": the value "${shorten(value)}" is not ${TYPE_NAMES_EN[type] ?? type}.` }),
};

const TYPE_NAMES_IT: Record<string, string> = { integer: 'un numero intero', number: 'un numero', boolean: 'un valore sì/no', date: 'una data valida', datetime: 'una data e ora valida', object: 'JSON valido', string: 'un testo' };
const TYPE_NAMES_EN: Record<string, string> = { integer: 'an integer', number: 'a number', boolean: 'a yes/no value', date: 'a valid date', datetime: 'a valid date and time', object: 'valid JSON', string: 'text' };
