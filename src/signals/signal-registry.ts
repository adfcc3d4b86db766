import { ConcordError } from '../errors/concord-error.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { ContentType } from './content-type.js';
import type { SignalType } from './signal-type.js';

/**
 * The signal types a node knows, by wire name. Shared code asks the registry, never
 * branches on a type's name.
 *
 * @example
 *   const registry = new SignalRegistry([pdqSignal, md5Signal]);
 *   registry.hashersFor('photo');   // [pdqSignal, pdqMultiSignal, md5Signal, sha256Signal]
 */
export class SignalRegistry {
  private readonly byName = new Map<string, SignalType>();

  constructor(types: readonly SignalType[]) {
    for (const type of types) {
      if (this.byName.has(type.name)) throw new Error(`signal type "${type.name}" registered twice`);
      this.byName.set(type.name, type);
    }
  }

  all(): SignalType[] {
    return [...this.byName.values()];
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  lookup(name: string): Result<SignalType> {
    const type = this.byName.get(name.trim().toLowerCase());
    if (type) return ok(type);
    return fail('SIGNAL_TYPE_UNKNOWN', `unknown signal type "${name}"; known types: ${this.names().join(', ')}`);
  }

  get(name: string): SignalType {
    const found = this.lookup(name);
    if (!found.ok) throw new ConcordError(found.code, found.message);
    return found.value;
  }

  /** Types that can be computed from content of this type, in registration order. */
  hashersFor(contentType: ContentType): SignalType[] {
    return this.all().filter((t) => t.hash && t.contentTypes.includes(contentType));
  }

  /** Validates `type` and `value` together: the one entry point for signal strings. */
  validate(type: string, value: string): Result<{ type: SignalType; value: string }> {
    const found = this.lookup(type);
    if (!found.ok) return found;
    const valid = found.value.validate(value);
    if (!valid.ok) return valid;
    return ok({ type: found.value, value: valid.value });
  }
}
