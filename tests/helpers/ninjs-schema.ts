import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { PROJECT_ROOT } from './newsroom-app';

const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/ninjs/ninjs-schema_3.1.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
// The schema refers to GeoJSON's schema online for places' `geoJSON`; this run has no network and we emit no
// GeoJSON, so the reference resolves to a schema that accepts nothing: any geoJSON we wrote would fail.
ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', not: {} });

/** IPTC's ninjs 3.1 JSON schema, compiled (its errors on `.errors` after a call). */
export const validateNinjs = ajv.compile(schema);
