// Column ids from the header: trimmed, non-empty, unique; the header text as written stays the label.
export interface Column {
  id: string;
  /** The header cell exactly as the publisher wrote it. */
  label: string;
}

/** CKAN's DataStore reserves names starting with "_" (e.g. _id, _full_text). */
function baseId(label: string, position: number): string {
  const trimmed = label.replace(/\s+/g, ' ').trim().replace(/^_+/, '');
  return trimmed === '' ? `colonna_${position}` : trimmed.slice(0, 63);
}

export function columnsFromHeader(labels: string[]): Column[] {
  const used = new Set<string>();
  return labels.map((label, index) => {
    const base = baseId(label, index + 1);
    let id = base;
    for (let n = 2; used.has(id.toLowerCase()); n += 1) id = `${base}_${n}`;
    used.add(id.toLowerCase());
    return { id, label };
  });
}

/** Ids for a file without a header row. */
export function generatedColumns(width: number): Column[] {
  return Array.from({ length: width }, (_, index) => ({ id: `colonna_${index + 1}`, label: '' }));
}
