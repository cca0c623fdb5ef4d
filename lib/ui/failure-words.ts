/** Failure codes -> locale keys: every error the options page can meet, in words. */
import type { MessageKey } from '@/lib/i18n';
import { BackupError } from '@/lib/backup/format';
import { StorageError } from '@/lib/db/errors';
import { ImportCancelled, NeedsPassphrase } from '@/lib/db/writes';
import { ImportError, type ImportErrorCode, type ImportSkipReason } from '@/lib/import/types';

const IMPORT_ERRORS: Record<ImportErrorCode, MessageKey> = {
  'not-csv': 'import_error_not_csv',
  'wrong-columns': 'import_error_wrong_columns',
  binary: 'import_error_binary',
  'truncated-zip': 'import_error_truncated_zip',
  'unsafe-zip': 'import_error_unsafe_zip',
  'too-large': 'import_error_too_large',
  empty: 'import_error_empty',
  'bad-encoding': 'import_error_bad_encoding',
  'no-known-files': 'import_error_no_known_files',
  'worker-failed': 'import_error_worker_failed',
};

export const SKIP_REASONS: Record<ImportSkipReason, MessageKey> = {
  'hidden-profile': 'import_skip_hidden_profile',
  'no-name': 'import_skip_no_name',
  'bad-date': 'import_skip_bad_date',
  'no-recipient': 'import_skip_no_recipient',
  'no-sender': 'import_skip_no_sender',
  draft: 'import_skip_draft',
  self: 'import_skip_self',
  'bad-card': 'import_skip_bad_card',
};

const BACKUP_ERRORS: Record<BackupError['code'], MessageKey> = {
  'not-backup': 'backup_error_not_backup',
  'newer-version': 'backup_error_newer_version',
  corrupt: 'backup_error_corrupt',
  'wrong-passphrase': 'backup_error_wrong_passphrase',
  tampered: 'backup_error_wrong_passphrase',
  truncated: 'backup_error_truncated',
};

/** Any failure of an import, restore or edit as one message key. */
export function failureKey(err: unknown): MessageKey {
  if (err instanceof ImportError) return IMPORT_ERRORS[err.code] ?? 'error_generic';
  if (err instanceof BackupError) return BACKUP_ERRORS[err.code] ?? 'error_generic';
  if (err instanceof ImportCancelled) return 'import_cancelled';
  if (err instanceof NeedsPassphrase) return 'backup_needs_passphrase';
  if (err instanceof StorageError) return err.code === 'quota' ? 'error_quota' : err.code === 'private-mode' ? 'error_private_mode' : 'error_generic';
  return 'error_generic';
}
