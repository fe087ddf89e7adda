import { readFileSync } from 'node:fs';
import path from 'node:path';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Settings, SmtpServer } from '../settings/newsroom-settings';
import { EmlFileTransport } from './eml-file-transport';

/** Where messages are written when no SMTP server is configured, under the app's directory. */
export const MAIL_FILES_DIR = path.join('.tmp', 'mail');

/**
 * The configuration of Strapi's email plugin (config/plugins.ts): Strapi's own nodemailer provider, over the SMTP
 * server of SMTP_URL, or, with none, over a transport that writes .eml files. One provider either way, so a message
 * is built the same whether it is sent or written.
 */
export function emailPluginConfig(
  values: Pick<
    Settings,
    'SMTP_URL' | 'MAIL_FROM' | 'MAIL_REPLY_TO' | 'DKIM_DOMAIN' | 'DKIM_SELECTOR' | 'DKIM_PRIVATE_KEY'
  >,
) {
  return {
    provider: 'nodemailer',
    providerOptions: values.SMTP_URL
      ? { ...smtpTransportOptions(values.SMTP_URL), ...dkimOptions(values) }
      : emlFileTransport(),
    settings: {
      defaultFrom: values.MAIL_FROM,
      ...(values.MAIL_REPLY_TO ? { defaultReplyTo: values.MAIL_REPLY_TO } : {}),
    },
  };
}

/** The header fields DKIM signs (those a message has). */
const SIGNED_HEADERS = [
  'From',
  'Sender',
  'Reply-To',
  'Subject',
  'Date',
  'Message-ID',
  'To',
  'Cc',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'In-Reply-To',
  'References',
  'List-Id',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
  'Auto-Submitted',
];

/**
 * DKIM: nodemailer signs every message it sends with the key (RFC 6376, relaxed canonicalisation), so that receivers
 * can tell the mail is the domain's; the public key is published at `<selector>._domainkey.<domain>`.
 */
export function dkimOptions(
  values: Pick<Settings, 'DKIM_DOMAIN' | 'DKIM_SELECTOR' | 'DKIM_PRIVATE_KEY'>,
): Pick<SMTPTransport.Options, 'dkim'> {
  if (!values.DKIM_DOMAIN || !values.DKIM_SELECTOR || !values.DKIM_PRIVATE_KEY) return {};
  const key = values.DKIM_PRIVATE_KEY.trim();
  const privateKey = key.startsWith('-----BEGIN') ? key.replace(/\\n/g, '\n') : readFileSync(key, 'utf8');
  return {
    dkim: {
      domainName: values.DKIM_DOMAIN,
      keySelector: values.DKIM_SELECTOR,
      privateKey,
      // nodemailer's list, plus the one-click pair that RFC 8058 (and Gmail, Yahoo) require to be signed.
      headerFieldNames: SIGNED_HEADERS.join(':'),
    },
  };
}

/** nodemailer's SMTP options for a server. */
export function smtpTransportOptions(server: SmtpServer): SMTPPool.Options {
  return {
    host: server.host,
    port: server.port,
    secure: server.secure,
    ...(server.user ? { auth: { user: server.user, pass: server.password ?? '' } } : {}),
    // nodemailer waits 2 minutes for a connection and 10 for a stalled socket: a caller waiting on a send (a sign-up,
    // an editor's test message) should hear of an unreachable server in seconds.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    // Connections are kept and reused: a go-live to thousands of subscribers does not open one per message.
    pool: true,
    maxConnections: 4,
  };
}

/** The app is asked at each message (the global `strapi`): it does not exist yet when the configuration is read. */
function emlFileTransport(): EmlFileTransport {
  return new EmlFileTransport(
    () => path.join(strapi.dirs.app.root, MAIL_FILES_DIR),
    (line) => strapi.log.info(line),
  );
}
