/** English: the reference set of messages; zh.ts and ru.ts must have every key (the type checks it). */
export const en = {
  app: { title: 'Concord console', skip: 'Skip to content', nav: 'Main navigation', signOut: 'Sign out', language: 'Language', signedInAs: 'Signed in as {{partner}} ({{roles}})', loading: 'Loading…', error: 'Error: {{message}}', retry: 'Try again' },
  nav: { dashboard: 'Dashboard', hash: 'Hash & submit', review: 'Review queue', banks: 'Banks', signals: 'Signals', partners: 'Partners & sync', keys: 'Keys & roles', audit: 'Audit log' },
  signIn: { title: 'Sign in', key: 'API key', submit: 'Sign in', help: 'The key is kept for this browser tab only and forgotten when you sign out.', invalid: 'This key was refused: {{message}}' },
  dashboard: { title: 'Dashboard', index: 'Index size', health: 'Node health', status: 'Status: {{status}}', problems: 'Problems', byLabel: 'Signals and matches per label', byType: 'Signals and matches per signal type', chart: 'Matches per label', sync: "Partners' sync health", noPartners: 'No partner nodes registered.', type: 'Type', count: 'Entries' },
  hash: {
    title: 'Hash & submit', source: 'Content', file: 'File', text: 'Text', url: 'URL', drop: 'Drop a file here or choose one', chooseFile: 'File to hash', textInput: 'Text to hash', urlInput: 'URL to hash', hash: 'Hash on this node', hashing: 'Hashing…',
    note: 'The content goes to this node only, which hashes it and keeps nothing of it.', signals: 'Signals', quality: 'Quality', matchable: 'Matchable', tooWeak: 'too weak to match', skipped: 'Skipped: {{type}}: {{reason}}',
    matches: 'Already known: {{count}} matches', noMatches: 'No match among the known signals.', submit: 'Add to a bank', submitButton: 'Submit signals', submitted: '{{count}} signals added; they await confirmation by another reviewer.', nothingToSubmit: 'No matchable signal to submit.',
  },
  review: { title: 'Review queue', empty: 'Nothing awaits confirmation.', approve: 'Approve', reject: 'Reject', reason: 'Reason for signal {{id}}', ownSignal: 'Added with your key: another reviewer must confirm it.', approved: 'Signal {{id}} approved.', rejected: 'Signal {{id}} rejected.', confirmations: '{{have}} of {{need}} confirmations' },
  banks: { title: 'Banks', name: 'Name', description: 'Description', owner: 'Owner', create: 'Create a bank', createButton: 'Create', created: 'Bank created.', empty: 'No banks.', browse: 'Browse signals' },
  signals: { title: 'Signals', filters: 'Filters', bank: 'Bank', type: 'Type', label: 'Label', status: 'Status', contributor: 'Contributor', value: 'Exact value', any: 'Any', apply: 'Apply', next: 'Next page', first: 'First page', empty: 'No signal matches these filters.', id: 'Id', reason: 'Reason', matches: 'Matches', page: 'Page {{n}}' },
  signal: {
    title: 'Signal {{id}}', provenance: 'Provenance', uid: 'Network id', origin: 'Origin node', receivedFrom: 'Received from', thisNode: 'this node', distribution: 'Distribution', confirmed: 'Confirmed', notConfirmed: 'Not confirmed yet ({{have}} of {{need}})', created: 'Added', originEvent: "Origin's signed event", noOriginEvent: 'Contributed on this node.',
    opinions: 'Opinions', noOpinions: 'No opinions yet.', disputes: 'Disputes', audit: 'Audit trail', actions: 'Actions', dispute: 'Dispute', retract: 'Retract', relabel: 'Correct the label', newLabel: 'New label', actionReason: 'Reason', done: 'Done.', statusReason: 'Status reason',
  },
  partners: { title: 'Partners & sync', id: 'Id', name: 'Name', kind: 'Kind', url: 'URL', lag: 'Events behind', lastSuccess: 'Last successful sync', lastError: 'Last error', never: 'never', none: '—' },
  keys: { title: 'Keys & roles', id: 'Key id', partner: 'Partner', roles: 'Roles', purpose: 'Purpose', created: 'Created', state: 'State', active: 'active', revoked: 'revoked {{at}}', revoke: 'Revoke {{id}}', create: 'Create a key', createButton: 'Create key', secret: 'The new key (shown once, copy it now):', rolesLegend: 'Roles of the new key' },
  audit: { title: 'Audit log', seq: 'Seq', at: 'Time', actor: 'Actor', action: 'Action', subject: 'Subject', verify: 'Verify the chain', verifying: 'Verifying…', ok: 'The chain verifies: {{checked}} entries checked.', broken: 'The chain is broken at entry {{seq}}: {{problem}}', more: 'Older entries', newer: 'From the start' },
  label: {
    perpetrator_content: 'Perpetrator content', perpetrator_manifesto: 'Perpetrator manifesto', graphic_violence_defenceless: 'Graphic violence against the defenceless', imminent_credible_threat: 'Imminent credible threat',
    glorification_of_attack: 'Glorification of an attack', instruction_for_violence: 'Instruction for violence', recruitment_designated_entity: 'Recruitment (designated entity)', branded_propaganda_designated_entity: 'Branded propaganda (designated entity)',
  },
  status: { active: 'active', disputed: 'disputed', retracted: 'retracted', expired: 'expired' },
  distribution: { local: 'this node only', partners: 'direct partners', network: 'whole network' },
  role: { admin: 'admin', curator: 'curator', reviewer: 'reviewer', matcher: 'matcher', auditor: 'auditor' },
  opinion: { confirmed: 'confirmed', disputed: 'disputed', seen: 'seen' },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
