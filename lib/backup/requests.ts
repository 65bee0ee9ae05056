import {
  ask,
  type CheckDatabaseResponse,
  type ImportResponse,
  type PreviewImportResponse,
} from '../messaging';

// The options page's requests to the background. Kept out of lib/messaging.ts, whose code
// every study page loads: the new tab's JavaScript is at its byte budget.

export const sendPreviewImport = (text: string) =>
  ask<PreviewImportResponse>({ type: 'preview-import', text });

export const sendImport = (text: string, replaceSettings: boolean) =>
  ask<ImportResponse>({ type: 'import-backup', text, replaceSettings });

export const sendCheckDatabase = () => ask<CheckDatabaseResponse>({ type: 'check-database' });
