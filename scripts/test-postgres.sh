#!/usr/bin/env bash
# Makes a PostgreSQL server available to the test suite: installs it from Debian's packages if missing, starts the
# cluster, and creates the role the tests use (a superuser: each test creates and drops its own database).
# The suite reads AIDAO_TEST_DATABASE_URL (default postgres://aidao:aidao@127.0.0.1:5432/postgres).
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then pg_createcluster "$version" main >/dev/null; fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then pg_ctlcluster "$version" main start; fi
for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 && break; sleep 0.2; done
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'aidao'\"" | grep -q 1 ||
  su postgres -c "psql -q -c \"CREATE ROLE aidao LOGIN SUPERUSER PASSWORD 'aidao'\""
echo "PostgreSQL $version ready: postgres://aidao:aidao@127.0.0.1:5432/postgres"
