import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { ConcordError, toConcordError } from '../errors/concord-error.js';
import { ContentSource, type MediaPorts } from '../signals/content-source.js';
import type { ContentType } from '../signals/content-type.js';
import { hashContent } from '../signals/hash-content.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { HashedSignal, HashOptions, SkippedSignal } from '../signals/signal-type.js';
import type { WalkItem } from './file-walk.js';

/** Something to hash: a file (or a path that turned out missing), a text or a URL given on the command line. */
export type HashInput = ({ kind: 'file' } & WalkItem) | { kind: 'text'; text: string; path?: string } | { kind: 'url'; url: string };

/** How an input is named in output: `{path}`, `{text}` (its start only) or `{url}`. */
export type InputName = { path: string } | { text: string } | { url: string };

export type HashResult =
  | { kind: 'hashed'; input: InputName; contentType: ContentType; signals: HashedSignal[]; skipped: SkippedSignal[] }
  | { kind: 'failed'; input: InputName; error: ConcordError };

const TEXT_SHOWN = 60;

export function inputName(input: HashInput): InputName {
  if (input.kind === 'file') return { path: input.path };
  if (input.kind === 'url') return { url: input.url };
  if (input.path !== undefined) return { path: input.path };
  return { text: input.text.length > TEXT_SHOWN ? `${input.text.slice(0, TEXT_SHOWN - 1)}…` : input.text };
}

/** Hashes one input; every failure becomes a coded result, never an exception. */
export async function hashInput(registry: SignalRegistry, ports: MediaPorts, input: HashInput, options: HashOptions): Promise<HashResult> {
  const name = inputName(input);
  try {
    const content = await contentOf(input, ports);
    const { signals, skipped } = await hashContent(registry, content, options);
    return { kind: 'hashed', input: name, contentType: content.contentType, signals, skipped };
  } catch (err) {
    return { kind: 'failed', input: name, error: toConcordError(err) };
  }
}

async function contentOf(input: HashInput, ports: MediaPorts): Promise<ContentSource> {
  if (input.kind === 'text') return ContentSource.fromText(input.text, ports);
  if (input.kind === 'url') return ContentSource.fromUrl(input.url, ports);
  if (input.missing) throw new ConcordError('FILE_NOT_FOUND', `no such file or folder: ${input.path}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(input.path);
  } catch (err) {
    throw new ConcordError('FILE_UNREADABLE', `cannot read ${input.path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return new ContentSource(bytes, ports);
}

/**
 * Hashes inputs with a few in flight (decoding runs on libuv's pool and in ffmpeg
 * processes), and hands results to `emit` in input order so output is deterministic.
 */
export async function hashInputs(
  registry: SignalRegistry,
  ports: MediaPorts,
  inputs: readonly HashInput[],
  options: HashOptions,
  emit: (result: HashResult) => void,
): Promise<void> {
  const width = Math.max(1, Math.min(availableParallelism(), 4));
  const pending = new Map<number, Promise<HashResult>>();
  let next = 0;
  const launch = () => {
    if (next < inputs.length) pending.set(next, hashInput(registry, ports, inputs[next]!, options)), next++;
  };
  for (let i = 0; i < width; i++) launch();
  for (let i = 0; i < inputs.length; i++) {
    const result = await pending.get(i)!;
    pending.delete(i);
    launch();
    emit(result);
  }
}

/** Inputs from the command line: texts and URLs first, then files and folders in the order given. */
export interface InputOptions {
  readonly text?: readonly string[];
  readonly textFile?: readonly string[];
  readonly url?: readonly string[];
}

/**
 * Inputs from the command line: `--text`, `--text-file` and `--url` first, then files and
 * folders in the order given. A text file that cannot be read becomes a failed input.
 */
export async function gatherInputs(walk: (paths: readonly string[]) => Promise<WalkItem[]>, paths: readonly string[], o: InputOptions): Promise<HashInput[]> {
  const textFiles: HashInput[] = [];
  for (const path of o.textFile ?? []) {
    try {
      textFiles.push({ kind: 'text', text: await readFile(path, 'utf8'), path });
    } catch {
      textFiles.push({ kind: 'file', path, missing: true });
    }
  }
  return [
    ...(o.text ?? []).map((text) => ({ kind: 'text' as const, text })),
    ...textFiles,
    ...(o.url ?? []).map((url) => ({ kind: 'url' as const, url })),
    ...(await walk(paths)).map((item) => ({ kind: 'file' as const, ...item })),
  ];
}
