import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProposalComment, ProposalView, VersionSummary } from '@ideasphere/shared';
import type { ApiResult, RequestError } from '../lib/api';
import { proposalApi, type ProposalApi } from './proposalApi';

/** A list fetched from the API and refetched on demand (the server's message 100 says when). */
export interface Refetched<T> {
  data: T | null;
  error: RequestError | null;
  loading: boolean;
  refetch: () => void;
}

/**
 * Keeps `fetcher`'s latest answer. Refetches coalesce: a burst of events while one request is
 * under way leads to one more request after it, not one per event.
 */
export function useRefetched<T>(fetcher: () => Promise<ApiResult<T>>, initial: T | null = null): Refetched<T> {
  const [data, setData] = useState<T | null>(initial);
  const [error, setError] = useState<RequestError | null>(null);
  const [loading, setLoading] = useState(initial === null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const fetcherRef = useRef(fetcher);
  useEffect(() => {
    fetcherRef.current = fetcher;
  }, [fetcher]);

  const refetch = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    setLoading(true);
    void (async () => {
      do {
        again.current = false;
        const result = await fetcherRef.current();
        if (result.ok) {
          setData(result.data);
          setError(null);
        } else {
          setError(result.error);
        }
      } while (again.current);
      inFlight.current = false;
      setLoading(false);
    })();
  }, []);

  useEffect(() => {
    if (initial === null) refetch();
    // Only on mount: later fetches come from events and actions.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { data, error, loading, refetch };
}

export type ViewData = Refetched<ProposalView>;
export type CommentsData = Refetched<ProposalComment[]>;
export type VersionsData = Refetched<VersionSummary[]>;

/** What the proposal page loads over HTTP: who I am and the proposal, its comments and its versions. */
export interface ProposalData {
  api: ProposalApi;
  view: ViewData;
  comments: CommentsData;
  versions: VersionsData;
  /** The latest view, or the one the page opened with until the first refetch answers. */
  current: ProposalView;
}

/**
 * The page's server data. The view starts from the one `ProposalApp` already fetched; comments
 * and versions are fetched on mount. All three are refetched when the server says so.
 */
export function useProposalData(proposalId: string, token: string, initialView: ProposalView): ProposalData {
  const api = useMemo(() => proposalApi(proposalId, token), [proposalId, token]);
  const view = useRefetched(useCallback(() => api.view(), [api]), initialView);
  const comments = useRefetched(api.comments);
  const versions = useRefetched(api.versions);
  return { api, view, comments, versions, current: view.data ?? initialView };
}
