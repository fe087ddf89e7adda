export default {
  routes: [
    {
      method: 'GET',
      path: '/search',
      handler: 'api::search.search.find',
    },
  ],
};
