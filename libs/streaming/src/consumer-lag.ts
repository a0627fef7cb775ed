import type { Admin } from 'kafkajs';

export interface GroupLag {
  groupId: string;
  topic: string;
  /** Messages on the topic not yet committed by the group, over all partitions. */
  lag: number;
  /** Sum of the partitions' end offsets (how many messages the topic has taken in). */
  endOffsets: number;
}

/**
 * How far a consumer group is behind on one topic: end offset minus committed offset per
 * partition (a partition the group never committed counts from its start offset).
 */
export async function consumerGroupLag(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<GroupLag> {
  const [ends, [committed]] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedBy = new Map(
    (committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
  );
  let lag = 0;
  let endOffsets = 0;
  for (const partition of ends) {
    const end = Number(partition.high);
    const start = Number(partition.low);
    const done = committedBy.get(partition.partition) ?? -1;
    endOffsets += end;
    lag += end - (done >= 0 ? done : start);
  }
  return { groupId, topic, lag, endOffsets };
}
