// Counting the SQL statements a piece of work sends, through the data source's logger (TypeORM tells
// it of every statement, transactions included, whether or not logging is on).
import { DataSource } from 'typeorm';

export async function statementsOf<T>(db: DataSource, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const spy = jest.spyOn(db.logger, 'logQuery').mockImplementation((query: string) => {
    statements.push(query);
  });
  try {
    return { result: await work(), statements };
  } finally {
    spy.mockRestore();
  }
}
