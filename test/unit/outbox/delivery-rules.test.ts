import { expect } from 'chai';
import { classifyFailure } from '../../../src/lib/mailer.js';
import { renderEmail } from '../../../src/lib/email.js';
import { translator } from '../../../src/lib/i18n.js';
import { OutboxWorker, messageIdDomain, DEFAULT_DELIVERY } from '../../../src/features/outbox/outbox.worker.js';
import { linkify } from '../../../src/features/outbox/outbox.routes.js';

const smtpError = (code: number, response: string) =>
  Object.assign(new Error(response), { code: 'EENVELOPE', responseCode: code, response: `${code} ${response}` });

describe('delivery rules', () => {
  it('treats 4xx answers, dropped connections, timeouts and bad credentials as temporary', () => {
    expect(classifyFailure(smtpError(451, '4.3.0 Try later')).kind).to.equal('temporary');
    expect(classifyFailure(smtpError(421, 'Service not available')).kind).to.equal('temporary');
    expect(classifyFailure(Object.assign(new Error('closed'), { code: 'ECONNECTION' })).kind).to.equal('temporary');
    expect(classifyFailure(Object.assign(new Error('slow'), { code: 'ETIMEDOUT' })).kind).to.equal('temporary');
    expect(classifyFailure(Object.assign(new Error('no'), { code: 'EAUTH', responseCode: 535 })).kind).to.equal(
      'temporary',
    );
  });

  it('flags the address only for 5.1.x answers, not for policy rejections', () => {
    expect(classifyFailure(smtpError(550, '5.1.1 <x@y.example>: User unknown'))).to.include({
      kind: 'permanent',
      badAddress: true,
    });
    expect(classifyFailure(smtpError(550, '5.1.2 Bad destination domain'))).to.include({ badAddress: true });
    expect(classifyFailure(smtpError(554, '5.7.1 Rejected as spam'))).to.include({
      kind: 'permanent',
      badAddress: false,
    });
    expect(classifyFailure(smtpError(550, 'Mailbox unavailable'))).to.include({ kind: 'permanent', badAddress: false });
  });

  it('backs off exponentially with jitter, within bounds', () => {
    const worker = (random: number) =>
      new OutboxWorker({
        outbox: {} as never,
        sender: {} as never,
        organisations: {} as never,
        rateLimits: {} as never,
        onBadAddress: () => Promise.resolve(),
        clock: {} as never,
        logger: {} as never,
        options: {
          ...DEFAULT_DELIVERY,
          workerId: 'w',
          messageIdDomain: 'x',
          from: 'x',
          random: () => random,
        },
      });
    expect(worker(0).backoffMs(1)).to.equal(30_000);
    expect(worker(1).backoffMs(1)).to.equal(60_000);
    expect(worker(0).backoffMs(3)).to.equal(120_000);
    expect(worker(1).backoffMs(20)).to.equal(3_600_000);
  });

  it('takes the Message-ID domain from the sender address', () => {
    expect(messageIdDomain('Medvirk <no-reply@Kommune.example>')).to.equal('kommune.example');
    expect(messageIdDomain('no-reply@kommune.example')).to.equal('kommune.example');
    expect(messageIdDomain('nonsense')).to.equal('medvirk.invalid');
  });

  it('renders e-mail as text and escaped HTML with the link in both', () => {
    const t = translator('nb');
    const mail = renderEmail(
      {
        locale: 'nb',
        subject: 'Emne',
        paragraphs: ['Hei, <Kari>!'],
        action: { label: 'Åpne', url: 'https://medvirk.test/a?b=1&c=2' },
        signature: 'Medvirk – Eksempel kommune',
      },
      t,
    );
    expect(mail.text).to.contain('Hei, <Kari>!');
    expect(mail.text).to.contain('Åpne:\nhttps://medvirk.test/a?b=1&c=2');
    expect(mail.html).to.contain('Hei, &lt;Kari&gt;!');
    expect(mail.html).to.contain('href="https://medvirk.test/a?b=1&amp;c=2"');
    expect(mail.html).to.contain('<html lang="nb">');
  });

  it('splits text into plain pieces and links for the mailbox page', () => {
    expect(linkify('Se https://a.example/x og http://b.example.')).to.deep.equal([
      { text: 'Se ' },
      { text: 'https://a.example/x', href: 'https://a.example/x' },
      { text: ' og ' },
      { text: 'http://b.example', href: 'http://b.example' },
      { text: '.' },
    ]);
  });
});
