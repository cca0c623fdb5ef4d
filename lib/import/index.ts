/** Imports and exports: LinkedIn data export, vCard, Google / Outlook CSV. */
export * from './types';
export { decodeText, parseLinkedInDate, parseBirthday, stableHash, foldName } from './text';
export { parseConnections, parseMessages, parseInvitations, parseLinkedInZip, looksBroadcast, splitRecipientNames } from './linkedin';
export { parseVCards, vcardExport, type ExportPerson } from './vcard';
export { parseContactsCsv, peopleCsvExport, PEOPLE_CSV_COLUMNS } from './contacts-csv';
export { detectAndParse } from './detect';
export { mergePlan, type MergePlan, type MergeExisting, type ExistingPerson, type PersonFill, type PlannedTouch, type FillableField } from './merge';
