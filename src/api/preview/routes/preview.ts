export default {
  routes: [
    {
      method: 'GET',
      path: '/preview/press-releases/:documentId',
      handler: 'api::preview.preview.pressRelease',
      // No role grants this: the signed token in the query is the only key (see src/read-side/preview).
      config: { auth: false },
    },
  ],
};
