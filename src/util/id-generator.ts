import { randomUUID } from 'node:crypto';

/**
 * Where network-wide ids (signal and opinion uids, instance ids) come from. Injected
 * from the composition root so tests can make them predictable.
 *
 * @example
 *   const ids = sequentialIds();
 *   ids.uuid(); // '00000000-0000-4000-8000-000000000001'
 */
export interface IdGenerator {
  uuid(): string;
}

export const randomIds: IdGenerator = { uuid: () => randomUUID() };

/** UUID-shaped ids counting up from 1, for tests that assert on ids. */
export function sequentialIds(): IdGenerator {
  let n = 0;
  return { uuid: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}` };
}
