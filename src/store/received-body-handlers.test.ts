import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KnownBody } from '../exchange/feed/feed-body.js';
import { RECEIVED_BODY_HANDLERS } from './received-body-handlers.js';

test('each plugged feed event type has exactly one handler, and none takes over a signal event type', () => {
  const seen = new Set<string>();
  const signalTypes = new Set(KnownBody.options.map((o) => o.shape.type.value as string));
  for (const handler of RECEIVED_BODY_HANDLERS) {
    for (const type of handler.types) {
      assert.ok(!seen.has(type), `${type} is claimed twice`);
      assert.ok(!signalTypes.has(type), `${type} is a signal event type`);
      seen.add(type);
    }
  }
});
