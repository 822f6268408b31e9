// Which database a connection talks to: the one place the code asks.
export function isPostgres(db: { options: { type: string } }): boolean {
  return db.options.type === 'postgres';
}
