import type { Core } from '@strapi/strapi';
import { settings } from '../../platform/settings/newsroom-settings';
import { publicNow } from '../../read-side/visibility';
import { publicReleasesOf } from '../../read-side/read-model/public-releases';
import { cdnPurgerOf } from '../cdn/cdn-purge';
import { releaseChangeKeys } from '../cdn/surrogate-keys';
import { responseCacheFor } from '../http-cache/response-cache-registry';
import { sweepGoLive } from './go-live-sweep';
import { deliverDueEvents, type WebhookTarget } from './webhook-outbox';
import { pingHubs, websubHubs } from '../websub/websub-hubs';
import { perApp } from '../../platform/app-registry/per-app';

/** A write's look comes this soon after it commits; writes in between share it. */
const AFTER_WRITE_MS = 200;

export interface GoLive {
  /** Looks soon (after a write that may have changed what is live). */
  kick(): void;
  /** Looks now, then keeps looking: at the next embargo end, and every GO_LIVE_POLL_SECONDS. */
  start(): Promise<void>;
  /** Stops looking; waits for a look under way. */
  stop(): Promise<void>;
  /** Resolves when no look is under way or waiting (tests). */
  settled(): Promise<void>;
  /**
   * Runs a task after every look (a write committed, an embargo ended, the poll): what else must follow what is live,
   * such as notices to journalists. A task that fails is logged and tried again at the next look.
   */
  alsoOnEachLook(name: string, task: () => Promise<void>): void;
}

function webhookTarget(): WebhookTarget | undefined {
  const values = settings();
  if (!values.WEBHOOK_URL) return undefined;
  return {
    url: values.WEBHOOK_URL,
    secretHeader: values.WEBHOOK_SECRET_HEADER || 'X-Newsroom-Secret',
    secret: values.WEBHOOK_SECRET,
    signingKeys: values.WEBHOOK_SIGNING_SECRETS,
  };
}

function createGoLive(strapi: Core.Strapi): GoLive {
  const pollMs = settings().GO_LIVE_POLL_SECONDS * 1000;
  let running: Promise<void> | undefined;
  let again = false;
  let kickTimer: NodeJS.Timeout | undefined;
  let nextTimer: NodeJS.Timeout | undefined;
  let stopped = true;
  const tasks: { name: string; task: () => Promise<void> }[] = [];

  const schedule = async () => {
    clearTimeout(nextTimer);
    if (stopped) return;
    const nextEnd = await publicReleasesOf(strapi).nextChange();
    const wait = nextEnd === null ? pollMs : Math.min(pollMs, Math.max(0, nextEnd - Date.now()) + 50);
    nextTimer = setTimeout(() => look(), wait).unref();
  };

  const lookOnce = async () => {
    const target = webhookTarget();
    const announced = await sweepGoLive(strapi, publicNow(), { queueEvents: Boolean(target) });
    // Announced is committed: a CDN may drop what it holds of these releases and their lists now.
    for (const { documentId, locale } of announced) cdnPurgerOf(strapi).purge(releaseChangeKeys(documentId, [locale]));
    // A withdrawal now answers as canceled on the wire formats, where a 404 may have been kept since the write.
    if (announced.some(({ event }) => event === 'release.gone')) await responseCacheFor(strapi).clear();
    if (announced.length > 0) {
      strapi.log.info(`Go-live: ${announced.map((a) => `${a.event} ${a.documentId}/${a.locale}`).join(', ')}`);
      // The instance that announced a change tells the hubs, after the purge: a hub fetches the feed at once.
      if (websubHubs().length > 0)
        void pingHubs(
          strapi,
          announced.map(({ locale }) => locale),
        );
    }
    if (target) await deliverDueEvents(strapi, target);
  };

  const look = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await lookOnce();
        } catch (error) {
          // A database outage or a receiver that is down: the next look (the poll at the latest) tries again.
          strapi.log.warn(`Go-live look failed: ${error}`);
        }
        for (const { name, task } of tasks) {
          try {
            await task();
          } catch (error) {
            strapi.log.warn(`${name} failed: ${error}`);
          }
        }
      } while (again && !stopped);
      try {
        await schedule();
      } catch (error) {
        strapi.log.warn(`Go-live could not read the next embargo end: ${error}`);
        if (!stopped) nextTimer = setTimeout(() => look(), pollMs).unref();
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    kick() {
      if (stopped) return;
      kickTimer ??= setTimeout(() => {
        kickTimer = undefined;
        void look();
      }, AFTER_WRITE_MS);
    },
    async start() {
      stopped = false;
      // Not awaited: a receiver that is down must not hold up the start; the look's events wait in the outbox.
      void look();
    },
    async stop() {
      stopped = true;
      clearTimeout(kickTimer);
      clearTimeout(nextTimer);
      kickTimer = undefined;
      await running;
    },
    alsoOnEachLook(name, task) {
      tasks.push({ name, task });
    },
    async settled() {
      while (running || kickTimer) {
        await (running ?? new Promise((resolve) => setTimeout(resolve, AFTER_WRITE_MS)));
      }
    },
  };
}

export function goLiveOf(strapi: Core.Strapi): GoLive {
  return perApp(strapi, 'goLive', () => createGoLive(strapi));
}
