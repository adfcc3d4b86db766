/**
 * English messages of the coordination pages (incidents, referrals): the reference set;
 * zh.ts and ru.ts must have every key (the type checks it). Merged into the console's
 * messages by i18n.ts (see merge.ts).
 */
export const coordinationEn = {
  nav: { incidents: 'Incidents', referrals: 'Referrals & orders' },
  incidents: {
    title: 'Incidents', show: 'Show', all: 'All', empty: 'No incidents.', caption: 'Incidents ({{count}})', titleField: 'Title', tier: 'Tier', status: 'Status', declarer: 'Declared by', receivedFrom: 'Received from',
    eventAt: 'Event time', discoveredAt: 'Discovery time', declaredAt: 'Declared', concludedAt: 'Concluded', thisNode: 'this node', distribution: 'Distribution', leadProtocol: 'Lead protocol', externalRefs: 'External references',
    banks: 'Linked banks', partners: 'Partners working it', id: 'Network id', summary: 'Declaration', criteria: 'Activation criteria', criterion: 'Criterion', met: 'Met', notMet: 'Not met', reason: 'Reason', yes: 'yes', no: 'no',
    criterionReason: 'Reason: {{criterion}}', signalUids: 'Linked signals (network ids)', protocol: 'Protocol', refId: 'Reference', join: 'Join: this node works the incident', joined: 'This node now works the incident.',
    surge: 'Matches per hour', surgeTable: 'Matches per hour, per partner node', noSurge: 'No match roll-ups yet: partners report matches hourly.', hour: 'Hour',
    signals: 'Linked signals', noSignals: 'No signals were linked at declaration.', browseSignals: 'Signals submitted under this incident',
    referrals: 'Linked referrals', noReferrals: 'No referrals under this incident.', sendReferral: 'Send a referral under this incident',
    timeline: 'Shared timeline', entryEvent: 'Happened:', entryDiscovered: 'Discovered:', signedBy: 'Written and signed by {{node}} (entry {{seq}})', via: 'relayed by {{node}}', node: 'Node',
    statuses: { open: 'open', concluded: 'concluded' },
    tiers: { perpetrator_content: 'Perpetrator content', content_incident: 'Content incident', awareness: 'Awareness' },
    criteriaNames: { ongoing_attack: 'An attack is ongoing or has just happened', perpetrator_produced: 'Content produced by the perpetrator', depicts_killing: 'Depicts killing or attempted killing', on_partner_services: "Found on partners' services" },
    kinds: {
      declared: 'Declared', joined: 'Joined', note: 'Note', action: 'Action taken', variant: 'New variant seen', signals_shared: 'Signals shared', first_match: 'First match', matches: 'Matches',
      alert: 'Alert', conclusion_proposed: 'Conclusion proposed', concluded: 'Concluded', debrief: 'Debrief',
    },
    declare: {
      title: 'Declare an incident', heading: 'The declaration', criteriaHint: 'Tick each criterion, met or not, and say why.',
      noBanks: 'No banks yet.', addRef: 'Add a reference', removeRef: 'Remove reference {{n}}', leadHint: 'The protocol that leads the response, if any (e.g. concord).', submit: 'Declare',
    },
    note: { title: 'Add to the timeline', kind: 'Kind of entry', text: 'Text', eventAt: 'When it happened (optional)', eventHint: 'Leave empty for now.', submit: 'Add', added: 'Added to the timeline.' },
    conclude: { title: 'Conclude', hint: 'Only the declaring node concludes; the debrief is measured then.', text: 'Closing note', submit: 'Conclude the incident' },
    debrief: {
      title: 'Debrief', firstSignal: 'First signal shared', toFirstSignal: 'Declaration to first signal', duration: 'Duration', firstMatches: "Each node's first match", at: 'At',
      afterDeclaration: 'After declaration', afterFirstSignal: 'After first signal', noMatches: 'No matches reported yet.',
    },
  },
  referrals: {
    title: 'Referrals & removal orders', filters: 'Filters', direction: 'Direction', all: 'All', out: 'Sent', in: 'Received', status: 'Status', overdueOnly: 'Overdue only', apply: 'Apply',
    empty: 'No referrals match.', caption: 'Referrals ({{count}})', kind: 'Kind', party: 'Other party', deadline: 'Deadline', sentAt: 'Sent', receivedAt: 'Received',
    one: '{{kind}} {{id}}', window: 'Window', startedAt: 'Clock started (receipt)', pausedFor: 'Paused in total', dueAt: 'Due', parties: 'Parties', sender: 'Sender', receiver: 'Receiver',
    scrutinyAuthority: 'Scrutiny authority', thisNode: 'This node', incident: 'Incident', content: 'Content and grounds', label: 'Label', grounds: 'Grounds (Art. 2(7))', legalBasis: 'Legal basis',
    statementOfReasons: 'Statement of reasons', redress: 'Redress', noticeWithheld: 'Notice to the content provider', withheldUntil: 'withheld until {{until}}', yes: 'yes', no: 'no',
    receipt: 'Receipt', receiptHash: 'Hash of the signed sent event', acknowledgedAt: 'Acknowledged', notReceived: 'not received yet', obstacle: 'Obstacle (Annex III)', obstacleReason: 'Reason',
    explanation: 'Explanation', reportedAt: 'Reported', state: 'State', obstacleOpen: 'open: the clock is paused', obstacleCleared: 'cleared by the sender', noObstacle: 'No obstacle reported.',
    decision: 'Decision (Annex II)', outcome: 'Outcome', actedAt: 'Removed or disabled at', actedJustNow: 'Removed or disabled just now', decidedAt: 'Decided', reason: 'Reasons', noDecision: 'Not decided yet.',
    scrutiny: 'Scrutiny (Art. 4)', scrutinyRequestWindow: 'Scrutiny may be requested until', requestedAt: 'Requested', scrutinyDueAt: 'Scrutiny decision due', reinstatement: 'Reinstatement', finding: 'Finding',
    history: 'Signed history', event: 'Event', at: 'Time', node: 'Written by', signed: 'Signature', signedYes: 'signed by its writer, verified here', signedOwn: 'written here, signed into this node’s feed',
    kinds: { removal_order: 'Removal order', referral: 'Referral', threat_to_life: 'Threat-to-life notice' },
    statuses: { sent: 'sent', received: 'received', acknowledged: 'acknowledged', obstructed: 'obstacle open', decided: 'decided', voided: 'voided' },
    roles: { sender: 'sent', receiver: 'received', scrutiny: 'scrutiny copy' },
    stopsOn: { decision: 'decision', acknowledgement: 'acknowledgement' },
    stopsOnTitle: { decision: 'Time left to decide', acknowledgement: 'Time left to acknowledge' },
    clock: {
      syncing: 'reading the node’s clock…', waiting: 'starts at receipt', left: '{{span}} left ({{clock}})', leftLabel: 'Time left until {{clock}}', overdue: 'overdue by {{span}} ({{clock}})', paused: 'paused by an obstacle, {{span}} left',
      acknowledged: 'stopped: acknowledged', decided: 'stopped: decided', voided: 'stopped: order voided', leftPlain: '{{span}} left', lateBy: 'overdue by {{span}}',
    },
    groundNames: {
      incites: '(a) incites a terrorist offence', solicits_commission: '(b) solicits committing one', solicits_participation: '(c) solicits participating in a terrorist group',
      provides_instruction: '(d) instructs on weapons or methods', threatens: '(e) threatens a terrorist offence', other_terrorist_content: '(f) other terrorist content (Art. 2(7))',
    },
    obstacles: { force_majeure: 'Force majeure or de facto impossibility', manifest_error: 'Manifest errors in the order', insufficient_information: 'Not enough information to execute it' },
    outcomes: { removed: 'removed', disabled: 'access disabled', not_removed: 'not removed' },
    scrutinyStatuses: { none: 'not requested', requested: 'requested', infringement: 'infringement found', no_infringement: 'no infringement' },
    reinstatements: { pending: 'pending', done: 'done' },
    events: {
      sent: 'sent', receipt: 'receipt', acknowledged: 'acknowledged', obstacle: 'obstacle', cleared: 'obstacle cleared', decided: 'decided', scrutiny_requested: 'scrutiny requested',
      scrutiny_decided: 'scrutiny decided', complaint: 'complaint', reinstated: 'reinstated',
    },
    order: {
      title: 'Removal order (Annex I)', issuingAuthority: 'Issuing authority', reference: 'Reference number', memberState: 'Member State (two letters)', issuedAt: 'Issued at', contactPoint: 'Contact point (a unit, not a person)',
      viaHostAuthority: "Transmitted through the host's competent authority",
    },
    send: {
      title: 'Send a referral or removal order', heading: 'To a partner node', to: 'Partner node id', toHint: 'The receiving partner’s node id.', urls: 'Content URLs', signalUids: 'Signals (network ids)',
      onePerLine: 'One per line.', withhold: 'Withhold notice to the content provider (Art. 11(3))', withheldUntil: 'Withheld until', incidentHint: 'Optional: the incident this belongs to.',
      deadline: 'Review deadline', deadlineHint: 'Optional; the network’s default otherwise.', submit: 'Send',
      clock: { removal_order: 'The receiver must remove or disable it within one hour of receipt.', referral: 'A request to review against the receiver’s terms, by the deadline.', threat_to_life: 'The receiver must acknowledge within the configured minutes of receipt.' },
    },
    actions: {
      title: 'Actions', choose: 'Action', done: 'Recorded: {{action}}.', ack: 'Acknowledge', obstacle: 'Report an obstacle', clear: 'Clear the obstacle', decision: 'Decide', scrutiny: 'Request scrutiny',
      'scrutiny-decision': 'Decide on scrutiny', reinstatement: 'Record reinstatement',
      text: { obstacle: 'Explanation', clear: 'More information or correction', decision: 'Reasons (required when not removed)', scrutiny: 'Reasons for scrutiny', 'scrutiny-decision': 'Reasons', ack: '', reinstatement: '' },
    },
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type CoordinationMessages = Widen<typeof coordinationEn>;
