import type { Knex } from 'knex';
import type { Client } from 'minio';
import type { AppConfig } from '@spotify-insights/config';
import { deadLetterTopicOf, manifestKey } from '@spotify-insights/ingestion';
import { LAKE_BUCKETS, listObjectKeys, removeBucketAndObjects } from '@spotify-insights/lake';
import { sourceTopic } from '@spotify-insights/schemas';
import { createKafka, valueSubject } from '@spotify-insights/streaming';
import type { LakeBuckets } from '@spotify-insights/transform';
import { createWarehouseDb, prepareWarehouse } from '@spotify-insights/warehouse';
import { bestEffort } from '../shared/best-effort.ts';

/*
 * What one run creates on the shared stack, named after the run: a topic standing in
 * for spotify.streaming-history.v1 (and its consumer group), three buckets, and a
 * migrated warehouse in a database of its own (which also holds the run's
 * app.import_files). The consumer lands the topic in the shared raw bucket under the
 * topic's own prefix; those objects are removed at the end like everything else.
 */
export interface ImportBenchResources {
  topic: string;
  groupId: string;
  buckets: LakeBuckets;
  database: string;
  db: Knex;
  remove(): Promise<string[]>;
}

const PARTITIONS = 3;

export async function createImportBenchResources(
  config: AppConfig,
  lake: Client,
  runTag: string,
): Promise<ImportBenchResources> {
  const topic = `bench.import.${runTag}.${sourceTopic('streaming-history')}`;
  const groupId = `bench-raw-lander.${topic}`;
  const buckets: LakeBuckets = {
    raw: `bench-import-raw-${runTag}`,
    processed: `bench-import-processed-${runTag}`,
    presentation: `bench-import-presentation-${runTag}`,
  };
  const database = `bench_import_${runTag.replaceAll('-', '_')}`;
  const admin = createWarehouseDb(config.warehouse, { poolMax: 1 });
  const url = new URL(config.warehouse.url);
  url.pathname = `/${database}`;
  const db = createWarehouseDb({ url: url.toString() }, { poolMax: 4 });

  const remove = async () => {
    const { problems, attempt } = bestEffort();
    const kafkaAdmin = createKafka(config.kafka).admin();
    await attempt('connect admin', () => kafkaAdmin.connect());
    await attempt('delete topics', () =>
      kafkaAdmin.deleteTopics({ topics: [topic, deadLetterTopicOf(topic)] }),
    );
    await attempt('delete consumer group', () => kafkaAdmin.deleteGroups([groupId]));
    await kafkaAdmin.disconnect().catch(() => undefined);
    await attempt(`delete subject ${valueSubject(topic)}`, async () => {
      const subject = `${config.schemaRegistry.url}/subjects/${encodeURIComponent(valueSubject(topic))}`;
      await fetch(subject, { method: 'DELETE' });
      await fetch(`${subject}?permanent=true`, { method: 'DELETE' });
    });
    await attempt(`remove raw objects of ${topic}`, async () => {
      const keys = await listObjectKeys(lake, LAKE_BUCKETS.raw, `${topic}/`);
      const manifests = Array.from({ length: PARTITIONS }, (_, p) =>
        manifestKey(groupId, topic, p),
      );
      await lake.removeObjects(LAKE_BUCKETS.raw, [...keys, ...manifests]);
    });
    for (const bucket of Object.values(buckets))
      await attempt(`remove bucket ${bucket}`, () => removeBucketAndObjects(lake, bucket));
    await attempt('close the warehouse pool', () => db.destroy());
    await attempt(`drop database ${database}`, () =>
      admin.raw('drop database if exists ?? with (force)', [database]),
    );
    await admin.destroy().catch(() => undefined);
    return problems;
  };

  try {
    for (const bucket of Object.values(buckets)) await lake.makeBucket(bucket);
    await admin.raw('create database ??', [database]);
    await prepareWarehouse(db, config.warehouse);
  } catch (error) {
    await remove();
    throw error;
  }
  return { topic, groupId, buckets, database, db, remove };
}

/**
 * The landed objects, server-side copied into the run's raw bucket under the real
 * topic's prefix, where the transform looks for them. A step of the benchmark's
 * isolation, not of the pipeline (the real consumer writes there directly): timed apart
 * and not counted.
 */
export async function copyLandedObjects(
  lake: Client,
  topic: string,
  rawBucket: string,
): Promise<{ objects: number; seconds: number }> {
  const started = performance.now();
  const keys = await listObjectKeys(lake, LAKE_BUCKETS.raw, `${topic}/`);
  const real = sourceTopic('streaming-history');
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      await lake.copyObject(rawBucket, key.replace(topic, real), `/${LAKE_BUCKETS.raw}/${key}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { objects: keys.length, seconds: (performance.now() - started) / 1000 };
}
