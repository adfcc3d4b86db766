/**
 * The slice of the WebAssembly JS API our kernels use, typed here because the
 * project's `lib` (ES2023, no DOM) does not declare the `WebAssembly` global.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}

export type WasmModule = object;

export interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}

export const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
