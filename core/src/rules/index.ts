/**
 * The rule registry: every rule, in the order findings are reported. No dynamic discovery, so the
 * bundle stays small and the list stays readable.
 */
import { apexNsMissing } from './apexNsMissing';
import { cnameAndOtherData } from './cnameAndOtherData';
import { dmarcMultipleRecords } from './dmarcMultipleRecords';
import { dmarcSyntax } from './dmarcSyntax';
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
import { nullMxNotAlone } from './nullMxNotAlone';
import { noRecords } from './noRecords';
import { nsTargetNoAddress } from './nsTargetNoAddress';
import { nullMxPreference } from './nullMxPreference';
import { relativeNameInRdata } from './relativeNameInRdata';
import type { AnyRule } from './rule';
import { rrsetTtlMismatch } from './rrsetTtlMismatch';
import { singletonTypeRepeated } from './singletonTypeRepeated';
import { soaMissing } from './soaMissing';
import { spfMissesMailExchanger } from './spfMissesMailExchanger';
import { spfMultipleRecords } from './spfMultipleRecords';
import { spfPtrMechanism } from './spfPtrMechanism';
import { spfRecordType } from './spfRecordType';
import { spfSyntax } from './spfSyntax';
import { spfTooManyLookups } from './spfTooManyLookups';

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
	// Zone correctness.
	relativeNameInRdata,
	cnameAndOtherData,
	rrsetTtlMismatch,
	// What a zone needs before named loads it at all.
	soaMissing,
	apexNsMissing,
	nsTargetNoAddress,
	singletonTypeRepeated,
	noRecords,
];
