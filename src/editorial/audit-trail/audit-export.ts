import { Readable } from 'node:stream';
import type { AuditEntry } from './audit-log-query';

export type ExportFormat = 'csv' | 'json';

export const CSV_COLUMNS = [
  'id',
  'occurred_at',
  'actor_id',
  'actor_email',
  'actor_name',
  'action',
  'subject_type',
  'subject_id',
  'locale',
  'client_ip',
  'method',
  'path',
  'status',
  'outcome',
  'message',
  'details',
] as const;

const csvRowOf = (entry: AuditEntry): unknown[] => [
  entry.id,
  entry.occurredAt,
  entry.actor.id,
  entry.actor.email,
  entry.actor.name,
  entry.action,
  entry.subject.type,
  entry.subject.id,
  entry.subject.locale,
  entry.clientIp,
  entry.method,
  entry.path,
  entry.status,
  entry.outcome,
  entry.message,
  JSON.stringify(entry.details),
];

/**
 * One CSV field (RFC 4180). A text that a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading
 * apostrophe: an attempted email typed at the log-in form must not become a formula in an auditor's spreadsheet.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (values: readonly unknown[]) => `${values.map(csvField).join(',')}\r\n`;

async function* csvChunks(entries: AsyncIterable<AuditEntry>): AsyncGenerator<string> {
  yield csvLine(CSV_COLUMNS);
  for await (const entry of entries) yield csvLine(csvRowOf(entry));
}

/** A JSON array, written an entry at a time. */
async function* jsonChunks(entries: AsyncIterable<AuditEntry>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const entry of entries) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(entry)}`;
    first = false;
  }
  yield '\n]\n';
}

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function exportStream(format: ExportFormat, entries: AsyncIterable<AuditEntry>): Readable {
  return Readable.from(format === 'csv' ? csvChunks(entries) : jsonChunks(entries));
}
