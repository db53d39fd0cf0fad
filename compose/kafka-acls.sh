#!/usr/bin/env bash
# docker-compose.yml's kafka-acls: gives each Kafka user the ACLs of what its service does, the same as the local
# stack's (KafkaAccess in local-stack; docs/security.md, "Kafka"), then waits, healthy. No user may change a topic's
# configuration: an operator does that as admin.
set -euo pipefail
config=/tmp/admin.properties
/opt/whatsapp/kafka-client.sh "$ADMIN_PASSWORD" > "$config"

acl() {
  /opt/kafka/bin/kafka-acls.sh --bootstrap-server kafka:9092 --command-config "$config" --add "$@" > /dev/null
}
raw=whatsapp.webhooks.raw
dlt=whatsapp.webhooks.raw-dlt
reprocess=whatsapp.webhooks.reprocess

# The ingest declares the raw topic and writes it, idempotently.
acl --allow-principal User:ingest --topic "$raw" --operation Write --operation Describe --operation Create --operation DescribeConfigs
acl --allow-principal User:ingest --allow-principal User:worker --allow-principal User:wa-ops --cluster --operation IdempotentWrite
# The worker reads the raw and reprocess topics in its groups, writes the dead letters and (the console) the reprocess topic.
acl --allow-principal User:worker --topic "$raw" --operation Read --operation Describe --operation Create --operation DescribeConfigs
acl --allow-principal User:worker --topic "$dlt" --topic "$reprocess" --operation Read --operation Write --operation Describe \
    --operation Create --operation DescribeConfigs
acl --allow-principal User:worker --allow-principal User:wa-ops --group whatsapp-worker --resource-pattern-type prefixed \
    --operation Read --operation Describe
# wa-ops: replay, redrive, import-django, kafka (add-partitions, disk usage), doctor.
acl --allow-principal User:wa-ops --topic "$raw" --topic "$dlt" --topic "$reprocess" --operation Read --operation Write \
    --operation Describe --operation DescribeConfigs --operation Alter
acl --allow-principal User:wa-ops --cluster --operation Describe

touch /tmp/acls-given
echo "kafka-acls: the ACLs of ingest, worker and wa-ops are in place"
# PID 1 gets no default signal handling: stop at once when compose stops the container.
trap 'exit 0' TERM INT
sleep infinity &
wait
