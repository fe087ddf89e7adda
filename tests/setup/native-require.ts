/** The global under which a test file finds Node's own `require` (set by tests/setup/newsroom-environment.ts). */
export const NATIVE_REQUIRE = '__newsroomNativeRequire';
