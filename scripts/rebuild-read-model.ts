/**
 * npm run read-model:rebuild — writes every row of the public read model anew from the published releases
 * (src/read-side/read-model/). The app also brings the model in step at every start; this is for an operator
 * who changed the database behind the app's back and cannot restart it.
 */
import { rebuildReadModel } from '../src/read-side/read-model/read-model-rebuild';
import { runCli, runWithNewsroom } from './run-with-newsroom';

runCli(async () => {
  const started = Date.now();
  const documents = await runWithNewsroom((strapi) => rebuildReadModel(strapi));
  console.log(
    `Public read model: ${documents.toLocaleString('en')} releases projected in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
});
