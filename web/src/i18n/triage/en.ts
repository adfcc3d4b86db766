/**
 * English messages of alert acknowledgement and of the choice lists of the declare and
 * send forms: the reference set; zh.ts and ru.ts must have every key (the type checks it).
 * Merged into the console's messages by i18n.ts, as the coordination set is.
 */
export const triageEn = {
  alerts: {
    ack: {
      column: 'Acknowledgement', filter: 'Acknowledgement', states: { false: 'Not acknowledged yet', true: 'Acknowledged by this organisation' },
      button: 'Acknowledge', note: 'Note (optional)', confirm: 'Confirm the acknowledgement', cancel: 'Cancel', done: 'Alert acknowledged.',
      acknowledged: 'Acknowledged', byKey: 'with key {{key}}', notAcknowledged: 'Not acknowledged', repeatedSince: 'raised again since',
    },
  },
  incidents: {
    declare: {
      tierConfigured: 'The tiers this node is configured with.', tierRequires: 'Must be met at this tier: {{criteria}}.', tierRequiresNone: 'No criterion must be met at this tier.',
      tiersUnavailable: 'The configured tiers could not be read: type the tier name.',
    },
  },
  referrals: {
    send: {
      partner: 'Partner node', partnerHint: 'The partner nodes this node federates with.', choosePartner: 'Choose a partner node', partnerOption: '{{name}} ({{id}})',
      noPartners: 'No partner node is registered here yet: an admin registers partners first.', partnersUnavailable: 'The partner nodes could not be read: type the receiving node’s id.',
      noIncident: 'No incident', incidentOption: '{{title}} ({{status}})',
    },
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type TriageMessages = Widen<typeof triageEn>;
