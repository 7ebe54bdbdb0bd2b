/**
 * The rule registry: every rule, in the order findings are reported. No dynamic discovery, so the
 * bundle stays small and the list stays readable.
 */
import { apexNsMissing } from './apexNsMissing';
import { bimiWithoutDmarcEnforcement } from './bimiWithoutDmarcEnforcement';
import { cnameAndOtherData } from './cnameAndOtherData';
import { daneInconsistentMx } from './daneInconsistentMx';
import { daneUnsignedZone } from './daneUnsignedZone';
import { dkimSyntax } from './dkimSyntax';
import { dkimWeakKey } from './dkimWeakKey';
import { dmarcExternalReportNotAuthorized } from './dmarcExternalReportNotAuthorized';
import { dmarcMultipleRecords } from './dmarcMultipleRecords';
import { dmarcSyntax } from './dmarcSyntax';
import { mtaStsPolicyMissingMx } from './mtaStsPolicyMissingMx';
import { mtaStsPolicySyntax } from './mtaStsPolicySyntax';
import { mtaStsRecordSyntax } from './mtaStsRecordSyntax';
import { mxAddressNoPtr } from './mxAddressNoPtr';
import { mxDuplicateTarget } from './mxDuplicateTarget';
import { mxMissingAtApex } from './mxMissingAtApex';
import { mxPlaceholderTarget } from './mxPlaceholderTarget';
import { mxSameNetwork } from './mxSameNetwork';
import { mxSharedAddress } from './mxSharedAddress';
import { mxSingle } from './mxSingle';
import { mxTargetIsAddress } from './mxTargetIsAddress';
import { mxTargetIsAlias } from './mxTargetIsAlias';
import { mxTargetNoAddress } from './mxTargetNoAddress';
import { noRecords } from './noRecords';
import { nsTargetNoAddress } from './nsTargetNoAddress';
import { nullMxNotAlone } from './nullMxNotAlone';
import { nullMxPreference } from './nullMxPreference';
import { relativeNameInRdata } from './relativeNameInRdata';
import { rrsetTooLarge } from './rrsetTooLarge';
import { rrsetTtlMismatch } from './rrsetTtlMismatch';
import type { AnyRule } from './rule';
import { serialNotIncremented } from './serialNotIncremented';
import { singletonTypeRepeated } from './singletonTypeRepeated';
import { soaMissing } from './soaMissing';
import { spfMissesMailExchanger } from './spfMissesMailExchanger';
import { spfMultipleRecords } from './spfMultipleRecords';
import { spfPtrMechanism } from './spfPtrMechanism';
import { spfRecordType } from './spfRecordType';
import { spfSyntax } from './spfSyntax';
import { spfTooManyLookups } from './spfTooManyLookups';
import { tlsRptSyntax } from './tlsRptSyntax';
import { tlsaRdata } from './tlsaRdata';

export const ALL_RULES: readonly AnyRule[] = [
	// Mail redundancy.
	mxSingle,
	mxDuplicateTarget,
	mxSharedAddress,
	mxSameNetwork,
	mxPlaceholderTarget,
	// MX correctness.
	mxTargetIsAddress,
	mxTargetIsAlias,
	mxTargetNoAddress,
	nullMxNotAlone,
	nullMxPreference,
	mxMissingAtApex,
	mxAddressNoPtr,
	// Mail authentication.
	spfMultipleRecords,
	spfSyntax,
	spfTooManyLookups,
	spfPtrMechanism,
	spfRecordType,
	spfMissesMailExchanger,
	dmarcSyntax,
	dmarcMultipleRecords,
	dmarcExternalReportNotAuthorized,
	dkimSyntax,
	dkimWeakKey,
	mtaStsRecordSyntax,
	mtaStsPolicySyntax,
	mtaStsPolicyMissingMx,
	tlsRptSyntax,
	tlsaRdata,
	daneInconsistentMx,
	daneUnsignedZone,
	bimiWithoutDmarcEnforcement,
	// Zone correctness.
	relativeNameInRdata,
	cnameAndOtherData,
	rrsetTtlMismatch,
	serialNotIncremented,
	// What a zone needs before named loads it at all.
	soaMissing,
	apexNsMissing,
	nsTargetNoAddress,
	singletonTypeRepeated,
	rrsetTooLarge,
	noRecords,
];
