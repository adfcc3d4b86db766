import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A full garbage collection now. An idle node allocates nothing, so V8 has no reason to
 * collect the large buffers a burst of uploads left behind, and the process would keep
 * hundreds of megabytes it no longer uses; after such a burst we ask for a collection.
 * The function is taken from V8 once (the flag only exposes it; nothing else changes).
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
