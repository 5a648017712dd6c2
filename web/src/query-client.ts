// One QueryClient. Failed queries and mutations are shown to the user by the ErrorNotifier, unless
// they set `meta: { silent: true }` because they show the error themselves.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client.ts';
import { reportError } from './components/error-notifier.tsx';

function shouldReport(err: unknown, meta: Record<string, unknown> | undefined): boolean {
  if (meta?.silent) return false;
  return !(err instanceof ApiError && err.status === 401); // 401 redirects to /login
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => {
      if (shouldReport(err, query.meta)) reportError(err);
    },
  }),
  mutationCache: new MutationCache({
    onError: (err, _vars, _ctx, mutation) => {
      if (shouldReport(err, mutation.meta)) reportError(err);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
    },
  },
});
