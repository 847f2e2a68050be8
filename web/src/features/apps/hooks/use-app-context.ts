// What the app layout hands the pages under /apps/:appId: the app and whether the member may
// change it.
import { useOutletContext } from "react-router-dom";
import type { AppDetail } from "../api/types";

export interface AppContext {
  app: AppDetail;
  canEdit: boolean;
}

export function useAppContext(): AppContext {
  return useOutletContext<AppContext>();
}
