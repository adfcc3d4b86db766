/** An audit entry before the chain gives it a sequence number and hash. */
export interface AuditEvent {
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string | number;
  readonly details: Readonly<Record<string, unknown>>;
}
