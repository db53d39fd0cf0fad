#!/usr/bin/env bash
# Prints the client properties of Kafka's admin user, its password the first argument: the login of docker-compose.yml's
# health check and of kafka-acls.sh, over TLS with the CA of ./kafka-tls/ (mounted at /etc/kafka/tls).
set -euo pipefail
cat <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$1";
ssl.truststore.type=PEM
ssl.truststore.location=/etc/kafka/tls/ca.crt
PROPERTIES
