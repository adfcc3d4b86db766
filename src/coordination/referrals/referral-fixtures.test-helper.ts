/** A complete removal order (Annex I fields included) to `to` about one URL, as tests send it. */
export function removalOrder(to: string, url: string): Record<string, unknown> {
  return {
    to,
    kind: 'removal_order',
    content: { urls: [url] },
    label: 'perpetrator_content',
    grounds: ['incites', 'threatens'],
    legalBasis: 'Art. 3 Regulation (EU) 2021/784',
    statementOfReasons: 'Livestream of the attack recorded by its perpetrator, inciting further attacks.',
    redress: 'An administrative appeal lies with the issuing authority within 30 days.',
    order: { issuingAuthority: 'National referral unit', reference: 'RO-2026-0042', memberState: 'FR', issuedAt: '2026-01-01T00:00:00Z', contactPoint: 'referral desk, functional mailbox' },
  };
}
