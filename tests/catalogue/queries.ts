// Counting the SQL statements a piece of work sends, through TypeORM's logger, which is told of every
// statement, transactions included, whether or not logging is on. The spy sits on the logger's class,
// so that it also hears a second connection of the same catalogue (a separate writer, say).
import { DataSource, Logger } from 'typeorm';

export async function statementsOf<T>(db: DataSource, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const loggerClass = Object.getPrototypeOf(db.logger) as Logger;
  const spy = jest.spyOn(loggerClass, 'logQuery').mockImplementation((query: string) => {
    statements.push(query);
  });
  try {
    return { result: await work(), statements };
  } finally {
    spy.mockRestore();
  }
}
