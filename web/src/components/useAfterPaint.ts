import { useEffect, useState } from 'react';

/**
 * True once `ready` has been true for one painted frame. A page mounts its secondary parts
 * (charts, more requests) behind it, so its first figures reach the screen before that work
 * takes the main thread.
 *
 * @example
 *   const later = useAfterPaint(!health.loading);
 *   return <>{figures}{later && <Charts />}</>;
 */
export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame callback runs before the paint; a task queued from it runs after.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setPainted(true), 0)));
    // A tab in the background draws no frames: do not wait for one for ever.
    const fallback = setTimeout(() => setPainted(true), 500);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [ready, painted]);
  return painted;
}
