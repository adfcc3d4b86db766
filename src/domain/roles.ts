/**
 * Roles an API key can hold. A key holds one or more; what each may do is the
 * authorisation matrix in src/api/route-permissions.ts.
 */
export const ROLES = ['admin', 'curator', 'reviewer', 'matcher', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
