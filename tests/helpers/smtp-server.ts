import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually, GENEROUS_MS } from './eventually';

/** A message as the SMTP server received it: the envelope, the log-in used, and the message read by mailparser. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** The user the client logged in as (none when it did not). */
  user?: string;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  /** smtp://user:password@127.0.0.1:port (the credentials when the server asks for them). */
  url: string;
  messages: ReceivedMail[];
  waitForMessage(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** The server asks for a log-in and accepts only this one; without it, it accepts anyone, logged in or not. */
  credentials?: { user: string; password: string };
  /** Recipients the server refuses (550), as a real server refuses an unknown mailbox. */
  refuses?: (address: string) => boolean;
  /**
   * Called with each message once it is kept, before the server answers 250: a test may stop the sender there, so
   * that the server has the message and the sender never heard that it was taken.
   */
  beforeAccepting?: (mail: ReceivedMail) => void | Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 at a free port, keeping every message it is given.
 * Plain SMTP without STARTTLS: its built-in certificate is self-signed, which nodemailer rightly refuses.
 */
export async function startSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const { credentials, refuses } = options;
  const server = new SMTPServer({
    logger: false,
    // 127.0.0.1 has no name to look up, and asking for one costs every connection its timeout on a closed network.
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: !credentials,
    onAuth(auth, _session, callback) {
      if (credentials && (auth.username !== credentials.user || auth.password !== credentials.password)) {
        callback(new Error('Invalid username or password'));
        return;
      }
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (refuses?.(address.address)) {
        callback(Object.assign(new Error(`No such mailbox: ${address.address}`), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      buffer(stream)
        .then(async (raw) => {
          const mail: ReceivedMail = {
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
            },
            user: typeof session.user === 'string' ? session.user : undefined,
            raw,
            parsed: await simpleParser(raw),
          };
          messages.push(mail);
          await options.beforeAccepting?.(mail);
        })
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const login = credentials
    ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@`
    : '';
  return {
    url: `smtp://${login}127.0.0.1:${port}`,
    messages,
    waitForMessage: (predicate, timeoutMs = GENEROUS_MS) =>
      eventually(() => messages.find(predicate), 'an SMTP message that matches', timeoutMs),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
