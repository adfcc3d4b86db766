/** Test-side names for the package root and its fixtures. */
export { packageRoot as repoRoot, fixturePath } from '../util/package-root.js';
