// The seam between knowledge and vector storage. It mirrors the Vectorize binding's API so the
// production index is the binding itself and the local index (D1) behaves the same way.
export type VectorMetadataValue = string | number | boolean;
export type VectorMetadata = Record<string, VectorMetadataValue>;

/** Vectorize's metadata filter subset: equality, $eq/$ne, $in/$nin on top-level keys. */
export type VectorFilter = Record<
  string,
  | VectorMetadataValue
  | { $eq?: VectorMetadataValue; $ne?: VectorMetadataValue; $in?: VectorMetadataValue[]; $nin?: VectorMetadataValue[] }
>;

export interface VectorRecord {
  id: string;
  values: number[] | Float32Array;
  namespace?: string;
  metadata?: VectorMetadata;
}

export interface VectorMatch {
  id: string;
  /** Cosine similarity, -1..1. */
  score: number;
  metadata?: VectorMetadata;
}

export interface VectorQueryOptions {
  topK: number;
  namespace?: string;
  filter?: VectorFilter;
  returnMetadata?: boolean;
}

export interface VectorIndex {
  readonly kind: "local" | "vectorize";
  upsert(vectors: VectorRecord[]): Promise<void>;
  query(vector: number[] | Float32Array, options: VectorQueryOptions): Promise<{ matches: VectorMatch[]; count: number }>;
  getByIds(ids: string[]): Promise<VectorRecord[]>;
  deleteByIds(ids: string[]): Promise<void>;
}
