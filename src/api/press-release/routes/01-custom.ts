export default {
  routes: [
    {
      method: 'GET',
      path: '/press-releases/slug/:slug',
      handler: 'api::press-release.press-release.findBySlug',
      config: {
        middlewares: ['api::press-release.public-read'],
      },
    },
  ],
};
