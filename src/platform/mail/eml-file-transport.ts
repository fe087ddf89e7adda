import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { Transport } from 'nodemailer';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';

/** What the file transport answers for a message, as nodemailer's SMTP transport answers its envelope and id. */
export interface EmlFileInfo {
  envelope: { from: string | false; to: string[] };
  messageId: string;
  /** The absolute path of the message's .eml file. */
  file: string;
}

/**
 * A nodemailer transport (its documented plugin shape: name, version, send) that writes each message, exactly as it
 * would go over SMTP, to an .eml file of its own instead of sending it: with no SMTP server configured, a newcomer
 * can open what would have been sent. Handed to Strapi's nodemailer provider as its transport, so every sender (ours
 * and users-permissions') takes this path. `directory` and `log` are asked at each message: the app they belong to
 * exists only once Strapi has loaded its configuration.
 */
export class EmlFileTransport implements Transport<EmlFileInfo> {
  readonly name = 'newsroom-eml-files';
  readonly version = '1';

  constructor(
    private readonly directory: () => string,
    private readonly log: (line: string) => void,
  ) {}

  send(mail: MailMessage<EmlFileInfo>, callback: (error: Error | null, info: EmlFileInfo) => void): void {
    this.write(mail).then(
      (info) => callback(null, info),
      (error: Error) => callback(error, undefined as never),
    );
  }

  /** For the admin panel's "verify" button (Strapi's provider awaits it; nodemailer may pass a callback). */
  verify(): Promise<true>;
  verify(callback: (error: Error | null, success: true) => void): void;
  verify(callback?: (error: Error | null, success: true) => void): Promise<true> | void {
    const writable = this.checkDirectory();
    if (!callback) return writable;
    writable.then(
      () => callback(null, true),
      (error: Error) => callback(error, true),
    );
  }

  /** The directory can be created and written to. */
  private async checkDirectory(): Promise<true> {
    const directory = this.directory();
    await mkdir(directory, { recursive: true });
    await access(directory, constants.W_OK);
    return true;
  }

  private async write(mail: MailMessage<EmlFileInfo>): Promise<EmlFileInfo> {
    // Bcc recipients are in the envelope only over SMTP; the file is all a reader has, so it shows them.
    mail.message.keepBcc = true;
    const bytes = await buffer(mail.message.createReadStream());
    const directory = this.directory();
    await mkdir(directory, { recursive: true });
    const file = path.join(directory, emlFileName(new Date()));
    // 'wx': never overwrite, should two names ever meet.
    await writeFile(file, bytes, { flag: 'wx' });
    this.log(`Mail not sent (no SMTP_URL): written to ${file}`);
    return { envelope: mail.message.getEnvelope(), messageId: mail.message.messageId(), file };
  }
}

/**
 * A name that sorts by time and is unique: the UTC time to the millisecond (colons are not allowed in file names
 * everywhere), then random hex for messages of the same millisecond.
 */
export function emlFileName(at: Date): string {
  return `${at.toISOString().replace(/:/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
}
