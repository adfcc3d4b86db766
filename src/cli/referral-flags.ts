import type { Command } from 'commander';
import { collect } from './option-parsers.js';

/**
 * The terms of a referral or removal order as command-line flags, shared by the two
 * commands that send one (`referral send` and `find refer`) so both speak the same flags
 * and build the same Annex I order from them.
 */
export interface ReferralTermsFlags {
  readonly ground: string[];
  readonly legalBasis?: string;
  readonly reasons?: string;
  readonly redress?: string;
  readonly deadline?: string;
  readonly authority?: string;
  readonly reference?: string;
  readonly memberState?: string;
  readonly contactPoint?: string;
  readonly issuedAt?: string;
}

/** Adds the terms' flags to a command. */
export function withReferralTerms(command: Command): Command {
  return command
    .option('--ground <ground>', 'an Art. 2(7) ground (repeatable)', collect, [])
    .option('--legal-basis <text>', 'the legal basis')
    .option('--reasons <text>', 'the statement of reasons')
    .option('--redress <text>', 'information on redress')
    .option('--deadline <time>', 'kind referral: when the review is due')
    .option('--authority <name>', 'removal order, Annex I: the issuing authority')
    .option('--reference <ref>', 'removal order, Annex I: its file reference')
    .option('--member-state <cc>', 'removal order, Annex I: the issuing Member State (two letters)')
    .option('--contact-point <text>', "removal order, Annex I: the authority's functional contact point")
    .option('--issued-at <time>', 'removal order, Annex I: time of issue (default now)');
}

/** The Annex I order the flags describe, or undefined when none of its fields is given. */
export function orderFromFlags(o: ReferralTermsFlags, now: () => Date = () => new Date()) {
  if (!(o.authority || o.reference || o.memberState || o.contactPoint)) return undefined;
  return { issuingAuthority: o.authority, reference: o.reference, memberState: o.memberState, contactPoint: o.contactPoint, issuedAt: o.issuedAt ?? now().toISOString() };
}
