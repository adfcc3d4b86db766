/** Process exit codes of `concord`: defined beside the error catalogue, which maps every code to one. */
export { ExitCode } from '../errors/exit-code.js';
