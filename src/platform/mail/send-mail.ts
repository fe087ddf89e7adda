import type { Core } from '@strapi/strapi';
import { madeForApp, perApp } from '../app-registry/per-app';

/** A message from the newsroom; it comes from MAIL_FROM (replies to MAIL_REPLY_TO, when set). */
export interface OutgoingMail {
  to: string | string[];
  subject: string;
  /** Always: every reader can read plain text. */
  text: string;
  /** The same message as HTML, when there is one; without it the message is plain text only. */
  html?: string;
  replyTo?: string;
  /** Extra header lines, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** The Message-ID (`<…@…>`) to send it with, when the same message may be sent again; else one is made. */
  messageId?: string;
}

export interface SentMail {
  /** The Message-ID header the message went out with. */
  messageId: string;
  /** With no SMTP_URL: the .eml file the message was written to instead. */
  file?: string;
}

/** A message the SMTP server did not take (unreachable, refused the log-in or a recipient). */
export class MailNotSentError extends Error {
  /** Whether the server refused it for good (a 5xx answer): sending it again would be refused again. */
  get permanent(): boolean {
    const code = (this.cause as { responseCode?: unknown } | undefined)?.responseCode;
    return typeof code === 'number' && code >= 500 && code < 600;
  }
}

/**
 * Sends a message through Strapi's email plugin, the path users-permissions' own messages (email confirmation,
 * password reset) take too: over SMTP_URL, or written to .tmp/mail/ (src/platform/mail/email-plugin-config.ts).
 * Rejects with a MailNotSentError saying why; the caller decides what a failure means (retry, tell the user).
 */
export function sendMail(app: Core.Strapi, mail: OutgoingMail): Promise<SentMail> {
  // Mail is often sent after a commit, unawaited: shutdown (and a CLI's exit) waits for it through mailSettled.
  const inFlight = perApp(app, 'mailInFlight', () => new Set<Promise<unknown>>());
  const sending = send(app, mail);
  const tracked = sending.catch(() => undefined);
  inFlight.add(tracked);
  void tracked.finally(() => inFlight.delete(tracked));
  return sending;
}

/** Resolves when every message asked for so far has been sent or has failed (for shutdown and scripts). */
export async function mailSettled(app: Core.Strapi): Promise<void> {
  await Promise.all([...(madeForApp<Set<Promise<unknown>>>(app, 'mailInFlight') ?? [])]);
}

async function send(app: Core.Strapi, mail: OutgoingMail): Promise<SentMail> {
  let info: { messageId: string; file?: string };
  try {
    info = await app
      .plugin('email')
      .service('email')
      .send({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        // Strapi's provider sends the text as HTML when no HTML is given (unescaped, in a multipart message);
        // nodemailer leaves out an empty HTML part, so a text-only message stays text/plain.
        html: mail.html ?? '',
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
      });
  } catch (error) {
    const recipients = [mail.to].flat().join(', ');
    throw new MailNotSentError(`Mail to ${recipients} was not sent: ${(error as Error).message}`, { cause: error });
  }
  return info.file ? { messageId: info.messageId, file: info.file } : { messageId: info.messageId };
}

/** Closes the SMTP connections kept for reuse (shutdown): nothing of the mail transport outlives the app. */
export function closeMailConnections(app: Core.Strapi): void {
  const provider = app.plugin('email')?.provider as { close?: () => void } | undefined;
  provider?.close?.();
}
