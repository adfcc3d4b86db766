/**
 * English messages of a referral's complaints (Art. 10) and reinstatement: the reference
 * set; zh.ts and ru.ts must have every key (the type checks it). Merged under `referrals`.
 */
export const complaintsEn = {
  referrals: {
    complaints: {
      title: 'Complaints and reinstatement (Art. 10)', note: 'Only the content and the decision are recorded, never who complained.', none: 'No complaint recorded.', caption: 'Complaints recorded',
      at: 'Recorded', contentRef: 'Content', decision: 'Decision', decisions: { upheld: 'upheld', rejected: 'rejected' },
      choices: { upheld: 'Upheld: the content is to be reinstated', rejected: 'Rejected: the removal stands' },
      reinstatement: 'Reinstatement', noReinstatement: 'none pending', pendingSince: 'pending', doneAt: 'done {{at}}',
      form: 'Record a complaint', submit: 'Record the complaint', recorded: 'Complaint recorded ({{decision}}).',
      reinstateForm: 'Record the reinstatement', reinstateHint: 'Record it once the content is available again.', reinstateSubmit: 'Record the reinstatement', reinstated: 'Reinstatement recorded.',
    },
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type ComplaintMessages = Widen<typeof complaintsEn>;
