import nodemailer, { type Transporter } from 'nodemailer'
import { v7 as uuidv7 } from 'uuid'

export interface MailMessage {
  to: string
  subject: string
  text: string
}

/**
 * How a rendered message leaves: over SMTP, or nowhere (the notification service keeps every
 * message, which is the inbox people read in embedded mode). Both pass the same contract suite.
 */
export interface Mailer {
  readonly kind: 'inbox' | 'smtp'
  /** Resolves once the server accepted the message; rejects with the server's reason otherwise. */
  send(message: MailMessage): Promise<{ messageId: string }>
  close(): Promise<void>
}

/** Nothing leaves the process: the stored message is the delivery. */
export class InboxMailer implements Mailer {
  readonly kind = 'inbox'
  async send(): Promise<{ messageId: string }> {
    return { messageId: `inbox-${uuidv7()}` }
  }
  async close(): Promise<void> {}
}

/** nodemailer over one pooled SMTP connection set; `smtps://` for implicit TLS, STARTTLS when the server offers it. */
export class SmtpMailer implements Mailer {
  readonly kind = 'smtp'
  private readonly transport: Transporter

  constructor(url: string, private readonly from: string) {
    const parsed = new URL(url)
    this.transport = nodemailer.createTransport({
      host: parsed.hostname,
      port: Number(parsed.port || (parsed.protocol === 'smtps:' ? 465 : 587)),
      secure: parsed.protocol === 'smtps:',
      auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
      pool: true,
      maxConnections: 2,
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    })
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text })
    return { messageId: String(info.messageId) }
  }

  async close(): Promise<void> {
    this.transport.close()
  }
}

export function openMailer(mail: { smtpUrl: string | undefined; from: string }): Mailer {
  return mail.smtpUrl ? new SmtpMailer(mail.smtpUrl, mail.from) : new InboxMailer()
}
