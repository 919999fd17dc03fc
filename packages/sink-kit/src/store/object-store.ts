/**
 * Where finished files go: a local directory, an S3 bucket, an Azure Blob container. Keys are
 * `/`-separated paths relative to the store's root (`prod/tables/session/ds=…/hh=…/a-000000001.parquet`).
 */
export interface ObjectStore {
  /**
   * Stores the whole object under `key`, replacing any object of that name. The object becomes
   * visible only once complete (temporary name + rename, or a single upload).
   */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Removes the object; removing an absent object is not an error. */
  delete(key: string): Promise<void>;
  /** The target in words, for messages: `local directory /var/lib/iserver`, `s3://bucket/prefix`. */
  describe(): string;
}
