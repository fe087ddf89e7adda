/**
 * Email subscriptions (src/delivery/subscriptions): anyone may ask; a subscriber's own links carry a signed token, so
 * no route needs a log-in. Every change is a POST; a link only shows a page.
 */
const open = { auth: false } as const;
const CONTROLLER = 'api::subscription.subscription';

export default {
  routes: [
    { method: 'POST', path: '/subscriptions', handler: `${CONTROLLER}.subscribe`, config: open },
    { method: 'GET', path: '/subscriptions/confirm', handler: `${CONTROLLER}.confirmPage`, config: open },
    { method: 'POST', path: '/subscriptions/confirm', handler: `${CONTROLLER}.confirm`, config: open },
    { method: 'GET', path: '/subscriptions/preferences', handler: `${CONTROLLER}.preferencesPage`, config: open },
    { method: 'POST', path: '/subscriptions/preferences', handler: `${CONTROLLER}.savePreferences`, config: open },
    { method: 'GET', path: '/subscriptions/data', handler: `${CONTROLLER}.data`, config: open },
    { method: 'GET', path: '/subscriptions/unsubscribe', handler: `${CONTROLLER}.unsubscribePage`, config: open },
    // RFC 8058's one-click POST (List-Unsubscribe-Post), and the page's button.
    { method: 'POST', path: '/subscriptions/unsubscribe', handler: `${CONTROLLER}.unsubscribe`, config: open },
    { method: 'POST', path: '/subscriptions/delete', handler: `${CONTROLLER}.unsubscribe`, config: open },
    // With MAIL_TRACKING=on: opens and clicks, counted per release (src/delivery/subscriptions/mail-tracking.ts).
    { method: 'GET', path: '/subscriptions/opened/:item', handler: `${CONTROLLER}.opened`, config: open },
    { method: 'GET', path: '/subscriptions/clicked/:item', handler: `${CONTROLLER}.clicked`, config: open },
    // A mail provider's bounces and complaints (its own shared secret: src/delivery/subscriptions/bounce-webhook.ts).
    { method: 'POST', path: '/subscriptions/mail-notices', handler: `${CONTROLLER}.mailNotice`, config: open },
  ],
};
