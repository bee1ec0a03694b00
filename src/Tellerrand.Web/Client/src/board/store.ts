// Keeps a board replica's confirmed state and pending pushes in IndexedDB, so that edits made offline survive a closed
// tab and are sent when the board is opened again (issue 5, "edits made while offline kept").

import type { ReplicaSnapshot } from "./replica";

const DatabaseName = "tellerrand-boards";
const StoreName = "replicas";

export class ReplicaStore {
  private constructor(private readonly db: IDBDatabase) {}

  static open(factory: IDBFactory = indexedDB): Promise<ReplicaStore> {
    return new Promise((resolve, reject) => {
      const request = factory.open(DatabaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(StoreName);
      request.onsuccess = () => resolve(new ReplicaStore(request.result));
      request.onerror = () => reject(request.error);
    });
  }

  /** The saved replica of a board for one person, or null when there is none. */
  load(key: string): Promise<ReplicaSnapshot | null> {
    return this.run("readonly", (store) => store.get(key)).then((value) => (value as ReplicaSnapshot | undefined) ?? null);
  }

  /** Resolves once the transaction is durable, so a caller can say "saved" truthfully. */
  save(key: string, snapshot: ReplicaSnapshot): Promise<void> {
    return this.run("readwrite", (store) => store.put(snapshot, key)).then(() => undefined);
  }

  close(): void {
    this.db.close();
  }

  private run(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const transaction = this.db.transaction(StoreName, mode, { durability: "strict" });
      const request = action(transaction.objectStore(StoreName));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }
}

/** The store key of a board for one person: two people sharing a browser do not share pending edits. */
export function replicaKey(boardId: string, participantId: string): string {
  return `${boardId}:${participantId}`;
}
