import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonLines, runCli } from './cli-fixtures.test-helper.js';
import { ExitCode } from './exit-codes.js';

const criteria = ['ongoing_attack=yes:police confirm a shooting', 'perpetrator_produced=yes:filmed by the attacker', 'depicts_killing=yes:victims shot on camera', 'on_partner_services=yes:re-uploads on partners'];

test('`concord incident` declares, lists, shows, notes and concludes on the node store; bad input gets coded errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-cli-incidents-'));
  const declare = await runCli('incident', 'declare', '--data', dir, '--title', 'Livestreamed attack', '--tier', 'perpetrator_content', '--event-at', '2030-01-01T10:00:00Z', ...criteria.flatMap((c) => ['--criterion', c]), '--external', 'gifct-cip:CIP-7', '--lead', 'gifct-cip', '--json');
  assert.equal(declare.code, ExitCode.OK, declare.err.join('\n'));
  const { incident } = jsonLines(declare.out)[0] as { incident: { id: string; externalRefs: unknown } };
  assert.deepEqual(incident.externalRefs, [{ protocol: 'gifct-cip', id: 'CIP-7' }]);
  const list = await runCli('incident', 'list', '--data', dir, '--json');
  assert.deepEqual(jsonLines(list.out).map((i) => (i as { id: string }).id), [incident.id]);
  assert.equal((await runCli('incident', 'note', incident.id, '--data', dir, '--text', 'second wave', '--kind', 'action')).code, ExitCode.OK);
  const concluded = await runCli('incident', 'conclude', incident.id, '--data', dir, '--text', 'quiet for a day');
  assert.equal(concluded.code, ExitCode.OK, concluded.err.join('\n'));
  const show = await runCli('incident', 'show', incident.id, '--data', dir);
  assert.match(show.out.join('\n'), /concluded/);
  assert.match(show.out.join('\n'), /\[x\] ongoing_attack: police confirm a shooting/);
  const kinds = (jsonLines((await runCli('incident', 'show', incident.id, '--data', dir, '--json')).out)[0] as { timeline: { kind: string }[] }).timeline.map((e) => e.kind);
  assert.deepEqual(kinds.sort(), ['action', 'concluded', 'debrief', 'declared']);

  const noReason = await runCli('incident', 'declare', '--data', dir, '--title', 'x y z', '--tier', 'perpetrator_content', '--event-at', '2030-01-01T10:00:00Z', ...criteria.slice(0, 3).flatMap((c) => ['--criterion', c]), '--criterion', 'on_partner_services=yes');
  assert.equal(noReason.code, ExitCode.USAGE);
  assert.match(noReason.err.join('\n'), /INCIDENT_CRITERION_INVALID/);
  const badTier = await runCli('incident', 'declare', '--data', dir, '--title', 'x y z', '--tier', 'severe', '--event-at', '2030-01-01T10:00:00Z', ...criteria.flatMap((c) => ['--criterion', c]));
  assert.match(badTier.err.join('\n'), /INCIDENT_TIER_UNKNOWN/);
  assert.match((await runCli('incident', 'show', 'nope', '--data', dir)).err.join('\n'), /INCIDENT_NOT_FOUND/);
  assert.equal(jsonLines((await runCli('incident', 'list', '--data', dir, '--json')).out).length, 1, 'nothing half-written');
});
