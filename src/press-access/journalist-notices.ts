import type { Core } from '@strapi/strapi';
import { sendMail } from '../platform/mail/send-mail';
import { publicApiUrl } from '../read-side/public-urls';
import type { AccreditationStatus } from './accreditations';

/** The languages journalists are written to in, the first for those who read none of them. */
const NOTICE_LANGUAGES = ['en', 'ru'] as const;
type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

/** The first language of a journalist's list that notices are written in. */
export function noticeLanguage(languages: string): NoticeLanguage {
  const codes = languages.split(',').map((code) => code.trim());
  const known = (code: string): code is NoticeLanguage => (NOTICE_LANGUAGES as readonly string[]).includes(code);
  return codes.find(known) ?? NOTICE_LANGUAGES[0];
}

interface Decision {
  standing: AccreditationStatus;
  validUntil: string | null;
  reason: string | null;
}

const DECISION_TEXTS: Record<NoticeLanguage, Record<string, (d: Decision, portal: string) => [string, string]>> = {
  en: {
    accredited: (d, portal) => [
      'Your press accreditation is granted',
      `An editor of the press office has accredited you until ${d.validUntil} (inclusive, UTC).\n\n` +
        `Sign in to the press portal to read the releases shared with you, before their embargo lifts:\n${portal}\n\n` +
        'What you read there stays under the embargo agreement you accepted until the time each release gives.',
    ],
    refused: (d) => [
      'Your request for press accreditation is refused',
      `An editor of the press office has refused your request for accreditation.\n\nReason: ${d.reason}`,
    ],
    suspended: (d) => [
      'Your press accreditation is suspended',
      'An editor of the press office has suspended your accreditation: you cannot read releases under embargo ' +
        `until it is restored.${d.reason ? `\n\nReason: ${d.reason}` : ''}`,
    ],
    revoked: (d) => [
      'Your press accreditation is revoked',
      `An editor of the press office has revoked your accreditation.\n\nReason: ${d.reason}`,
    ],
  },
  ru: {
    accredited: (d, portal) => [
      'Ваша аккредитация подтверждена',
      `Редактор пресс-службы аккредитовал вас до ${d.validUntil} включительно (UTC).\n\n` +
        `Войдите на пресс-портал, чтобы читать предоставленные вам релизы до окончания эмбарго:\n${portal}\n\n` +
        'Прочитанное там остаётся под принятым вами соглашением об эмбарго до указанного в каждом релизе времени.',
    ],
    refused: (d) => [
      'В аккредитации отказано',
      `Редактор пресс-службы отклонил вашу заявку на аккредитацию.\n\nПричина: ${d.reason}`,
    ],
    suspended: (d) => [
      'Ваша аккредитация приостановлена',
      'Редактор пресс-службы приостановил вашу аккредитацию: до её восстановления релизы под эмбарго вам ' +
        `недоступны.${d.reason ? `\n\nПричина: ${d.reason}` : ''}`,
    ],
    revoked: (d) => [
      'Ваша аккредитация отозвана',
      `Редактор пресс-службы отозвал вашу аккредитацию.\n\nПричина: ${d.reason}`,
    ],
  },
};

/**
 * Tells a journalist of an Editor's decision on their accreditation, in their language. Sent once the decision is
 * committed; a message that cannot be sent is logged (the decision stands, and the portal shows it).
 */
export async function tellJournalistOfDecision(
  strapi: Core.Strapi,
  to: { email: string; languages: string },
  decision: Decision,
): Promise<void> {
  const write = DECISION_TEXTS[noticeLanguage(to.languages)][decision.standing];
  if (!write) return;
  const [subject, text] = write(decision, `${publicApiUrl(strapi)}/press/`);
  try {
    await sendMail(strapi, { to: to.email, subject, text });
  } catch (error) {
    strapi.log.warn(`Accreditation notice not sent: ${(error as Error).message}`);
  }
}

/** Date formats by language and zone, made once: a portal page or feed formats every release's embargo twice. */
const EMBARGO_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** An embargo's end as a journalist reads it: in their time zone (when known) and in UTC. */
export function embargoTimes(until: Date, language: NoticeLanguage, timeZone: string | null): string {
  const format = (zone: string) => {
    const key = `${language} ${zone}`;
    let made = EMBARGO_FORMATS.get(key);
    if (!made) {
      made = new Intl.DateTimeFormat(language, { timeZone: zone, dateStyle: 'long', timeStyle: 'short' });
      EMBARGO_FORMATS.set(key, made);
    }
    return made.format(until);
  };
  const utc = `${format('UTC')} UTC`;
  return timeZone && timeZone !== 'UTC' ? `${format(timeZone)} (${timeZone}), ${utc}` : utc;
}

export interface ReleaseNotice {
  kind: 'shared' | 'lifted';
  headline: string;
  embargoUntil: Date;
  link: string;
  /** The release's own text, when the release says a notice may carry it. */
  text?: string;
}

const RELEASE_TEXTS: Record<
  NoticeLanguage,
  Record<ReleaseNotice['kind'], (n: ReleaseNotice, when: string) => [string, string]>
> = {
  en: {
    shared: (n, when) => [
      `Under embargo until ${when}: ${n.headline}`,
      `A press release has been shared with you under embargo until ${when}.\n\n${n.headline}\n\n` +
        `Read it on the press portal: ${n.link}\n\nDo not publish it, or any part of it, before the embargo ends.`,
    ],
    lifted: (n) => [
      `Released: ${n.headline}`,
      `The embargo on this press release has ended: it is public now.\n\n${n.headline}\n\n${n.link}`,
    ],
  },
  ru: {
    shared: (n, when) => [
      `Под эмбарго до ${when}: ${n.headline}`,
      `Вам предоставлен пресс-релиз под эмбарго до ${when}.\n\n${n.headline}\n\n` +
        `Читайте его на пресс-портале: ${n.link}\n\nНе публикуйте его целиком или частично до окончания эмбарго.`,
    ],
    lifted: (n) => [
      `Опубликовано: ${n.headline}`,
      `Эмбарго на этот пресс-релиз закончилось: теперь он публичен.\n\n${n.headline}\n\n${n.link}`,
    ],
  },
};

/** Tells a journalist that a release was shared with them, or that its embargo lifted; rejects when not sent. */
export async function tellJournalistOfRelease(
  strapi: Core.Strapi,
  to: { email: string; languages: string; timeZone: string | null },
  notice: ReleaseNotice,
): Promise<void> {
  const language = noticeLanguage(to.languages);
  const [subject, text] = RELEASE_TEXTS[language][notice.kind](
    notice,
    embargoTimes(notice.embargoUntil, language, to.timeZone),
  );
  const withText = notice.text && notice.kind === 'shared' ? `${text}\n\n---\n\n${notice.text}` : text;
  await sendMail(strapi, { to: to.email, subject, text: withText });
}
