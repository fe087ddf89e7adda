/** The press API: journalists' own routes (a Journalist's JWT; src/press-access/journalist-role.ts grants them). */
export default {
  routes: [
    { method: 'GET', path: '/press/agreement', handler: 'api::press.press.agreement' },
    { method: 'GET', path: '/press/accreditation', handler: 'api::press.press.accreditation' },
    { method: 'POST', path: '/press/accreditation', handler: 'api::press.press.requestAccreditation' },
    { method: 'GET', path: '/press/releases', handler: 'api::press.press.releases' },
    { method: 'GET', path: '/press/releases/:documentId', handler: 'api::press.press.release' },
    { method: 'GET', path: '/press/releases/:documentId/ninjs', handler: 'api::press.press.ninjs' },
    { method: 'GET', path: '/press/releases/:documentId/newsml', handler: 'api::press.press.newsml' },
    // A signed link is its own key (src/press-access/press-files.ts): no JWT needed, none of another journalist taken.
    { method: 'GET', path: '/press/files/:token', handler: 'api::press.press.file', config: { auth: false } },
    { method: 'GET', path: '/press/kits/:token', handler: 'api::press.press.kit', config: { auth: false } },
  ],
};
