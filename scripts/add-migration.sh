#!/usr/bin/env bash
# Adds an EF Core migration named $1 for both providers (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh AddQuestions
# A test (MigrationsTests) fails while either provider has model changes without a migration.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 MigrationName" >&2
  exit 64
fi
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$1" \
    --project "src/Assessa.Migrations.$provider" \
    --startup-project src/Assessa.Server \
    --output-dir Migrations \
    -- "$(echo "$provider" | tr '[:upper:]' '[:lower:]')"
done
