#!/bin/sh
# docker-compose only: the official postgres image runs this once on an empty volume.
# The embedded stack creates the same database in apps/cli/src/stack/services/postgres.ts.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
create database "${REGISTRY_POSTGRES_DB:-registry}";
SQL
