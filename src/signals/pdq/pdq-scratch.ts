/**
 * Named Float32Array work buffers reused across calls, grown when an image needs
 * more. Hashing is synchronous, so one set per module (per thread) is safe.
 */
export class Scratch {
  private readonly buffers = new Map<string, Float32Array>();

  /** A buffer of at least `length` floats; contents are whatever the last user left. */
  float32(name: string, length: number): Float32Array {
    let buffer = this.buffers.get(name);
    if (!buffer || buffer.length < length) {
      buffer = new Float32Array(length);
      this.buffers.set(name, buffer);
    }
    return buffer;
  }
}
