import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { nodeApi, nodeApiOptions, type NodeApiOptions, type SetExit } from './node-api.js';

type Opts = NodeApiOptions & { json?: boolean } & Record<string, unknown>;

/**
 * The referral actions of POST /v1/referrals/{id}/<suffix> (src/api/routes/referral-routes.ts),
 * each one subcommand that sends its body to the running node's API: the node checks which
 * party may act, records it, signs it into its feed and sends it to the other parties.
 */
const ACTIONS: readonly {
  readonly name: string;
  readonly suffix: string;
  readonly description: string;
  readonly options: readonly (readonly [flag: string, help: string, required: boolean])[];
  readonly body: (o: Opts) => Record<string, unknown>;
}[] = [
  { name: 'ack', suffix: 'ack', description: 'acknowledge a received referral (receiver); stops the clock of a threat-to-life notice', options: [], body: () => ({}) },
  {
    name: 'obstacle',
    suffix: 'obstacle',
    description: 'report an obstacle (receiver, Annex III); the clock pauses until the sender clears it',
    options: [
      ['--reason <reason>', 'force_majeure | manifest_error | insufficient_information', true],
      ['--explanation <text>', 'what stops the receiver and what it needs', true],
    ],
    body: (o) => ({ reason: o.reason, explanation: o.explanation }),
  },
  {
    name: 'clear-obstacle',
    suffix: 'clear',
    description: 'clear an obstacle with more information or a correction (sender); the clock runs again',
    options: [['--explanation <text>', 'the information or correction', true]],
    body: (o) => ({ explanation: o.explanation }),
  },
  {
    name: 'scrutiny',
    suffix: 'scrutiny',
    description: 'request scrutiny of a removal order (receiver, Art. 4(2), within 48 h of receipt)',
    options: [['--reasons <text>', 'why the order may infringe the Regulation or fundamental rights', true]],
    body: (o) => ({ reasons: o.reasons }),
  },
  {
    name: 'scrutiny-decision',
    suffix: 'scrutiny-decision',
    description: 'decide on scrutiny (scrutiny authority, Art. 4(4), within 72 h); an infringement voids the order',
    options: [
      ['--finding <finding>', 'infringement | no_infringement', true],
      ['--reasons <text>', 'the reasoned decision', true],
    ],
    body: (o) => ({ finding: o.finding, reasons: o.reasons }),
  },
  {
    name: 'complaint',
    suffix: 'complaint',
    description: "record a complaint and its decision (receiver, Art. 10): the content reference and decision only, never who complained",
    options: [
      ['--content-ref <ref>', 'the URL or signal uid the complaint is about', true],
      ['--decision <decision>', 'upheld | rejected', true],
    ],
    body: (o) => ({ contentRef: o.contentRef, decision: o.decision }),
  },
  {
    name: 'reinstate',
    suffix: 'reinstatement',
    description: 'record that the content was reinstated (receiver)',
    options: [['--content-ref <ref>', 'the URL or signal uid reinstated', true]],
    body: (o) => ({ contentRef: o.contentRef }),
  },
];

/** Adds `referral ack|obstacle|clear-obstacle|scrutiny|scrutiny-decision|complaint|reinstate` to `concord referral`. */
export function registerReferralActions(referral: Command, io: CliIo, setExit: SetExit): void {
  for (const action of ACTIONS) {
    const cmd = nodeApiOptions(referral.command(action.name)).description(`${action.description} (through the node's API)`).argument('<id>', 'the referral id');
    for (const [flag, help, required] of action.options) (required ? cmd.requiredOption(flag, help) : cmd.option(flag, help));
    cmd.option('--json', 'print the referral as JSON', false).action(async (id: string, o: Opts) => {
      const r = await nodeApi(o).call<Record<string, unknown>>('POST', `/v1/referrals/${encodeURIComponent(id)}/${action.suffix}`, action.body(o));
      io.out(o.json ? JSON.stringify(r) : `referral ${id}: ${action.name} recorded; status ${String(r.status)}`);
      setExit(ExitCode.OK);
    });
  }
}
