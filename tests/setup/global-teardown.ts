export default async function globalTeardown(): Promise<void> {
  const database = (globalThis as { __newsroomDatabase?: { stop(): Promise<void> } }).__newsroomDatabase;
  await database?.stop();
}
