import { parentPort, workerData } from 'node:worker_threads';
import { readSchemas } from '../assets.js';
import type { RecordFile } from '../model/snapshot.js';
import { createSchemaRegistry } from '../validate/schema-registry.js';
import { checkRecordFile, type ParsePath } from '../validate/validate.js';

/** A worker thread's whole job: check its share of the record files and send the results back. */
const { files, parse } = workerData as { files: RecordFile[]; parse: ParsePath };
const schemas = createSchemaRegistry(readSchemas());
parentPort?.postMessage(files.map((file) => checkRecordFile(file, schemas, parse)));
