/**
 * The one place that reads process.env. Values here are defaults that command-line
 * flags override.
 */
export interface EnvSettings {
  readonly dataDir?: string;
  readonly db?: string;
  readonly port?: number;
  readonly host?: string;
  readonly logLevel?: string;
  readonly ffmpeg?: string;
  /** The search path, for finding ffmpeg. */
  readonly path?: string;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): EnvSettings {
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  return {
    dataDir: env.CONCORD_DATA || undefined,
    db: env.CONCORD_DB || undefined,
    port: num(env.CONCORD_PORT),
    host: env.CONCORD_HOST || undefined,
    logLevel: env.CONCORD_LOG_LEVEL || undefined,
    ffmpeg: env.CONCORD_FFMPEG || undefined,
    path: env.PATH,
  };
}
