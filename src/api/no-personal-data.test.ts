import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { startTestNode, type TestNode } from './api-test-node.test-helper.js';

/**
 * Concord is about content, never people. These tests walk the database schema and the
 * OpenAPI document and fail on any field that could hold a person's identity.
 */
const PERSONAL = /(^|_)(user|users|username|uploader|uploaded_by|account|accounts|ip|ip_address|ip_addr|remote_addr|email|e_mail|mail|phone|author|person|people|profile|handle|follower|followers|friend|friends|device|location|gps|latitude|longitude|real_name|first_name|last_name|full_name|surname|birth|birthday|date_of_birth|nationality|religion|ethnicity|address|owner_name|poster|posted_by|channel_owner)(_|$)/;
/** `name` is allowed where it names an organisation or a bank, nowhere else. */
const NAME_ALLOWED = new Set(['partners.name', 'banks.name']);

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

export function personalFields(fields: readonly string[]): string[] {
  return fields.filter((f) => {
    const leaf = f.split('.').pop()!;
    if (snake(leaf) === 'name') return !NAME_ALLOWED.has(f.split('.').slice(-2).join('.'));
    return PERSONAL.test(snake(leaf));
  });
}

let t: TestNode;
before(async () => {
  t = await startTestNode();
});
after(async () => t.node.close());

test('the detector catches personal fields and lets content fields pass', () => {
  assert.deepEqual(personalFields(['x.uploaderId', 'y.ip_address', 'z.userName', 'a.email', 'signals.value', 'signals.contributor', 'b.name', 'banks.name']), ['x.uploaderId', 'y.ip_address', 'z.userName', 'a.email', 'b.name']);
});

test('no table has a column for a person', async () => {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(t.node.store.db);
  const columns: string[] = [];
  for (const { name } of tables.rows) {
    const info = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(t.node.store.db);
    columns.push(...info.rows.map((c) => `${name}.${c.name}`));
  }
  assert.ok(columns.length > 40, `walked ${columns.length} columns`);
  assert.deepEqual(personalFields(columns), []);
});

test('no API request or response field holds a person', async () => {
  const doc = (await t.call('GET', '/openapi.json', null)).json;
  const fields: string[] = [];
  // Each field is named "<context>.<parent>.<field>": the context is the route or component,
  // so an organisation's or a bank's `name` can be told from anyone else's.
  const walk = (node: unknown, context: string, parent: string): void => {
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (obj.properties && typeof obj.properties === 'object') {
      for (const [k, v] of Object.entries(obj.properties as Record<string, unknown>)) {
        fields.push(`${context}|${parent}.${k}`);
        walk(v, context, k);
      }
    }
    for (const [k, v] of Object.entries(obj)) if (k !== 'properties') walk(v, context, parent);
  };
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) walk(schema, `component ${name}`, name);
  for (const [route, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(ops)) {
      walk(op.requestBody, `${method} ${route}`, 'body');
      walk(op.responses, `${method} ${route}`, 'response');
      for (const p of op.parameters ?? []) fields.push(`${method} ${route}|param.${p.name}`);
    }
  }
  assert.ok(fields.length > 50, `walked ${fields.length} fields`);
  const organisational = (f: string) => /^(component Bank|\w+ \/v1\/(banks|partners)[^|]*)\|/.test(f) || f.endsWith('|contributor.name');
  const offending = personalFields(fields.map((f) => f.split('|')[1]!)).length === 0 ? [] : fields.filter((f) => personalFields([f.split('|')[1]!]).length > 0 && !(f.endsWith('.name') && organisational(f)));
  assert.deepEqual(offending, []);
});
