import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads something when its inputs change; `reload` loads it again (after an action).
 *
 * @example
 *   const banks = useLoad(() => api<{ banks: Bank[] }>('/v1/banks'), []);
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  const lastDeps = useRef<string>('');
  useEffect(() => {
    let live = true;
    // New inputs (another page, other filters): drop the old answer rather than show it under the new heading.
    // A reload after an action keeps it on screen until the fresh one arrives.
    const key = JSON.stringify(deps);
    const same = key === lastDeps.current;
    lastDeps.current = key;
    setState((s) => ({ data: same ? s.data : undefined, error: undefined, loading: true }));
    load().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
