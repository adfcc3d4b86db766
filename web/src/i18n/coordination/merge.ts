type Tree = { [key: string]: string | Tree };

/**
 * The console's messages with the coordination pages' merged in, key by key (both add
 * under `nav`), so each set lives in its own file.
 *
 *   withCoordination(en, coordinationEn).nav // { dashboard: …, incidents: … }
 */
export function withCoordination<T extends object>(base: T, extra: object): T {
  const merge = (a: Tree, b: Tree): Tree => {
    const out: Tree = { ...a };
    for (const [k, v] of Object.entries(b)) {
      const here = out[k];
      out[k] = typeof v === 'object' && typeof here === 'object' ? merge(here, v) : v;
    }
    return out;
  };
  return merge(base as Tree, extra as Tree) as T;
}
