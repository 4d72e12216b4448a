import { BookStore } from './book-store.js';
import { ContactStore } from './contact-store.js';
import { OverrideStore } from './override-store.js';
import { openStoreDriver, type OpenStoreOptions } from './open-store.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './store.js';
import { UserStore } from './user-store.js';

/** The results store with the advisor app's parts over the same connection. */
export interface AdvisorStore {
  readonly results: Store;
  readonly book: BookStore;
  readonly users: UserStore;
  readonly overrides: OverrideStore;
  readonly contacts: ContactStore;
  close(): Promise<void>;
}

/**
 * Opens a results store by URL (migrating it, as openStore does) together with the users,
 * overrides and book queries the advisor app and its commands need.
 *
 * @example
 * const store = await openAdvisorStore('sqlite:out/clientseg.db');
 * await store.users.get('A01');
 */
export async function openAdvisorStore(url: string, options: OpenStoreOptions = {}): Promise<AdvisorStore> {
  const driver = await openStoreDriver(url, options);
  const results = await SqlStore.open(driver, { owner: options.owner });
  return {
    results, book: new BookStore(driver), users: new UserStore(driver), overrides: new OverrideStore(driver), contacts: new ContactStore(driver),
    close: () => results.close(),
  };
}
