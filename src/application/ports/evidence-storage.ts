/** Where uploaded evidence goes: a private directory, files under random names, never served inline. */
export interface StoredEvidence {
  /** Opaque key to find the file again (a random name: nothing the uploader chose). */
  readonly storageKey: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  /** The first bytes, for the type check (magic bytes). */
  readonly head: Uint8Array;
}

export interface EvidenceStorage {
  /**
   * Streams the body to a temporary file, then renames it into place: a failed or refused upload
   * leaves no partial file. Refuses (`payload_too_large`) beyond `maxBytes`; `check` sees the first
   * bytes before the file is put in place and throws to refuse it (the temporary file is removed).
   */
  store(body: AsyncIterable<Uint8Array>, maxBytes: number, check: (head: Uint8Array) => void): Promise<StoredEvidence>;
  /** Removes a stored file (an upload whose type is refused after the fact). */
  remove(storageKey: string): Promise<void>;
  read(storageKey: string): Promise<Buffer>;
}
