import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import PostalMime from 'postal-mime';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string | null; mimeType: string; content: string }>;
}

/**
 * How the server answers one message: accept it, refuse a recipient (RCPT TO) or the message (after DATA) with a
 * code and text, or stall after DATA without ever answering (a relay that hangs, or a client killed mid-send).
 */
export type Answer = 'accept' | 'stall' | { at: 'rcpt' | 'data'; code: number; message: string };

/** A real SMTP server on loopback, from the smtp-server package, that records what it accepted. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Answers for the next messages, in order; once used up, every message is accepted. */
  private readonly answers: Answer[] = [];
  private readonly current = new Map<string, Answer>();
  /** Recipients refused at RCPT TO whenever they come, whatever the order of messages. */
  private readonly refusedRecipients = new Map<string, { code: number; message: string }>();
  private stalledWaiters: Array<() => void> = [];
  private stalls = 0;
  url = '';

  private constructor(private readonly server: SMTPServer) {}

  /**
   * Waits (up to 10 s) for a message to `to` whose subject matches, as the app's worker delivers it in the background.
   */
  async waitForMail(to: string, subject: RegExp = /./): Promise<ReceivedMail> {
    for (let i = 0; i < 80; i += 1) {
      const found = this.received.find((m) => m.to.includes(to) && subject.test(m.subject));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 125));
    }
    throw new Error(`no e-mail to ${to} matching ${String(subject)}`);
  }

  static async start(): Promise<TestSmtpServer> {
    let instance: TestSmtpServer | undefined = undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // loopback only, and no reverse DNS lookups on a closed network
      disableReverseLookup: true,
      onMailFrom(_address, session, callback) {
        instance!.current.set(session.id, instance!.answers.shift() ?? 'accept');
        callback();
      },
      onRcptTo(address, session, callback) {
        const refusal = instance!.refusedRecipients.get(address.address.toLowerCase());
        if (refusal) return callback(smtpError(refusal));
        const answer = instance!.current.get(session.id);
        if (answer && typeof answer === 'object' && answer.at === 'rcpt') return callback(smtpError(answer));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const answer = instance!.current.get(session.id) ?? 'accept';
          if (answer === 'stall') {
            instance!.stalls += 1;
            for (const wake of instance!.stalledWaiters.splice(0)) wake();
            return; // never answers
          }
          if (typeof answer === 'object') return callback(smtpError(answer));
          PostalMime.parse(Buffer.concat(chunks)).then(
            (email) => {
              instance!.received.push({
                messageId: email.messageId ?? '',
                to: (email.to ?? []).map((a) => ('address' in a ? (a.address ?? '') : '')),
                subject: email.subject ?? '',
                text: email.text ?? '',
                html: email.html ?? '',
                attachments: email.attachments.map((a) => ({
                  filename: a.filename,
                  mimeType: a.mimeType,
                  content:
                    typeof a.content === 'string' ? a.content : Buffer.from(a.content as ArrayBuffer).toString('utf8'),
                })),
              });
              callback(null, 'Ok: queued');
            },
            (err: Error) => callback(err),
          );
        });
      },
    });
    instance = new TestSmtpServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    instance.url = `smtp://127.0.0.1:${port}`;
    return instance;
  }

  /** The next messages get these answers, in order. */
  answerNext(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  /** Every message to this address is refused at RCPT TO with this code and text (e.g. 550 "5.1.1 …"). */
  refuseRecipient(address: string, code: number, message: string): void {
    this.refusedRecipients.set(address.toLowerCase(), { code, message });
  }

  /** Resolves once a message has reached the end of DATA and is being held without an answer. */
  stalled(): Promise<void> {
    if (this.stalls > 0) return Promise.resolve();
    return new Promise((resolve) => this.stalledWaiters.push(resolve));
  }

  /** Accepted messages whose Message-ID is this one. */
  withMessageId(messageId: string): ReceivedMail[] {
    return this.received.filter((m) => m.messageId === messageId || m.messageId === `<${messageId}>`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function smtpError(answer: { code: number; message: string }): Error {
  const error = new Error(answer.message) as Error & { responseCode: number };
  error.responseCode = answer.code;
  return error;
}
