/**
 * The transaction kit as services see it. A service receives `transact` and runs its work in one transaction;
 * the `Tx` it is handed is opaque: a service can only pass it on to repositories, which alone can query with it
 * (see `on()` in db.ts). So a write and its audit row commit or fail together, and no service issues SQL.
 */
declare const txBrand: unique symbol;

export interface Tx {
  readonly [txBrand]: 'Tx';
}

export type Transact = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
