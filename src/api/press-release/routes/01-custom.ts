const publicFormat = (path: string, action: string) => ({
  method: 'GET' as const,
  path: `/press-releases/:documentId/${path}`,
  handler: `api::press-release.press-release.${action}`,
});

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
    publicFormat('jsonld', 'jsonld'),
    publicFormat('ninjs', 'ninjs'),
    publicFormat('newsml', 'newsml'),
    publicFormat('related', 'related'),
    publicFormat('press-kit.zip', 'pressKit'),
  ],
};
