// What the knowledge base layout hands the pages under /datasets/:datasetId: the knowledge base
// and whether the member may change it.
import { useOutletContext } from "react-router-dom";
import type { Dataset } from "../api/types";

export interface DatasetContext {
  dataset: Dataset;
  canEdit: boolean;
}

export function useDatasetContext(): DatasetContext {
  return useOutletContext<DatasetContext>();
}
