// Fedify's CommonJS build requires `structured-field-values`, an ES module. Node loads it (require of ES modules);
// Jest's own module loader does not, so Jest is pointed here and this hands it Node's copy (newsroom-environment.ts).
module.exports = globalThis.__newsroomNativeRequire('structured-field-values');
