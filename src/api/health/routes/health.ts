export default {
  routes: [
    // Liveness is Strapi's own GET /_health (204). Readiness also asks the database.
    { method: 'GET', path: '/ready', handler: 'api::health.health.ready', config: { auth: false } },
  ],
};
